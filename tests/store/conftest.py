"""The store's tests run on SQLite and on a real PostgreSQL server started for the session.

Every test that takes one of the database fixtures runs once per backend. The PostgreSQL runs are
marked slow (they need the server: `pytest -m "not slow"` leaves them out) and are skipped, with
the reason, only where no PostgreSQL server binaries are installed.

Migrating a new database takes most of a second, so each backend builds every starting point
(migrated; with the default district; with a planned December) once per session as a template, and
each test gets a copy of it: a file copy for SQLite, `CREATE DATABASE ... TEMPLATE` for PostgreSQL.
"""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import URL, make_url

from scheduler.domain import Plan, PlanningProblem
from scheduler.formats.district_settings import default_district
from scheduler.planning.firstfit import first_fit
from scheduler.store import Database, StoredPlan, import_roster, open_database, save_plan, save_settings
from tests.factories import MONTH, small_roster
from tests.store.pgserver import PostgresServer, unavailable_reason

BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.slow))
DISTRICT = 1  # the id of the first district of a new database


@functools.cache
def december_plan() -> Plan:
    """First fit's plan of the small roster's December: made once, plans being immutable values."""
    return first_fit(PlanningProblem(default_district(), small_roster(), MONTH))


def _with_district(db: Database) -> None:
    save_settings(db, default_district())


def _planned(db: Database) -> None:
    _with_district(db)
    import_roster(db, DISTRICT, small_roster(), "roster.csv")
    save_plan(db, DISTRICT, december_plan(), None, "alvarez")


# What a template holds beyond the migrated schema, by name.
TEMPLATES: dict[str, Callable[[Database], None]] = {
    "migrated": lambda db: None,
    "district": _with_district,
    "planned": _planned,
}


class SqliteDatabases:
    """New SQLite databases: files in the test's folder, copied from templates in a session folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.templates: dict[str, Path] = {}

    def new(self, folder: Path, template: str | None) -> str:
        path = folder / "beatwalk.sqlite3"
        if template is not None:
            shutil.copy(self._template(template), path)  # copies the mode too: the file stays private
        return sqlite_url(path)

    def drop(self, url: str) -> None:
        """Nothing to do: the file goes with the test's folder."""

    def _template(self, name: str) -> Path:
        if name not in self.templates:
            path = self.folder / f"{name}.sqlite3"
            _fill(sqlite_url(path), TEMPLATES[name])
            self.templates[name] = path
        return self.templates[name]


class PostgresDatabases:
    """New databases on the session's PostgreSQL server, created from template databases on it."""

    def __init__(self, server: PostgresServer):
        self.server = server
        self.templates: dict[str, str] = {}

    def new(self, folder: Path, template: str | None) -> str:
        source = "template1" if template is None else self._template(template)
        return self.server.url(self.server.create_database(template=source))

    def drop(self, url: str) -> None:
        self.server.drop_database(str(make_url(url).database))

    def _template(self, name: str) -> str:
        if name not in self.templates:
            database = self.server.create_database()
            _fill(self.server.url(database), TEMPLATES[name])
            self.templates[name] = database
        return self.templates[name]


Databases = SqliteDatabases | PostgresDatabases


def _fill(url: str, fill: Callable[[Database], None]) -> None:
    db = open_database(url)
    try:
        fill(db)
    finally:
        db.close()  # PostgreSQL copies a template only while no one is connected to it


@pytest.fixture(scope="session")
def sqlite_databases(tmp_path_factory) -> SqliteDatabases:
    return SqliteDatabases(tmp_path_factory.mktemp("templates"))


@pytest.fixture(scope="session")
def postgresql_databases() -> Iterator[PostgresDatabases]:
    reason = unavailable_reason()
    if reason is not None:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    with PostgresServer() as server:
        yield PostgresDatabases(server)


@pytest.fixture(params=BACKENDS)
def databases(request) -> Databases:
    return request.getfixturevalue(f"{request.param}_databases")


@pytest.fixture
def db_url(databases, tmp_path) -> Iterator[str]:
    """The URL of a new, empty database."""
    url = databases.new(tmp_path, template=None)
    yield url
    databases.drop(url)


@pytest.fixture
def db(databases, tmp_path) -> Iterator[Database]:
    """An open database at the newest revision, with nothing in it."""
    yield from _opened(databases, tmp_path, "migrated")


@pytest.fixture
def district_db(databases, tmp_path) -> Iterator[Database]:
    """A database with the default district (the guide's rules) in it, as district 1."""
    yield from _opened(databases, tmp_path, "district")


@pytest.fixture
def planned_db(databases, tmp_path) -> Iterator[Database]:
    """`district_db` with the small roster and `december_plan()` saved by alvarez (version 1)."""
    yield from _opened(databases, tmp_path, "planned")


def _opened(databases: Databases, folder: Path, template: str) -> Iterator[Database]:
    url = databases.new(folder, template)
    db = open_database(url)
    yield db
    db.close()
    databases.drop(url)


def sqlite_url(path) -> str:
    return URL.create("sqlite", database=str(path)).render_as_string()


def plan_and_version(stored: StoredPlan | None) -> tuple[Plan, int] | None:
    """A stored plan as (plan, version), for comparing in one assert."""
    return None if stored is None else (stored.plan, stored.version)
