"""The planner's plans pass the validator, keep the soft rules, and explain what they miss."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain import DateRange, Month, Person, Unit
from scheduler.planning.firstfit import first_fit
from scheduler.planning.metrics import plan_metrics
from scheduler.planning.planner import Ending, make_plan
from scheduler.rules.validator import validate
from tests.factories import district, problem, small_roster
from tests.planning.helpers import only_walk_types

NY = ZoneInfo("America/New_York")


def test_small_department_meets_every_minimum(december):
    p, result = december
    assert validate(p, result.plan) == []
    assert result.plan.shortfalls == ()
    counts = {key: sum(1 for w in result.plan.walks if w.type == key) for key in ("cpu", "district")}
    assert counts == {"cpu": 23, "district": 2}


def test_no_worse_than_first_fit(december):
    p, result = december
    people = p.people_by_id
    ours, baseline = plan_metrics(result.plan, people), plan_metrics(first_fit(p), people)
    assert ours.shortfall_walks <= baseline.shortfall_walks
    assert ours.busiest_officer_load <= baseline.busiest_officer_load
    assert ours.distinct_people >= baseline.distinct_people


def test_developing_officers_walk_with_natural_ones(december):
    p, result = december
    metrics = plan_metrics(result.plan, p.people_by_id)
    assert metrics.developing_total > 0
    # Pairing ranks below involving people and balancing loads, so a few may walk unpaired.
    assert metrics.developing_paired >= 0.8 * metrics.developing_total


def test_walks_of_a_type_spread_over_days(december):
    _, result = december
    days = [(w.type, w.start.astimezone(NY).date()) for w in result.plan.walks]
    assert len(days) == len(set(days))  # the roster allows one walk of a type a day


@pytest.mark.slow
def test_same_seed_and_effort_same_plan():
    """A search ended by its effort (not proven optimal yet) is reproducible, whatever the clock."""
    p = problem()
    first, second = (make_plan(p, time_limit=120, effort=0.3, seed=7) for _ in range(2))
    assert first.ending is second.ending is Ending.EFFORT and first.ending.reproducible
    assert first.plan == second.plan and first.objective == second.objective


def test_locked_walks_stay_and_count(december):
    p, result = december
    locked = tuple(replace(w, locked=True) for w in result.plan.walks if w.type == "district")
    fixed = only_walk_types(replace(p, locked=locked), "district", "captain")
    again = make_plan(fixed, time_limit=30)
    assert set(locked) <= set(again.plan.walks)
    assert sum(1 for w in again.plan.walks if w.type == "district") == 2
    assert validate(fixed, again.plan) == []


def test_squad_limit_of_one():
    one = replace(district(), max_walking_per_squad=1)
    p = only_walk_types(replace(problem(), district=one), "squad", "shift")
    result = make_plan(p, time_limit=30)
    assert validate(p, result.plan) == []
    # a shift walk needs a sergeant and an officer, both from patrol squads at the same time
    squads = p.people_by_id
    for walk in result.plan.walks:
        members = [squads[pid].squad for pid in walk.participants if squads[pid].squad]
        assert len(members) == len(set(members))


def without(people: tuple[Person, ...], *ids: str) -> tuple[Person, ...]:
    return tuple(p for p in people if p.id not in ids)


def test_shortfall_no_non_patrol_captain_on_the_roster():
    p = only_walk_types(problem(without(small_roster(), "c2")), "district")
    result = make_plan(p, time_limit=30)
    assert validate(p, result.plan) == []
    (shortfall,) = result.plan.shortfalls
    assert (shortfall.type, shortfall.period, shortfall.required, shortfall.planned) == (
        "district",
        "2026-12",
        2,
        0,
    )
    assert shortfall.reason == "district walk, 2026-12: no non-patrol captain on the roster"


def test_shortfall_district_captain_on_leave_all_week():
    people = tuple(
        replace(p, leave=(DateRange(date(2026, 12, 7), date(2026, 12, 13)),)) if p.id == "c1" else p
        for p in small_roster()
    )
    p = only_walk_types(problem(people), "captain", "district")
    result = make_plan(p, time_limit=30)
    assert validate(p, result.plan) == []
    (shortfall,) = result.plan.shortfalls
    assert shortfall.period == "2026-12-07" and shortfall.planned == 0
    assert shortfall.reason == (
        "captain walk, week of 2026-12-07: the district captain (Captain c1) is on leave all week"
    )


def test_shortfall_roles_never_on_duty_together():
    # The only community policing members work at different hours: no CPU walk can ever be held.
    people = tuple(
        replace(p, shift_start=p.shift_start.replace(hour=[9, 14, 19][i % 3]), shift_hours=4)
        if p.unit is Unit.COMMUNITY_POLICING
        else p
        for i, p in enumerate(small_roster())
    )
    result = make_plan(only_walk_types(problem(people), "cpu"), time_limit=30)
    cpu = [s for s in result.plan.shortfalls if s.type == "cpu"]
    assert len(cpu) == 23
    assert "no time that day when a community policing unit member and a second" in cpu[0].reason


def test_replan_after_leave_changes_few_walks(december):
    p, result = december
    officer = next(w.participants[1] for w in result.plan.walks if w.type == "officer")
    day = next(w.start.astimezone(NY).date() for w in result.plan.walks if officer in w.participants)
    people = tuple(replace(x, leave=(DateRange(day, day),)) if x.id == officer else x for x in p.people)
    on_leave = replace(p, people=people, previous=result.plan)
    again = make_plan(on_leave, time_limit=30)
    assert validate(replace(on_leave, previous=None), again.plan) == []
    touched = sum(
        1 for w in result.plan.walks if officer in w.participants and w.start.astimezone(NY).date() == day
    )
    assert 1 <= again.changed_walks <= touched
    assert again.plan.shortfalls == ()
    assert again.plan.quality is not None
    assert again.plan.quality.term("changed_walk").amount == again.changed_walks


@pytest.mark.parametrize(("month", "change_day"), [(Month(2026, 11), 1), (Month(2027, 3), 14)])
def test_daylight_saving_months_keep_walks_on_local_time(month, change_day):
    p = only_walk_types(problem(month=month), "cpu", "captain")
    plan = make_plan(p, time_limit=30).plan
    assert validate(p, plan) == []
    for walk in plan.walks:
        local = walk.start.astimezone(NY)
        before_change = local.day < change_day
        winter = (month.month == 11) != before_change  # November: summer time before the 1st
        assert local.utcoffset().total_seconds() / 3600 == (-5 if winter else -4)
        end = walk.end.astimezone(NY)
        assert (local.hour, local.minute) >= (9, 0) and (end.hour, end.minute) <= (20, 0)
