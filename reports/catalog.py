"""Printing the documents `reports.kinds` lists: to PDF bytes or to a file.

Each document is a function from the month's data and the request to a `Story` (a title and
flowables); a packet binds several stories into one PDF with `Bookmark`s. This module imports
reportlab, so the command line and the app import it only when they build a document.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.platypus import Flowable

from reports.briefing import briefing_story
from reports.handout import handout_story
from reports.layout import DocumentInfo, build_pdf, write_pdf
from reports.packet import packet_story
from reports.plan_document import plan_story
from reports.schedule import schedule_story
from reports.story import ReportRequest, Story
from reports.talking_points import talking_points_story
from scheduler.actions import MonthDocuments

__all__ = ["RENDERERS", "ReportRequest", "Story", "build_report", "render", "write_report"]

# One per key of `reports.kinds.DOCUMENTS`.
RENDERERS: dict[str, Callable[[MonthDocuments, ReportRequest], Story]] = {
    "plan": plan_story,
    "handout": handout_story,
    "schedule": schedule_story,
    "talking-points": talking_points_story,
    "briefing": briefing_story,
    "packet": packet_story,
}


def render(
    kind: str, documents: MonthDocuments, request: ReportRequest
) -> tuple[list[Flowable], DocumentInfo]:
    """The document's flowables and what its pages say about it."""
    story = RENDERERS[kind](documents, request)
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
