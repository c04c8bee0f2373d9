"""The command line's database tests start from a planned month: planned once per module through
the command line itself, and copied for each test, since planning is the slow part."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import pytest

import desktop.cli
from desktop.cli import main
from tests.factories import write_roster
from tests.store.conftest import sqlite_url

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)  # December 2026 is still ahead: plan it whole
EASTSIDE = 'name = "Eastside District"\ntimezone = "America/New_York"\n'  # the settings most tests plan


def run(*args: object) -> int:
    """The command line on these arguments (paths and URLs as they are), for its exit status."""
    return main([str(arg) for arg in args])


def incident_add(db: str, kind: str, at: str, incident_id: str) -> tuple[str, ...]:
    """The arguments of `beatwalk incident add` for a new incident in the database at `db`."""
    return ("--db", db, "incident", "add", "--type", kind, "--at", at, "--id", incident_id)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    """The command line reads the clock (it never plans before now); tests never read today's."""
    monkeypatch.setattr(desktop.cli, "_now", lambda: NOW)


@pytest.fixture(scope="session")
def planned_department(tmp_path_factory) -> Callable[[str], Path]:
    """The planned department for a settings text, made once per test session."""
    made: dict[str, Path] = {}

    def make(settings: str) -> Path:
        if settings not in made:
            made[settings] = plan_department(tmp_path_factory.mktemp("planned"), settings)
        return made[settings]

    return make


def plan_department(folder: Path, settings: str) -> Path:
    """A database with the district of `settings`, the small roster and December planned (version 1)."""
    with mock.patch.object(desktop.cli, "_now", lambda: NOW):
        return _plan_department(folder, settings)


def _plan_department(folder: Path, settings: str) -> Path:
    url = sqlite_url(folder / "department.sqlite3")
    (folder / "district.toml").write_text(settings, encoding="utf-8")
    assert main(["--db", url, "import", "settings", str(folder / "district.toml")]) == 0
    assert main(["--db", url, "import", "roster", str(write_roster(folder / "roster.csv"))]) == 0
    plan = ["--db", url, "plan", "--month", "2026-12", "--out", str(folder / "p.json"), "--effort", "0.6"]
    assert main(plan) == 0
    return folder / "department.sqlite3"


def copied(template: Path, folder: Path) -> str:
    """The URL of a fresh copy of `template` in `folder`."""
    shutil.copyfile(template, folder / "department.sqlite3")
    return sqlite_url(folder / "department.sqlite3")


@pytest.fixture
def planned(planned_department, tmp_path) -> str:
    """The URL of a copy of the Eastside District with the small roster and December planned
    (version 1): planned once per session, copied for each test."""
    return copied(planned_department(EASTSIDE), tmp_path)
