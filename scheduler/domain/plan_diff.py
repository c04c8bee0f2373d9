"""What a proposed plan changes against the current one, in the words a captain checks before
accepting a re-plan: walks moved, people swapped, walks added or dropped, shortfalls gained or lost.

Walks are matched by id: the planner keeps the ids of the walks it keeps, so a walk with the same
id in both plans is the same walk, perhaps moved or re-staffed; any other walk is new or dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scheduler.domain.plans import Plan, Shortfall, Walk


@dataclass(frozen=True)
class MovedWalk:
    walk: Walk  # as proposed
    start: datetime  # the current start


@dataclass(frozen=True)
class SwappedPeople:
    walk: Walk  # as proposed
    joining: tuple[str, ...]  # person ids on the proposed walk only
    leaving: tuple[str, ...]  # person ids on the current walk only
    coordinator: str | None  # the current coordinator where the proposal gives the walk another one


@dataclass(frozen=True)
class PlanDifferences:
    moved: tuple[MovedWalk, ...] = ()
    swapped: tuple[SwappedPeople, ...] = ()
    added: tuple[Walk, ...] = ()  # walks only the proposal has
    dropped: tuple[Walk, ...] = ()  # walks only the current plan has
    shortfalls_gained: tuple[Shortfall, ...] = ()  # periods short in the proposal only, or shorter
    shortfalls_lost: tuple[Shortfall, ...] = ()  # current shortfalls the proposal meets or narrows

    @property
    def unchanged(self) -> bool:
        return not (
            self.moved
            or self.swapped
            or self.added
            or self.dropped
            or self.shortfalls_gained
            or self.shortfalls_lost
        )


def plan_differences(current: Plan, proposed: Plan) -> PlanDifferences:
    """How `proposed` differs from `current` (both plans of the same month), in walk order."""
    before = {walk.id: walk for walk in current.walks}
    after = {walk.id: walk for walk in proposed.walks}
    kept = [(before[walk.id], walk) for walk in proposed.walks if walk.id in before]
    return PlanDifferences(
        moved=tuple(MovedWalk(new, old.start) for old, new in kept if old.start != new.start),
        swapped=tuple(swap for old, new in kept if (swap := _swap(old, new)) is not None),
        added=tuple(walk for walk in proposed.walks if walk.id not in before),
        dropped=tuple(walk for walk in current.walks if walk.id not in after),
        shortfalls_gained=_worse(proposed.shortfalls, current.shortfalls),
        shortfalls_lost=_worse(current.shortfalls, proposed.shortfalls),
    )


def _swap(old: Walk, new: Walk) -> SwappedPeople | None:
    joining = tuple(pid for pid in new.participants if pid not in old.participants)
    leaving = tuple(pid for pid in old.participants if pid not in new.participants)
    coordinator = old.coordinator if old.coordinator != new.coordinator else None
    if not (joining or leaving or coordinator):
        return None
    return SwappedPeople(new, joining, leaving, coordinator)


def _worse(shortfalls: tuple[Shortfall, ...], other: tuple[Shortfall, ...]) -> tuple[Shortfall, ...]:
    """The shortfalls of `shortfalls` that `other` does not have, or has with more walks planned."""
    planned = {(s.type, s.period): s.planned for s in other}
    return tuple(s for s in shortfalls if s.planned < planned.get((s.type, s.period), s.required))
