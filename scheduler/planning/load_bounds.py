"""Bounds on how many walks one person can be given, worked out from the slots before solving.

The busiest officer's load is a penalised variable: the closer its domain is to the truth, the
sooner the solver proves a plan optimal, and the smaller its rule's ceiling, the smaller the weights
of the tiers above it (`Weights.tiered`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import combinations

from scheduler.domain import PlanningProblem, Rank, Unit
from scheduler.planning.candidates import Demand


def most_walks(demands: Sequence[Demand], fixed_load: Mapping[str, int]) -> Counter[str]:
    """The most walks each candidate can be on: their locked walks, and of each period no more
    than its minimum still to plan (the model never holds more) nor the slots they could join."""
    slots_of: Counter[tuple[int, str]] = Counter()
    for index, demand in enumerate(demands):
        for slot in demand.slots:
            slots_of.update((index, c.person.id) for c in slot.candidates)
    most: Counter[str] = Counter()
    for (index, pid), slots in slots_of.items():
        most[pid] += min(slots, demands[index].required)
    for pid in most:
        most[pid] += fixed_load.get(pid, 0)
    return most


def officer_load_floor(problem: PlanningProblem, demands: Sequence[Demand], unit: Unit) -> int:
    """No plan has a busiest officer of `unit` below this. For every group of roles the unit's
    officers can fill: the places left after everyone else takes all they could (at most the
    group's places on each walk), shared evenly among those officers."""
    officer_ids = {p.id for p in problem.people if p.rank is Rank.OFFICER and p.unit is unit}
    places: dict[tuple[str, int], int] = defaultdict(int)  # (walk type, role) -> places
    counts: dict[tuple[str, int], int] = {}
    seats: dict[tuple[str, int], set[tuple[str, str]]] = defaultdict(set)  # (slot key, person)
    slot_type: dict[str, str] = {}
    for demand in demands:
        slot_type.update((slot.key, demand.walk_type.key) for slot in demand.slots)
        for index, role in enumerate(demand.walk_type.roles):
            key = (demand.walk_type.key, index)
            places[key] += demand.required * role.count
            counts[key] = role.count
            seats[key] |= {
                (slot.key, c.person.id) for slot in demand.slots for c in slot.candidates if index in c.roles
            }
    keys = [key for key in places if any(pid in officer_ids for _, pid in seats[key])]
    best = 0
    for size in range(1, min(len(keys), 4) + 1):
        for group in combinations(keys, size):
            group_seats = set().union(*(seats[key] for key in group))
            own = {pid for _, pid in group_seats if pid in officer_ids}
            others: Counter[str] = Counter(
                slot_key for slot_key, pid in group_seats if pid not in officer_ids
            )
            width = {t: sum(counts[key] for key in group if key[0] == t) for t, _ in group}
            taken = sum(min(n, width[slot_type[k]]) for k, n in others.items())
            best = max(best, math.ceil((sum(places[key] for key in group) - taken) / len(own)))
    return best
