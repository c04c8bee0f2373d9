"""The month's implementation plan, which the district captain hands to executive staff: what the
guide asks a plan to say, with this district's neighborhood, people, rules and calendar in it.

The prose is `resources/plan.md`, which an agency may rewrite; its `@name` lines are the parts
drawn here from data (cover, map, walk types, calendar, who walks how often, outputs, shortfalls).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from reports.handout import text_values
from reports.layout import content_height, content_width, swatch, table
from reports.markdown import markdown_flowables
from reports.markup import escape, fill
from reports.neighborhood_map import neighborhood_drawing
from reports.story import ReportRequest, Story, local_zone, month_name
from reports.styles import calendar_style, styles, walk_mark
from scheduler.actions import MonthDocuments, Person, Walk, WalkType, document_text

PLAN_TEXT = "plan.md"
PERIODS = {"work_week": "work week", "month": "month", "workday": "workday", "incident": "incident"}
MAP_SHARE = 0.62  # of the page's height
SHOWN_QUALITY = "missed_walk", "changed_walk"  # printed elsewhere (shortfalls) or only when paid


def plan_story(documents: MonthDocuments, request: ReportRequest) -> Story:
    values = {**text_values(documents, request), **_leaders(documents)}
    inserts = {
        "cover": _cover(documents, request),
        "map": _map(documents, request),
        "walk_types": _walk_types(documents, request),
        "calendar": _calendar(documents, request),
        "people": _people(documents, request),
        "outputs": _outputs(documents, request),
        "shortfalls": _shortfalls(documents, request),
    }
    flowables = markdown_flowables(document_text(PLAN_TEXT), values, request.outline_level, inserts)
    return Story(f"Implementation plan, {documents.neighborhood.name}, {month_name(documents)}", flowables)


def _leaders(documents: MonthDocuments) -> dict[str, str]:
    """The district captain and patrol lieutenant(s) responsible for the neighborhood, by name."""
    captain = _responsible(documents.people, "captain")
    lieutenants = _responsible(documents.people, "lieutenant")
    return {
        "captain": captain[0].name if captain else "none on the roster",
        "lieutenant": ", ".join(person.name for person in lieutenants) or "none on the roster",
    }


def _responsible(people: Sequence[Person], rank: str) -> list[Person]:
    return [p for p in people if p.rank.value == rank and p.unit.value == "patrol" and p.responsible]


def _cover(documents: MonthDocuments, request: ReportRequest) -> list[Flowable]:
    sheet = styles()
    stored = documents.stored
    captain = _responsible(documents.people, "captain")
    prepared = f"{captain[0].name}, district captain" if captain else documents.district.name
    saved = stored.saved_at.astimezone(local_zone(documents))
    rows = [
        ("Agency", request.agency or "—"),
        ("District", documents.district.name),
        ("Neighborhood", documents.neighborhood.name),
        ("Month", month_name(documents)),
        ("Prepared by", prepared),
        ("Plan", f"version {stored.version}, saved by {stored.saved_by} on {saved:%Y-%m-%d %H:%M}"),
        ("Date", request.generated.isoformat()),
    ]
    walks = documents.plan.walks
    walkers = {pid for walk in walks for pid in walk.participants}
    summary = fill(
        "<b>{walks}</b> walks by <b>{people}</b> people; {shortfalls}.",
        walks=len(walks),
        people=len(walkers),
        shortfalls=_shortfall_summary(documents),
    )
    details = Table(
        [
            [Paragraph(escape(key), sheet.cell_header), Paragraph(escape(value), sheet.body)]
            for key, value in rows
        ],
        colWidths=[90, content_width(request.page_size) - 90],
        hAlign="LEFT",
    )
    return [
        Paragraph(escape(f"Community walks in {documents.neighborhood.name}"), sheet.subtitle),
        Spacer(0, 18),
        details,
        Spacer(0, 18),
        Paragraph(summary, sheet.body),
        PageBreak(),
    ]


def _shortfall_summary(documents: MonthDocuments) -> str:
    count = len(documents.plan.shortfalls)
    if not count:
        return "every minimum is met"
    return f"{count} minimum{'s' if count != 1 else ''} cannot be met (see the last section)"


def _map(documents: MonthDocuments, request: ReportRequest) -> list[Flowable]:
    sheet = styles()
    width = content_width(request.page_size)
    drawing = neighborhood_drawing(documents, width, content_height(request.page_size) * MAP_SHARE)
    if drawing is None:
        note = "No boundary, places or incidents are stored yet: import them to draw the map."
        return [Paragraph(note, sheet.body)]
    points = documents.profile.meeting_points
    rows = [(str(number), point.name, point.sector or "") for number, point in enumerate(points, start=1)]
    flowables: list[Flowable] = [drawing, Spacer(0, 6)]
    if rows:
        flowables.append(table(("No.", "Meeting point", "Sector"), rows, [30, width * 0.6, width * 0.4 - 30]))
    return flowables


def _walk_types(documents: MonthDocuments, request: ReportRequest) -> list[Flowable]:
    planned = Counter(walk.type for walk in documents.plan.walks)
    width = content_width(request.page_size)
    rows = [
        (
            _marked(walk_type.key),
            walk_type.name,
            f"{walk_type.minutes} min" if walk_type.per.value != "incident" else "",
            _minimum(walk_type),
            _who(walk_type),
            str(planned[walk_type.key]),
        )
        for walk_type in documents.district.walk_types
    ]
    shares = (0.12, 0.16, 0.1, 0.16, 0.36, 0.1)
    header = ("Label", "Walk type", "Length", "Minimum", "Who (coordinator first)", "Planned")
    return [table(header, rows, [share * width for share in shares])]


def _marked(key: str) -> Table:
    """The type's swatch beside its label."""
    mark = walk_mark(key)
    cell = Table([[swatch(mark), Paragraph(escape(mark.label), styles().cell_header)]], colWidths=[19, None])
    cell.setStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    return cell


def _minimum(walk_type: WalkType) -> str:
    if walk_type.per.value == "incident":
        return "within 24 hours of every homicide and shooting"
    return f"{walk_type.minimum} per {PERIODS.get(walk_type.per.value, walk_type.per.value)}"


def _who(walk_type: WalkType) -> str:
    return "; ".join(
        role.label if role.count == 1 else f"{role.count} \u00d7 {role.label}" for role in walk_type.roles
    )


def _calendar(documents: MonthDocuments, request: ReportRequest) -> list[Flowable]:
    """The month as weeks of seven days (from the district's first day of the week); a week too
    long for the rest of a page moves on, one too long for a page splits inside."""
    sheet = styles()
    zone = local_zone(documents)
    by_day: dict[date, list[Walk]] = {}
    for walk in sorted(documents.plan.walks, key=lambda walk: walk.start):
        by_day.setdefault(walk.start.astimezone(zone).date(), []).append(walk)
    start = documents.district.week_start
    names = [calendar.day_abbr[(start + offset) % 7] for offset in range(7)]
    first = documents.month.first_day
    day = first - timedelta(days=(first.weekday() - start) % 7)
    rows: list[list[object]] = [[Paragraph(name, sheet.tiny_bold) for name in names]]
    while day <= documents.month.last_day:
        rows.append([_day_cell(documents, day + timedelta(days=i), by_day, zone) for i in range(7)])
        day += timedelta(days=7)
    width = content_width(request.page_size) / 7
    grid = Table(rows, colWidths=[width] * 7, repeatRows=1, splitInRow=1, style=calendar_style())
    legend = ", ".join(
        f"{walk_mark(walk_type.key).label} {walk_type.name}" for walk_type in documents.district.walk_types
    )
    return [grid, Spacer(0, 4), Paragraph(escape(legend), sheet.small)]


def _day_cell(documents: MonthDocuments, day: date, by_day: dict[date, list[Walk]], zone: ZoneInfo) -> object:
    sheet = styles()
    if not documents.month.first_day <= day <= documents.month.last_day:
        return ""
    title = f"<b>{day.day}</b>" + (" holiday" if day in documents.district.holidays else "")
    lines = [title]
    for walk in by_day.get(day, []):
        start = walk.start.astimezone(zone)
        place = f" · {escape(walk.meeting_point)}" if walk.meeting_point else ""
        coordinator = escape(documents.name(walk.coordinator))
        lines.append(f"{start:%H:%M} <b>{walk_mark(walk.type).label}</b> {coordinator}{place}")
    return Paragraph("<br/>".join(lines), sheet.tiny)


def _people(documents: MonthDocuments, request: ReportRequest) -> list[Flowable]:
    """Everyone who walks this month, in roster order, with how often and in which walk types."""
    sheet = styles()
    walks = Counter(pid for walk in documents.plan.walks for pid in walk.participants)
    leads = Counter(walk.coordinator for walk in documents.plan.walks)
    by_type: dict[str, Counter[str]] = {}
    for walk in documents.plan.walks:
        for pid in walk.participants:
            by_type.setdefault(pid, Counter())[walk.type] += 1
    rows = [
        (
            person.name,
            person.rank.value,
            person.unit.value.replace("_", " "),
            str(walks[person.id]),
            str(leads[person.id]),
            ", ".join(f"{walk_mark(key).label} {count}" for key, count in sorted(by_type[person.id].items())),
        )
        for person in documents.people
        if walks[person.id]
    ]
    width = content_width(request.page_size)
    shares = (0.27, 0.12, 0.17, 0.08, 0.1, 0.26)
    header = ("Name", "Rank", "Unit", "Walks", "Leads", "By type")
    summary = fill(
        "{people} people walk this month, {average} walks each on average.",
        people=len(rows),
        average=f"{sum(walks.values()) / len(rows):.1f}" if rows else "0",
    )
    return [Paragraph(summary, sheet.body), table(header, rows, [share * width for share in shares])]


def _outputs(documents: MonthDocuments, request: ReportRequest) -> list[Flowable]:
    """The outputs this month's plan promises, by walk type: the figures the weekly reports compare
    with what CAD shows was done."""
    rows = []
    totals = [0, 0, 0.0]
    for walk_type in documents.district.walk_types:
        walks = [walk for walk in documents.plan.walks if walk.type == walk_type.key]
        people = sum(len(walk.participants) for walk in walks)
        hours = sum(walk.minutes * len(walk.participants) for walk in walks) / 60
        totals = [totals[0] + len(walks), totals[1] + people, totals[2] + hours]
        rows.append((walk_type.name, str(len(walks)), str(people), f"{hours:.1f}"))
    rows.append(("All walks", str(totals[0]), str(totals[1]), f"{totals[2]:.1f}"))
    width = content_width(request.page_size)
    header = ("Walk type", "Walks planned", "People on them", "Hours walked (person-hours)")
    return [table(header, rows, [width * 0.4, width * 0.18, width * 0.18, width * 0.24]), Spacer(0, 6)]


def _shortfalls(documents: MonthDocuments, request: ReportRequest) -> list[Flowable]:
    sheet = styles()
    plan = documents.plan
    names = {walk_type.key: walk_type.name for walk_type in documents.district.walk_types}
    flowables: list[Flowable] = []
    if plan.shortfalls:
        rows = [
            (names.get(s.type, s.type), s.period, f"{s.planned} of {s.required}", s.reason)
            for s in plan.shortfalls
        ]
        flowables.append(Paragraph("These minimums cannot be met this month, and why:", sheet.body))
        width = content_width(request.page_size)
        widths = [width * share for share in (0.18, 0.16, 0.1, 0.56)]
        flowables.append(table(("Walk type", "Period", "Planned", "Reason"), rows, widths))
    else:
        flowables.append(Paragraph("Every minimum is met: the plan has no shortfall.", sheet.body))
    flowables.append(Paragraph("Plan quality", sheet.subheading))
    terms = [
        term
        for term in (plan.quality.terms if plan.quality else ())
        if term.rule not in SHOWN_QUALITY or (term.rule == "changed_walk" and term.amount)
    ]
    if not terms:
        flowables.append(Paragraph("The plan carries no quality breakdown.", sheet.body))
    for term in terms:
        flowables.append(Paragraph(escape(term.detail), sheet.bullet, bulletText="•"))
    return flowables
