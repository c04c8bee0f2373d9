"""Property-based: random rosters give plans the validator accepts, or shortfalls that are real."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.domain import DateRange, Engagement, Month, Person, Rank, Unit, WorkPattern
from scheduler.planning.candidates import build_demands
from scheduler.planning.department_model import district_model
from scheduler.planning.firstfit import fill, first_fit
from scheduler.planning.metrics import plan_metrics
from scheduler.planning.planner import make_plan
from scheduler.rules.validator import validate
from tests.factories import district, problem

MONTHS = [Month(2026, 11), Month(2026, 12), Month(2027, 3), Month(2028, 2)]
SEATS = [
    (Rank.OFFICER, Unit.PATROL),
    (Rank.SERGEANT, Unit.PATROL),
    (Rank.LIEUTENANT, Unit.PATROL),
    (Rank.CAPTAIN, Unit.PATROL),
    (Rank.CAPTAIN, Unit.INVESTIGATIONS),
    (Rank.LIEUTENANT, Unit.SUPPORT),
    (Rank.SERGEANT, Unit.SPECIALIZED),
    (Rank.OFFICER, Unit.COMMUNITY_POLICING),
    (Rank.DETECTIVE, Unit.INVESTIGATIONS),
]


@st.composite
def people(draw, month: Month) -> tuple[Person, ...]:
    count = draw(st.integers(min_value=3, max_value=22))
    roster = []
    for i in range(count):
        rank, unit = draw(st.sampled_from(SEATS))
        if draw(st.booleans()):
            pattern = WorkPattern(frozenset(draw(st.sets(st.integers(0, 6), min_size=1, max_size=7))))
        else:
            rotation = draw(st.sampled_from(["11001110011000", "1100", "1110000"]))
            pattern = WorkPattern(
                rotation=rotation, rotation_start=month.first_day - timedelta(days=draw(st.integers(0, 13)))
            )
        leave: tuple[DateRange, ...] = ()
        if draw(st.integers(0, 4)) == 0:
            first = month.first_day + timedelta(days=draw(st.integers(0, 27)))
            leave = (DateRange(first, first + timedelta(days=draw(st.integers(0, 9)))),)
        roster.append(
            Person(
                id=f"p{i}",
                name=f"Person {i}",
                rank=rank,
                unit=unit,
                responsible=draw(st.booleans()),
                squad=draw(st.sampled_from(["", "A", "B"])) if unit is Unit.PATROL else "",
                shift_start=time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 30]))),
                shift_hours=draw(st.sampled_from([8.0, 10.0, 12.0])),
                pattern=pattern,
                leave=leave,
                engagement=draw(st.sampled_from(list(Engagement))),
            )
        )
    return tuple(roster)


@st.composite
def problems(draw):
    month = draw(st.sampled_from(MONTHS))
    return problem(draw(people(month)), month=month)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_random_rosters_give_valid_plans_with_real_shortfalls(p):
    plan = make_plan(p, time_limit=30, effort=0.6).plan
    assert validate(p, plan) == []
    ours = plan_metrics(plan, p.people_by_id)
    baseline = plan_metrics(first_fit(p), p.people_by_id)
    assert ours.shortfall_walks <= baseline.shortfall_walks
    for shortfall in plan.shortfalls:
        assert shortfall.planned < shortfall.required and shortfall.reason
        walk_type = district().walk_type(shortfall.type)
        for role in walk_type.roles:
            if f"no {role.label} on the roster" in shortfall.reason:
                assert not any(role.admits(person) for person in p.people)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_no_plan_costs_a_rule_more_than_its_ceiling(p):
    """The tiers' weights rest on each rule's ceiling: first-fit's plan (the solver's starting
    point) and the empty plan stay within every one."""
    demands = build_demands(p)
    model = district_model(p, demands)
    for value in (model.add_hint(fill(p, demands)), model.add_hint([])):
        for rule, cost in model.costs.items():
            assert 0 <= cost.amount(value) <= cost.ceiling, rule


def test_months_cover_their_days():
    for month in MONTHS:
        assert month.days()[0] == month.first_day and month.days()[-1] == month.last_day
        assert all(d.month == month.month for d in month.days())
    assert date(2028, 2, 29) in Month(2028, 2).days()
