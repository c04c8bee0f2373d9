"""Edits a person makes to a plan by hand, each a pure function: the plan before in, the plan after
and what the validator says about it out.

The app's undo commands call exactly these (undo is showing the plan before again), and the
command line can too. An edit that breaks a hard rule is still made: the person sees what it
breaks and decides, as in a spreadsheet that marks a bad cell instead of refusing the keystroke.
Each period's shortfall is brought up to date, so a plan never hides a minimum an edit left unmet.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from scheduler.domain import Plan, PlanningProblem, Shortfall, Walk
from scheduler.domain.errors import InputError, NotFound
from scheduler.domain.periods import all_periods
from scheduler.rules.post_incident import missing_walk, unwalked
from scheduler.rules.validator import Violation, validate

EDIT = "plan edit"  # names the request in InputError
MANUAL_SHORTFALL = "removed by hand"

_Change = Callable[[Walk], Walk]


@dataclass(frozen=True)
class Edited:
    """The edited plan, and the rules it breaks. These are worked out when first asked for (tens of
    milliseconds on a large plan), so that an app can show the edit at once and check it on a worker."""

    plan: Plan
    context: PlanningProblem = field(repr=False, compare=False)  # the rules the plan is checked against

    @cached_property
    def violations(self) -> tuple[Violation, ...]:
        """Every hard rule the edited plan breaks; empty when valid."""
        return tuple(validate(self.context, self.plan))

    @property
    def valid(self) -> bool:
        return not self.violations


def move_walk(problem: PlanningProblem, plan: Plan, *, walk_id: str, start: datetime) -> Edited:
    """Give the walk a new start (time-zone aware); its length stays."""
    if start.tzinfo is None:
        raise InputError(EDIT, "the new start needs a time zone", field="start")
    local = start.astimezone(ZoneInfo(plan.timezone))
    return _edit(problem, plan, walk_id, lambda walk: replace(walk, start=local))


def add_participant(problem: PlanningProblem, plan: Plan, *, walk_id: str, person_id: str) -> Edited:
    _check_person(problem, person_id)

    def add(walk: Walk) -> Walk:
        if person_id in walk.participants:
            raise InputError(EDIT, f"{person_id} is already on walk {walk.id}", field="person")
        return replace(walk, participants=(*walk.participants, person_id))

    return _edit(problem, plan, walk_id, add)


def remove_participant(problem: PlanningProblem, plan: Plan, *, walk_id: str, person_id: str) -> Edited:
    """Take someone off a walk; taking the coordinator off makes the next participant coordinator."""

    def remove(walk: Walk) -> Walk:
        rest = _others_on(walk, person_id)
        if not rest:
            raise InputError(
                EDIT, f"{person_id} is the only one on walk {walk.id}; delete the walk", field="person"
            )
        coordinator = walk.coordinator if walk.coordinator != person_id else rest[0]
        return replace(walk, participants=rest, coordinator=coordinator)

    return _edit(problem, plan, walk_id, remove)


def set_coordinator(problem: PlanningProblem, plan: Plan, *, walk_id: str, person_id: str) -> Edited:
    def lead(walk: Walk) -> Walk:
        return replace(walk, coordinator=person_id, participants=(person_id, *_others_on(walk, person_id)))

    return _edit(problem, plan, walk_id, lead)


def set_locked(problem: PlanningProblem, plan: Plan, *, walk_id: str, locked: bool) -> Edited:
    """A locked walk stays exactly as it is when the month is re-planned."""
    return _edit(problem, plan, walk_id, lambda walk: replace(walk, locked=locked))


def add_walk(
    problem: PlanningProblem,
    plan: Plan,
    *,
    walk_type: str,
    start: datetime,
    participants: Sequence[str],
    locked: bool = True,
) -> Edited:
    """An ad hoc walk, the first participant coordinating. Locked unless asked otherwise: a walk
    someone added by hand should survive the next re-plan."""
    try:
        minutes = problem.district.walk_type(walk_type).minutes
    except KeyError:
        raise NotFound(f"{problem.district.name} has no walk type {walk_type!r}", what="walk type") from None
    if not participants:
        raise InputError(EDIT, "a walk needs at least one participant", field="participants")
    if start.tzinfo is None:
        raise InputError(EDIT, "the start needs a time zone", field="start")
    for person_id in participants:
        _check_person(problem, person_id)
    walk = Walk(
        id=_new_id(plan),
        type=walk_type,
        start=start.astimezone(ZoneInfo(plan.timezone)),
        minutes=minutes,
        coordinator=participants[0],
        participants=tuple(dict.fromkeys(participants)),
        locked=locked,
    )
    walks = tuple(sorted((*plan.walks, walk), key=lambda w: (w.start, w.type, w.id)))
    return _checked(problem, replace(plan, walks=walks))


def delete_walk(problem: PlanningProblem, plan: Plan, *, walk_id: str) -> Edited:
    _walk(plan, walk_id)
    return _checked(problem, replace(plan, walks=tuple(w for w in plan.walks if w.id != walk_id)))


def check_plan(problem: PlanningProblem, plan: Plan) -> Edited:
    """What the validator says about a plan as it is (e.g. one loaded after the roster changed)."""
    return Edited(plan, _edit_context(problem))


def _edit(problem: PlanningProblem, plan: Plan, walk_id: str, change: _Change) -> Edited:
    walk = _walk(plan, walk_id)
    changed = change(walk)
    walks = tuple(
        sorted((changed if w.id == walk_id else w for w in plan.walks), key=lambda w: (w.start, w.type, w.id))
    )
    return _checked(problem, replace(plan, walks=walks))


def _checked(problem: PlanningProblem, plan: Plan) -> Edited:
    """The edited plan with its shortfalls brought up to date, and the rules it breaks. A hand-made
    plan's cost is no longer what the solver computed, so its quality is dropped."""
    context = _edit_context(problem)
    edited = replace(plan, shortfalls=_shortfalls(context, plan), quality=None)
    return Edited(edited, context)


def _edit_context(problem: PlanningProblem) -> PlanningProblem:
    """The rules a hand edit is checked against: the month's district, people and neighbours, and
    only the walks that already started held fixed (the person may unlock and move any other)."""
    now = problem.not_before
    past = tuple(walk for walk in problem.locked if now is not None and walk.start < now)
    return replace(problem, locked=past, previous=None)


def _shortfalls(problem: PlanningProblem, plan: Plan) -> tuple[Shortfall, ...]:
    """Each period still short after the edit, keeping the planner's reason where the period was
    short before and saying that walks were removed by hand otherwise."""
    tz = ZoneInfo(problem.district.timezone)
    reasons = {(s.type, s.period): s.reason for s in plan.shortfalls}
    result = []
    for period in all_periods(
        problem.district, problem.month, problem.neighbours, not_before=problem.not_before
    ):
        planned = period.count(plan.walks, tz)
        if planned < period.required:
            reason = reasons.get((period.walk_type, period.key), MANUAL_SHORTFALL)
            result.append(Shortfall(period.walk_type, period.key, period.required, planned, reason))
    result += [missing_walk(incident, plan.timezone) for incident in unwalked(problem, plan.walks)]
    return tuple(result)


def _walk(plan: Plan, walk_id: str) -> Walk:
    for walk in plan.walks:
        if walk.id == walk_id:
            return walk
    raise NotFound(f"plan {plan.month} has no walk {walk_id}", what="walk")


def _others_on(walk: Walk, person_id: str) -> tuple[str, ...]:
    """The walk's other participants; the person must be on it."""
    if person_id not in walk.participants:
        raise InputError(EDIT, f"{person_id} is not on walk {walk.id}", field="person")
    return tuple(pid for pid in walk.participants if pid != person_id)


def _check_person(problem: PlanningProblem, person_id: str) -> None:
    if person_id not in problem.people_by_id:
        raise NotFound(f"{person_id} is not on the roster of {problem.district.name}", what="person")


def _new_id(plan: Plan) -> str:
    """`h1`, `h2`...: walks added by hand are told apart from the planner's `w` ids at a glance."""
    taken = {walk.id for walk in plan.walks}
    return next(f"h{n}" for n in itertools.count(1) if f"h{n}" not in taken)
