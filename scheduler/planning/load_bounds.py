"""Bounds on how many walks one person can be given, worked out from the slots before solving.

Each group's busiest load is a penalised variable: the closer its domain is to the truth, the
sooner the solver proves a plan optimal, and the smaller its rule's ceiling, the smaller the weights
of the tiers above it (`Weights.tiered`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

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


class LoadFloors:
    """No plan has a group's busiest member below its floor. For every set of the group's roles:
    the places left after everyone else takes all they could (at most the
    set's places on each walk), shared evenly among the members who could take them.

    The seats (who could sit in which role of which slot) are gathered once for every group."""

    def __init__(self, demands: Sequence[Demand]):
        self.places: dict[tuple[str, int], int] = defaultdict(int)  # (walk type, role) -> places
        self.counts: dict[tuple[str, int], int] = {}
        self.seats: dict[tuple[str, int], set[tuple[str, str]]] = defaultdict(set)  # (slot key, person)
        self.slot_type: dict[str, str] = {}
        for demand in demands:
            self.slot_type.update((slot.key, demand.walk_type.key) for slot in demand.slots)
            for index, role in enumerate(demand.walk_type.roles):
                key = (demand.walk_type.key, index)
                self.places[key] += demand.required * role.count
                self.counts[key] = role.count
                self.seats[key] |= {
                    (slot.key, c.person.id)
                    for slot in demand.slots
                    for c in slot.candidates
                    if index in c.roles
                }

    def floor(self, roles: Iterable[tuple[str, int]], members: frozenset[str]) -> int:
        """The floor of the most walks one of `members` has in `roles` (walk type, role index)."""
        keys = [key for key in roles if any(pid in members for _, pid in self.seats.get(key, ()))]
        best = 0
        for size in range(1, min(len(keys), 4) + 1):
            for group in combinations(keys, size):
                group_seats = set().union(*(self.seats[key] for key in group))
                own = {pid for _, pid in group_seats if pid in members}
                others: Counter[str] = Counter(
                    slot_key for slot_key, pid in group_seats if pid not in members
                )
                width = {t: sum(self.counts[key] for key in group if key[0] == t) for t, _ in group}
                taken = sum(min(n, width[self.slot_type[k]]) for k, n in others.items())
                best = max(best, math.ceil((sum(self.places[key] for key in group) - taken) / len(own)))
        return best
