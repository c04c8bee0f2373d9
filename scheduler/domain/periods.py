"""The periods a walk type's minimum is counted over, and how many walks each one needs.

A work week that the month covers only in part needs round(n x days covered / 7) walks, so the
two halves of a split week add up to n. Where the neighbouring month's plan exists, the week
instead counts that plan's walks and needs the full n.

Planning from a moment on (`not_before`, "now" when re-planning the current month): a period that
no walk of its type can still start in is over. It is left out, so it is neither planned nor a
shortfall, whatever it holds. A period in progress keeps its whole minimum, and its `days` are
only the workdays left: the walks it already holds (passed to the planner as locked walks) count
toward it, so a week with 1 of its 3 walks done needs 2 more in its remaining days, and is short
only by what those days cannot hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import District, Month, Per, Plan, Walk, WalkType
from scheduler.domain.availability import local_datetime


@dataclass(frozen=True)
class Period:
    """One count of a walk type's minimum: `days` are the workdays of the month inside it (from
    `not_before`'s day on, when the periods were made for a moment)."""

    walk_type: str
    key: str  # ISO date of the week's or the day's start, or YYYY-MM for a month
    first: date  # first calendar day of the period (a split week may start in the previous month)
    last: date
    days: tuple[date, ...]
    required: int

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def count(self, walks: Iterable[Walk], tz: ZoneInfo) -> int:
        """How many of `walks` are of this period's type and start (local day) inside it."""
        return sum(1 for w in walks if w.type == self.walk_type and w.start.astimezone(tz).date() in self)


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
    walk_type: WalkType,
    district: District,
    month: Month,
    neighbours: Iterable[Plan] = (),
    *,
    not_before: datetime | None = None,
) -> list[Period]:
    """The periods of the walk type's minimum in the month; with `not_before`, only those a walk
    can still start in, with the workdays left (see the module's docstring)."""
    periods = _all_periods_for(walk_type, district, month, neighbours)
    if not_before is None:
        return periods
    if not_before.tzinfo is None:
        raise ValueError("not_before must carry a time zone")
    return [left for period in periods if (left := _still_open(period, walk_type, district, not_before))]


def last_start(day: date, walk_type: WalkType, district: District, tz: ZoneInfo) -> datetime:
    """The latest moment a walk of the type may start on `day` and still end in walk hours."""
    closes = local_datetime(day, district.walk_end, tz).astimezone(UTC)
    return closes - timedelta(minutes=walk_type.minutes)


def _still_open(
    period: Period, walk_type: WalkType, district: District, not_before: datetime
) -> Period | None:
    """The period with only the workdays a walk can still start on, or None if it is over."""
    tz = ZoneInfo(district.timezone)
    today = not_before.astimezone(tz).date()
    if period.last < today:
        return None
    days = tuple(
        day
        for day in period.days
        if day > today or (day == today and last_start(day, walk_type, district, tz) >= not_before)
    )
    if period.days and not days:
        return None  # its last workday's walk hours are over
    return replace(period, days=days)


def _all_periods_for(
    walk_type: WalkType, district: District, month: Month, neighbours: Iterable[Plan]
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


def all_periods(
    district: District,
    month: Month,
    neighbours: Iterable[Plan] = (),
    *,
    not_before: datetime | None = None,
) -> list[Period]:
    """Every walk type's periods (with `not_before`: those still open, as `periods_for`)."""
    neighbours = tuple(neighbours)
    return [
        period
        for walk_type in district.walk_types
        for period in periods_for(walk_type, district, month, neighbours, not_before=not_before)
    ]
