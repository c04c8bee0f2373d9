"""The periods a walk type's minimum is counted over, and how many walks each one needs.

Workdays are the district's weekdays less its holidays (`District.works_on`). A work week needs
its minimum n scaled by its workdays: round-half-up(n x workdays / usual workdays), where the usual
workdays are the week's days on the district's weekdays, holidays or not; so a full week without a
holiday needs n, and Christmas week (4 of 5 workdays) needs round(3 x 4/5) = 2 of the usual 3.
A week split between two months is shared by workdays, not calendar days: its earlier part (the
end of a month) needs round-half-up(n x the part's workdays / the week's usual workdays) and the
later part the rest of the week's need, so the two halves always add up to what the whole week
needs, and a part without a workday needs nothing. Where the neighbouring month's plan exists, the
week instead counts that plan's walks and needs the whole week's minimum. Any period without a
workday needs nothing: no walk could be planned in it, so it is never a shortfall.

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
    `not_before`'s day on, when the periods were made for a moment); `holidays` are the month's
    days inside it that would be workdays but for a holiday, for explaining a shortfall."""

    walk_type: str
    key: str  # ISO date of the week's or the day's start, or YYYY-MM for a month
    first: date  # first calendar day of the period (a split week may start in the previous month)
    last: date
    days: tuple[date, ...]
    required: int
    holidays: tuple[date, ...] = ()

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


def week_share(minimum: int, workdays: int, usual_workdays: int) -> int:
    """round-half-up(minimum x workdays / usual_workdays): the walks a week, or the part of a
    week, with `workdays` of its usual workdays needs."""
    if workdays == 0:
        return 0
    return (2 * minimum * workdays + usual_workdays) // (2 * usual_workdays)


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
    return replace(period, days=days, holidays=tuple(day for day in period.holidays if day >= today))


def _all_periods_for(
    walk_type: WalkType, district: District, month: Month, neighbours: Iterable[Plan]
) -> list[Period]:
    workdays = [day for day in month.days() if district.works_on(day)]
    if walk_type.per is Per.MONTH:
        key = str(month)
        return [_period(walk_type, district, month, key, month.first_day, month.last_day, walk_type.minimum)]
    if walk_type.per is Per.WORKDAY:
        return [
            Period(walk_type.key, day.isoformat(), day, day, (day,), walk_type.minimum) for day in workdays
        ]
    if walk_type.per is Per.WORK_WEEK:
        neighbour_plans = {plan.month: plan for plan in neighbours}
        return [
            _week_period(walk_type, district, month, start, neighbour_plans)
            for start in weeks_of(month, district.week_start)
        ]
    return []  # post-incident walks have no calendar minimum


def _period(
    walk_type: WalkType, district: District, month: Month, key: str, first: date, last: date, required: int
) -> Period:
    """The period from `first` to `last`, with the workdays and the holidays of the month in it;
    without a workday it needs nothing."""
    span = (first + timedelta(days=i) for i in range((last - first).days + 1))
    in_month = [day for day in span if month.first_day <= day <= month.last_day]
    days = tuple(day for day in in_month if district.works_on(day))
    usual = [day for day in in_month if day.weekday() in district.workdays]
    holidays = tuple(day for day in usual if day in district.holidays)
    return Period(walk_type.key, key, first, last, days, required if days else 0, holidays)


def _week_period(
    walk_type: WalkType,
    district: District,
    month: Month,
    start: date,
    neighbour_plans: dict[Month, Plan],
) -> Period:
    last = start + timedelta(days=6)
    whole, required = week_needs(walk_type.minimum, district, start, month)
    if not month.first_day <= start <= last <= month.last_day:
        neighbour = neighbour_plans.get(month.previous() if start < month.first_day else month.next())
        if neighbour is not None:
            tz = ZoneInfo(neighbour.timezone)
            done_outside = sum(
                1
                for walk in neighbour.walks
                if walk.type == walk_type.key and start <= walk.start.astimezone(tz).date() <= last
            )
            required = max(0, whole - done_outside)
    return _period(walk_type, district, month, start.isoformat(), start, last, required)


def week_needs(minimum: int, district: District, start: date, month: Month) -> tuple[int, int]:
    """What the work week from `start` needs as a whole, and what its part in `month` needs (the
    same, unless the week is split between two months; see the module's docstring)."""
    week = [start + timedelta(days=i) for i in range(7)]
    usual = sum(1 for day in week if day.weekday() in district.workdays)
    working = [day for day in week if district.works_on(day)]
    whole = week_share(minimum, len(working), usual)
    if month.first_day <= start and week[-1] <= month.last_day:
        return whole, whole
    later_starts = month.first_day if start < month.first_day else month.next().first_day
    earlier = week_share(minimum, sum(1 for day in working if day < later_starts), usual)
    return whole, whole - earlier if start < month.first_day else earlier


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
