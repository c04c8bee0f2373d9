"""The month's documents read back from the PDF: the right sections, names, dates and counts."""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from reports.catalog import render, write_report
from reports.layout import build_pdf
from reports.story import ReportRequest
from scheduler import actions
from scheduler.actions import InputError, MonthDocuments, NotFound
from tests.reports.conftest import AGENCY, GENERATED
from tests.reports.department import AYSE, DECEMBER, RENAMED
from tests.reports.pdf_text import pages, text
from tests.store.conftest import sqlite_url

ZONE = ZoneInfo("America/New_York")
PLAN_SECTIONS = (
    "Implementation plan",
    "The neighborhood",
    "Purpose and the link to crime prevention",
    "Expectations by rank and unit",
    "Leaders' roles",
    "Walk types and minimums",
    "Calendar of walks",
    "Who walks how often",
    "Accountability",
    "Shortfalls and plan quality",
)


def pdf(kind: str, documents: MonthDocuments, request: ReportRequest) -> bytes:
    return build_pdf(*render(kind, documents, request))


def flat(value: str) -> str:
    """Text with line breaks as spaces: table cells and paragraphs wrap."""
    return re.sub(r"\s+", " ", value)


@pytest.fixture(scope="module")
def plan_pdf(documents) -> bytes:
    return pdf("plan", documents, ReportRequest(generated=GENERATED, agency=AGENCY))


def test_the_plan_has_every_section_in_order_and_in_the_outline(plan_pdf):
    whole = text(plan_pdf)
    positions = [whole.index(section) for section in PLAN_SECTIONS]
    assert positions == sorted(positions)
    outline = [entry.title for entry in PdfReader(io.BytesIO(plan_pdf)).outline]
    assert outline == list(PLAN_SECTIONS[1:])


def test_the_plan_cover_names_agency_district_month_and_the_injected_date(plan_pdf):
    cover = flat(pages(plan_pdf)[0])
    assert "Gem City Police & Fire" in cover and "Eastside District" in cover
    assert "December 2026" in cover and "2026-11-28" in cover
    assert "Prepared by Nguyễn Văn An, district captain" in cover
    assert "version 1, saved by alvarez" in cover


def test_every_page_is_numbered(plan_pdf):
    texts = pages(plan_pdf)
    assert all(f"Page {n} of {len(texts)}" in page for n, page in enumerate(texts, start=1))


def test_names_and_places_print_literally(plan_pdf):
    whole = flat(text(plan_pdf))
    for name in RENAMED.values():
        assert name in whole
    assert "Smith & Sons hardware" in whole and "Riverside <Park> gate" in whole


def test_who_walks_how_often_matches_the_plan(plan_pdf, documents):
    whole = flat(text(plan_pdf))
    walks = Counter(pid for walk in documents.plan.walks for pid in walk.participants)
    leads = Counter(walk.coordinator for walk in documents.plan.walks)
    for person in documents.people:
        if walks[person.id]:
            unit = person.unit.value.replace("_", " ")
            row = f"{person.name} {person.rank.value} {unit} {walks[person.id]} {leads[person.id]}"
            assert row in whole[whole.index("Who walks how often") :]


def test_the_calendar_lists_each_days_walks_and_the_walk_types_their_minimums(plan_pdf, documents):
    whole = flat(text(plan_pdf))
    assert "3 per work week" in whole and "2 per month" in whole and "1 per workday" in whole
    assert "25 holiday" in whole
    first = min(documents.plan.walks, key=lambda walk: walk.start)
    start = first.start.astimezone(ZONE)
    assert f"{start:%H:%M}" in whole
    assert f"{len(documents.plan.walks)} walks by" in whole


def test_the_plan_says_whether_minimums_are_met(plan_pdf, documents):
    whole = flat(text(plan_pdf))
    if documents.plan.shortfalls:
        assert all(shortfall.reason in whole for shortfall in documents.plan.shortfalls)
    else:
        assert "Every minimum is met" in whole
    assert "Plan quality" in whole


def test_the_handout_fills_in_the_agency_and_neighborhood(documents, request_letter):
    whole = flat(text(pdf("handout", documents, request_letter)))
    assert "Community walks in Eastside District" in whole
    assert "everyone at Gem City Police & Fire who walks" in whole
    for section in ("Why we walk", "What a walk is not", "Starting a conversation", "Items and flyers"):
        assert section in whole
    assert '"Why are you doing this walk?"' in whole and 'call type "community walk"' in whole


def test_a_personal_schedule_page_per_walker_with_their_walks(documents, request_letter):
    texts = [flat(page) for page in pages(pdf("schedule", documents, request_letter))]
    walkers = [p for p in documents.people if any(p.id in walk.participants for walk in documents.plan.walks)]
    assert len(texts) == len(walkers)
    for page, person in zip(texts, walkers, strict=True):
        count = sum(person.id in walk.participants for walk in documents.plan.walks)
        assert page.startswith(f"{person.name} — December 2026")
        assert f"{count} walk{'s' if count != 1 else ''} this month" in page


def test_one_persons_schedule(documents, request_letter):
    ayse = next(person for person in documents.people if person.name == AYSE)
    texts = pages(pdf("schedule", documents, replace(request_letter, person=ayse)))
    assert len(texts) == 1 and texts[0].startswith(AYSE)
    mine = [walk for walk in documents.plan.walks if ayse.id in walk.participants]
    for walk in mine:
        assert f"{walk.start.astimezone(ZONE):%a %d %b}" in texts[0]


def test_a4_documents(documents, request_letter, tmp_path):
    out = tmp_path / "handout.pdf"
    write_report("handout", documents, replace(request_letter, page_size="a4"), out)
    box = PdfReader(out).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_month_without_a_plan_unknown_person_and_day_outside_the_month(department, documents):
    db = actions.open_department(sqlite_url(department))
    try:
        with pytest.raises(NotFound, match="has no plan for 2027-01"):
            actions.month_documents(db, district=actions.find_district(db), month=DECEMBER.next())
    finally:
        db.close()
    with pytest.raises(InputError, match="nobody with id 'x9'"):
        actions.document_person(documents, "x9")
    with pytest.raises(InputError, match="2027-01-02 is not in 2026-12"):
        actions.document_day(DECEMBER, "2027-01-02")
    assert actions.document_day(DECEMBER, "2026-12-24").day == 24


def test_the_map_draws_sectors_places_and_incident_density(plan_pdf):
    neighborhood = flat(pages(plan_pdf)[1])
    assert "NORTH" in neighborhood and "SOUTH" in neighborhood
    assert "St. Mary's Church" in neighborhood and "meeting point (numbered)" in neighborhood
    assert "incidents, last 3 months:" in neighborhood  # the density scale: there are incidents
    assert "1 Smith & Sons hardware North 2 Riverside <Park> gate South" in neighborhood


def test_without_a_boundary_places_or_incidents_the_plan_says_what_to_import(documents, request_letter):
    bare = replace(
        documents,
        neighborhood=actions.NeighborhoodMap("Eastside District", None),
        profile=actions.Profile(),
        incidents=(),
    )
    assert "No boundary, places or incidents are stored yet" in flat(text(pdf("plan", bare, request_letter)))


def test_walk_types_show_label_and_swatch(plan_pdf):
    whole = flat(text(plan_pdf))
    assert "OFC Officer walk 20 min 3 per work week" in whole
    assert "PI Post-incident walk" in whole


def test_the_schedule_of_someone_without_walks_says_so(documents, request_letter):
    idle = replace(documents.people[0], id="new1", name="Nobody Walks Yet")  # joined after planning
    (page,) = pages(pdf("schedule", documents, replace(request_letter, person=idle)))
    assert "0 walks this month" in page and "No walks are planned for you in December 2026." in flat(page)
