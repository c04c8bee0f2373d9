"""The neighborhood in the store: the boundary, incidents flagged against it, post-incident walks."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from scheduler.domain import Month, Walk
from scheduler.domain.incidents import Incident
from scheduler.formats.boundary import parse_boundary
from scheduler.store import PlanConflict, load_plan, save_plan
from scheduler.store.neighborhood import (
    get_incident,
    import_incidents,
    incidents,
    incidents_between,
    load_boundary,
    post_incident_walk,
    save_boundary,
    save_post_incident,
)
from scheduler.store.schema import IncidentRow, WalkRow
from tests.factories import MONTH
from tests.store.conftest import december_plan, plan_and_version

DISTRICT = 1  # the id of the first district of a new database
NY = ZoneInfo("America/New_York")
SQUARE = [[-84.21, 39.77], [-84.18, 39.77], [-84.18, 39.79], [-84.21, 39.79], [-84.21, 39.77]]
PARK = [[-84.20, 39.775], [-84.19, 39.775], [-84.19, 39.785], [-84.20, 39.785], [-84.20, 39.775]]
BOUNDARY = parse_boundary(json.dumps({"type": "Polygon", "coordinates": [SQUARE, PARK]}), "hood.geojson")

INSIDE = Incident(
    "C-1", "shooting", datetime(2026, 12, 10, 21, 30, tzinfo=NY), "500 Main St", 39.772, -84.205
)
IN_THE_PARK = Incident("C-2", "homicide", datetime(2026, 12, 1, 0, 15, tzinfo=NY), "", 39.78, -84.195)
FAR = Incident("C-3", "robbery", datetime(2026, 12, 20, 14, 0, tzinfo=NY), "", 39.70, -84.30)
JANUARY = Incident("C-4", "shooting", datetime(2027, 1, 1, 0, 5, tzinfo=NY), "", 39.772, -84.205)
FILE = (INSIDE, IN_THE_PARK, FAR, JANUARY)


def count(db, table) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_the_boundary_is_stored_and_replaced(district_db):
    assert load_boundary(district_db, DISTRICT) is None
    assert save_boundary(district_db, DISTRICT, BOUNDARY) is False
    assert load_boundary(district_db, DISTRICT) == BOUNDARY
    smaller = replace(BOUNDARY, polygons=(BOUNDARY.polygons[0][:1],))
    assert save_boundary(district_db, DISTRICT, smaller) is True
    assert load_boundary(district_db, DISTRICT) == smaller


def test_incidents_outside_are_kept_and_flagged_and_come_back_by_month(district_db):
    save_boundary(district_db, DISTRICT, BOUNDARY)
    summary = import_incidents(district_db, DISTRICT, FILE, "incidents.csv")
    assert (summary.added, summary.already_there, summary.outside, summary.has_boundary) == (4, 0, 2, True)
    assert [incident.id for incident in summary.new if incident.outside] == ["C-2", "C-3"]

    december = incidents(district_db, DISTRICT, MONTH)
    assert december == (
        replace(IN_THE_PARK, outside=True),
        INSIDE,
        replace(FAR, outside=True),
    )
    assert all(incident.occurred_at.tzinfo == NY for incident in december)
    assert incidents(district_db, DISTRICT, Month(2027, 1)) == (JANUARY,)
    assert get_incident(district_db, DISTRICT, "C-3") == replace(FAR, outside=True)
    assert get_incident(district_db, DISTRICT, "C-9") is None


def test_incidents_between_two_local_days_leave_out_the_last(district_db):
    import_incidents(district_db, DISTRICT, FILE, "incidents.csv")
    assert [
        i.id for i in incidents_between(district_db, DISTRICT, date(2026, 12, 1), date(2026, 12, 20))
    ] == [
        "C-2",  # 00:15 local on the first day, 05:15 UTC
        "C-1",
    ]
    assert [i.id for i in incidents_between(district_db, DISTRICT, date(2026, 12, 20), date(2027, 1, 2))] == [
        "C-3",
        "C-4",  # 00:05 local on New Year's Day
    ]


def test_importing_again_adds_nothing_and_changes_nothing(district_db):
    import_incidents(district_db, DISTRICT, FILE, "incidents.csv")
    changed = replace(INSIDE, kind="homicide", address="elsewhere")
    summary = import_incidents(district_db, DISTRICT, (changed, IN_THE_PARK), "incidents.csv")
    assert (summary.added, summary.already_there) == (0, 2)
    assert count(district_db, IncidentRow) == 4
    assert get_incident(district_db, DISTRICT, "C-1") == INSIDE


def test_without_a_boundary_nothing_is_outside_until_one_is_drawn(district_db):
    summary = import_incidents(district_db, DISTRICT, FILE, "incidents.csv")
    assert (summary.outside, summary.has_boundary) == (0, False)
    assert not any(incident.outside for incident in incidents(district_db, DISTRICT, MONTH))
    save_boundary(district_db, DISTRICT, BOUNDARY)
    assert [incident.id for incident in incidents(district_db, DISTRICT, MONTH) if incident.outside] == [
        "C-2",
        "C-3",
    ]


@pytest.fixture
def planned(planned_db):
    """The small roster and a saved plan of December (version 1)."""
    return planned_db, december_plan()


def with_walk(plan, incident: Incident):
    walk = Walk(
        f"pi-{incident.id}",
        "post_incident",
        datetime(2026, 12, 11, 9, 0, tzinfo=NY),
        60,
        "u1",
        ("u1", "s3"),
        locked=True,
    )
    return replace(plan, walks=(*plan.walks, walk)), walk


def test_a_post_incident_walk_is_saved_with_its_incident(planned):
    db, plan = planned
    assert post_incident_walk(db, DISTRICT, "C-1") is None
    new_plan, walk = with_walk(plan, INSIDE)
    assert save_post_incident(db, DISTRICT, INSIDE, new_plan, 1, walk.id, "lt. okafor").version == 2
    assert plan_and_version(load_plan(db, DISTRICT, MONTH)) == (new_plan, 2)
    assert get_incident(db, DISTRICT, "C-1") == INSIDE
    assert post_incident_walk(db, DISTRICT, "C-1") == walk
    with db.session() as session:
        row = session.scalars(select(WalkRow).where(WalkRow.key == walk.id)).one()
        assert (row.source, row.locked) == ("post_incident", True)


def test_an_imported_incident_gets_its_walk_linked(planned):
    db, plan = planned
    import_incidents(db, DISTRICT, FILE, "incidents.csv")
    new_plan, walk = with_walk(plan, INSIDE)
    save_post_incident(db, DISTRICT, INSIDE, new_plan, 1, walk.id, "lt. okafor")
    assert count(db, IncidentRow) == 4
    assert post_incident_walk(db, DISTRICT, "C-1") == walk


def test_a_refused_save_records_no_incident(planned):
    db, plan = planned
    save_plan(db, DISTRICT, replace(plan, walks=plan.walks[:5]), 1, "captain")  # a colleague saves first
    new_plan, walk = with_walk(plan, INSIDE)
    with pytest.raises(PlanConflict, match="was changed by captain"):
        save_post_incident(db, DISTRICT, INSIDE, new_plan, 1, walk.id, "lt. okafor")
    assert get_incident(db, DISTRICT, "C-1") is None
    assert load_plan(db, DISTRICT, MONTH).version == 2


def test_the_walk_must_be_in_the_plan(planned):
    db, plan = planned
    with pytest.raises(ValueError, match="walk pi-C-1 is not in the plan of 2026-12"):
        save_post_incident(db, DISTRICT, INSIDE, plan, 1, "pi-C-1", "lt. okafor")
    assert get_incident(db, DISTRICT, "C-1") is None
