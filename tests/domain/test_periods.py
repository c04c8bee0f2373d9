"""Periods: split weeks, daylight-saving months, leap February, neighbouring plans."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain import Month, Per, Plan, Walk
from scheduler.domain.periods import all_periods, periods_for, split_week_share, weeks_of
from tests.factories import district

NY = ZoneInfo("America/New_York")


def walk_type(key: str):
    return district().walk_type(key)


def test_december_2026_weeks_split_at_both_ends():
    periods = periods_for(walk_type("officer"), district(), Month(2026, 12))
    assert [(p.key, p.required) for p in periods] == [
        ("2026-11-30", 3),  # Dec 1-6 cover 6 of 7 days: round(18/7) = 3
        ("2026-12-07", 3),
        ("2026-12-14", 3),
        ("2026-12-21", 3),
        ("2026-12-28", 2),  # Dec 28-31: round(12/7) = 2
    ]
    assert periods[0].days == tuple(date(2026, 12, d) for d in (1, 2, 3, 4))  # Tue-Fri, workdays only


@pytest.mark.parametrize("minimum", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("covered", range(1, 7))
def test_two_halves_of_a_split_week_add_up(minimum, covered):
    assert split_week_share(minimum, covered) + split_week_share(minimum, 7 - covered) == minimum


def test_november_2026_starts_on_a_sunday_with_the_daylight_saving_change():
    periods = periods_for(walk_type("squad"), district(), Month(2026, 11))
    assert periods[0].key == "2026-10-26" and periods[0].required == 0  # 1 day of 7
    assert periods[-1].key == "2026-11-30" and periods[-1].required == 0  # Nov 30 only: round(3/7)
    assert sum(1 for p in periods if p.required == 3) == 4


def test_march_2027_and_leap_february():
    march = periods_for(walk_type("cpu"), district(), Month(2027, 3))
    assert len(march) == 23  # one per workday
    assert all(p.required == 1 and len(p.days) == 1 for p in march)
    february = Month(2028, 2)
    assert february.last_day == date(2028, 2, 29)
    assert len(periods_for(walk_type("cpu"), district(), february)) == 21


def test_month_period_for_district_walks():
    (period,) = periods_for(walk_type("district"), district(), Month(2026, 12))
    assert (period.key, period.required, len(period.days)) == ("2026-12", 2, 23)


def test_week_start_setting_moves_the_weeks():
    sunday_weeks = weeks_of(Month(2026, 12), week_start=6)
    assert sunday_weeks[0] == date(2026, 11, 29)
    assert all(d.weekday() == 6 for d in sunday_weeks)


def test_neighbouring_plan_counts_its_walks_and_the_week_needs_the_full_minimum():
    november = Plan(
        Month(2026, 11),
        "America/New_York",
        (Walk("w1", "officer", datetime(2026, 11, 30, 10, 0, tzinfo=NY), 20, "a", ("a", "b")),),
    )
    with_plan = periods_for(walk_type("officer"), district(), Month(2026, 12), [november])
    assert with_plan[0].required == 2  # 3 for the week, 1 already walked on Nov 30
    assert with_plan[-1].required == 2  # January's plan does not exist: the share rule


def test_incident_walks_have_no_periods():
    assert walk_type("post_incident").per is Per.INCIDENT
    assert periods_for(walk_type("post_incident"), district(), Month(2026, 12)) == []


def test_month_parse_rejects_bad_text():
    assert Month.parse("2027-03") == Month(2027, 3)
    for bad in ("2027-3", "2027-13", "March", "27-03"):
        with pytest.raises(ValueError):
            Month.parse(bad)
    assert Month(2026, 12).next() == Month(2027, 1) and Month(2027, 1).previous() == Month(2026, 12)


def test_from_a_moment_on_periods_over_are_left_out_and_the_rest_keep_their_days_left():
    tuesday = datetime(2026, 12, 15, 9, 0, tzinfo=NY)
    periods = periods_for(walk_type("officer"), district(), Month(2026, 12), not_before=tuesday)
    assert [(p.key, p.required) for p in periods] == [("2026-12-14", 3), ("2026-12-21", 3), ("2026-12-28", 2)]
    assert periods[0].days == tuple(date(2026, 12, d) for d in (15, 16, 17, 18))  # the minimum stays
    (month,) = periods_for(walk_type("district"), district(), Month(2026, 12), not_before=tuesday)
    assert month.days[0] == date(2026, 12, 15) and len(month.days) == 13


@pytest.mark.parametrize(
    ("clock", "open_today"),
    [((19, 15), True), ((19, 16), False)],  # a 45-minute walk must start by 19:15 to end by 20:00
)
def test_a_day_counts_while_a_walk_can_still_start_and_end_in_walk_hours(clock, open_today):
    moment = datetime(2026, 12, 15, *clock, tzinfo=NY)
    periods = periods_for(walk_type("cpu"), district(), Month(2026, 12), not_before=moment)
    assert (periods[0].first == date(2026, 12, 15)) is open_today
    assert len(periods) == 13 - (not open_today)


def test_before_the_month_nothing_changes_and_after_it_nothing_is_left():
    whole = all_periods(district(), Month(2026, 12))
    early = datetime(2026, 11, 20, 12, 0, tzinfo=NY)
    assert all_periods(district(), Month(2026, 12), not_before=early) == whole
    late = datetime(2027, 1, 2, 9, 0, tzinfo=NY)  # the week of Dec 28 runs to Jan 3, its workdays are over
    assert all_periods(district(), Month(2026, 12), not_before=late) == []
    with pytest.raises(ValueError, match="time zone"):
        all_periods(district(), Month(2026, 12), not_before=datetime(2026, 12, 15))
