"""A department database with one district, its small roster, and December 2026 planned (version 1):
planned once per module and copied for each test, since planning is the slow part."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scheduler import actions
from scheduler.actions import Database, DistrictRef, Month, SolveRequest
from tests.factories import write_roster
from tests.store.conftest import sqlite_url

DECEMBER = Month(2026, 12)
QUICK = SolveRequest(effort=0.6)  # deterministic: the same plan on any machine
SETTINGS = 'name = "Eastside District"\ntimezone = "America/New_York"\n'


@pytest.fixture(scope="module")
def planned_file(tmp_path_factory) -> Path:
    return plan_department(tmp_path_factory.mktemp("department"), SETTINGS)


def plan_department(folder: Path, settings_text: str) -> Path:
    """The database file of a department with the district of `settings_text`, the small roster and
    December planned (version 1), made in `folder` through the actions."""
    settings = folder / "district.toml"
    settings.write_text(settings_text, encoding="utf-8")
    db = actions.open_department(sqlite_url(folder / "department.sqlite3"))
    try:
        district = actions.import_settings(db, path=settings).district
        actions.import_roster(db, district=district, path=write_roster(folder / "roster.csv"))
        actions.plan_month(db, district=district, month=DECEMBER, user="alvarez", solve=QUICK)
    finally:
        db.close()
    return folder / "department.sqlite3"


@pytest.fixture
def db(planned_file, tmp_path) -> Database:
    """A copy of the planned department for one test."""
    copy = tmp_path / "department.sqlite3"
    shutil.copyfile(planned_file, copy)
    database = actions.open_department(sqlite_url(copy))
    yield database
    database.close()


@pytest.fixture
def district(db) -> DistrictRef:
    return actions.find_district(db)
