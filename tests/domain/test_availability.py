"""Duty windows: night shifts across midnight, daylight-saving days, rotations and leave."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from scheduler.domain import DateRange, Rank, WorkPattern
from scheduler.domain.availability import duty_windows, on_duty
from tests.factories import ALL_WEEK, district, person

TZ = district().timezone


def windows(p, day):
    from zoneinfo import ZoneInfo

    return duty_windows(p, day, district(), ZoneInfo(TZ))


def test_day_shift_is_cut_to_walk_hours():
    p = person("1", Rank.OFFICER, start=time(7, 0), hours=10, pattern=ALL_WEEK)
    assert windows(p, date(2026, 12, 2)) == [(9 * 60, 17 * 60)]


def test_night_shift_belongs_to_the_day_it_starts_and_covers_the_next_morning():
    p = person("1", Rank.OFFICER, start=time(23, 0), hours=11, pattern=WorkPattern(frozenset({0})))
    monday, tuesday = date(2026, 12, 7), date(2026, 12, 8)
    assert windows(p, monday) == []  # 23:00 is after walk hours
    assert windows(p, tuesday) == [(9 * 60, 10 * 60)]  # Monday's shift ends 10:00 Tuesday


def test_shift_length_is_real_time_across_daylight_saving_changes():
    p = person("1", Rank.OFFICER, start=time(23, 0), hours=11, pattern=ALL_WEEK)
    assert windows(p, date(2026, 11, 1)) == []  # clocks fall back: the 11 hours end at 09:00
    assert windows(p, date(2027, 3, 14)) == [(9 * 60, 11 * 60)]  # spring forward: end 11:00


def test_rotation_and_leave():
    rotation = WorkPattern(rotation="1100", rotation_start=date(2026, 12, 1))
    p = person("1", Rank.OFFICER, pattern=rotation, leave=(DateRange(date(2026, 12, 6), date(2026, 12, 6)),))
    worked = [d for d in range(1, 10) if windows(p, date(2026, 12, d))]
    assert worked == [1, 2, 5, 9]  # the 6th is leave
    assert rotation.works_on(date(2026, 11, 28)) and not rotation.works_on(date(2026, 11, 30))


def test_on_duty_needs_the_whole_walk_inside_one_shift():
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(TZ)
    p = person("1", Rank.OFFICER, start=time(12, 0), hours=8, pattern=ALL_WEEK)
    start = datetime(2026, 12, 2, 19, 30, tzinfo=tz)
    assert on_duty(p, start, start + timedelta(minutes=30), tz)
    assert not on_duty(p, start, start + timedelta(minutes=45), tz)
