"""The daily briefing sheet read at roll call: the day's walks, the leaders who attend briefing
because they lead one, and the day's talking points, on one page for a normal day."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer

from reports.layout import Heading, content_width, table
from reports.markup import fill
from reports.story import ReportRequest, Story
from reports.styles import styles, walk_mark
from reports.talking_points import long_date, talking_points_flowables
from scheduler.actions import Briefing, BriefingWalk, Leader, Member, MonthDocuments, month_briefing

COLUMNS = ("Time", "Walk", "Meeting point", "Coordinator", "With")
WIDTHS = (0.13, 0.17, 0.2, 0.17, 0.33)  # shares of the page's width
CALLED_IN = "called in"  # after the name of someone called in off duty (not at roll call)


def briefing_story(documents: MonthDocuments, request: ReportRequest) -> Story:
    """The sheet of `request.day` (the command line requires one)."""
    assert request.day is not None
    briefing = month_briefing(documents, request.day)
    return Story(f"Daily briefing, {briefing.day.isoformat()}", briefing_flowables(briefing, request))


def briefing_flowables(briefing: Briefing, request: ReportRequest) -> list[Flowable]:
    sheet = styles()
    walks = len(briefing.walks)
    places = dict.fromkeys((briefing.district, briefing.talking_points.neighborhood))  # often the same
    flowables: list[Flowable] = [
        Heading(f"Daily briefing: {long_date(briefing.day)}", sheet.heading, request.outline_level),
        Paragraph(
            fill(
                "{places} · <b>{count}</b>",
                places=" · ".join(places),
                count=f"{walks} walk{'s' if walks != 1 else ''}",
            ),
            sheet.body,
        ),
    ]
    if briefing.walks:
        width = content_width(request.page_size)
        rows = [_row(walk) for walk in briefing.walks]
        flowables.append(table(COLUMNS, rows, [share * width for share in WIDTHS]))
    else:
        flowables.append(Paragraph("No walks are planned on this day.", sheet.body))
    flowables.append(Paragraph("Leaders at briefing", sheet.subheading))
    for leader in briefing.leaders:
        flowables.append(Paragraph(_leader_line(leader), sheet.small_bullet, bulletText="•"))
    if not briefing.leaders:
        flowables.append(Paragraph("Nobody leads a walk today.", sheet.small))
    flowables.append(Spacer(0, 2))
    flowables += talking_points_flowables(briefing.talking_points, request, brief=True)
    return flowables


def _row(walk: BriefingWalk) -> tuple[str, ...]:
    others = [_name(member) for member in walk.participants[1:]]
    if walk.partners:
        others.append(f"invited: {', '.join(walk.partners)}")
    return (
        f"{walk.start:%H:%M}\u2013{walk.end:%H:%M}",
        f"{walk_mark(walk.type).label} · {walk.type_name}",
        walk.meeting_point or "—",
        _name(walk.coordinator),
        "; ".join(others) or "—",
    )


def _name(member: Member) -> str:
    return f"{member.name} ({CALLED_IN})" if member.called_in else member.name


def _leader_line(leader: Leader) -> str:
    """'<b>Maria Alvarez</b>, captain: coordinates the captain walk at 15:00; on the post-incident walk
    at 16:00'."""
    parts = [
        f"{'coordinates' if leader.coordinates(walk) else 'on'} the {walk.type_name} at {walk.start:%H:%M}"
        for walk in leader.walks
    ]
    rank = leader.member.rank.value if leader.member.rank else "not on the roster"
    walks = "; ".join(parts)
    return fill("<b>{name}</b>, {rank}: {walks}", name=_name(leader.member), rank=rank, walks=walks)
