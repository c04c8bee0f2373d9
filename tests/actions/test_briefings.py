"""Talking points and daily briefings read from a planned department: profile, sectors, incidents."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from shapely import box
from shapely.geometry import mapping

from scheduler import actions
from scheduler.actions import InputError, Month, NotFound
from scheduler.store.schema import NeighborhoodRow, SectorRow
from tests.actions.conftest import DECEMBER

DEMO_PROFILE = Path(__file__).parents[2] / "resources" / "demo" / "profile.toml"
NOW = datetime.fromisoformat("2026-12-20T12:00:00-05:00")
INCIDENTS = """id,type,occurred_at,latitude,longitude,address
C-1,shooting,2026-12-01T21:00,39.785,-84.20,Main St
C-2,shooting,2026-11-28T21:00,39.775,-84.20,Oak St
C-3,shooting,2026-11-25T21:00,39.786,-84.20,Main St
C-4,burglary,2026-12-14T10:00,39.786,-84.20,Main St
"""


@pytest.fixture
def neighborhood(db, district, tmp_path):
    """The demo profile, its three sectors as bands from north to south, and four incidents."""
    bands = {"North": (39.783, 39.79), "Central": (39.777, 39.783), "South": (39.77, 39.777)}
    with db.session(write=True) as session:
        sectors = [
            SectorRow(name=name, boundary_geojson=json.dumps(mapping(box(-84.21, south, -84.18, north))))
            for name, (south, north) in bands.items()
        ]
        session.add(NeighborhoodRow(district_id=district.id, name="Eastside", sectors=sectors))
    path = tmp_path / "incidents.csv"
    path.write_text(INCIDENTS, encoding="utf-8")
    actions.import_incidents(db, district=district, path=path, now=NOW)
    actions.import_profile(db, district=district, path=DEMO_PROFILE)


def test_talking_points_on_a_day_count_the_stored_incidents_by_sector(db, district, neighborhood):
    points = actions.talking_points(db, district=district, month=DECEMBER, on=date(2026, 12, 10))
    assert points.incidents[1] == (
        "In the last 30 days there were 3 shooting incidents in the neighborhood, 3 more than in the "
        "30 days before; 2 of them were in sector North."
    )
    assert [event.name for event in points.events] == ["Neighborhood association meeting"]
    assert [(resource.name, resource.phone) for resource in points.resources][1] == (
        "Eastside Food Pantry",
        "937-555-0102",
    )
    assert points.neighborhood == "Eastside"


def test_talking_points_of_a_month_start_on_its_first_day(db, district, neighborhood):
    points = actions.talking_points(db, district=district, month=DECEMBER)
    assert points.day == date(2026, 12, 1)
    events = ["Winter coat drive", "Neighborhood association meeting"]
    assert [event.name for event in points.events] == events
    assert "2 shooting incidents" in points.incidents[1]


def test_a_daily_briefing_lists_the_days_walks_and_its_leaders(db, district, neighborhood):
    plan = actions.stored_plan(db, district=district, month=DECEMBER).plan
    day = min(walk.start.date() for walk in plan.walks)
    briefing = actions.daily_briefing(db, district=district, day=day, month=DECEMBER)
    assert briefing.day == day
    expected = sorted(walk.id for walk in plan.walks if walk.start.date() == day)
    assert sorted(walk.id for walk in briefing.walks) == expected
    coordinators = {walk.coordinator.id for walk in briefing.walks}
    assert coordinators <= {leader.member.id for leader in briefing.leaders}
    assert briefing.talking_points.day == day


def test_a_day_outside_the_month_and_a_month_never_planned_are_refused(db, district):
    with pytest.raises(InputError, match=r"field 'date': 2027-01-04 is not in 2026-12$"):
        actions.daily_briefing(db, district=district, day=date(2027, 1, 4), month=DECEMBER)
    with pytest.raises(InputError, match="2026-11-30 is not in 2026-12"):
        actions.talking_points(db, district=district, month=DECEMBER, on=date(2026, 11, 30))
    with pytest.raises(NotFound, match="no plan for 2027-01"):
        actions.daily_briefing(db, district=district, day=date(2027, 1, 4))
    with pytest.raises(NotFound, match="no plan for 2027-01"):
        actions.talking_points(db, district=district, month=Month(2027, 1))


def test_the_packet_has_a_briefing_for_every_day_with_walks(db, district, neighborhood):
    documents = actions.month_documents(db, district=district, month=DECEMBER)
    days = actions.briefing_days(documents)
    assert days == tuple(sorted({walk.start.date() for walk in documents.plan.walks}))
    assert all(actions.month_briefing(documents, day).walks for day in days)
