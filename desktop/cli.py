"""The `beatwalk` command line: the same services as the app, for scripts and for captains who
prefer a terminal.

`plan --roster FILE` and `incident add --roster FILE --plan FILE` work on files only. Without
`--roster`, and for `import` and `export`, the command works on the department database: `--db URL`
(default: `BEATWALK_DB`, else the SQLite file in the user's data folder) and `--district NAME`
(default: the database's only district).

Exit status: 0 done; 3 plan written but some minimums cannot be met; 2 bad input, or a plan saved
by someone else meanwhile (one line that names the file, row and field; nothing written, nothing
changed).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import shlex
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn
from zoneinfo import ZoneInfo

from scheduler.domain import District, Month, Person, Plan, PlanningProblem
from scheduler.domain.errors import InputError, InputErrors
from scheduler.domain.incidents import INCIDENT_KINDS, WITHIN, Incident
from scheduler.formats.boundary import is_outside, read_boundary
from scheduler.formats.district_settings import default_district, load_settings
from scheduler.formats.incidents import coordinate, read_incidents
from scheduler.formats.plan_files import write_plan
from scheduler.formats.plan_json import plan_from_json
from scheduler.formats.roster import load_roster
from scheduler.planning.planner import make_plan
from scheduler.planning.post_incident import IncidentResult, add_post_incident
from scheduler.store import (
    Database,
    PlanConflict,
    StoreError,
    active_people,
    all_people,
    get_district,
    import_roster,
    load_plan,
    open_database,
    save_plan,
    save_settings,
)
from scheduler.store.neighborhood import (
    get_incident,
    import_incidents,
    load_boundary,
    post_incident_walk,
    save_boundary,
    save_post_incident,
)

EXIT_OK, EXIT_BAD_INPUT, EXIT_SHORTFALL = 0, 2, 3


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are bad input too: one line and exit status 2, as DESIGN.md promises."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"beatwalk: {message} (see 'beatwalk --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="beatwalk", description="Plan, print and track community walks.")
    _add_store_options(parser, default=None)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    plan = commands.add_parser("plan", help="build a month's walk calendar from a roster or the database")
    _add_inputs(plan)
    plan.add_argument("--month", required=True, help="the month to plan, YYYY-MM")
    plan.add_argument("--out", required=True, type=Path, help="plan.json, plan.csv or plan.ics")
    plan.add_argument("--time-limit", type=float, default=20.0, help="seconds to search (default 20)")
    plan.add_argument("--seed", type=int, default=0, help="same input and seed give the same plan")
    _add_store_options(plan)

    incident = commands.add_parser("incident", help="post-incident walks")
    actions = incident.add_subparsers(dest="action", required=True, parser_class=_Parser)
    add = actions.add_parser(
        "add",
        help="schedule a walk within 24 hours of a homicide or shooting, in the database's plan "
        "(or, with --roster and --plan, in a plan file)",
    )
    _add_inputs(add)
    add.add_argument("--plan", type=Path, help="the month's plan (JSON) to insert into; goes with --roster")
    add.add_argument("--type", choices=INCIDENT_KINDS, dest="kind", help="not needed for an imported --id")
    add.add_argument("--at", help="when it happened, e.g. 2026-12-10T21:30 (local time)")
    add.add_argument("--id", help="CAD incident number (in the database: an imported incident's id)")
    add.add_argument("--address", help="where it happened")
    add.add_argument("--latitude", help="where it happened, decimal degrees (database only)")
    add.add_argument("--longitude", help="where it happened, decimal degrees (database only)")
    add.add_argument("--out", type=Path, help="where to write the updated plan (required with --plan)")
    add.add_argument("--time-limit", type=float, default=10.0, help="seconds to re-plan (default 10)")
    _add_store_options(add)

    imports = commands.add_parser("import", help="read a file into the database")
    kinds = imports.add_subparsers(dest="what", required=True, parser_class=_Parser)
    roster = kinds.add_parser(
        "roster", help="the district's people (updates by id; missing people become inactive)"
    )
    roster.add_argument("file", type=Path, help="roster CSV")
    _add_store_options(roster)
    settings = kinds.add_parser("settings", help="create a district, or update its settings and rules")
    settings.add_argument("file", type=Path, help="district settings TOML")
    _add_store_options(settings)
    boundary = kinds.add_parser("boundary", help="the neighborhood's boundary (replaces the stored one)")
    boundary.add_argument("file", type=Path, help="GeoJSON Polygon or MultiPolygon, WGS 84")
    _add_store_options(boundary)
    incidents = kinds.add_parser("incidents", help="homicides, shootings and other incidents (new ids only)")
    incidents.add_argument("file", type=Path, help="incidents CSV")
    _add_store_options(incidents)

    export = commands.add_parser("export", help="write a month's stored plan to a file")
    export.add_argument("--month", required=True, help="the month, YYYY-MM")
    export.add_argument("--out", required=True, type=Path, help="plan.json, plan.csv or plan.ics")
    _add_store_options(export)
    return parser


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--roster", type=Path, help="roster CSV (without it: the district in the database)")
    parser.add_argument("--settings", type=Path, help="district settings TOML (default: the guide's rules)")


def _add_store_options(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    """On the main parser and on each command, so `beatwalk --db X plan` and `beatwalk plan --db X`
    both work; a command's copy only sets the value when given (SUPPRESS)."""
    parser.add_argument(
        "--db", default=default, metavar="URL", help="database URL (default: BEATWALK_DB or the user's file)"
    )
    parser.add_argument(
        "--district", default=default, metavar="NAME", help="the district (default: the only one)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        _check_files_only(args)
        if args.command == "plan":
            return _plan(args) if args.roster else _plan_from_store(args)
        if args.command == "incident":
            return _incident_add(args) if args.roster or args.plan else _incident_add_to_store(args)
        if args.command == "import":
            return _import(args)
        if args.command == "export":
            return _export(args)
    except InputErrors as errors:
        for error in errors.errors:
            print(f"beatwalk: {error}", file=sys.stderr)
        count = f"{len(errors.errors)} mistake{'s' if len(errors.errors) != 1 else ''}"
        print(f"beatwalk: {errors.file}: {count}, nothing was imported", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (InputError, StoreError, PlanConflict) as error:
        print(f"beatwalk: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    build_parser().print_help()
    return EXIT_OK


def _check_files_only(args: argparse.Namespace) -> None:
    """`plan --roster` and `incident add --roster --plan` read and write files only: a --db there
    would suggest the result goes into the database, which it does not."""
    roster, plan = getattr(args, "roster", None), getattr(args, "plan", None)
    files_only = (args.command == "plan" and roster) or (args.command == "incident" and (roster or plan))
    for option in ("db", "district"):
        if files_only and getattr(args, option) is not None:
            message = "works on the database; with --roster the command reads and writes files only"
            raise InputError("command line", message, field=f"--{option}")


def _load(args: argparse.Namespace) -> tuple[District, tuple[Person, ...]]:
    district = load_settings(args.settings) if args.settings else default_district()
    return district, load_roster(args.roster)


def _plan(args: argparse.Namespace) -> int:
    month = _month(args.month)
    district, people = _load(args)
    _check_output(args.out)
    result = make_plan(PlanningProblem(district, people, month), time_limit=args.time_limit, seed=args.seed)
    _write(result.plan, args.out, district, people)
    quality = "optimal" if result.optimal else f"within {result.gap:.1%} of optimal"
    print(
        f"{len(result.plan.walks)} walks planned for {month} ({quality}, {result.seconds:.1f} s): {args.out}"
    )
    return _report_shortfalls(result.plan)


def _plan_from_store(args: argparse.Namespace) -> int:
    """Plan the month for the district in the database and save it there, with a version check.

    A month planned before is re-planned around it: its locked walks stay, and so does every other
    walk that is still valid; the neighbouring months' stored plans complete the split weeks.
    """
    if args.settings:
        message = (
            "goes with --roster only; put settings into the database with 'beatwalk import settings FILE'"
        )
        raise InputError("command line", message, field="--settings")
    month = _month(args.month)
    _check_output(args.out)
    with _database(args) as db:
        _, district = get_district(db, args.district)
        problem, version = _stored_problem(db, district, month)
        result = make_plan(problem, time_limit=args.time_limit, seed=args.seed)
        saved = save_plan(db, district.name, result.plan, version, _user())
        _write(result.plan, args.out, district, all_people(db, district.name))
    quality = "optimal" if result.optimal else f"within {result.gap:.1%} of optimal"
    print(
        f"{len(result.plan.walks)} walks planned for {month} ({quality}, {result.seconds:.1f} s), "
        f"saved as version {saved} of {district.name}: {args.out}"
    )
    return _report_shortfalls(result.plan)


def _stored_problem(db: Database, district: District, month: Month) -> tuple[PlanningProblem, int | None]:
    """The month's planning problem from the database, and the stored plan's version (None: the
    month has no plan yet). The stored plan is the one to re-plan, its locked walks stay, and the
    neighbouring months' plans complete the weeks split between months."""
    stored = load_plan(db, district.name, month)
    previous, version = stored if stored else (None, None)
    neighbours = tuple(
        found[0]
        for other in (month.previous(), month.next())
        if (found := load_plan(db, district.name, other))
    )
    locked = tuple(walk for walk in previous.walks if walk.locked) if previous else ()
    people = active_people(db, district.name)
    problem = PlanningProblem(
        district, people, month, locked=locked, previous=previous, neighbours=neighbours
    )
    return problem, version


def _import(args: argparse.Namespace) -> int:
    if args.what == "boundary":
        return _import_boundary(args)
    if args.what == "incidents":
        return _import_incidents(args)
    if args.what == "settings":
        district = load_settings(args.file)
        if args.district is not None and args.district != district.name:
            message = f"names district {district.name!r}, but --district is {args.district!r}"
            raise InputError(str(args.file), message, field="name")
        with _database(args) as db:
            _, created = save_settings(db, district)
        print(f"district {district.name!r} {'created' if created else 'updated'}: {db.url}")
        return EXIT_OK
    people = load_roster(args.file)
    with _database(args) as db:
        _, district = get_district(db, args.district)
        summary = import_roster(db, district.name, people, str(args.file))
    print(
        f"{args.file}: {summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{summary.deactivated} now inactive ({district.name})"
    )
    return EXIT_OK


def _import_boundary(args: argparse.Namespace) -> int:
    boundary = read_boundary(args.file)
    with _database(args) as db:
        _, district = get_district(db, args.district)
        replaced = save_boundary(db, district.name, boundary)
    parts = len(boundary.polygons)
    points = sum(len(ring) - 1 for polygon in boundary.polygons for ring in polygon)
    shape = f"{parts} polygon{'s' if parts > 1 else ''}, {points} points"
    verb = "replaced" if replaced else "saved"
    print(f"{args.file}: neighborhood boundary of {district.name} {verb} ({shape})")
    return EXIT_OK


def _import_incidents(args: argparse.Namespace) -> int:
    """Records the incidents only. A walk is not scheduled here: a file often holds history, whose
    walks can no longer happen, and re-planning months inside an import would make it neither
    quick nor all or nothing. Each new homicide or shooting in the neighborhood whose 24 hours are
    not over yet is listed with the command that schedules its walk."""
    with _database(args) as db:
        _, district = get_district(db, args.district)
        incidents = read_incidents(args.file, district.timezone)
        summary = import_incidents(db, district.name, incidents, str(args.file))
    added = f"{summary.added} added"
    if summary.added:
        added += f" ({summary.outside} outside the neighborhood boundary, kept and flagged)"
    print(f"{args.file}: {added}, {summary.already_there} already there ({district.name})")
    if summary.added and not summary.has_boundary:
        print(
            "  no neighborhood boundary is stored, so none could be flagged as outside it "
            "(import one with 'beatwalk import boundary FILE.geojson')"
        )
    now = _now()
    zone = ZoneInfo(district.timezone)
    choose = f" --district {shlex.quote(args.district)}" if args.district is not None else ""
    for incident in summary.new:
        if incident.needs_walk and now < incident.occurred_at + WITHIN:
            print(
                f"  {incident.kind} {incident.id} at {incident.occurred_at.astimezone(zone):%Y-%m-%d %H:%M} "
                f"needs a post-incident walk within 24 hours: "
                f"beatwalk{choose} incident add --id {shlex.quote(incident.id)}"
            )
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    month = _month(args.month)
    _check_output(args.out)
    with _database(args) as db:
        _, district = get_district(db, args.district)
        stored = load_plan(db, district.name, month)
        if stored is None:
            hint = f"make one with 'beatwalk plan --month {month} --out FILE'"
            message = f"has no plan for {month} in {district.name} ({hint})"
            raise InputError(db.url, message, field="--month")
        plan, version = stored
        _write(plan, args.out, district, all_people(db, district.name))
    print(f"plan {month} of {district.name} (version {version}, {len(plan.walks)} walks): {args.out}")
    return EXIT_OK


@contextlib.contextmanager
def _database(args: argparse.Namespace) -> Iterator[Database]:
    db = open_database(args.db)
    if db.backup is not None:
        print(f"beatwalk: upgraded the database; the copy from before is {db.backup}", file=sys.stderr)
    try:
        yield db
    finally:
        db.close()


def _now() -> datetime:
    """The current time; a function so that tests can fix it."""
    return datetime.now(UTC)


def _user() -> str:
    """Who saved a plan, for the plan's history and for a colleague's conflict message."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown user"


def _incident_add(args: argparse.Namespace) -> int:
    """The file mode: the plan comes from --plan and the updated plan goes to --out."""
    for option in ("roster", "plan", "kind", "at", "out"):
        if getattr(args, option) is None:
            name = "--type" if option == "kind" else f"--{option}"
            message = "is required with --roster and --plan (without both, the database's plan is used)"
            raise InputError("command line", message, field=name)
    for option in ("latitude", "longitude"):
        if getattr(args, option) is not None:
            message = "goes with the database only (a plan file keeps no incidents)"
            raise InputError("command line", message, field=f"--{option}")
    district, people = _load(args)
    _check_output(args.out)
    try:
        plan = plan_from_json(args.plan.read_text(encoding="utf-8-sig"), str(args.plan))
    except OSError as error:
        raise InputError(str(args.plan), f"cannot read: {error.strerror}") from None
    occurred = _local_time(args.at, district.timezone)
    problem = PlanningProblem(district, people, plan.month, locked=tuple(w for w in plan.walks if w.locked))
    incident = Incident(args.id or occurred.strftime("%Y%m%d%H%M"), args.kind, occurred, args.address or "")
    result = add_post_incident(problem, plan, incident, time_limit=args.time_limit)
    if result.walk is None:
        print(
            f"beatwalk: no community policing unit member is on duty within 24 hours of {args.at}",
            file=sys.stderr,
        )
        return EXIT_SHORTFALL
    _write(result.plan, args.out, district, people)
    local = result.walk.start.astimezone(ZoneInfo(district.timezone))
    print(
        f"post-incident walk {result.walk.id} at {local:%Y-%m-%d %H:%M}, coordinated by "
        f"{result.walk.coordinator}; {result.changed_walks} other walk(s) changed: {args.out}"
    )
    for group in result.unmet_groups:
        print(f"  nobody on duty from: {group}")
    return _report_shortfalls(result.plan)


def _incident_add_to_store(args: argparse.Namespace) -> int:
    """The database mode: record the incident, put its walk into the stored plan of its month,
    re-plan around it changing as few walks as possible, and save with the version check."""
    if args.settings:
        message = "goes with --roster only; the database's district uses its own settings"
        raise InputError("command line", message, field="--settings")
    if args.out is not None:
        _check_output(args.out)
    with _database(args) as db:
        _, district = get_district(db, args.district)
        zone = ZoneInfo(district.timezone)
        incident = _incident(db, district, args)
        if incident.outside:
            note = (
                f"incident {incident.id} is outside the neighborhood boundary; its walk is scheduled as asked"
            )
            print(f"beatwalk: note: {note}", file=sys.stderr)
        result, version = _place_walk(db, district, incident, args.time_limit)
        if result.walk is None:
            import_incidents(db, district.name, (incident,), "command line")
            when = f"{incident.occurred_at.astimezone(zone):%Y-%m-%d %H:%M}"
            print(
                f"beatwalk: incident {incident.id} recorded, but no community policing unit member "
                f"is on duty within 24 hours of {when}",
                file=sys.stderr,
            )
            return EXIT_SHORTFALL
        walk = result.walk
        saved = save_post_incident(db, district.name, incident, result.plan, version, walk.id, _user())
        people = all_people(db, district.name)
        if args.out is not None:
            _write(result.plan, args.out, district, people)
    coordinator = next((person.label for person in people if person.id == walk.coordinator), walk.coordinator)
    print(
        f"post-incident walk {walk.id} at {walk.start.astimezone(zone):%Y-%m-%d %H:%M}, coordinated by "
        f"{coordinator}; {result.changed_walks} other walk(s) changed; "
        f"saved as version {saved} of {district.name}" + (f": {args.out}" if args.out else "")
    )
    for group in result.unmet_groups:
        print(f"  nobody on duty from: {group}")
    return _report_shortfalls(result.plan)


def _place_walk(
    db: Database, district: District, incident: Incident, time_limit: float
) -> tuple[IncidentResult, int | None]:
    """The re-planned month with the incident's walk, and the version it was loaded at.

    The walk goes into the plan of the month it falls in, which is the next month when the 24
    hours run past midnight at a month's end: then the next month is re-planned instead. Both
    months' walks count as busy in either run, so the second run picks the same time.
    """
    walk = post_incident_walk(db, district.name, incident.id)
    if walk is not None:
        when = f"{walk.start:%Y-%m-%d %H:%M}"
        message = f"incident {incident.id} already has its post-incident walk {walk.id} on {when}"
        raise InputError(db.url, message, field="--id")
    zone = ZoneInfo(district.timezone)
    month = _month_of(incident.occurred_at, zone)
    problem, plan, version = _stored_month(db, district, month, incident)
    result = add_post_incident(problem, plan, incident, time_limit=time_limit)
    if result.walk is not None and _month_of(result.walk.start, zone) != month:
        problem, plan, version = _stored_month(db, district, _month_of(result.walk.start, zone), incident)
        result = add_post_incident(problem, plan, incident, time_limit=time_limit)
    return result, version


def _stored_month(
    db: Database, district: District, month: Month, incident: Incident
) -> tuple[PlanningProblem, Plan, int | None]:
    """The stored month to fit a post-incident walk into; a month never planned is refused, since
    the walk must be fitted around the month's other walks."""
    problem, version = _stored_problem(db, district, month)
    if problem.previous is None:
        hint = f"plan it first with 'beatwalk plan --month {month} --out FILE'"
        message = (
            f"has no plan for {month} in {district.name}, where the walk after incident {incident.id} goes"
        )
        raise InputError(db.url, f"{message} ({hint})")
    return problem, problem.previous, version


def _incident(db: Database, district: District, args: argparse.Namespace) -> Incident:
    """The incident --id names in the database, or a new one from the options (not stored yet)."""
    stored = get_incident(db, district.name, args.id) if args.id else None
    occurred = _local_time(args.at, district.timezone) if args.at else None
    latitude, longitude = _coordinates(args)
    if stored is not None:
        given = {
            "--type": (args.kind, stored.kind),
            "--at": (occurred, stored.occurred_at),
            "--address": (args.address, stored.address),
            "--latitude": (latitude, stored.latitude),
            "--longitude": (longitude, stored.longitude),
        }
        for option, (mine, theirs) in given.items():
            if mine is not None and mine != theirs:
                message = (
                    f"incident {stored.id} is stored with {option.removeprefix('--')} {theirs}; "
                    f"leave {option} out to use the stored incident, or give another --id"
                )
                raise InputError("command line", message, field=option)
        if stored.kind not in INCIDENT_KINDS:
            message = (
                f"incident {stored.id} is a {stored.kind}; post-incident walks follow homicides and shootings"
            )
            raise InputError("command line", message, field="--id")
        return stored
    if args.kind is None or occurred is None:
        where = f"{district.name} has no incident {args.id!r}, so" if args.id else "for a new incident"
        message = f"{where} --type and --at are required"
        raise InputError("command line", message, field="--type" if args.kind is None else "--at")
    incident = Incident(
        args.id or occurred.strftime("%Y%m%d%H%M"),
        args.kind,
        occurred,
        args.address or "",
        latitude,
        longitude,
    )
    return replace(incident, outside=is_outside(load_boundary(db, district.name), latitude, longitude))


def _coordinates(args: argparse.Namespace) -> tuple[float | None, float | None]:
    if (args.latitude is None) != (args.longitude is None):
        missing = "--longitude" if args.longitude is None else "--latitude"
        raise InputError("command line", "give --latitude and --longitude together", field=missing)
    if args.latitude is None:
        return None, None
    values = []
    for option in ("latitude", "longitude"):
        try:
            values.append(coordinate(getattr(args, option), option))
        except ValueError as error:
            raise InputError("command line", str(error), field=f"--{option}") from None
    return values[0], values[1]


def _month_of(moment: datetime, zone: ZoneInfo) -> Month:
    local = moment.astimezone(zone)
    return Month(local.year, local.month)


def _report_shortfalls(plan: Plan) -> int:
    for shortfall in plan.shortfalls:
        print(f"  shortfall ({shortfall.planned} of {shortfall.required} planned): {shortfall.reason}")
    return EXIT_SHORTFALL if plan.shortfalls else EXIT_OK


def _write(plan: Plan, out: Path, district: District, people: Sequence[Person]) -> None:
    names = {walk_type.key: walk_type.name for walk_type in district.walk_types}
    try:
        write_plan(plan, out, {p.id: p for p in people}, names, district.name)
    except OSError as error:
        raise InputError(str(out), f"cannot write: {error.strerror}", field="--out") from None


def _check_output(out: Path) -> None:
    """Refuse a bad --out before spending time on planning."""
    if out.suffix.lower() not in (".json", ".csv", ".ics"):
        raise InputError(str(out), "output must end in .json, .csv or .ics", field="--out")
    if not out.parent.exists():
        raise InputError(str(out), f"folder {out.parent} does not exist", field="--out")


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:
        raise InputError("command line", str(error), field="--month") from None


def _local_time(text: str, timezone: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            "command line", f"'{text}' is not a date and time like 2026-12-10T21:30", field="--at"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(timezone))


if __name__ == "__main__":
    sys.exit(main())
