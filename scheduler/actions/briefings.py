"""Talking points and the daily briefing, for the printed packets.

Both come from one `MonthDocuments` (read once from the database), so a packet that prints a
briefing for every day with walks reads the database once; the functions that take the database
are for a single document.
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from scheduler.actions.documents import MonthDocuments, check_day, month_documents
from scheduler.domain import Month
from scheduler.domain.briefings import Briefing
from scheduler.domain.briefings import daily_briefing as _daily_briefing
from scheduler.domain.incident_figures import incident_figures
from scheduler.domain.neighborhood import SectorArea
from scheduler.domain.talking_points import TalkingPoints
from scheduler.domain.talking_points import talking_points as _talking_points
from scheduler.formats.neighborhood_map import boundary_shape
from scheduler.store import Database, DistrictRef


def talking_points(
    db: Database, *, district: DistrictRef, month: Month, on: date | None = None
) -> TalkingPoints:
    """The neighborhood's talking points on day `on` of `month` (default: its first day), with the
    incident figures of the days before it; NotFound if the month has no stored plan."""
    day = month.first_day if on is None else on
    check_day(month, day)
    return month_talking_points(month_documents(db, district=district, month=month), day)


def daily_briefing(db: Database, *, district: DistrictRef, day: date, month: Month | None = None) -> Briefing:
    """The roll-call briefing of `day` from its month's stored plan (NotFound if the month was
    never planned); `month`, where the user named one, must hold `day`."""
    month = Month(day.year, day.month) if month is None else month
    check_day(month, day)
    return month_briefing(month_documents(db, district=district, month=month), day)


def month_talking_points(documents: MonthDocuments, day: date) -> TalkingPoints:
    """The talking points on `day`, a day of the documents' month."""
    check_day(documents.month, day)
    sectors = tuple(
        SectorArea(sector.name, boundary_shape(sector.area)) for sector in documents.neighborhood.sectors
    )
    incidents = (*documents.older_incidents, *documents.incidents)
    figures = incident_figures(incidents, sectors, day, documents.district.timezone)
    return _talking_points(documents.neighborhood_name, documents.profile, figures)


def month_briefing(documents: MonthDocuments, day: date) -> Briefing:
    """The briefing of `day`, a day of the documents' month."""
    points = month_talking_points(documents, day)
    return _daily_briefing(documents.plan, documents.district, documents.people, day, points)


def briefing_days(documents: MonthDocuments) -> tuple[date, ...]:
    """The days of the month with walks, in order: each gets a briefing sheet in the packet."""
    zone = ZoneInfo(documents.district.timezone)
    return tuple(sorted({walk.start.astimezone(zone).date() for walk in documents.plan.walks}))
