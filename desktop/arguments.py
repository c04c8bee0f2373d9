"""The `beatwalk` command line's arguments: commands, options, and the bounds of their values.

Kept apart from `cli.py`, which runs the commands, so that what a user may type is read in one place.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from reports.kinds import DEFAULT_PAGE_SIZE, DOCUMENTS, PAGE_SIZE_NAMES
from scheduler.actions import INCIDENT_KINDS

EXIT_OK, EXIT_BAD_INPUT, EXIT_SHORTFALL = 0, 2, 3


class _Parser(argparse.ArgumentParser):
    """Usage mistakes are bad input too: one line and exit status 2, as DESIGN.md promises."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"beatwalk: {message} (see 'beatwalk --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="beatwalk",
        description="Plan, print and track community walks. Without a command, the app opens.",
    )
    _add_store_options(parser, default=None)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the app on a complete demo district (in a throwaway database, or in --db URL)",
    )
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    plan = commands.add_parser("plan", help="build a month's walk calendar from a roster or the database")
    _add_inputs(plan)
    plan.add_argument("--month", required=True, help="the month to plan, YYYY-MM")
    plan.add_argument(
        "--out",
        type=Path,
        help="plan.json, plan.csv or plan.ics (optional with the database: it keeps the plan)",
    )
    plan.add_argument(
        "--all-districts",
        action="store_true",
        help="plan every district of the database in one search, nobody double-booked "
        "(saved only: write each out with 'beatwalk export')",
    )
    plan.add_argument(
        "--time-limit", type=_positive, default=20.0, help="seconds the command may take (default 20)"
    )
    plan.add_argument("--seed", type=_seed, default=0, help="same input and seed give the same plan")
    _add_effort(plan)
    _add_store_options(plan)

    incident = commands.add_parser("incident", help="post-incident walks")
    verbs = incident.add_subparsers(dest="action", required=True, parser_class=_Parser)
    add = verbs.add_parser(
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
    add.add_argument("--time-limit", type=_positive, default=10.0, help="seconds to re-plan (default 10)")
    _add_effort(add)
    _add_store_options(add)

    imports = commands.add_parser("import", help="read a file into the database")
    kinds = imports.add_subparsers(dest="what", required=True, parser_class=_Parser)
    for name, help_text, file_help in (
        ("roster", "the district's people (updates by id; missing people become inactive)", "roster CSV"),
        ("settings", "create a district, or update its settings and rules", "district settings TOML"),
        ("boundary", "the neighborhood's boundary (replaces the stored one)", "GeoJSON Polygon, WGS 84"),
        ("incidents", "homicides, shootings and other incidents (new ids only)", "incidents CSV"),
        ("holidays", "add days off from a calendar: no walks are planned on them", "iCalendar file (.ics)"),
        ("partners", "partners invited to post-incident walks (replaces the invited list)", "partners CSV"),
        ("profile", "the neighborhood's profile (replaces the stored one)", "neighborhood profile TOML"),
    ):
        kind = kinds.add_parser(name, help=help_text)
        kind.add_argument("file", type=Path, help=file_help)
        if name == "roster":
            kind.add_argument(
                "--deactivate-missing",
                action="store_true",
                help="allow a roster that makes more than half of the district's people inactive",
            )
        _add_store_options(kind)

    export = commands.add_parser("export", help="write a month's stored plan to a file")
    export.add_argument("--month", required=True, help="the month, YYYY-MM")
    export.add_argument("--out", required=True, type=Path, help="plan.json, plan.csv or plan.ics")
    _add_store_options(export)

    report = commands.add_parser("report", help="print a month's documents (PDF) from the database's plan")
    report.add_argument("kind", choices=tuple(DOCUMENTS), help="the document to print")
    report.add_argument("--month", required=True, help="the month, YYYY-MM")
    report.add_argument("--person", metavar="ID", help="one person's document (roster id)")
    report.add_argument("--date", metavar="YYYY-MM-DD", help="one day's document")
    report.add_argument(
        "--page-size",
        choices=PAGE_SIZE_NAMES,
        default=DEFAULT_PAGE_SIZE,
        help=f"paper size (default {DEFAULT_PAGE_SIZE})",
    )
    report.add_argument(
        "--agency",
        default="",
        metavar="NAME",
        help="the agency, printed on every page (default: the district's agency setting)",
    )
    report.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    _add_store_options(report)
    return parser


def _add_effort(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--effort",
        type=_positive,
        help="search effort in the solver's deterministic units: the same plan for the same input and "
        "seed on any machine, if it ends the search before --time-limit",
    )


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


MAX_SECONDS = 24 * 3600
MAX_SEED = 2**31 - 1  # the solver's seed is a 32-bit number


def _positive(text: str) -> float:
    """Seconds or effort units: more than 0 and at most a day's worth (not nan, not infinite)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= MAX_SECONDS:  # also false for nan
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0 and at most {MAX_SECONDS}")
    return value


def _seed(text: str) -> int:
    try:
        seed = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= seed <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"{text!r} must be from 0 to {MAX_SEED}")
    return seed
