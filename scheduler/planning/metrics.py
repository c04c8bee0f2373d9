"""Plan-quality figures, so two plans for the same month can be compared on what the guide cares
about beyond validity: missed minimums, spreading the walking over many people instead of wearing
out a few officers, and pairing people who are still developing engagement skills with a natural.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from scheduler.domain import Engagement, Person, Plan, Rank


@dataclass(frozen=True)
class PlanMetrics:
    walks: int
    shortfall_walks: int  # sum of (required - planned) over shortfalls
    busiest_officer_load: int  # most walks by one person of rank officer (0 if none)
    distinct_people: int  # people on at least one walk
    developing_total: int  # (walk, developing person) pairs
    developing_paired: int  # of those, walks that also have a 'natural' person


def plan_metrics(plan: Plan, people: Mapping[str, Person]) -> PlanMetrics:
    """Figures for `plan`; participants missing from `people` count as walkers of unknown rank and
    engagement (a plan may name someone since removed from the roster)."""
    load: Counter[str] = Counter()
    developing_total = developing_paired = 0
    for walk in plan.walks:
        walkers = [people.get(pid) for pid in dict.fromkeys(walk.participants)]
        load.update(pid for pid in dict.fromkeys(walk.participants))
        developing = sum(1 for p in walkers if p and p.engagement is Engagement.DEVELOPING)
        has_natural = any(p and p.engagement is Engagement.NATURAL for p in walkers)
        developing_total += developing
        developing_paired += developing if has_natural else 0
    officer_loads = [n for pid, n in load.items() if pid in people and people[pid].rank is Rank.OFFICER]
    return PlanMetrics(
        walks=len(plan.walks),
        shortfall_walks=sum(max(0, s.required - s.planned) for s in plan.shortfalls),
        busiest_officer_load=max(officer_loads, default=0),
        distinct_people=len(load),
        developing_total=developing_total,
        developing_paired=developing_paired,
    )
