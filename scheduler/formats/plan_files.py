"""Writing a plan to the file a user names, in the format its ending names, all or nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scheduler.domain import Partner, Person, Plan
from scheduler.domain.errors import InputError
from scheduler.formats.files import StagedFile
from scheduler.formats.icalendar import CalendarDetails, plan_to_ics
from scheduler.formats.plan_csv import plan_to_csv
from scheduler.formats.plan_json import plan_to_json


@dataclass(frozen=True)
class PlanLabels:
    """What a plan file shows besides the plan: people's names, walk types' names, the district;
    `partners` (their emails) and `calendar` matter to .ics only."""

    people: Mapping[str, Person]
    walk_names: Mapping[str, str]
    district_name: str
    partners: Sequence[Partner] = ()
    calendar: CalendarDetails = field(default_factory=CalendarDetails)


def render_plan(plan: Plan, path: Path, labels: PlanLabels) -> str:
    """The plan's text in the format the file name's suffix names."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return plan_to_json(plan)
    if suffix == ".csv":
        return plan_to_csv(plan, labels.people)
    if suffix == ".ics":
        calendar = labels.calendar
        return plan_to_ics(
            plan,
            labels.people,
            labels.walk_names,
            labels.district_name,
            calendar.stamp,
            calendar.call_type,
            calendar_id=calendar.calendar_id,
            meeting_points=calendar.meeting_points,
            partners=labels.partners,
        )
    raise InputError(str(path), "a plan file must end in .json, .csv or .ics")


def stage_plan(plan: Plan, path: Path, labels: PlanLabels) -> StagedFile:
    """The plan written in full beside `path`, to be committed (renamed into place) or discarded:
    a file that cannot be written is known before anything else changes."""
    text = render_plan(plan, path, labels)
    try:
        return StagedFile(path, text)
    except OSError as error:
        # a missing folder or a read-only share is the user's to fix: one line, not a traceback
        raise InputError(str(path), f"cannot write: {error.strerror or error}") from None


def write_plan(
    plan: Plan,
    path: Path,
    people: Mapping[str, Person],
    walk_names: Mapping[str, str],
    district_name: str,
    *,
    partners: Sequence[Partner] = (),
    calendar: CalendarDetails | None = None,
) -> None:
    """Write the plan in the format its suffix names; all or nothing, as DESIGN.md's rules require."""
    labels = PlanLabels(people, walk_names, district_name, partners, calendar or CalendarDetails())
    commit_plan(stage_plan(plan, path, labels))


def commit_plan(staged: StagedFile) -> None:
    """Rename a staged plan into place; a failure discards it and is one line for the user."""
    try:
        staged.commit()
    except OSError as error:
        staged.discard()
        raise InputError(str(staged.target), f"cannot write: {error.strerror or error}") from None
