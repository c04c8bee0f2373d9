"""Writing a plan to the file a user names, in the format its ending names, all or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from scheduler.domain import Person, Plan
from scheduler.domain.errors import InputError
from scheduler.formats.files import write_atomically
from scheduler.formats.icalendar import plan_to_ics
from scheduler.formats.plan_csv import plan_to_csv
from scheduler.formats.plan_json import plan_to_json


def write_plan(
    plan: Plan,
    path: Path,
    people: Mapping[str, Person],
    walk_names: Mapping[str, str],
    district_name: str,
) -> None:
    """Write the plan in the format its suffix names; all or nothing, as DESIGN.md's rules require."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        text = plan_to_json(plan)
    elif suffix == ".csv":
        text = plan_to_csv(plan, people)
    elif suffix == ".ics":
        text = plan_to_ics(plan, people, walk_names, district_name)
    else:
        raise InputError(str(path), "a plan file must end in .json, .csv or .ics")
    try:
        write_atomically(path, text)
    except OSError as error:
        # a missing folder or a read-only share is the user's to fix: one line, not a traceback
        raise InputError(str(path), f"cannot write: {error.strerror or error}") from None
