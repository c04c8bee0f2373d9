"""The `beatwalk` command line: the same services as the app, for scripts and for captains who
prefer a terminal.

Exit status: 0 done; 3 plan written but some minimums cannot be met; 2 bad input (one line that
names the file, row and field; nothing written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
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

EXIT_OK, EXIT_BAD_INPUT, EXIT_SHORTFALL = 0, 2, 3


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are bad input too: one line and exit status 2, as DESIGN.md promises."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"beatwalk: {message} (see 'beatwalk --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="beatwalk", description="Plan, print and track community walks.")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    plan = commands.add_parser("plan", help="build a month's walk calendar from a roster")
    _add_inputs(plan)
    plan.add_argument("--month", required=True, help="the month to plan, YYYY-MM")
    plan.add_argument("--out", required=True, type=Path, help="plan.json, plan.csv or plan.ics")
    plan.add_argument("--time-limit", type=float, default=20.0, help="seconds to search (default 20)")
    plan.add_argument("--seed", type=int, default=0, help="same input and seed give the same plan")

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
    return parser


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--roster", required=True, type=Path, help="roster CSV")
    parser.add_argument("--settings", type=Path, help="district settings TOML (default: the guide's rules)")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "plan":
            return _plan(args)
        if args.command == "incident":
            return _incident_add(args)
    except InputError as error:
        print(f"beatwalk: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    build_parser().print_help()
    return EXIT_OK


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
