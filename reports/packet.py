"""The month's packet: the implementation plan, the training handout, the talking points and a
briefing sheet for every day with walks, in one PDF that the community policing unit prints once.

Each document starts on a new page under its own bookmark, with its sections one level below, so
the PDF's outline reads as a table of contents; the briefing sheets are bookmarked by day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from reportlab.platypus import Flowable, PageBreak, Paragraph

from reports.briefing import briefing_flowables
from reports.handout import handout_story
from reports.layout import Bookmark
from reports.markup import escape
from reports.plan_document import plan_story
from reports.story import ReportRequest, Story, month_name
from reports.styles import styles
from reports.talking_points import talking_points_story
from scheduler.actions import MonthDocuments, briefing_days, month_briefing

BRIEFINGS = "Daily briefing sheets"
DOCUMENTS: tuple[tuple[str, Callable[[MonthDocuments, ReportRequest], Story]], ...] = (
    ("Implementation plan", plan_story),
    ("Training handout", handout_story),
    ("Talking points", talking_points_story),
)


def packet_story(documents: MonthDocuments, request: ReportRequest) -> Story:
    inner = replace(request, outline_level=1, day=None)
    flowables: list[Flowable] = []
    for title, render in DOCUMENTS:
        flowables += [Bookmark(title), *render(documents, inner).flowables, PageBreak()]
    flowables.append(Bookmark(BRIEFINGS))
    days = briefing_days(documents)
    for number, day in enumerate(days):
        if number:
            flowables.append(PageBreak())
        flowables += briefing_flowables(month_briefing(documents, day), inner)
    if not days:
        text = f"No walks are planned in {month_name(documents)}, so there is no briefing sheet."
        flowables.append(Paragraph(escape(text), styles().body))
    return Story(f"Community walk packet, {documents.neighborhood_name}, {month_name(documents)}", flowables)
