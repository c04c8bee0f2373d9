"""The documents `beatwalk report KIND` prints, and printing one to a file.

Each document is a function from the month's data and the request to a `Story` (a title and
flowables); this module lists them under the names the command line and the app offer, and what
each takes (a person, a day). A packet binds several stories into one PDF with `Bookmark`s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable

from reports.briefing import briefing_story
from reports.handout import handout_story
from reports.layout import DocumentInfo, build_pdf, write_pdf
from reports.packet import packet_story
from reports.plan_document import plan_story
from reports.schedule import schedule_story
from reports.story import ReportRequest, Story
from reports.styles import DEFAULT_PAGE_SIZE
from reports.talking_points import talking_points_story
from scheduler.actions import MonthDocuments, Person

__all__ = [
    "DOCUMENTS",
    "DocumentKind",
    "ReportRequest",
    "Story",
    "build_report",
    "render",
    "report_request",
    "write_report",
]


@dataclass(frozen=True)
class DocumentKind:
    title: str  # what the command prints it as: "implementation plan"
    render: Callable[[MonthDocuments, ReportRequest], Story]
    takes_person: bool = False  # --person picks one person (else: everyone)
    takes_date: bool = False  # --date picks one day
    needs_date: bool = False


DOCUMENTS: dict[str, DocumentKind] = {
    "plan": DocumentKind("implementation plan", plan_story),
    "handout": DocumentKind("training handout", handout_story),
    "schedule": DocumentKind("personal schedules", schedule_story, takes_person=True),
    "talking-points": DocumentKind("talking points", talking_points_story, takes_date=True),
    "briefing": DocumentKind("daily briefing sheet", briefing_story, takes_date=True, needs_date=True),
    "packet": DocumentKind("packet", packet_story),
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


def render(
    kind: str, documents: MonthDocuments, request: ReportRequest
) -> tuple[list[Flowable], DocumentInfo]:
    """The document's flowables and what its pages say about it."""
    story = DOCUMENTS[kind].render(documents, request)
    info = DocumentInfo(
        title=story.title,
        agency=request.agency,
        district=documents.district.name,
        generated=request.generated,
        page_size=request.page_size,
    )
    return story.flowables, info


def build_report(kind: str, documents: MonthDocuments, request: ReportRequest) -> bytes:
    """The document as PDF bytes, in memory (the app previews them, then saves the same bytes)."""
    return build_pdf(*render(kind, documents, request))


def write_report(kind: str, documents: MonthDocuments, request: ReportRequest, out: Path) -> int:
    """Print the document to `out` (atomically); returns the file's size in bytes."""
    flowables, info = render(kind, documents, request)
    return write_pdf(out, flowables, info)
