"""The documents `beatwalk report KIND` prints and what each takes, without printing any.

The command line and the app list these names at start-up; reportlab is only needed once a
document is built (`reports.catalog`), so this module must not import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from reports.story import DEFAULT_PAGE_SIZE, ReportRequest
from scheduler.actions import MonthDocuments, Person

__all__ = ["DEFAULT_PAGE_SIZE", "DOCUMENTS", "PAGE_SIZE_NAMES", "DocumentKind", "report_request"]

PAGE_SIZE_NAMES = ("letter", "a4")  # the keys of `reports.styles.PAGE_SIZES`


@dataclass(frozen=True)
class DocumentKind:
    title: str  # what the command prints it as: "implementation plan"
    takes_person: bool = False  # --person picks one person (else: everyone)
    takes_date: bool = False  # --date picks one day
    needs_date: bool = False


DOCUMENTS: dict[str, DocumentKind] = {
    "plan": DocumentKind("implementation plan"),
    "handout": DocumentKind("training handout"),
    "schedule": DocumentKind("personal schedules", takes_person=True),
    "talking-points": DocumentKind("talking points", takes_date=True),
    "briefing": DocumentKind("daily briefing sheet", takes_date=True, needs_date=True),
    "packet": DocumentKind("packet"),
}


def report_request(
    documents: MonthDocuments,
    *,
    now: datetime,
    agency: str = "",
    page_size: str = DEFAULT_PAGE_SIZE,
    person: Person | None = None,
    day: date | None = None,
) -> ReportRequest:
    """A request as the command line and the app make it: dated the day `now` is in the district,
    and signed by the agency asked for, else by the district's own `agency` setting."""
    return ReportRequest(
        generated=now.astimezone(ZoneInfo(documents.district.timezone)).date(),
        agency=agency.strip() or documents.district.agency,
        page_size=page_size,
        person=person,
        day=day,
    )
