"""Personal schedules: one page per person with their walks of the month, to hand out or pin up."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from reports.layout import Heading, content_width, table
from reports.markup import escape, fill
from reports.story import ReportRequest, Story, local_zone, month_name
from reports.styles import styles, walk_mark
from scheduler.actions import MonthDocuments, Person, Walk

COLUMNS = ("Date", "Time", "Walk", "Role", "Coordinator", "Meeting point")
WIDTHS = (0.14, 0.14, 0.2, 0.13, 0.18, 0.21)  # shares of the page's width


def schedule_story(documents: MonthDocuments, request: ReportRequest) -> Story:
    """Everyone who walks this month, or only `request.person` (whose page says so when they have
    no walk)."""
    people = [request.person] if request.person else _walkers(documents)
    flowables: list[Flowable] = []
    for number, person in enumerate(people):
        if number:
            flowables.append(PageBreak())
        flowables += person_page(documents, request, person)
    if not people:
        flowables.append(Paragraph(f"Nobody walks in {month_name(documents)}.", styles().body))
    title = f"Personal schedule{'' if request.person else 's'}, {month_name(documents)}"
    return Story(title, flowables)


def person_page(documents: MonthDocuments, request: ReportRequest, person: Person) -> list[Flowable]:
    sheet = styles()
    walks = person_walks(documents, person.id)
    zone = local_zone(documents)
    heading = f"{person.name} — {month_name(documents)}"
    rank = f"{person.rank.value.title()}, {person.unit.value.replace('_', ' ')}"
    count = f"{len(walks)} walk{'s' if len(walks) != 1 else ''}"
    flowables: list[Flowable] = [
        Heading(heading, sheet.heading, request.outline_level),
        Paragraph(
            fill(
                "{rank} · id {id} · <b>{count}</b> this month · {district}",
                rank=rank,
                id=person.id,
                count=count,
                district=documents.district.name,
            ),
            sheet.body,
        ),
        Spacer(0, 4),
    ]
    if not walks:
        flowables.append(Paragraph(f"No walks are planned for you in {month_name(documents)}.", sheet.body))
        return flowables
    width = content_width(request.page_size)
    rows = []
    for walk in walks:
        start = walk.start.astimezone(zone)
        end = walk.end.astimezone(zone)
        role = "coordinator" if walk.coordinator == person.id else "walker"
        if person.id in walk.called_in:
            role += " (called in)"
        rows.append(
            (
                f"{start:%a %d %b}",
                f"{start:%H:%M}\u2013{end:%H:%M}",
                _walk_name(documents, walk),
                role,
                documents.name(walk.coordinator),
                walk.meeting_point or "—",
            )
        )
    flowables.append(table(COLUMNS, rows, [share * width for share in WIDTHS]))
    flowables.append(Spacer(0, 6))
    flowables.append(
        Paragraph(
            escape(
                f"Log every walk in CAD as call type “{documents.district.walk_call_type}”, with at least "
                "one photo. Walks are positive contact: not investigations, not field contacts."
            ),
            sheet.small,
        )
    )
    return flowables


def person_walks(documents: MonthDocuments, person_id: str) -> list[Walk]:
    return sorted(
        (walk for walk in documents.plan.walks if person_id in walk.participants), key=lambda walk: walk.start
    )


def _walkers(documents: MonthDocuments) -> Sequence[Person]:
    """Everyone on at least one walk of the month, in roster order."""
    walking = {pid for walk in documents.plan.walks for pid in walk.participants}
    return [person for person in documents.people if person.id in walking]


def _walk_name(documents: MonthDocuments, walk: Walk) -> str:
    names = {walk_type.key: walk_type.name for walk_type in documents.district.walk_types}
    return f"{walk_mark(walk.type).label} · {names.get(walk.type, walk.type)}"
