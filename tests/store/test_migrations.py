"""Migrations: empty to head and back down, the ORM equals the migrated schema, and an older SQLite
database is copied aside before it is upgraded."""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing
from datetime import date

import alembic.command
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from scheduler.domain.errors import StoreError
from scheduler.formats.district_settings import default_district
from scheduler.store import add_holidays, get_district, list_districts, open_database, save_settings
from scheduler.store.database import alembic_config, run_migrations
from scheduler.store.schema import Base
from tests.store.conftest import sqlite_url

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()
TABLES = set(Base.metadata.tables)
BACKUPS = "beatwalk.backup-*.sqlite3"


def tables(db) -> set[str]:
    with db.engine.connect() as connection:
        return set(inspect(connection).get_table_names()) - {"alembic_version"}


def revision(db) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(db, direction: str, target: str) -> None:
    run_migrations(db.engine, direction, target)


def test_open_upgrades_an_empty_database_to_head_and_it_goes_back_down(db_url):
    db = open_database(db_url)  # not the `db` fixture: that one is a copy of a migrated database
    try:
        assert revision(db) == HEAD
        assert tables(db) == TABLES
        migrate(db, "downgrade", "base")
        assert revision(db) is None
        assert tables(db) == set()
        migrate(db, "upgrade", "head")
        assert tables(db) == TABLES
        assert list_districts(db) == ()
    finally:
        db.close()


def test_orm_matches_the_migrated_schema(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_a_database_at_0002_gets_holidays_and_keeps_its_districts(tmp_path):
    path = tmp_path / "beatwalk.sqlite3"
    db = open_database(sqlite_url(path))
    save_settings(db, default_district())
    migrate(db, "downgrade", "0002")  # what Beatwalk before holidays left
    assert "holidays" not in tables(db)
    db.close()

    db = open_database(sqlite_url(path))
    try:
        assert revision(db) == HEAD and tables(db) == TABLES
        (ref,) = list_districts(db)
        assert get_district(db, ref.id) == default_district()  # no holidays yet
        assert add_holidays(db, ref.id, [date(2026, 12, 25)]) == 1
        migrate(db, "downgrade", "0002")
        assert "holidays" not in tables(db) and list_districts(db) == (ref,)
    finally:
        db.close()


def test_an_older_sqlite_database_is_backed_up_before_the_upgrade(tmp_path):
    path = tmp_path / "beatwalk.sqlite3"
    db = open_database(sqlite_url(path))
    migrate(db, "downgrade", "base")  # what an older Beatwalk left: a database at an older revision
    db.close()
    assert not list(tmp_path.glob(BACKUPS))

    db = open_database(sqlite_url(path))
    try:
        assert db.backup is not None and db.backup.parent == tmp_path
        assert stat.S_IMODE(db.backup.stat().st_mode) == 0o600
        assert revision(db) == HEAD and tables(db) == TABLES
    finally:
        db.close()
    with closing(sqlite3.connect(db.backup)) as copy:  # the copy holds the state before the upgrade
        names = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert names == {"alembic_version"}
        assert copy.execute("SELECT count(*) FROM alembic_version").fetchone() == (0,)
    # Opening an up-to-date database makes no further copy.
    open_database(sqlite_url(path)).close()
    assert len(list(tmp_path.glob(BACKUPS))) == 1


def test_a_failed_upgrade_leaves_the_database_as_it_was_and_the_backup_made(tmp_path, monkeypatch):
    path = tmp_path / "beatwalk.sqlite3"
    db = open_database(sqlite_url(path))
    migrate(db, "downgrade", "base")
    db.close()

    def broken_upgrade(config, target):
        raise RuntimeError("disk full")

    monkeypatch.setattr(alembic.command, "upgrade", broken_upgrade)  # imported where it migrates
    with pytest.raises(RuntimeError, match="disk full"):
        open_database(sqlite_url(path))
    assert len(list(tmp_path.glob(BACKUPS))) == 1
    engine = create_engine(sqlite_url(path))
    try:
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()


def test_a_database_from_a_newer_beatwalk_is_refused(tmp_path):
    path = tmp_path / "beatwalk.sqlite3"
    open_database(sqlite_url(path)).close()
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer Beatwalk"):
        open_database(sqlite_url(path))


def test_a_refused_database_is_left_in_its_own_journal_mode(tmp_path):
    """WAL is set only on a database that is ours and current: refusing a newer one changes nothing."""
    path = tmp_path / "beatwalk.sqlite3"
    open_database(sqlite_url(path)).close()
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        connection.execute("PRAGMA journal_mode = DELETE")
        with connection:
            connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer Beatwalk"):
        open_database(sqlite_url(path))
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
