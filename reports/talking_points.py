"""Talking points for the neighborhood: what officers can say and where residents can turn.

The same sections appear, shorter, on every daily briefing sheet (`talking_points_flowables` with
`brief=True`), so roll call hears the figures and the numbers to give out on the day they count.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Paragraph

from reports.layout import Heading, content_width, table
from reports.markup import escape
from reports.story import ReportRequest, Story, month_name
from reports.styles import styles
from scheduler.actions import UPCOMING_DAYS, MonthDocuments, TalkingPoints, month_talking_points

Row = tuple[str, ...]
NO_PROFILE = "none in the neighborhood profile yet (import one with 'beatwalk import profile')"


def talking_points_story(documents: MonthDocuments, request: ReportRequest) -> Story:
    """The talking points on `request.day`, or on the month's first day."""
    points = month_talking_points(documents, request.day or documents.month.first_day)
    sheet = styles()
    flowables: list[Flowable] = [
        Paragraph(escape(f"Talking points: {points.neighborhood}"), sheet.title),
        Paragraph(escape(f"From {long_date(points.day)} · {documents.district.name}"), sheet.subtitle),
        Paragraph(
            escape(
                "Say these in your own words. Walks are positive contact: listen first, and answer "
                "questions about incidents with what is public."
            ),
            sheet.body,
        ),
        *talking_points_flowables(points, request, level=request.outline_level),
    ]
    return Story(f"Talking points, {documents.neighborhood_name}, {month_name(documents)}", flowables)


def talking_points_flowables(
    points: TalkingPoints, request: ReportRequest, *, level: int | None = None, brief: bool = False
) -> list[Flowable]:
    """The sections as outline headings at `level`, or as plain sub-headings when `level` is None
    (a briefing sheet keeps its outline to one entry). `brief` leaves out landmarks and groups."""
    sheet = styles()
    width = content_width(request.page_size)
    text = sheet.small if brief else sheet.body

    def heading(title: str) -> Flowable:
        if level is None:
            return Paragraph(escape(title), sheet.subheading)
        return Heading(title, sheet.heading, level)

    def listing(header: Row, rows: list[Row], shares: tuple[float, ...], what: str) -> Flowable:
        if not rows:
            return Paragraph(escape(f"{what}: {NO_PROFILE}."), text)
        return table(header, rows, [share * width for share in shares])

    flowables: list[Flowable] = [heading("What the figures say")]
    bullet = sheet.small_bullet if brief else sheet.bullet
    flowables += [Paragraph(escape(sentence), bullet, bulletText="•") for sentence in points.incidents]
    flowables += [
        heading("Coming up"),
        listing(
            ("Date", "Event", "Place"),
            [(f"{event.date:%a %d %b}", event.name, event.place or "—") for event in points.events],
            (0.18, 0.42, 0.40),
            f"Events in the {UPCOMING_DAYS} days from {long_date(points.day)}",
        ),
        heading("Where to send people"),
        listing(
            ("Service", "What it offers", "Phone"),
            [(resource.name, resource.service, resource.phone or "—") for resource in points.resources],
            (0.32, 0.48, 0.20),
            "Services and phone numbers",
        ),
    ]
    if brief:
        return flowables
    flowables.append(heading("Places residents know"))
    for landmark in points.landmarks:
        where = f" (sector {landmark.sector})" if landmark.sector else ""
        flowables.append(Paragraph(escape(f"{landmark.name}{where}"), sheet.bullet, bulletText="•"))
    if not points.landmarks:
        flowables.append(Paragraph(escape(f"Landmarks: {NO_PROFILE}."), text))
    flowables += [
        heading("Community groups"),
        listing(
            ("Group", "Contact", "Phone"),
            [(group.name, group.contact or "—", group.phone or "—") for group in points.groups],
            (0.45, 0.35, 0.20),
            "Community groups",
        ),
    ]
    return flowables


def long_date(day: date) -> str:
    """'Thursday, 10 December 2026'."""
    return f"{day:%A}, {day.day} {day:%B %Y}"
