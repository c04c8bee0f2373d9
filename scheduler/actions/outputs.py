"""Where a plan goes when the user names a file: checked before any work, written all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scheduler.domain import District, Person, Plan
from scheduler.domain.errors import InputError
from scheduler.formats.plan_files import write_plan

PLAN_SUFFIXES = (".json", ".csv", ".ics")


def check_output(out: Path) -> None:
    """Refuse a bad output path before spending time on planning or changing the database."""
    if out.suffix.lower() not in PLAN_SUFFIXES:
        raise InputError(str(out), "a plan file must end in .json, .csv or .ics")
    if not out.parent.exists():
        raise InputError(str(out), f"folder {out.parent} does not exist")


def write_plan_file(plan: Plan, out: Path, district: District, people: Sequence[Person]) -> None:
    names = {walk_type.key: walk_type.name for walk_type in district.walk_types}
    write_plan(plan, out, {person.id: person for person in people}, names, district.name)
