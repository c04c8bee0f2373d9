"""The store's tests run on SQLite and on a real PostgreSQL server started for the session.

Every test that takes `db_url` or `db` runs once per backend; the PostgreSQL run is skipped, with
the reason, only where no PostgreSQL server binaries are installed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import URL

from scheduler.domain import Plan
from scheduler.formats.district_settings import default_district
from scheduler.store import Database, StoredPlan, open_database, save_settings
from tests.store.pgserver import PostgresServer, unavailable_reason

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(autouse=True)
def _no_configured_database(monkeypatch):
    """A developer's own BEATWALK_DB must never be what a test opens."""
    monkeypatch.delenv("BEATWALK_DB", raising=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | None]:
    if unavailable_reason() is not None:
        yield None
        return
    with PostgresServer() as server:
        yield server


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> Iterator[str]:
    """The URL of a new, empty database on each backend."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "beatwalk.sqlite3")
        return
    server = request.getfixturevalue("postgres_server")
    if server is None:
        pytest.skip(f"PostgreSQL tests skipped: {unavailable_reason()}")
    name = server.create_database()
    yield server.url(name)
    server.drop_database(name)


@pytest.fixture
def db(db_url) -> Iterator[Database]:
    """An open, migrated database."""
    database = open_database(db_url)
    yield database
    database.close()


@pytest.fixture
def district_db(db) -> Database:
    """A database with the default district (the guide's rules) in it."""
    save_settings(db, default_district())
    return db


def sqlite_url(path) -> str:
    return URL.create("sqlite", database=str(path)).render_as_string()


def plan_and_version(stored: StoredPlan | None) -> tuple[Plan, int] | None:
    """A stored plan as (plan, version), for comparing in one assert."""
    return None if stored is None else (stored.plan, stored.version)
