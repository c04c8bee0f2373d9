"""Turning chosen slots into a plan: walk ids, aware start times, shortfalls, and what changed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from zoneinfo import ZoneInfo

from scheduler.domain import Plan, PlanningProblem, Shortfall, Walk
from scheduler.planning.candidates import Demand, Slot, local_day, slot_key, walk_start


@dataclass(frozen=True)
class Assignment:
    """A filled slot: its start minute and its people, the coordinator first."""

    slot: Slot
    start: int
    people: tuple[str, ...]


def previous_slot_ids(problem: PlanningProblem, demands: Sequence[Demand]) -> dict[str, Walk]:
    """Map each slot to the previous plan's walk it stands for (same type and day, in start order),
    so a re-plan can keep walk ids and count changes."""
    if problem.previous is None:
        return {}
    tz = ZoneInfo(problem.district.timezone)
    slots = {slot.key: slot for demand in demands for slot in demand.slots}
    mapping: dict[str, Walk] = {}
    earlier = sorted((w for w in problem.previous.walks if not w.locked), key=lambda w: w.start)
    index: dict[tuple[str, date], int] = {}
    for walk in earlier:
        day = local_day(walk, tz)
        n = index.get((walk.type, day), 0)
        index[(walk.type, day)] = n + 1
        key = slot_key(walk.type, day, n)
        if key in slots:
            mapping[key] = walk
    return mapping


def assemble_plan(
    problem: PlanningProblem, demands: Sequence[Demand], assignments: Iterable[Assignment]
) -> Plan:
    """The plan of the locked walks and the assignments; each demand left short becomes a
    shortfall, its reason left for `with_reasons` (worked out only for the plan that is kept)."""
    tz = ZoneInfo(problem.district.timezone)
    previous = previous_slot_ids(problem, demands)
    taken = {w.id for w in problem.locked} | {w.id for w in previous.values()}
    fresh = _fresh_ids(taken)
    walks = list(problem.locked)
    planned: dict[tuple[str, str], int] = {}
    for a in sorted(assignments, key=lambda a: (a.slot.day, a.start, a.slot.walk_type.key)):
        old = previous.get(a.slot.key)
        walks.append(
            Walk(
                id=old.id if old else next(fresh),
                type=a.slot.walk_type.key,
                start=walk_start(a.slot, a.start, tz),
                minutes=a.slot.walk_type.minutes,
                coordinator=a.people[0],
                participants=a.people,
            )
        )
        period = (a.slot.walk_type.key, a.slot.period.key)
        planned[period] = planned.get(period, 0) + 1
    shortfalls = []
    for demand in demands:
        done = demand.locked + planned.get((demand.walk_type.key, demand.period.key), 0)
        if done < demand.period.required:
            shortfalls.append(
                Shortfall(demand.walk_type.key, demand.period.key, demand.period.required, done, "")
            )
    walks.sort(key=lambda w: (w.start, w.type, w.id))
    return Plan(problem.month, problem.district.timezone, tuple(walks), tuple(shortfalls))


def with_reasons(plan: Plan, demands: Sequence[Demand], explain: Callable[[Demand, int], str]) -> Plan:
    """The plan with each shortfall's reason, `explain(demand, planned)`."""
    by_period = {(d.walk_type.key, d.period.key): d for d in demands}
    shortfalls = tuple(
        replace(s, reason=explain(by_period[(s.type, s.period)], s.planned)) for s in plan.shortfalls
    )
    return replace(plan, shortfalls=shortfalls)


def _fresh_ids(taken: set[str]) -> Iterator[str]:
    numbers = [int(m.group(1)) for wid in taken if (m := re.fullmatch(r"w(\d+)", wid))]
    n = max(numbers, default=0)
    while True:
        n += 1
        if f"w{n}" not in taken:
            yield f"w{n}"


def walk_signature(walk: Walk) -> tuple[object, ...]:
    return (walk.type, walk.start, walk.minutes, walk.coordinator, frozenset(walk.participants))


def changed_walks(before: Plan | None, after: Plan) -> int:
    """How many walks of `before` are not in `after` exactly as they were."""
    if before is None:
        return 0
    kept = {walk_signature(w) for w in after.walks}
    return sum(1 for w in before.walks if walk_signature(w) not in kept)
