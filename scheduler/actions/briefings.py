"""Talking points and the daily briefing, read from the database for the printed packets."""

from __future__ import annotations

from datetime import date, timedelta

from scheduler.actions.plans import stored_plan
from scheduler.domain import Month
from scheduler.domain.briefings import Briefing
from scheduler.domain.briefings import daily_briefing as _daily_briefing
from scheduler.domain.errors import InputError
from scheduler.domain.incident_figures import WINDOWS, incident_figures
from scheduler.domain.talking_points import TalkingPoints
from scheduler.domain.talking_points import talking_points as _talking_points
from scheduler.store import Database, DistrictRef, all_people, get_district
from scheduler.store.neighborhood import incidents_between, load_sectors
from scheduler.store.profile import load_profile

DATE = "date"  # names the user's date (not a file) in InputError


def talking_points(
    db: Database, *, district: DistrictRef, month: Month, on: date | None = None
) -> TalkingPoints:
    """The neighborhood's talking points on day `on` of `month` (default: its first day), with the
    incident figures of the days before it."""
    day = month.first_day if on is None else on
    _check_day(day, month)
    timezone = get_district(db, district.id).timezone
    first = day - timedelta(days=2 * max(WINDOWS))  # the longest window and the one before it
    found = incidents_between(db, district.id, first, day)
    figures = incident_figures(found, load_sectors(db, district.id), day, timezone)
    return _talking_points(district.name, load_profile(db, district.id), figures)


def daily_briefing(db: Database, *, district: DistrictRef, day: date, month: Month | None = None) -> Briefing:
    """The roll-call briefing of `day` from its month's stored plan (NotFound if the month was
    never planned); `month`, where the user named one, must hold `day`."""
    month = Month(day.year, day.month) if month is None else month
    _check_day(day, month)
    plan = stored_plan(db, district=district, month=month).plan
    points = talking_points(db, district=district, month=month, on=day)
    settings = get_district(db, district.id)
    return _daily_briefing(plan, settings, all_people(db, district.id), day, points)


def _check_day(day: date, month: Month) -> None:
    if (day.year, day.month) != (month.year, month.month):
        raise InputError(DATE, f"{day.isoformat()} is not in {month} (give a day of the month)")
