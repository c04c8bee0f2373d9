"""A plan says what it paid for each rule, the rules' tiers are strict, and the model's
constraints carry the names of the rules they enforce."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from scheduler.domain import Engagement, Month, Per, Rank, Unit
from scheduler.planning.candidates import build_demands
from scheduler.planning.department_model import district_model
from scheduler.planning.firstfit import fill
from scheduler.planning.groups import busiest_in_groups, interchangeable_groups
from scheduler.planning.planner import make_plan
from scheduler.planning.spread import spread_group
from scheduler.planning.walk_model import WalkModel
from scheduler.planning.weights import RULES, Weights
from scheduler.rules.validator import validate
from tests.benchmarks.agencies import agency, make_problem
from tests.factories import district, person, problem, small_roster
from tests.planning.helpers import only_walk_types


def test_the_breakdown_adds_up_to_the_objective_the_solver_minimised():
    p = only_walk_types(problem(), "cpu", "district", "captain")
    seen = []
    result = make_plan(p, time_limit=10, on_progress=seen.append)
    quality = result.plan.quality
    assert result.optimal and validate(p, result.plan) == []
    assert [term.rule for term in quality.terms] == list(RULES)
    assert seen[-1].objective == result.objective == quality.total
    assert quality.bound == result.bound == result.objective


def test_every_rule_is_listed_with_a_detail_even_at_zero(december):
    _, result = december
    quality = result.plan.quality
    assert [term.rule for term in quality.terms] == list(RULES)
    assert all(term.detail for term in quality.terms)
    assert quality.term("missed_walk").amount == 0
    assert quality.term("changed_walk").detail == "0 walks changed (no previous plan to keep)"
    assert result.objective == quality.total and quality.bound == result.bound


def test_each_groups_busiest_is_told_against_the_least_any_plan_can_do(december):
    p, result = december
    detail = result.plan.quality.term("busiest_person").detail
    loads = busiest_in_groups(result.plan, interchangeable_groups(p))
    told = [part for part in detail.split("; ") if part.startswith("busiest ")]
    for part in told:
        label, walks = part.removeprefix("busiest ").split(": ")
        assert walks.startswith(f"{loads[label]} walk")
        assert "(no plan can do with fewer than " in walks
    assert result.plan.quality.term("busiest_person").amount >= len(told)
    assert detail.endswith("the fewest walks any plan can give the busiest") or len(told) == len(loads)


def test_unpaired_developing_people_are_told_why():
    people = tuple(
        replace(x, engagement=Engagement.DEVELOPING) if x.id == "u1" else x for x in small_roster()
    )
    result = make_plan(only_walk_types(problem(people), "cpu"), time_limit=30)
    term = result.plan.quality.term("developing_unpaired")
    with_u1 = sum(1 for w in result.plan.walks if "u1" in w.participants)
    assert term.amount == with_u1 > 0
    assert term.detail == (
        f"1 developing person walks without a natural engager ({with_u1} times) — all on "
        "community policing unit walks, where no natural engager could join"
    )


def test_people_left_out_are_counted():
    # Three non-patrol sergeants for the two places the month's district walks have.
    people = (*small_roster(), person("s4", Rank.SERGEANT, Unit.SUPPORT))
    result = make_plan(only_walk_types(problem(people), "district"), time_limit=30)
    term = result.plan.quality.term("person_left_out")
    assert (term.amount, term.detail) == (1, "1 person who could walk is on no walk")


def test_a_plan_from_first_fit_is_priced_too():
    p = problem(tuple(x for x in small_roster() if x.id != "c2"))
    result = make_plan(p, should_stop=lambda: True)
    quality = result.plan.quality
    missed = sum(s.required - s.planned for s in result.plan.shortfalls)
    assert quality.term("missed_walk").amount == missed == 2
    assert quality.term("missed_walk").detail == "2 walks short of the minimums (district walk 2)"
    assert result.objective == quality.total and quality.bound == 0


def _model(p):
    demands = build_demands(p)
    return district_model(p, demands), demands


def _lower_tiers_cost(model: WalkModel, tier: int) -> int:
    return sum(
        model.weights.of(rule) * model.costs[rule].ceiling
        for lower in Weights.TIERS[tier + 1 :]
        for rule in lower
    )


@pytest.mark.parametrize("name", ["target-160", "galax"])
def test_a_unit_of_a_tier_outweighs_all_the_tiers_below(name):
    """The demo district's month (target-160) and the smallest agency: one unit of each tier costs
    more than everything the tiers below can cost together, and no plan can cost a rule more than
    its ceiling (checked on first-fit's plan, the solver's starting point)."""
    p = make_problem(agency(name), Month(2026, 12), 0)
    model, demands = _model(p)
    value = model.add_hint(fill(p, demands))
    for rule, cost in model.costs.items():
        assert 0 <= cost.amount(value) <= cost.ceiling, rule
    for index, tier in enumerate(Weights.TIERS[:-1]):
        assert min(model.weights.of(rule) for rule in tier) > _lower_tiers_cost(model, index)
    # With the old fixed weights (6, 3, 1) two same-day repeats cost as much as one unpaired walk.
    assert model.weights.developing_unpaired > 2 * model.weights.second_walk_same_day


def test_spread_follows_the_districts_work_week():
    assert spread_group(Per.WORKDAY, date(2026, 12, 6), 6) == date(2026, 12, 6)  # a Sunday
    assert spread_group(Per.WORKDAY, date(2026, 12, 12), 6) == date(2026, 12, 6)
    assert spread_group(Per.WORKDAY, date(2026, 12, 6), 0) == date(2026, 11, 30)
    assert spread_group(Per.MONTH, date(2026, 12, 17), 6) == date(2026, 12, 1)
    # A Sunday-to-Saturday district that walks six days a week: its CPU walks crowd by its weeks.
    sunday = replace(district(), week_start=6, workdays=frozenset({6, 0, 1, 2, 3, 4}))
    p = replace(only_walk_types(problem(), "cpu"), district=sunday)
    model, _ = _model(p)
    groups = {
        c.name.split(",")[1]
        for c in model.model.proto.constraints
        if c.name.startswith("crowded_time_of_day[")
    }
    assert groups and all(date.fromisoformat(group).weekday() == 6 for group in groups)


def test_every_constraint_is_named_after_its_rule(december):
    p, result = december
    locked = replace(result.plan.walks[0], locked=True)
    one = replace(district(), max_walking_per_squad=1)
    replanned = replace(p, district=one, locked=(locked,), previous=result.plan)
    model, _ = _model(replanned)
    names = [c.name for c in model.model.proto.constraints]
    assert all(names)
    rules = {name.partition("[")[0] for name in names}
    assert {"composition", "minimum", "squad_walking_limit", "one_walk_at_a_time", "unchanged_start"} <= rules
    assert {"walks_only_on_a_walk", "busiest_load", "pair_developing_with_natural"} <= rules
