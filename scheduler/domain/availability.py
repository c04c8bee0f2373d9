"""When each person is on duty inside the district's walk hours.

Shifts are laid out in UTC (a 10-hour shift is 10 hours long even across a daylight-saving
change; Python's arithmetic on datetimes of one zone would follow the wall clock) and only then
read back as local minutes of the walk's day, so walks on change days and shifts that cross
midnight come out right. The planner works on these windows
instead of creating a variable for every person at every minute.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import District, Person

Window = tuple[int, int]  # [start, end) in local minutes after midnight of one day


def local_datetime(day: date, clock: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, clock, tzinfo=tz)


def at_minutes(day: date, minutes: int, tz: ZoneInfo) -> datetime:
    """The aware local datetime `minutes` after midnight of `day` (wall clock)."""
    return local_datetime(day, time(minutes // 60, minutes % 60), tz)


def minutes_of(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def shifts_touching(person: Person, day: date, tz: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """The person's shifts (UTC start, end) that may overlap `day`: those of the day before and
    of the day itself (shifts are at most 24 hours)."""
    shifts = []
    for shift_day in (day - timedelta(days=1), day):
        if person.starts_shift_on(shift_day):
            start = local_datetime(shift_day, person.shift_start, tz).astimezone(UTC)
            shifts.append((start, start + timedelta(hours=person.shift_hours)))
    return shifts


def on_duty(person: Person, start: datetime, end: datetime, tz: ZoneInfo) -> bool:
    """True if one of the person's shifts covers [start, end] entirely."""
    day = start.astimezone(tz).date()
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    return any(s <= start and end <= e for s, e in shifts_touching(person, day, tz))


def duty_windows(person: Person, day: date, district: District, tz: ZoneInfo) -> list[Window]:
    """The parts of the day's walk hours during which the person is on duty."""
    walk_open = local_datetime(day, district.walk_start, tz).astimezone(UTC)
    walk_close = local_datetime(day, district.walk_end, tz).astimezone(UTC)
    windows: list[Window] = []
    for start, end in shifts_touching(person, day, tz):
        lo, hi = max(start, walk_open), min(end, walk_close)
        if lo < hi:
            lo_local, hi_local = lo.astimezone(tz), hi.astimezone(tz)
            first = math.ceil((minutes_of(lo_local) * 60 + lo_local.second) / 60)
            windows.append((first, minutes_of(hi_local)))
    return _merged(windows)


def _merged(windows: list[Window]) -> list[Window]:
    merged: list[Window] = []
    for lo, hi in sorted(windows):
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged


def walk_hours(district: District) -> Window:
    return (
        district.walk_start.hour * 60 + district.walk_start.minute,
        district.walk_end.hour * 60 + district.walk_end.minute,
    )
