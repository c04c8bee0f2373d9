"""Talking points, daily briefing sheets and the packet, printed from month data written out by
hand (no database, no solver) and read back with pypdf."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pypdf
import pytest

from reports.catalog import ReportRequest, render
from reports.layout import build_pdf
from scheduler.actions import Month, MonthDocuments, NeighborhoodMap, Plan, Sector, Walk
from scheduler.domain import Rank, Unit
from scheduler.domain.incidents import Incident
from scheduler.domain.neighborhood import Event, Group, Landmark, Profile, Resource
from scheduler.formats.boundary import Boundary
from scheduler.store import StoredPlan
from tests.factories import district, person

ZONE = ZoneInfo("America/New_York")
DECEMBER = Month(2026, 12)
DAY = date(2026, 12, 10)
GENERATED = date(2026, 11, 30)
AYSE = "Ay\u015fe Y\u0131lmaz"  # with a dotless i
DASH = "\u2013"
PEOPLE = (
    replace(person("c1", Rank.CAPTAIN, responsible=True), name="Maria Alvarez"),
    replace(person("l1", Rank.LIEUTENANT, responsible=True), name=AYSE),
    replace(person("s1", Rank.SERGEANT, responsible=True), name="Nguyễn Văn An"),
    replace(person("o1", Rank.OFFICER, responsible=True), name="Olu <b>Bold</b>"),
    replace(person("o2", Rank.OFFICER), name="Zoë O'Brien-Núñez"),
    replace(person("u1", Rank.OFFICER, Unit.COMMUNITY_POLICING), name="Иванова Анна"),
    replace(person("u2", Rank.OFFICER, Unit.COMMUNITY_POLICING), name="Sam Okafor"),
)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ZONE)


WALKS = (
    Walk("w1", "squad", at(10, 9, 30), 30, "s1", ("s1", "o1"), meeting_point="Library steps"),
    Walk("w2", "captain", at(10, 15), 45, "c1", ("c1", "o2"), meeting_point="Smith & Sons corner"),
    Walk(
        "w3",
        "post_incident",
        at(10, 16),
        60,
        "u1",
        ("u1", "u2", "l1"),
        called_in=("u2",),
        partners=("Dana Cole",),
    ),
    Walk("w4", "officer", at(14, 10), 20, "o1", ("o1", "o2")),
)
SQUARE = ((-84.21, 39.78), (-84.18, 39.78), (-84.18, 39.79), (-84.21, 39.79), (-84.21, 39.78))
INCIDENTS = (
    Incident("C-1", "shooting", at(1, 21), latitude=39.785, longitude=-84.20),
    Incident("C-2", "shooting", at(3, 21), latitude=39.785, longitude=-84.20),
)
PROFILE = Profile(
    landmarks=(Landmark("St. Mary's Church", 39.785, -84.196, "North"),),
    groups=(Group("Oak Street Block Watch", "Kwame Mensah", "937-555-0188"),),
    events=(Event("Neighborhood association meeting", date(2026, 12, 15), "St. Mary's Church hall"),),
    resources=(Resource("Eastside Food Pantry", "groceries", "937-555-0102"),),
)


def documents(walks=WALKS, profile=PROFILE) -> MonthDocuments:
    plan = Plan(DECEMBER, "America/New_York", walks=walks)
    return MonthDocuments(
        district=replace(district(), name="Eastside District"),
        month=DECEMBER,
        stored=StoredPlan(plan, 1, "alvarez", datetime(2026, 11, 30, tzinfo=UTC)),
        people=PEOPLE,
        neighborhood_name="Eastside",
        neighborhood=NeighborhoodMap(None, (Sector("North", Boundary(((SQUARE,),))),)),
        profile=profile,
        incidents=INCIDENTS,
    )


def printed(kind: str, data: MonthDocuments | None = None, **request: object) -> pypdf.PdfReader:
    asked = ReportRequest(generated=GENERATED, agency="Dayton Police Department", **request)
    flowables, info = render(kind, data or documents(), asked)
    return pypdf.PdfReader(io.BytesIO(build_pdf(flowables, info)))


def text(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def outline(reader: pypdf.PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(entries, level):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, level + 1)
            else:
                found.append((level, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    return found


def flat(words: str) -> str:
    """Text without line breaks: a long sentence wraps wherever the page makes it."""
    return " ".join(words.split())


def test_talking_points_say_the_figures_the_events_and_the_phone_numbers():
    said = flat(text(printed("talking-points", day=DAY)))
    assert "Talking points: Eastside" in said
    assert "From Thursday, 10 December 2026" in said
    assert (
        "In the last 30 days there were 2 shooting incidents in the neighborhood, 2 more than in the "
        "30 days before; all of them were in sector North."
    ) in said
    assert "No homicide incidents were recorded in the last 30 days." in said
    assert "Neighborhood association meeting" in said
    assert "Eastside Food Pantry groceries 937-555-0102" in said
    assert "Oak Street Block Watch Kwame Mensah 937-555-0188" in said
    assert "St. Mary's Church (sector North)" in said
    assert "Dayton Police Department · Eastside District · generated 2026-11-30" in said


def test_talking_points_of_an_empty_profile_say_what_is_missing():
    said = flat(text(printed("talking-points", documents(profile=Profile()))))
    assert "From Tuesday, 1 December 2026" in said
    assert "Services and phone numbers: none in the neighborhood profile yet" in said
    assert "Community groups: none in the neighborhood profile yet" in said


def test_a_briefing_sheet_lists_the_walks_leaders_and_called_in_people_on_one_page():
    reader = printed("briefing", day=DAY)
    assert len(reader.pages) == 1
    said = flat(text(reader))
    assert "Daily briefing: Thursday, 10 December 2026" in said
    assert "Eastside District · Eastside · 3 walks" in said
    assert f"09:30{DASH}10:00 SQD · Squad walk Library steps Nguyễn Văn An Olu <b>Bold</b>" in said
    assert "Smith & Sons corner Maria Alvarez Zoë O'Brien-Núñez" in said
    assert f"Иванова Анна Sam Okafor (called in); {AYSE}; invited: Dana Cole" in said
    assert "Maria Alvarez, captain: coordinates the Captain walk at 15:00" in said
    assert f"{AYSE}, lieutenant: on the Post-incident walk at 16:00" in said
    assert "Nguyễn Văn An, sergeant: coordinates the Squad walk at 09:30" in said
    assert "Zoë" not in said.split("Leaders at briefing")[1]  # an officer on a walk is no leader
    assert "2 shooting incidents" in said
    assert "937-555-0102" in said
    assert [title for _, title, _ in outline(reader)] == ["Daily briefing: Thursday, 10 December 2026"]


def test_a_day_without_walks_says_so():
    said = flat(text(printed("briefing", day=date(2026, 12, 11))))
    assert "No walks are planned on this day." in said
    assert "Nobody leads a walk today." in said


@pytest.mark.parametrize("size, width", [("letter", 612), ("a4", 595)])
def test_the_packet_binds_the_documents_under_bookmarks_with_a_sheet_per_day_with_walks(size, width):
    reader = printed("packet", page_size=size)
    assert round(float(reader.pages[0].mediabox.width)) == width
    entries = outline(reader)
    documents_ = [(title, page) for level, title, page in entries if level == 0]
    assert [title for title, _ in documents_] == [
        "Implementation plan",
        "Training handout",
        "Talking points",
        "Daily briefing sheets",
    ]
    pages = [page for _, page in documents_]
    assert pages == sorted(pages) and pages[0] == 1 and len(set(pages)) == 4  # each on its own page
    sheets = [(title, page) for level, title, page in entries if title.startswith("Daily briefing:")]
    assert [title for title, _ in sheets] == [
        "Daily briefing: Thursday, 10 December 2026",
        "Daily briefing: Monday, 14 December 2026",
    ]
    assert sheets[0][1] == pages[3] and sheets[1][1] == len(reader.pages)
    assert ("What the figures say", pages[2]) in [
        (title, page) for level, title, page in entries if level == 1
    ]
    last = reader.pages[-1].extract_text()
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in last
    assert "Dayton Police Department · Eastside District · generated 2026-11-30" in last


def test_a_packet_of_a_month_without_walks_says_there_is_no_briefing_sheet():
    said = flat(text(printed("packet", documents(walks=()))))
    assert "No walks are planned in December 2026, so there is no briefing sheet." in said
