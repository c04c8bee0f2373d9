"""Where a plan goes when the user names a file: checked before any work, written in full before the
database changes, and renamed into place only once the database has taken the change."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from scheduler.domain import District, Partner, Person, Plan
from scheduler.domain.errors import InputError
from scheduler.formats.icalendar import CalendarDetails
from scheduler.formats.plan_files import PlanLabels, commit_plan, stage_plan, write_plan

PLAN_SUFFIXES = (".json", ".csv", ".ics")


def check_output(
    out: Path,
    *,
    inputs: Sequence[Path | None] = (),
    suffixes: Sequence[str] = PLAN_SUFFIXES,
    what: str = "plan",
) -> None:
    """Refuse a bad output path before spending time on planning or changing the database: a wrong
    ending, a missing folder, a folder in its place, or one of the command's own input files (a
    plan written over the roster would lose the roster)."""
    endings = " or ".join((", ".join(suffixes[:-1]), suffixes[-1])) if len(suffixes) > 1 else suffixes[0]
    if out.suffix.lower() not in suffixes:
        raise InputError(str(out), f"a {what} file must end in {endings}")
    if not out.parent.is_dir():
        raise InputError(str(out), f"folder {out.parent} does not exist")
    if out.is_dir():
        raise InputError(str(out), f"is a folder; give a file name ending in {endings}")
    for given in inputs:
        if given is not None and _same_file(out, given):
            raise InputError(str(out), f"is the input file {given}; write the {what} to another file")


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve() or (one.exists() and one.samefile(other))
    except OSError:
        return False


@contextlib.contextmanager
def plan_file_on_success(
    plan: Plan,
    out: Path | None,
    district: District,
    people: Sequence[Person],
    calendar: CalendarDetails | None = None,
    partners: Sequence[Partner] = (),
) -> Iterator[None]:
    """Write the plan beside `out` first (so a file that cannot be written stops everything before
    the block runs), run the block (e.g. saving to the database), then rename the file into place;
    if the block fails, the file is discarded and `out` stays as it was."""
    if out is None:
        yield
        return
    labels = PlanLabels(*_lookups(district, people), partners, _calendar(district, calendar))
    staged = stage_plan(plan, out, labels)
    try:
        yield
    except BaseException:
        staged.discard()
        raise
    commit_plan(staged)


def write_plan_file(
    plan: Plan,
    out: Path,
    district: District,
    people: Sequence[Person],
    calendar: CalendarDetails | None = None,
    partners: Sequence[Partner] = (),
) -> None:
    write_plan(
        plan, out, *_lookups(district, people), partners=partners, calendar=_calendar(district, calendar)
    )


def _calendar(district: District, calendar: CalendarDetails | None) -> CalendarDetails:
    """Calendar descriptions name the call type the district logs walks under."""
    return replace(calendar or CalendarDetails(), call_type=district.walk_call_type)


def _lookups(district: District, people: Sequence[Person]) -> tuple[dict[str, Person], dict[str, str], str]:
    """What a plan file shows besides the plan: people's names, walk types' names, the district."""
    names = {walk_type.key: walk_type.name for walk_type in district.walk_types}
    return {person.id: person for person in people}, names, district.name
