"""The `beatwalk` command line: the same services as the app, for scripts and for captains who
prefer a terminal.

`plan --roster FILE` works on files only. Without `--roster`, and for `import` and `export`, the
command works on the department database: `--db URL` (default: `BEATWALK_DB`, else the SQLite file
in the user's data folder) and `--district NAME` (default: the database's only district).

Exit status: 0 done; 3 plan written but some minimums cannot be met; 2 bad input, or a plan saved
by someone else meanwhile (one line that names the file, row and field; nothing written, nothing
changed).
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import NoReturn
from zoneinfo import ZoneInfo

from scheduler.errors import InputError
from scheduler.exports import plan_from_json, write_plan
from scheduler.incidents import INCIDENT_KINDS, Incident, add_post_incident
from scheduler.model import District, Month, Person, Plan, PlanningProblem
from scheduler.planner import make_plan
from scheduler.roster import load_roster
from scheduler.settings import default_district, load_settings
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
    _add_inputs(plan, roster_required=False)
    plan.add_argument("--month", required=True, help="the month to plan, YYYY-MM")
    plan.add_argument("--out", required=True, type=Path, help="plan.json, plan.csv or plan.ics")
    plan.add_argument("--time-limit", type=float, default=20.0, help="seconds to search (default 20)")
    plan.add_argument("--seed", type=int, default=0, help="same input and seed give the same plan")
    _add_store_options(plan)

    incident = commands.add_parser("incident", help="post-incident walks")
    actions = incident.add_subparsers(dest="action", required=True, parser_class=_Parser)
    add = actions.add_parser("add", help="schedule a walk within 24 hours of a homicide or shooting")
    _add_inputs(add)
    add.add_argument("--plan", required=True, type=Path, help="the month's plan (JSON) to insert into")
    add.add_argument("--type", required=True, choices=INCIDENT_KINDS, dest="kind")
    add.add_argument("--at", required=True, help="when it happened, e.g. 2026-12-10T21:30 (local time)")
    add.add_argument("--id", default="", help="CAD incident number")
    add.add_argument("--address", default="")
    add.add_argument("--out", required=True, type=Path, help="where to write the updated plan")
    add.add_argument("--time-limit", type=float, default=10.0)

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

    export = commands.add_parser("export", help="write a month's stored plan to a file")
    export.add_argument("--month", required=True, help="the month, YYYY-MM")
    export.add_argument("--out", required=True, type=Path, help="plan.json, plan.csv or plan.ics")
    _add_store_options(export)
    return parser


def _add_inputs(parser: argparse.ArgumentParser, roster_required: bool = True) -> None:
    roster_help = "roster CSV" if roster_required else "roster CSV (without it: the district in the database)"
    parser.add_argument("--roster", required=roster_required, type=Path, help=roster_help)
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
            return _incident_add(args)
        if args.command == "import":
            return _import(args)
        if args.command == "export":
            return _export(args)
    except (InputError, StoreError, PlanConflict) as error:
        print(f"beatwalk: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    build_parser().print_help()
    return EXIT_OK


def _check_files_only(args: argparse.Namespace) -> None:
    """`plan --roster` and `incident add` read and write files only: a --db there would suggest the
    result goes into the database, which it does not."""
    files_only = args.command == "incident" or (args.command == "plan" and args.roster)
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
        people = active_people(db, district.name)
        stored = load_plan(db, district.name, month)
        previous, version = stored if stored else (None, None)
        neighbours = tuple(
            found[0]
            for other in (month.previous(), month.next())
            if (found := load_plan(db, district.name, other))
        )
        locked = tuple(walk for walk in previous.walks if walk.locked) if previous else ()
        problem = PlanningProblem(
            district, people, month, locked=locked, previous=previous, neighbours=neighbours
        )
        result = make_plan(problem, time_limit=args.time_limit, seed=args.seed)
        saved = save_plan(db, district.name, result.plan, version, _user())
        _write(result.plan, args.out, district, all_people(db, district.name))
    quality = "optimal" if result.optimal else f"within {result.gap:.1%} of optimal"
    print(
        f"{len(result.plan.walks)} walks planned for {month} ({quality}, {result.seconds:.1f} s), "
        f"saved as version {saved} of {district.name}: {args.out}"
    )
    return _report_shortfalls(result.plan)


def _import(args: argparse.Namespace) -> int:
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


def _user() -> str:
    """Who saved a plan, for the plan's history and for a colleague's conflict message."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown user"


def _incident_add(args: argparse.Namespace) -> int:
    district, people = _load(args)
    _check_output(args.out)
    try:
        plan = plan_from_json(args.plan.read_text(encoding="utf-8-sig"), str(args.plan))
    except OSError as error:
        raise InputError(str(args.plan), f"cannot read: {error.strerror}") from None
    occurred = _local_time(args.at, district.timezone)
    problem = PlanningProblem(district, people, plan.month, locked=tuple(w for w in plan.walks if w.locked))
    incident = Incident(args.id or occurred.strftime("%Y%m%d%H%M"), args.kind, occurred, args.address)
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
