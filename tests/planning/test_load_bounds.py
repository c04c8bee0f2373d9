"""The floors of the busiest loads are free in the objective, so a floor above what some plan does
would make the planner pay for nothing and report a false "no plan can do with fewer"."""

from __future__ import annotations

from datetime import time

import pytest

from scheduler.domain import PlanningProblem, Rank
from scheduler.planning.candidates import build_demands
from scheduler.planning.firstfit import first_fit
from scheduler.planning.groups import busiest_in_groups, interchangeable_groups
from scheduler.planning.load_bounds import LoadFloors
from scheduler.planning.planner import make_plan
from tests.factories import person, problem, small_roster
from tests.planning.helpers import only_walk_types


def one_lieutenant_leads_every_shift_walk() -> PlanningProblem:
    """l1 (day shift, no squad) is the only lieutenant who leads shift walks, so the day sergeants
    sA and sA2 take all 13 shift walks between them; the evening sergeants sB and sB2 cannot."""
    people = [p for p in small_roster() if p.id != "l2"] + [
        person("sA2", Rank.SERGEANT, squad="A", start=time(7, 0)),
        person("sB2", Rank.SERGEANT, squad="B", start=time(12, 0)),
    ]
    return only_walk_types(problem(tuple(people)), "shift")


CASES = {
    "squad walks": lambda: only_walk_types(problem(), "squad"),
    "shift walks": lambda: only_walk_types(problem(), "shift"),
    "squad, shift and captain walks": lambda: only_walk_types(problem(), "squad", "shift", "captain"),
    "one lieutenant's shift": one_lieutenant_leads_every_shift_walk,
}


@pytest.mark.parametrize("case", CASES)
def test_no_plan_has_a_group_below_its_floor(case):
    p = CASES[case]()
    floors = LoadFloors(build_demands(p))
    groups = interchangeable_groups(p)
    for plan in (first_fit(p), make_plan(p, time_limit=60, effort=0.2).plan):
        assert plan.shortfalls == ()
        busiest = busiest_in_groups(plan, groups)
        for group in groups:
            assert floors.floor(group.roles, group.members) <= busiest[group.label], group.label
