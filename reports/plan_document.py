"""The month's implementation plan, which the district captain hands to executive staff."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from reports.layout import Heading
from reports.markup import escape
from reports.story import ReportRequest, Story
from reports.styles import styles
from scheduler.actions import MonthDocuments


def plan_story(documents: MonthDocuments, request: ReportRequest) -> Story:
    sheet = styles()
    flowables: list[Flowable] = [
        Paragraph(escape(f"Community walks in {documents.neighborhood.name}"), sheet.title),
        Heading("Walk types", sheet.heading, request.outline_level),
    ]
    return Story(f"Implementation plan, {documents.month}", flowables)
