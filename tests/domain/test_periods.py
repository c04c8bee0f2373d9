"""Periods: split weeks, daylight-saving months, leap February, neighbouring plans."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain import Month, Per, Plan, Walk
from scheduler.domain.periods import all_periods, periods_for, week_needs, week_share, weeks_of
from tests.factories import district

NY = ZoneInfo("America/New_York")


def walk_type(key: str):
    return district().walk_type(key)


def test_december_2026_weeks_split_at_both_ends():
    periods = periods_for(walk_type("officer"), district(), Month(2026, 12))
    assert [(p.key, p.required) for p in periods] == [
        ("2026-11-30", 2),  # Nov 30 holds 1 of the week's 5 workdays: round(3/5) = 1, December 2 more
        ("2026-12-07", 3),
        ("2026-12-14", 3),
        ("2026-12-21", 3),
        ("2026-12-28", 2),  # Dec 28-31, 4 of 5 workdays: round(12/5) = 2
    ]
    assert periods[0].days == tuple(date(2026, 12, d) for d in (1, 2, 3, 4))  # Tue-Fri, workdays only


@pytest.mark.parametrize("minimum", [1, 2, 3, 4, 5, 6])
@pytest.mark.parametrize("week_start", range(7))
@pytest.mark.parametrize("holidays", [(), (date(2026, 12, 25), date(2027, 1, 1), date(2026, 8, 31))])
def test_two_halves_of_a_split_week_add_up_to_the_whole_week(minimum, week_start, holidays):
    settings = district(week_start=week_start, holidays=frozenset(holidays))
    for month in (Month(2026, m) for m in range(1, 13)):
        start = weeks_of(month, week_start)[-1]
        if start + timedelta(days=6) <= month.last_day:
            continue  # the month ends with a whole week
        whole, earlier = week_needs(minimum, settings, start, month)
        whole_again, later = week_needs(minimum, settings, start, month.next())
        assert whole == whole_again and earlier + later == whole, (month, start)


def test_the_week_share_rounds_half_up():
    assert [week_share(3, days, 5) for days in range(6)] == [0, 1, 1, 2, 2, 3]  # 0.6 1.2 1.8 2.4 3
    assert week_share(1, 2, 4) == 1 and week_share(1, 1, 4) == 0  # 0.5 rounds up, 0.25 down
    assert week_share(3, 0, 5) == 0


def test_august_2026_starts_on_a_saturday_and_its_first_week_needs_nothing():
    """Aug 1-2 are a weekend: July's part of that week holds all 5 workdays and all 3 walks."""
    periods = periods_for(walk_type("officer"), district(), Month(2026, 8))
    assert [(p.key, p.required) for p in periods] == [
        ("2026-07-27", 0),
        ("2026-08-03", 3),
        ("2026-08-10", 3),
        ("2026-08-17", 3),
        ("2026-08-24", 3),
        ("2026-08-31", 1),  # Monday Aug 31, 1 of 5 workdays: round(0.6); September needs the other 2
    ]
    assert periods[0].days == ()
    july = periods_for(walk_type("officer"), district(), Month(2026, 7))
    september = periods_for(walk_type("officer"), district(), Month(2026, 9))
    assert (july[-1].key, july[-1].required) == ("2026-07-27", 3)
    assert (september[0].key, september[0].required) == ("2026-08-31", 2)


def test_a_week_with_a_holiday_needs_its_share_of_the_minimum_and_walks_on_no_holiday():
    christmas = district(holidays=frozenset({date(2026, 12, 25), date(2027, 1, 1)}))
    officer = {p.key: p for p in periods_for(walk_type("officer"), christmas, Month(2026, 12))}
    week = officer["2026-12-21"]
    assert week.required == 2  # 4 of its 5 workdays: round(3 x 4/5) = 2
    assert week.days == tuple(date(2026, 12, d) for d in (21, 22, 23, 24))
    assert week.holidays == (date(2026, 12, 25),)
    # Dec 28 - Jan 3: 4 workdays left (Jan 1 is a holiday), all in December: it needs 2, January 0.
    assert officer["2026-12-28"].required == 2
    january = periods_for(walk_type("officer"), christmas, Month(2027, 1))
    assert (january[0].key, january[0].required, january[0].days) == ("2026-12-28", 0, ())
    cpu = periods_for(walk_type("cpu"), christmas, Month(2026, 12))
    assert len(cpu) == 22 and date(2026, 12, 25) not in [p.first for p in cpu]  # no daily walk on it
    (whole_month,) = periods_for(walk_type("district"), christmas, Month(2026, 12))
    assert whole_month.required == 2 and len(whole_month.days) == 22


def test_november_2026_starts_on_a_sunday_with_the_daylight_saving_change():
    periods = periods_for(walk_type("squad"), district(), Month(2026, 11))
    assert periods[0].key == "2026-10-26" and periods[0].required == 0  # 1 day of 7
    assert periods[-1].key == "2026-11-30" and periods[-1].required == 1  # Nov 30, 1 of 5 workdays
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
