"""(3) Spread: a walk type's walks on different days, in different work weeks and at different
times of day, so a neighbourhood does not see the same walk twice in a row. The lowest rules but
one of `weights.Weights`; each adds to its own `Cost` of the district's `WalkModel`."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from scheduler.domain import Per
from scheduler.domain.periods import week_start_of
from scheduler.planning import costs
from scheduler.planning.candidates import Slot

if TYPE_CHECKING:
    from scheduler.planning.walk_model import WalkModel

# Boundaries (minutes after midnight) between morning, afternoon and evening walks.
TIME_OF_DAY_BOUNDS = (12 * 60, 16 * 60)


def add_spread(walk_model: WalkModel) -> None:
    """Walks of a type on different days and at different times of day."""
    tz = walk_model.tz
    week_start = walk_model.problem.district.week_start
    locked_days = Counter((w.type, w.start.astimezone(tz).date()) for w in walk_model.problem.locked)
    needed: Counter[tuple[str, date]] = Counter()
    same_day = walk_model.costs["second_walk_same_day"]
    parts: dict[tuple[str, date, int], list[Slot]] = defaultdict(list)
    for demand in walk_model.demands:
        type_key = demand.walk_type.key
        group = spread_group(demand.walk_type.per, demand.period.first, week_start)
        needed[(type_key, group)] += demand.required
        repeats = [
            walk_model.active[s.key]
            for s in demand.slots
            if s.index + locked_days[(s.walk_type.key, s.day)] > 0
        ]
        for active in repeats:
            same_day.add(active)
        same_day.ceiling += min(len(repeats), demand.required)
        for slot in demand.slots:
            for part in sorted({_part_of(start) for start in slot.starts}):
                parts[(type_key, group, part)].append(slot)
    _add_weeks_of_month(walk_model)
    for (type_key, group, part), slots in parts.items():
        fair_share = math.ceil(needed[(type_key, group)] / len(TIME_OF_DAY_BOUNDS) + 1)
        most = min(len(slots), needed[(type_key, group)]) - fair_share
        if most <= 0:
            continue  # no plan can crowd this part of the day
        members = [_in_part(walk_model, slot, part) for slot in slots]
        name = f"{type_key},{group},{part}"
        _add_crowding(walk_model, "crowded_time_of_day", name, members, fair_share, most)


def _add_weeks_of_month(walk_model: WalkModel) -> None:
    """A monthly type's walks in different work weeks (from the district's `week_start`), so
    the two district walks are not on consecutive days: each week holds its fair share at
    most (the walks over the weeks that have a slot, rounded up) before it costs."""
    week_start = walk_model.problem.district.week_start
    for demand in walk_model.demands:
        if demand.walk_type.per is not Per.MONTH or demand.required < 1:
            continue
        weeks: dict[date, list[cp_model.IntVar]] = defaultdict(list)
        for slot in demand.slots:
            weeks[week_start_of(slot.day, week_start)].append(walk_model.active[slot.key])
        share = math.ceil(demand.required / len(weeks)) if weeks else 0
        for week, actives in weeks.items():
            most = min(len(actives), demand.required) - share
            if most <= 0:
                continue  # no plan can crowd this week
            _add_crowding(walk_model, "crowded_week", f"{demand.walk_type.key},{week}", actives, share, most)


def _add_crowding(
    walk_model: WalkModel,
    rule: str,
    name: str,
    members: Sequence[cp_model.IntVar],
    share: int,
    most: int,
) -> None:
    """Charge the rule's cost one unit per walk among `members` above their `share` (at most
    `most` units, which its ceiling counts for the strict tiers)."""
    cost = walk_model.costs[rule]
    crowding = walk_model.model.new_int_var(0, most, f"{rule}[{name}]")
    walk_model.model.add(crowding >= sum(members) - share).with_name(f"{rule}[{name}]")
    walk_model.define(crowding, costs.excess_over(members, share))
    cost.add(crowding)
    cost.ceiling += most


def _in_part(walk_model: WalkModel, slot: Slot, part: int) -> cp_model.IntVar:
    """A literal true when the slot's walk is held and starts in that part of the day."""
    m, key = walk_model.model, slot.key
    active, start = walk_model.active[key], walk_model.start[key]
    name = f"{key},{part}"
    literal = m.new_bool_var(f"part_of_day[{name}]")
    m.add_implication(literal, active).with_name(f"part_of_day_held[{name}]")
    starts = [s for s in slot.starts if _part_of(s) == part]
    others = [s for s in slot.starts if _part_of(s) != part]
    walk_model.define(literal, costs.held_at(active, start, frozenset(starts)))
    m.add_linear_expression_in_domain(start, cp_model.Domain.from_values(starts)).only_enforce_if(
        literal
    ).with_name(f"part_of_day_start[{name}]")
    if others:
        m.add_linear_expression_in_domain(start, cp_model.Domain.from_values(others)).with_name(
            f"part_of_day_other_start[{name}]"
        ).only_enforce_if([active, ~literal])
    return literal


def spread_group(per: Per, day: date, week_start: int) -> date:
    """The span a type's walks are spread over: its month, or the district's work week."""
    return day.replace(day=1) if per is Per.MONTH else week_start_of(day, week_start)


def _part_of(start: int) -> int:
    return sum(1 for bound in TIME_OF_DAY_BOUNDS if start >= bound)
