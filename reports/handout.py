"""The training handout: the short training the guide asks for before walks start, from the
editable text `resources/handout.md`, with the agency's and neighborhood's names filled in."""

from __future__ import annotations

from reports.markdown import markdown_flowables
from reports.story import ReportRequest, Story
from scheduler.actions import MonthDocuments, document_text

HANDOUT_TEXT = "handout.md"


def handout_story(documents: MonthDocuments, request: ReportRequest) -> Story:
    text = document_text(HANDOUT_TEXT)
    flowables = markdown_flowables(text, text_values(documents, request), request.outline_level)
    return Story(f"Training handout, {documents.neighborhood.name}", flowables)


def text_values(documents: MonthDocuments, request: ReportRequest) -> dict[str, object]:
    """What the editable texts' placeholders stand for."""
    district = documents.district
    return {
        "agency": request.agency or "the agency",
        "district": district.name,
        "neighborhood": documents.neighborhood.name,
        "month": documents.month,
        "call_type": district.walk_call_type,
    }
