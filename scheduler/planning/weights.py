"""The weights of the model's objective: each rule's cost per unit, in the guide's priority order."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import ClassVar


@dataclass(frozen=True)
class Weights:
    """What one unit of each rule costs; the fields are the rules, highest priority first.

    The tiers, in the guide's priority: a missed minimum, then a changed walk when re-planning,
    then (1) fairness: each group of interchangeable people's busiest member's walks above the
    least any plan can do, and each person who could walk but is on no walk; (2) pairing: a
    developing person on a walk without a natural engager; (3) spread: a second walk of a type on
    one day, a monthly type's walks crowding one work week, and a type's walks crowding one part
    of the day; last, a natural engager added to a walk beyond its places (who pairs a developing
    person, which the pairing tier rewards, and is otherwise not wanted).

    A unit of a higher tier must outweigh any amount of the tiers below it, or the solver trades
    one busiest-person walk for enough same-day repeats. Fixed weights cannot promise that: how
    much a lower tier can add up to depends on the month (how many walks, who could pair, where
    second walks on a day are possible). So `tiered` derives them from the month's model: each tier's
    smallest unit costs one more than the most all lower tiers together can cost, where each rule's
    most is its `Cost.ceiling` (never above the walks or places the minimums ask for). On a
    realistic month of the guide's walk types (81 walks, about 175 places) that puts a missed walk
    near 10^6, where the old fixed weight was, so the objective's range does not grow and proofs
    do not slow down.

    Within a tier the ratios stay what they were (`TIERS`): a walk more for a group's busiest
    member weighs as much as three people left out, and a second walk of a type on one day (or a
    second district walk in one week) as much as three walks bunched in one part of the day.
    """

    missed_walk: int
    changed_walk: int
    busiest_person: int
    person_left_out: int
    developing_unpaired: int
    second_walk_same_day: int
    crowded_week: int
    crowded_time_of_day: int
    companion: int

    TIERS: ClassVar[tuple[dict[str, int], ...]] = (
        {"missed_walk": 1},
        {"changed_walk": 1},
        {"busiest_person": 3, "person_left_out": 1},
        {"developing_unpaired": 1},
        {"second_walk_same_day": 3, "crowded_week": 3, "crowded_time_of_day": 1},
        {"companion": 1},
    )

    @classmethod
    def tiered(cls, ceilings: Mapping[str, int]) -> Weights:
        """Weights from the most each rule can cost (in its own units) on the month's model."""
        weights: dict[str, int] = {}
        below = 0  # the most the tiers below can cost together
        for tier in reversed(cls.TIERS):
            for rule, ratio in tier.items():
                weights[rule] = ratio * (below + 1)
            below += sum(weights[rule] * ceilings[rule] for rule in tier)
        return cls(**weights)

    def of(self, rule: str) -> int:
        weight: int = getattr(self, rule)
        return weight


RULES = tuple(f.name for f in fields(Weights))  # priority order
