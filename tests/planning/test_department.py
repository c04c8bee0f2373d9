"""Several districts' months in one search: nobody on two districts' walks at once, each plan valid
for its district, and the shared people balanced across the department, which planning the
districts one after the other cannot do."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import pytest

from scheduler.domain import Person, Plan, PlanningProblem, Rank, Unit, Walk
from scheduler.planning.assembly import assemble_plan
from scheduler.planning.candidates import build_demands
from scheduler.planning.department import first_fit_in_turn, make_department_plan
from scheduler.planning.planner import make_plan
from scheduler.rules.validator import validate
from tests.factories import district, person, problem, small_roster
from tests.planning.conftest import clashes

SHARED = frozenset({"c2", "l3", "s3"})  # the non-patrol captain, lieutenant and sergeant


def roster(name: str) -> tuple[Person, ...]:
    """The small roster, its patrol and community policing people the district's own (their ids
    carry its name), its non-patrol leaders the department's."""
    return tuple(p if p.id in SHARED else replace(p, id=f"{name}-{p.id}") for p in small_roster())


def district_problem(name: str, people: tuple[Person, ...]) -> PlanningProblem:
    return replace(problem(people=people), district=replace(district(), name=name))


def as_elsewhere(name: str, walks: Sequence[Walk]) -> tuple[Walk, ...]:
    return tuple(replace(w, id=f"{name}:{w.id}") for w in walks)


def checked(problems: Sequence[PlanningProblem], plans: Sequence[Plan]) -> None:
    """Each plan is valid for its district, the other districts' walks being busy time."""
    for index, (p, plan) in enumerate(zip(problems, plans, strict=True)):
        others = tuple(
            walk
            for other, (q, their) in enumerate(zip(problems, plans, strict=True))
            if other != index
            for walk in as_elsewhere(q.district.name, their.walks)
        )
        assert validate(replace(p, elsewhere=others), plan) == []
        assert clashes(plan.walks, others) == []


def one_after_the_other(problems: Sequence[PlanningProblem]) -> list[Plan]:
    """Each district planned on its own, around the walks of those planned before it."""
    plans: list[Plan] = []
    for p in problems:
        before = zip(problems, plans, strict=False)  # the districts planned so far
        given = tuple(w for q, plan in before for w in as_elsewhere(q.district.name, plan.walks))
        plans.append(make_plan(replace(p, elsewhere=given), time_limit=60, effort=0.2, seed=1).plan)
    return plans


def district_walks(plans: Sequence[Plan], pid: str) -> int:
    return sum(1 for plan in plans for w in plan.walks if w.type == "district" and pid in w.participants)


def shortfalls(plans: Sequence[Plan]) -> int:
    return sum(s.required - s.planned for plan in plans for s in plan.shortfalls)


def busiest(plans: Sequence[Plan]) -> int:
    load = Counter(pid for plan in plans for w in plan.walks for pid in set(w.participants))
    return max(load.values())


@pytest.mark.slow
def test_the_shared_captain_is_not_on_both_districts_district_walks():
    """East has two non-patrol captains, the investigations captain c2 (shared with West) and its
    own support captain c3; West has only c2. Planned one after the other, East shares its two
    district walks between c2 and c3, and West then needs c2 for both of its own: c2 walks three.
    Planned together, East leaves c2 to West: two each."""
    east = district_problem("East", (*roster("East"), person("c3", Rank.CAPTAIN, Unit.SUPPORT)))
    west = district_problem("West", roster("West"))
    apart = one_after_the_other((east, west))
    assert district_walks(apart, "c2") == 3

    results = make_department_plan((east, west), time_limit=300, effort=2.0, seed=1)
    together = [result.plan for result in results]
    checked((east, west), together)
    assert district_walks(together, "c2") == 2 and district_walks(together, "c3") == 2
    assert shortfalls(together) <= shortfalls(apart)
    assert busiest(together) <= busiest(apart)
    assert all(r.plan.quality is not None for r in results)


@pytest.mark.slow
def test_three_districts_of_one_roster_are_no_worse_than_one_after_the_other():
    """The issue's case: the same roster imported into every district. Nobody is double-booked,
    each plan is valid for its district, and the department's shortfalls and busiest person are
    no worse than planning the districts one after the other."""
    problems = [district_problem(name, small_roster()) for name in ("East", "North", "West")]
    together = [r.plan for r in make_department_plan(problems, time_limit=120, effort=0.5, seed=1)]
    checked(problems, together)
    apart = one_after_the_other(problems)
    assert shortfalls(together) <= shortfalls(apart)
    assert busiest(together) <= busiest(apart)


def test_the_first_plans_in_turn_book_nobody_twice():
    """The search's starting point: first-fit's plan of each district, around the others'."""
    problems = [district_problem(name, small_roster()) for name in ("East", "West")]
    demands = [build_demands(p) for p in problems]
    hints = first_fit_in_turn(problems, demands)
    plans = [assemble_plan(p, d, h) for p, d, h in zip(problems, demands, hints, strict=True)]
    assert all(plan.walks for plan in plans)
    checked(problems, plans)


def test_districts_in_different_timezones_are_refused():
    east = district_problem("East", small_roster())
    west = replace(east, district=replace(east.district, name="West", timezone="America/Chicago"))
    with pytest.raises(ValueError, match="one timezone"):
        make_department_plan((east, west), time_limit=5)
