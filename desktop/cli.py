"""The `beatwalk` command line: argv in, `scheduler.actions` called, lines printed. Nothing else.

`plan --roster FILE` and `incident add --roster FILE --plan FILE` work on files only. Without
`--roster`, and for `import` and `export`, the command works on the department database: `--db URL`
(default: `BEATWALK_DB`, else the SQLite file in the user's data folder) and `--district NAME`
(default: the database's only district).

Without a command the app opens (`--demo`: on a demo district).

Exit status: 0 done; 3 plan written but some minimums cannot be met; 2 bad input, or a plan saved
by someone else meanwhile (one line that names the file, row and field; nothing written, nothing
changed).
"""

from __future__ import annotations

import argparse
import contextlib
import shlex
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from desktop.arguments import EXIT_BAD_INPUT, EXIT_OK, EXIT_SHORTFALL, build_parser
from desktop.local_user import user_name, utc_now
from reports.kinds import DOCUMENTS, report_request
from scheduler import actions
from scheduler.actions import (
    BeatwalkError,
    Conflict,
    Database,
    DistrictRef,
    Ending,
    InputError,
    InputErrors,
    Month,
    MonthPlanned,
    NotFound,
    Plan,
    PlanResult,
    SolveRequest,
)

COMMAND_LINE = "command line"


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as done:  # --help (0) or a usage mistake (2, one line already printed)
        return done.code if isinstance(done.code, int) else EXIT_BAD_INPUT
    try:
        if args.demo and args.command is not None:
            raise InputError(COMMAND_LINE, "opens the app; give it without a command", field="--demo")
        if args.command is None:
            return _open_app(args)
        if args.command == "plan":
            _check_plan_options(args)
        _check_files_only(args)
        if args.command == "plan":
            if args.all_districts:
                return _plan_all_districts(args)
            return _plan_files(args) if args.roster else _plan_month(args)
        if args.command == "incident":
            return _incident_in_files(args) if args.roster or args.plan else _incident_in_store(args)
        if args.command == "import":
            return _import(args)
        if args.command == "export":
            return _export(args)
        return _report_document(args)  # the parser admits no other command
    except InputErrors as errors:
        for error in errors.errors:
            print(f"beatwalk: {error}", file=sys.stderr)
        count = f"{len(errors.errors)} mistake{'s' if len(errors.errors) != 1 else ''}"
        print(f"beatwalk: {errors.file}: {count}, nothing was imported", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BeatwalkError as error:
        print(f"beatwalk: {_with_hint(error, args)}", file=sys.stderr)
        return EXIT_BAD_INPUT


def _open_app(args: argparse.Namespace) -> int:
    """The app, loaded only now: the commands start without Qt."""
    from desktop.app import run

    return run(db=args.db, district=args.district, demo=args.demo)


def _with_hint(error: BeatwalkError, args: argparse.Namespace) -> str:
    """The action's message, with what to type next on this command line."""
    if isinstance(error, InputError) and error.file == actions.REQUEST:
        return str(InputError(COMMAND_LINE, error.message, error.row, error.field and f"--{error.field}"))
    out = getattr(args, "out", None)
    if isinstance(error, InputError) and out is not None and error.file == str(out) and not error.field:
        return str(InputError(error.file, error.message, error.row, "--out"))
    if isinstance(error, Conflict) and args.command == "import" and args.what == "roster":
        return f"{error} (if that is meant, import it again with --deactivate-missing)"
    if isinstance(error, NotFound) and error.what == "district":
        if not error.choices:
            return f"{error} (create one with 'beatwalk import settings DISTRICT.toml')"
        return f"{error} (choose one with --district NAME)"
    if isinstance(error, NotFound) and error.what == "plan":
        command = f"beatwalk{_district_option(args)} plan --month {error.key}"
        return f"{error} (plan it first with '{command}')"
    return str(error)


def _check_files_only(args: argparse.Namespace) -> None:
    """`plan --roster` and `incident add --roster --plan` read and write files only: a --db there
    would suggest the result goes into the database, which it does not."""
    roster, plan = getattr(args, "roster", None), getattr(args, "plan", None)
    files_only = (args.command == "plan" and roster) or (args.command == "incident" and (roster or plan))
    for option in ("db", "district"):
        if files_only and getattr(args, option) is not None:
            message = "works on the database; with --roster the command reads and writes files only"
            raise InputError(COMMAND_LINE, message, field=f"--{option}")
    if not files_only and getattr(args, "settings", None):
        message = (
            "goes with --roster only; put settings into the database with 'beatwalk import settings FILE'"
        )
        raise InputError(COMMAND_LINE, message, field="--settings")


def _check_plan_options(args: argparse.Namespace) -> None:
    """--all-districts plans the database's districts and saves them: no file, no single district."""
    if not args.all_districts:
        return
    for option in ("roster", "district", "out"):
        if getattr(args, option) is not None:
            message = "does not go with --all-districts, which plans and saves every district of the database"
            raise InputError(COMMAND_LINE, message, field=f"--{option}")


# --- Planning -------------------------------------------------------------------------------------


def _plan_files(args: argparse.Namespace) -> int:
    if args.out is None:
        raise InputError(
            COMMAND_LINE, "is required with --roster (the plan goes to no database)", field="--out"
        )
    planned = actions.plan_files(
        roster=args.roster, settings=args.settings, month=_month(args.month), out=args.out, solve=_solve(args)
    )
    print(f"{_planned(planned.result)}: {args.out}")
    return _report(planned)


def _plan_all_districts(args: argparse.Namespace) -> int:
    with _database(args) as db:
        planned = actions.plan_all_districts(
            db, month=_month(args.month), user=user_name(), solve=_solve(args), now=_now()
        )
    status = EXIT_OK
    for district in planned:
        assert district.saved is not None  # the command line never stops a search
        saved = f"saved as version {district.saved.version}"
        print(f"{district.district.name}: {_planned(district.result)}, {saved}")
        status = max(status, _report(district))
    return status


def _plan_month(args: argparse.Namespace) -> int:
    with _database(args) as db:
        district = _district(db, args)
        planned = actions.plan_month(
            db,
            district=district,
            month=_month(args.month),
            user=user_name(),
            out=args.out,
            solve=_solve(args),
            now=_now(),
        )
    assert planned.saved is not None  # the command line never stops a search
    where = f": {args.out}" if args.out else ""
    print(f"{_planned(planned.result)}, saved as version {planned.saved.version} of {district.name}{where}")
    return _report(planned)


ENDINGS = {
    Ending.OPTIMAL: "optimal",
    Ending.EFFORT: "effort used up",
    Ending.TIME_LIMIT: "time limit reached",
    Ending.STOPPED: "stopped",
}


def _planned(result: PlanResult) -> str:
    """The result line: how many walks, and what ended the search (only a proof or the effort
    promise the same plan for the same input and seed)."""
    quality = ENDINGS[result.ending] + ("" if result.optimal else f", within {result.gap:.1%} of optimal")
    return (
        f"{len(result.plan.walks)} walks planned for {result.plan.month} ({quality}, {result.seconds:.1f} s)"
    )


def _report(planned: MonthPlanned) -> int:
    _print_quality(planned.result.plan)
    return _report_shortfalls(planned.result.plan)


def _print_quality(plan: Plan) -> None:
    """The plan's cost by rule, one line each; missed minimums are printed as shortfalls below."""
    if plan.quality is None:
        return
    for term in plan.quality.terms:
        if term.rule != "missed_walk" and (term.amount or term.rule != "changed_walk"):
            print(f"  quality: {term.detail}")


def _report_shortfalls(plan: Plan) -> int:
    for shortfall in plan.shortfalls:
        print(f"  shortfall ({shortfall.planned} of {shortfall.required} planned): {shortfall.reason}")
    return EXIT_SHORTFALL if plan.shortfalls else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    month = _month(args.month)
    with _database(args) as db:
        district = _district(db, args)
        stored = actions.export_plan(db, district=district, month=month, out=args.out, now=_now())
    walks = len(stored.plan.walks)
    print(f"plan {month} of {district.name} (version {stored.version}, {walks} walks): {args.out}")
    return EXIT_OK


def _report_document(args: argparse.Namespace) -> int:
    """Print one of the month's documents from the stored plan: every argument is checked before
    the file is written, and a mistake writes nothing."""
    kind = DOCUMENTS[args.kind]
    for option, allowed in (("person", kind.takes_person), ("date", kind.takes_date)):
        if getattr(args, option) is not None and not allowed:
            raise InputError(COMMAND_LINE, f"does not go with 'report {args.kind}'", field=f"--{option}")
    if kind.needs_date and args.date is None:
        raise InputError(COMMAND_LINE, f"is required with 'report {args.kind}'", field="--date")
    month = _month(args.month)
    actions.check_document_output(args.out)
    with _database(args) as db:
        district = _district(db, args)
        documents = actions.month_documents(db, district=district, month=month)
    request = report_request(
        documents,
        now=_now(),
        agency=args.agency,
        page_size=args.page_size,
        person=actions.document_person(documents, args.person) if args.person is not None else None,
        day=actions.document_day(month, args.date) if args.date is not None else None,
    )
    from reports.catalog import write_report  # reportlab: loaded only when a document is printed

    size = write_report(args.kind, documents, request, args.out)
    print(f"{kind.title} for {month} of {district.name} ({size / 1024:.0f} KB): {args.out}")
    return EXIT_OK


# --- Imports --------------------------------------------------------------------------------------


def _import(args: argparse.Namespace) -> int:
    with _database(args) as db:
        if args.what == "settings":
            saved = actions.import_settings(db, path=args.file, expected_name=args.district)
            verb = "created" if saved.created else "updated"
            print(f"district {saved.district.name!r} {verb}: {db.url}")
            return EXIT_OK
        if args.what == "roster":
            chosen = _district(db, args) if args.district is not None else None
            summary = actions.import_roster(
                db, district=chosen, path=args.file, deactivate_most=args.deactivate_missing
            )
            print(
                f"{args.file}: {summary.added} added, {summary.updated} updated, {summary.unchanged} "
                f"unchanged, {summary.deactivated} now inactive ({', '.join(summary.districts)})"
            )
            return EXIT_OK
        district = _district(db, args)
        if args.what == "holidays":
            holidays = actions.import_holidays(db, district=district, path=args.file, now=_now())
            already = holidays.in_file - holidays.added
            print(f"{args.file}: {holidays.added} holidays added, {already} already there ({district.name})")
        elif args.what == "boundary":
            boundary = actions.import_boundary(db, district=district, path=args.file)
            parts = f"{boundary.polygons} polygon{'s' if boundary.polygons > 1 else ''}"
            verb = "replaced" if boundary.replaced else "saved"
            shape = f"{parts}, {boundary.points} points"
            print(f"{args.file}: neighborhood boundary of {district.name} {verb} ({shape})")
        elif args.what == "partners":
            partners = actions.import_partners(db, district=district, path=args.file)
            print(
                f"{args.file}: {partners.added} added, {partners.updated} updated, {partners.unchanged} "
                f"unchanged, {partners.deactivated} no longer invited ({district.name})"
            )
        elif args.what == "profile":
            _print_profile(actions.import_profile(db, district=district, path=args.file), district, args)
        else:
            imported = actions.import_incidents(db, district=district, path=args.file, now=_now())
            zone = ZoneInfo(actions.district_settings(db, district=district).timezone)
            _print_incidents(imported, district, zone, args)
    return EXIT_OK


def _print_profile(
    imported: actions.ProfileImported, district: DistrictRef, args: argparse.Namespace
) -> None:
    profile = imported.profile
    counts = (
        f"{len(profile.meeting_points)} meeting points, {len(profile.landmarks)} landmarks, "
        f"{len(profile.groups)} groups, {len(profile.events)} events, {len(profile.resources)} resources"
    )
    verb = "replaced" if imported.replaced else "saved"
    print(f"{args.file}: neighborhood profile of {district.name} {verb} ({counts})")


def _print_incidents(
    imported: actions.IncidentsImported, district: DistrictRef, zone: ZoneInfo, args: argparse.Namespace
) -> None:
    """What was recorded, and for each homicide or shooting whose walk is still due, the command
    that schedules it."""
    summary = imported.summary
    added = f"{summary.added} added"
    if summary.added:
        added += f" ({summary.outside} outside the neighborhood boundary, kept and flagged)"
    print(f"{args.file}: {added}, {summary.already_there} already there ({district.name})")
    if summary.added and not summary.has_boundary:
        print(
            "  no neighborhood boundary is stored, so none could be flagged as outside it "
            "(import one with 'beatwalk import boundary FILE.geojson')"
        )
    for incident in imported.walks_due:
        print(
            f"  {incident.kind} {incident.id} at {incident.occurred_at.astimezone(zone):%Y-%m-%d %H:%M} "
            f"needs a post-incident walk within 24 hours: "
            f"beatwalk{_district_option(args)} incident add --id {shlex.quote(incident.id)}"
        )


# --- Incidents ------------------------------------------------------------------------------------


def _incident_in_files(args: argparse.Namespace) -> int:
    for option in ("roster", "plan", "kind", "at", "out"):
        if getattr(args, option) is None:
            flag = "--type" if option == "kind" else f"--{option}"
            message = "is required with --roster and --plan (without both, the database's plan is used)"
            raise InputError(COMMAND_LINE, message, field=flag)
    for option in ("latitude", "longitude"):
        if getattr(args, option) is not None:
            message = "goes with the database only (a plan file keeps no incidents)"
            raise InputError(COMMAND_LINE, message, field=f"--{option}")
    added = actions.add_incident_walk_to_file(
        roster=args.roster,
        settings=args.settings,
        plan=args.plan,
        request=_request(args),
        out=args.out,
        solve=_solve(args),
    )
    return _print_incident_walk(added, args)


def _incident_in_store(args: argparse.Namespace) -> int:
    with _database(args) as db:
        district = _district(db, args)
        added = actions.add_incident_walk(
            db,
            district=district,
            request=_request(args),
            user=user_name(),
            out=args.out,
            solve=_solve(args),
            now=_now(),
        )
    if added.incident.outside:
        note = f"incident {added.incident.id} is outside the neighborhood boundary"
        print(f"beatwalk: note: {note}; its walk is scheduled as asked", file=sys.stderr)
    return _print_incident_walk(added, args)


def _print_incident_walk(added: actions.IncidentWalkAdded, args: argparse.Namespace) -> int:
    result, zone = added.result, ZoneInfo(added.district.timezone)
    walk = result.walk
    if walk is None:
        when = f"{added.incident.occurred_at.astimezone(zone):%Y-%m-%d %H:%M}"
        recorded = "" if args.roster else f"incident {added.incident.id} recorded, "
        if result.reason == actions.INCIDENT_OVER:
            print(f"{recorded}no post-incident walk: its 24 hours from {when} are over")
            return EXIT_OK
        print(f"beatwalk: {recorded}no post-incident walk: {result.reason} (from {when})", file=sys.stderr)
        return EXIT_SHORTFALL
    names = {person.id: person.label for person in added.people}
    saved = f"; saved as version {added.saved.version} of {added.district.name}" if added.saved else ""
    where = f": {added.out}" if added.out else ""
    meeting = f" at {walk.meeting_point}" if walk.meeting_point else ""
    print(
        f"post-incident walk {walk.id} at {walk.start.astimezone(zone):%Y-%m-%d %H:%M}{meeting}, "
        "coordinated by "
        f"{names.get(walk.coordinator, walk.coordinator)}; {result.changed_walks} other walk(s) changed"
        f"{saved}{where}"
    )
    if result.outside_walk_hours:
        print("  outside walk hours: no start inside them was left within its 24 hours")
    if walk.called_in:
        print(f"  called in off duty: {', '.join(names.get(pid, pid) for pid in walk.called_in)}")
    if walk.partners:
        print(f"  partners invited: {', '.join(walk.partners)}")
    for group in result.unmet_groups:
        print(f"  nobody on the roster can come from: {group}")
    return _report_shortfalls(result.plan)


def _request(args: argparse.Namespace) -> actions.IncidentRequest:
    latitude, longitude = (_coordinate(args, name) for name in ("latitude", "longitude"))
    return actions.IncidentRequest(
        id=args.id,
        kind=args.kind,
        at=args.at,
        address=args.address,
        latitude=latitude,
        longitude=longitude,
    )


def _coordinate(args: argparse.Namespace, name: str) -> float | None:
    text = getattr(args, name)
    if text is None:
        return None
    try:
        return actions.parse_coordinate(text, name)
    except ValueError as error:
        raise InputError(COMMAND_LINE, str(error), field=f"--{name}") from None


# --- Shared ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def _database(args: argparse.Namespace) -> Iterator[Database]:
    db = actions.open_department(args.db)
    if db.backup is not None:
        print(f"beatwalk: upgraded the database; the copy from before is {db.backup}", file=sys.stderr)
    try:
        yield db
    finally:
        db.close()


def _district(db: Database, args: argparse.Namespace) -> DistrictRef:
    return actions.find_district(db, name=args.district)


def _district_option(args: argparse.Namespace) -> str:
    district = getattr(args, "district", None)
    return f" --district {shlex.quote(district)}" if district is not None else ""


def _solve(args: argparse.Namespace) -> SolveRequest:
    return SolveRequest(time_limit=args.time_limit, effort=args.effort, seed=getattr(args, "seed", 0))


def _now() -> datetime:
    """The current time; a function of this module so that tests can fix it."""
    return utc_now()


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:
        raise InputError(COMMAND_LINE, str(error), field="--month") from None


if __name__ == "__main__":
    sys.exit(main())
