"""The documents' tests share one planned department (planning is the slow part) and read it
only: documents never write to the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reports.story import ReportRequest
from scheduler import actions
from scheduler.actions import MonthDocuments
from tests.reports.department import DECEMBER, make_department
from tests.store.conftest import sqlite_url

GENERATED = date(2026, 11, 28)
AGENCY = "Gem City Police & Fire"


@pytest.fixture(scope="session")
def department(tmp_path_factory) -> Path:
    return make_department(tmp_path_factory.mktemp("documents"))


@pytest.fixture(scope="session")
def documents(department) -> MonthDocuments:
    db = actions.open_department(sqlite_url(department))
    try:
        return actions.month_documents(db, district=actions.find_district(db), month=DECEMBER)
    finally:
        db.close()


@pytest.fixture
def request_letter() -> ReportRequest:
    return ReportRequest(generated=GENERATED, agency=AGENCY)
