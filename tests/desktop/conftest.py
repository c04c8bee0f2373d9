"""A session on a copy of a planned department (small roster, December 2026, planned once per
module), with the clock fixed so that no page depends on today's date."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.session import Session
from scheduler import actions
from scheduler.actions import Month, SolveRequest
from tests.factories import write_roster
from tests.store.conftest import sqlite_url

DECEMBER = Month(2026, 12)
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
QUICK = SolveRequest(effort=0.6)
SETTINGS = 'name = "Eastside District"\ntimezone = "America/New_York"\n'


@pytest.fixture(autouse=True)
def _no_configured_database(monkeypatch):
    monkeypatch.delenv("BEATWALK_DB", raising=False)


@pytest.fixture(scope="module")
def planned_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("department")
    settings = folder / "district.toml"
    settings.write_text(SETTINGS, encoding="utf-8")
    db = actions.open_department(sqlite_url(folder / "department.sqlite3"))
    try:
        district = actions.import_settings(db, path=settings).district
        actions.import_roster(db, district=district, path=write_roster(folder / "roster.csv"))
        actions.plan_month(db, district=district, month=DECEMBER, user="alvarez", solve=QUICK)
    finally:
        db.close()
    return folder / "department.sqlite3"


@pytest.fixture
def session(planned_file, tmp_path, qtbot) -> Session:
    """A session on a copy of the planned department, for one test."""
    copy = tmp_path / "department.sqlite3"
    shutil.copyfile(planned_file, copy)
    db = actions.open_department(sqlite_url(copy))
    session = Session(db, actions.find_district(db), DECEMBER, user="alvarez", clock=lambda: NOW)
    yield session
    db.close()
