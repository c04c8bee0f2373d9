"""The neighborhood actions: boundary and incident imports, and the walk after an incident."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler import actions
from scheduler.actions import Conflict, IncidentRequest, InputError, Month, NotFound
from scheduler.formats.plan_json import read_plan_file
from scheduler.rules.validator import validate
from scheduler.store.neighborhood import get_incident, post_incident_walk
from tests.actions.conftest import DECEMBER, QUICK

pytestmark = pytest.mark.slow

NY = ZoneInfo("America/New_York")
SQUARE = [[-84.21, 39.77], [-84.18, 39.77], [-84.18, 39.79], [-84.21, 39.79], [-84.21, 39.77]]
INCIDENTS = """ID,Type,Occurred At,Latitude,Longitude,Address
C-1,Shooting,2026-12-10T21:30,39.78,-84.20,500 Main St
C-2,robbery,2026-12-11 10:00,39.78,-84.20,
C-3,homicide,2026-12-12T01:00-05:00,39.70,-84.20,far away
"""


@pytest.fixture
def neighborhood(db, district, tmp_path):
    """The boundary and the incidents file imported on 2026-12-10 at 22:00."""
    hood = tmp_path / "hood.geojson"
    hood.write_text(json.dumps({"type": "Polygon", "coordinates": [SQUARE]}), encoding="utf-8")
    boundary = actions.import_boundary(db, district=district, path=hood)
    assert (boundary.replaced, boundary.polygons, boundary.points) == (False, 1, 4)
    incidents = tmp_path / "incidents.csv"
    incidents.write_text(INCIDENTS, encoding="utf-8")
    now = datetime(2026, 12, 10, 22, 0, tzinfo=NY)
    return actions.import_incidents(db, district=district, path=incidents, now=now)


def check_walk(db, district, incident_id, month=DECEMBER):
    """The incident's walk is in the month's stored plan, locked, within 24 hours, and valid."""
    stored = actions.stored_plan(db, district=district, month=month)
    incident = get_incident(db, district.id, incident_id)
    walk = post_incident_walk(db, district.id, incident_id)
    assert walk in stored.plan.walks and walk.locked and walk.type == "post_incident"
    assert incident.occurred_at <= walk.start and walk.end <= incident.occurred_at + timedelta(hours=24)
    problem, _ = actions.month_problem(db, district=district, month=month)
    assert validate(problem, stored.plan) == []
    return stored, walk


def test_only_walks_still_due_inside_the_boundary_are_listed(neighborhood):
    assert neighborhood.summary.added == 3 and neighborhood.summary.outside == 1
    assert [incident.id for incident in neighborhood.walks_due] == ["C-1"]


def test_an_imported_incident_gets_its_walk_once(db, district, neighborhood):
    added = actions.add_incident_walk(
        db, district=district, request=IncidentRequest(id="C-1"), user="okafor", solve=QUICK
    )
    assert added.saved is not None and added.saved.version == 2
    stored, walk = check_walk(db, district, "C-1")
    assert walk == added.result.walk and stored.saved_by == "okafor"
    assert "executive staff" in added.result.unmet_groups
    with pytest.raises(
        Conflict, match="incident C-1 already has its post-incident walk pi-C-1 on 2026-12-11"
    ):
        actions.add_incident_walk(db, district=district, request=IncidentRequest(id="C-1"), user="okafor")


def test_a_new_incident_is_recorded_with_its_walk_and_the_plan_written(db, district, tmp_path):
    out = tmp_path / "updated.json"
    request = IncidentRequest(
        id="2026-0042",
        kind="homicide",
        at=datetime(2026, 12, 16, 23, 10),  # local time
        address="12 Elm St",
        latitude=39.78,
        longitude=-84.2,
    )
    added = actions.add_incident_walk(
        db, district=district, request=request, user="okafor", out=out, solve=QUICK
    )
    stored, _ = check_walk(db, district, "2026-0042")
    assert read_plan_file(out) == stored.plan == added.result.plan
    incident = get_incident(db, district.id, "2026-0042")
    assert incident.occurred_at == datetime(2026, 12, 17, 4, 10, tzinfo=UTC)
    assert (incident.kind, incident.address, incident.latitude) == ("homicide", "12 Elm St", 39.78)


def test_a_month_never_planned_is_refused_and_nothing_recorded(db, district):
    request = IncidentRequest(id="F", kind="shooting", at=datetime(2027, 2, 3, 10, 0))
    with pytest.raises(NotFound, match="has no plan for 2027-02") as error:
        actions.add_incident_walk(db, district=district, request=request, user="okafor", solve=QUICK)
    assert error.value.key == "2027-02"
    assert get_incident(db, district.id, "F") is None


def test_a_walk_after_midnight_on_new_years_eve_goes_into_january(db, district):
    request = IncidentRequest(id="NYE", kind="shooting", at=datetime(2026, 12, 31, 19, 30))
    with pytest.raises(NotFound, match="has no plan for 2027-01, where the walk after incident NYE goes"):
        actions.add_incident_walk(db, district=district, request=request, user="okafor", solve=QUICK)
    actions.plan_month(db, district=district, month=Month(2027, 1), user="okafor", solve=QUICK)
    actions.add_incident_walk(db, district=district, request=request, user="okafor", solve=QUICK)
    check_walk(db, district, "NYE", Month(2027, 1))


@pytest.mark.parametrize(
    ("request_", "field", "message"),
    [
        (IncidentRequest(kind="shooting"), "at", "for a new incident the type and the time are required"),
        (IncidentRequest(id="C-7", at=datetime(2026, 12, 10, 21, 30)), "type", "has no incident 'C-7'"),
        (IncidentRequest(id="C-2"), "id", "incident C-2 is a robbery; post-incident walks follow homicides"),
        (IncidentRequest(id="C-1", kind="homicide"), "type", "incident C-1 is stored with type shooting"),
        (
            IncidentRequest(kind="shooting", at=datetime(2026, 12, 10, 21, 30), latitude=39.7),
            "longitude",
            "give the latitude and the longitude together",
        ),
    ],
)
def test_request_mistakes_name_their_field_and_change_nothing(
    db, district, neighborhood, request_, field, message
):
    with pytest.raises(InputError, match=message) as error:
        actions.add_incident_walk(db, district=district, request=request_, user="okafor", solve=QUICK)
    assert error.value.field == field
    assert actions.stored_plan(db, district=district, month=DECEMBER).version == 1


def test_an_incident_whose_24_hours_are_over_is_recorded_without_a_walk(db, district):
    request = IncidentRequest(id="OLD", kind="shooting", at=datetime(2026, 11, 2, 21, 30))
    now = datetime(2026, 11, 27, 12, 0, tzinfo=NY)
    added = actions.add_incident_walk(db, district=district, request=request, user="okafor", now=now)
    assert added.result.walk is None and added.result.reason == actions.INCIDENT_OVER
    assert added.saved is None and get_incident(db, district.id, "OLD") is not None
    assert actions.stored_plan(db, district=district, month=DECEMBER).version == 1


def test_the_walk_never_starts_before_now(db, district):
    request = IncidentRequest(id="LATE", kind="shooting", at=datetime(2026, 12, 10, 8, 0))
    now = datetime(2026, 12, 10, 17, 0, tzinfo=NY)
    added = actions.add_incident_walk(
        db, district=district, request=request, user="okafor", solve=QUICK, now=now
    )
    assert added.result.walk is not None and added.result.walk.start >= now
