"""A small department for the documents' tests: the small roster with names in several scripts
and names that look like markup, a neighborhood with sectors, places and incidents, and December
2026 planned with a fixed effort (the same plan on any machine)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from scheduler import actions
from scheduler.actions import Month, SolveRequest
from scheduler.store.schema import NeighborhoodRow, SectorRow
from tests.factories import write_roster
from tests.store.conftest import sqlite_url

DECEMBER = Month(2026, 12)
NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)  # when the incidents were imported: before December
QUICK = SolveRequest(effort=0.6)
SETTINGS = 'name = "Eastside District"\ntimezone = "America/New_York"\nholidays = ["2026-12-25"]\n'
# Roster names as the small roster writes them, and what the tests call those people instead.
AYSE = "Ay\u015fe Y\u0131lmaz"  # with the Turkish dotless i
RENAMED = {
    "Captain c1": "Nguyễn Văn An",
    "Officer oA0": AYSE,
    "Officer oA1": "Zoë O'Brien-Núñez",
    "Officer oB0": "Иванова Мария",
    "Sergeant sA": "Olu <b>Bold</b>",
}
WEST, SOUTH, MIDDLE, EAST, NORTH = -84.21, 39.77, 39.78, -84.18, 39.79
BOUNDARY = [[WEST, SOUTH], [EAST, SOUTH], [EAST, NORTH], [WEST, NORTH], [WEST, SOUTH]]
SECTORS = {
    "North": [[WEST, MIDDLE], [EAST, MIDDLE], [EAST, NORTH], [WEST, NORTH], [WEST, MIDDLE]],
    "South": [[WEST, SOUTH], [EAST, SOUTH], [EAST, MIDDLE], [WEST, MIDDLE], [WEST, SOUTH]],
}
PROFILE = """
[[meeting_points]]
name = "Smith & Sons hardware"
latitude = 39.785
longitude = -84.20
sector = "North"

[[meeting_points]]
name = "Riverside <Park> gate"
latitude = 39.775
longitude = -84.19
sector = "South"

[[landmarks]]
name = "St. Mary's Church"
latitude = 39.786
longitude = -84.195
"""
INCIDENTS = """id,type,occurred_at,latitude,longitude
C-1,burglary,2026-10-03T10:00,39.781,-84.201
C-2,burglary,2026-10-04T11:00,39.7812,-84.2012
C-3,robbery,2026-11-20T22:00,39.776,-84.188
C-4,theft,2026-09-01T09:00,39.776,-84.188
"""


def make_department(folder: Path) -> Path:
    """The database file of the department, December planned (version 1)."""
    roster = write_roster(folder / "roster.csv")
    text = roster.read_text(encoding="utf-8")
    for old, new in RENAMED.items():
        text = text.replace(f",{old},", f",{new},")
    roster.write_text(text, encoding="utf-8")
    (folder / "district.toml").write_text(SETTINGS, encoding="utf-8")
    (folder / "boundary.geojson").write_text(json.dumps({"type": "Polygon", "coordinates": [BOUNDARY]}))
    (folder / "profile.toml").write_text(PROFILE, encoding="utf-8")
    (folder / "incidents.csv").write_text(INCIDENTS, encoding="utf-8")
    path = folder / "department.sqlite3"
    db = actions.open_department(sqlite_url(path))
    try:
        district = actions.import_settings(db, path=folder / "district.toml").district
        actions.import_roster(db, district=district, path=roster)
        actions.import_boundary(db, district=district, path=folder / "boundary.geojson")
        with db.session(write=True) as session:  # no command stores sectors yet: the map page will
            neighborhood = session.scalars(select(NeighborhoodRow)).one()
            neighborhood.sectors = [
                SectorRow(name=name, boundary_geojson=json.dumps({"type": "Polygon", "coordinates": [ring]}))
                for name, ring in SECTORS.items()
            ]
        actions.import_profile(db, district=district, path=folder / "profile.toml")
        actions.import_incidents(db, district=district, path=folder / "incidents.csv", now=NOW)
        actions.plan_month(db, district=district, month=DECEMBER, user="alvarez", solve=QUICK)
    finally:
        db.close()
    return path
