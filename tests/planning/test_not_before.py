"""Planning from a moment on (`not_before`, "now" in database mode; injected here, never today's
date): no walk starts before it, periods already over are neither planned nor short, and a period
in progress counts the walks it already holds."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain import DateRange, Plan, PlanningProblem
from scheduler.domain.incidents import Incident
from scheduler.domain.periods import all_periods
from scheduler.planning.planner import make_plan
from scheduler.planning.post_incident import OVER, add_post_incident
from scheduler.rules.validator import validate
from tests.factories import problem, small_roster
from tests.planning.helpers import only_walk_types

NY = ZoneInfo("America/New_York")
FIFTEENTH = datetime(2026, 12, 15, 9, 0, tzinfo=NY)  # a Tuesday: the week of the 14th is under way


def local_day(moment: datetime) -> date:
    return moment.astimezone(NY).date()


def valid_from(p: PlanningProblem, plan: Plan) -> None:
    """The plan keeps every rule, and lists exactly the periods still open that it leaves short.
    (The minimum rule is checked against the open periods here: the validator checks every
    period of the month until it learns of `not_before`.)"""
    assert [v for v in validate(p, plan) if v.rule != "minimum"] == []
    short = {}
    for period in all_periods(p.district, p.month, p.neighbours, not_before=p.not_before):
        held = sum(1 for w in plan.walks if w.type == period.walk_type and local_day(w.start) in period)
        if held < period.required:
            short[(period.walk_type, period.key)] = (period.required, held)
    assert {(s.type, s.period): (s.required, s.planned) for s in plan.shortfalls} == short


@pytest.fixture(scope="module")
def from_the_fifteenth():
    p = problem(not_before=FIFTEENTH)
    return p, make_plan(p, time_limit=120, effort=0.2)


def test_no_walk_starts_before_not_before(from_the_fifteenth):
    p, result = from_the_fifteenth
    assert result.plan.walks and all(w.start >= FIFTEENTH for w in result.plan.walks)
    valid_from(p, result.plan)
    assert result.plan.shortfalls == ()
    cpu_days = sorted(local_day(w.start) for w in result.plan.walks if w.type == "cpu")
    assert cpu_days[0] == date(2026, 12, 15) and len(cpu_days) == 13  # one a workday, 15th to 31st


def test_a_week_under_way_counts_the_walks_it_holds(december):
    """The actions pass the stored plan's walks that started before now as locked walks: they stay,
    count toward their periods, and only the rest is planned after now. "Now" is just after the
    first officer walk of the week of the 14th, so that week is under way with one walk held."""
    p, planned = december
    in_week = lambda w: date(2026, 12, 14) <= local_day(w.start) <= date(2026, 12, 20)  # noqa: E731
    first = min((w for w in planned.plan.walks if w.type == "officer" and in_week(w)), key=lambda w: w.start)
    now_at = first.start + timedelta(minutes=1)
    done = tuple(w for w in planned.plan.walks if w.start < now_at)
    now = replace(p, not_before=now_at, locked=done, previous=planned.plan)
    result = make_plan(now, time_limit=120, effort=0.2)
    assert set(done) <= set(result.plan.walks)
    assert all(w.start >= now_at for w in result.plan.walks if w not in done)
    valid_from(now, result.plan)
    assert result.plan.shortfalls == ()
    week = [w for w in result.plan.walks if w.type == "officer" and in_week(w)]
    assert sum(1 for w in week if w in done) >= 1 and len(week) == 3  # no more than the week needs


def test_periods_already_over_are_not_shortfalls():
    # The district captain is on leave the week of the 7th: a shortfall, unless that week is over.
    leave = (DateRange(date(2026, 12, 7), date(2026, 12, 13)),)
    people = tuple(replace(x, leave=leave) if x.id == "c1" else x for x in small_roster())
    before = make_plan(only_walk_types(problem(people), "captain"), time_limit=30)
    assert [s.period for s in before.plan.shortfalls] == ["2026-12-07"]
    p = only_walk_types(problem(people, not_before=FIFTEENTH), "captain")
    result = make_plan(p, time_limit=30)
    assert result.plan.shortfalls == ()
    valid_from(p, result.plan)
    weeks = {(local_day(w.start) - timedelta(days=local_day(w.start).weekday())) for w in result.plan.walks}
    assert weeks == {date(2026, 12, 14), date(2026, 12, 21), date(2026, 12, 28)}


def test_a_period_is_short_only_by_what_its_remaining_time_cannot_hold():
    # Friday 19:35: a 20-minute officer walk could end in walk hours, but walks start on the
    # quarter hour, and the last of the week started at 19:30. Every other type's week is over.
    late = datetime(2026, 12, 18, 19, 35, tzinfo=NY)
    p = only_walk_types(problem(not_before=late), "officer", "cpu", "captain")
    result = make_plan(p, time_limit=30)
    valid_from(p, result.plan)
    shortfalls = {(s.type, s.period): s for s in result.plan.shortfalls}
    assert set(shortfalls) == {("officer", "2026-12-14")}
    assert shortfalls[("officer", "2026-12-14")].reason == (
        "officer walk, week of 2026-12-14: no walk can start in what is left of that week after "
        "2026-12-18 19:35"
    )
    assert min(w.start for w in result.plan.walks) >= datetime(2026, 12, 21, 9, 0, tzinfo=NY)


def test_a_month_already_over_plans_nothing():
    p = problem(not_before=datetime(2027, 1, 2, 9, 0, tzinfo=NY))
    result = make_plan(p, time_limit=30)
    assert result.plan.walks == () and result.plan.shortfalls == ()


def test_an_incident_whose_24_hours_are_over_gets_no_walk(december):
    p, planned = december
    incident = Incident("C-25", "shooting", FIFTEENTH - timedelta(days=25))
    now = replace(p, month=planned.plan.month, not_before=FIFTEENTH)
    result = add_post_incident(now, planned.plan, incident)
    assert result.walk is None and result.reason == OVER == "its 24 hours are over"
    assert result.plan == planned.plan and result.changed_walks == 0


def test_a_post_incident_walk_starts_no_earlier_than_not_before(december):
    p, planned = december
    incident = Incident("C-26", "shooting", datetime(2026, 12, 10, 10, 0, tzinfo=NY))
    now = datetime(2026, 12, 10, 16, 0, tzinfo=NY)
    done = tuple(w for w in planned.plan.walks if w.start < now)
    result = add_post_incident(replace(p, not_before=now, locked=done), planned.plan, incident)
    walk = result.walk
    assert walk is not None and result.reason == ""
    assert now <= walk.start and walk.end <= incident.occurred_at + timedelta(hours=24)
    assert set(done) <= set(result.plan.walks)
    assert all(w.start >= now for w in result.plan.walks if w not in done)


def test_an_incident_without_a_coordinator_in_time_says_why():
    p = problem()
    nobody = replace(p, people=tuple(x for x in p.people if x.unit.value != "community_policing"))
    incident = Incident("C-9", "shooting", datetime(2026, 12, 10, 12, 0, tzinfo=NY))
    result = add_post_incident(nobody, Plan(p.month, p.district.timezone), incident)
    assert result.walk is None
    assert result.reason == (
        "nobody who can coordinate it (community policing unit coordinator) can come within its 24 hours"
    )
