"""Split weeks and holidays in real plans: August 2026 starts on a Saturday; Christmas and New
Year's Day 2026 fall on Fridays."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from scheduler.domain import Month, WorkPattern
from scheduler.domain.periods import periods_for
from scheduler.planning.planner import make_plan
from scheduler.rules.validator import validate
from tests.factories import district, problem, small_roster
from tests.planning.helpers import only_walk_types

NY = ZoneInfo("America/New_York")
CHRISTMAS, NEW_YEAR = date(2026, 12, 25), date(2027, 1, 1)


def with_holidays(p, *days):
    return replace(p, district=replace(p.district, holidays=frozenset(days)))


def weekly_walks(plan, key: str, monday: date) -> int:
    return sum(
        1 for w in plan.walks if w.type == key and 0 <= (w.start.astimezone(NY).date() - monday).days < 7
    )


def test_august_2026_has_no_shortfall_nobody_could_meet():
    p = only_walk_types(problem(month=Month(2026, 8)), "officer", "captain", "cpu")
    result = make_plan(p, time_limit=60, effort=0.2)
    assert validate(p, result.plan) == []
    assert result.plan.shortfalls == ()
    assert weekly_walks(result.plan, "officer", date(2026, 7, 27)) == 0  # Aug 1-2 are a weekend
    assert weekly_walks(result.plan, "officer", date(2026, 8, 31)) == 1  # Monday Aug 31: round(3/5)
    september = periods_for(p.district.walk_type("officer"), p.district, Month(2026, 9))
    assert september[0].required == 3 - 1  # the week's other half, with the week's other 4 workdays


def test_no_walk_is_planned_on_a_holiday_and_its_week_needs_its_share():
    p = with_holidays(only_walk_types(problem(), "officer", "captain", "cpu"), CHRISTMAS, NEW_YEAR)
    result = make_plan(p, time_limit=60, effort=0.2)
    assert validate(p, result.plan) == []
    assert result.plan.shortfalls == ()
    assert CHRISTMAS not in {w.start.astimezone(NY).date() for w in result.plan.walks}
    assert weekly_walks(result.plan, "officer", date(2026, 12, 21)) == 2  # 4 of 5 workdays
    assert weekly_walks(result.plan, "officer", date(2026, 12, 14)) == 3
    assert sum(1 for w in result.plan.walks if w.type == "cpu") == 22  # 23 workdays less Christmas


def test_a_shortfall_caused_by_a_holiday_says_so():
    fridays_only = tuple(
        replace(person, pattern=WorkPattern(weekdays=frozenset({4}))) if person.id == "c1" else person
        for person in small_roster()
    )
    p = with_holidays(only_walk_types(problem(fridays_only), "captain"), CHRISTMAS)
    result = make_plan(p, time_limit=30)
    assert validate(p, result.plan) == []
    shortfalls = {s.period: s for s in result.plan.shortfalls}
    christmas_week = shortfalls["2026-12-21"]
    assert (christmas_week.required, christmas_week.planned) == (2, 0)
    assert christmas_week.reason == (
        "captain walk, week of 2026-12-21: the district captain (Captain c1) is on duty in walk hours "
        "(09:00-20:00) that week only on the holiday Friday 2026-12-25, when no walks are planned"
    )
    assert "2026-12-14" not in shortfalls  # three walks fit on an ordinary Friday


def test_district_settings_holidays_are_the_planners():
    assert district(holidays=frozenset({CHRISTMAS})).works_on(CHRISTMAS) is False
    assert district().works_on(CHRISTMAS) is True
    assert district().works_on(date(2026, 12, 26)) is False  # a Saturday
