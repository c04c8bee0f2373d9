"""The periods a walk type's minimum is counted over, and how many walks each one needs.

A work week that the month covers only in part needs round(n x days covered / 7) walks, so the
two halves of a split week add up to n. Where the neighbouring month's plan exists, the week
instead counts that plan's walks and needs the full n.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import District, Month, Per, Plan, WalkType


@dataclass(frozen=True)
class Period:
    """One count of a walk type's minimum: `days` are the workdays of the month inside it."""

    walk_type: str
    key: str  # ISO date of the week's or the day's start, or YYYY-MM for a month
    first: date  # first calendar day of the period (a split week may start in the previous month)
    last: date
    days: tuple[date, ...]
    required: int

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


def week_start_of(day: date, week_start: int) -> date:
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def weeks_of(month: Month, week_start: int) -> list[date]:
    """First day of every work week that touches the month."""
    first = week_start_of(month.first_day, week_start)
    weeks = []
    while first <= month.last_day:
        weeks.append(first)
        first += timedelta(days=7)
    return weeks


def split_week_share(minimum: int, days_covered: int) -> int:
    """round(n x days / 7) to the nearest whole number (a tie cannot occur for n < 7)."""
    return (2 * minimum * days_covered + 7) // 14


def periods_for(
    walk_type: WalkType, district: District, month: Month, neighbours: Iterable[Plan] = ()
) -> list[Period]:
    workdays = [day for day in month.days() if day.weekday() in district.workdays]
    if walk_type.per is Per.MONTH:
        return [
            Period(
                walk_type.key, str(month), month.first_day, month.last_day, tuple(workdays), walk_type.minimum
            )
        ]
    if walk_type.per is Per.WORKDAY:
        return [
            Period(walk_type.key, day.isoformat(), day, day, (day,), walk_type.minimum) for day in workdays
        ]
    if walk_type.per is Per.WORK_WEEK:
        neighbour_plans = {plan.month: plan for plan in neighbours}
        return [
            _week_period(walk_type, district, month, start, workdays, neighbour_plans)
            for start in weeks_of(month, district.week_start)
        ]
    return []  # post-incident walks have no calendar minimum


def _week_period(
    walk_type: WalkType,
    district: District,
    month: Month,
    start: date,
    workdays: list[date],
    neighbour_plans: dict[Month, Plan],
) -> Period:
    last = start + timedelta(days=6)
    covered = sum(1 for i in range(7) if (start + timedelta(days=i)).month == month.month)
    outside_month = month.previous() if start < month.first_day else month.next()
    required = walk_type.minimum
    if covered < 7:
        neighbour = neighbour_plans.get(outside_month)
        if neighbour is None:
            required = split_week_share(walk_type.minimum, covered)
        else:
            tz = ZoneInfo(neighbour.timezone)
            done_outside = sum(
                1
                for walk in neighbour.walks
                if walk.type == walk_type.key and start <= walk.start.astimezone(tz).date() <= last
            )
            required = max(0, walk_type.minimum - done_outside)
    days = tuple(day for day in workdays if start <= day <= last)
    return Period(walk_type.key, start.isoformat(), start, last, days, required)


def all_periods(district: District, month: Month, neighbours: Iterable[Plan] = ()) -> list[Period]:
    neighbours = tuple(neighbours)
    return [
        period
        for walk_type in district.walk_types
        for period in periods_for(walk_type, district, month, neighbours)
    ]
