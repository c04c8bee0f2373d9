"""Opening the database: where the default file is, how SQLite is set up, and one-line errors."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from scheduler.domain.errors import StoreError
from scheduler.store import default_url, open_database
from tests.store.conftest import sqlite_url


def test_the_default_database_is_a_file_in_the_users_data_folder(tmp_path):
    # tests/conftest.py points XDG_DATA_HOME at tmp_path / "data"
    expected = tmp_path / "data" / "beatwalk" / "beatwalk.sqlite3"
    assert default_url() == sqlite_url(expected)
    db = open_database()
    db.close()
    assert expected.is_file()


def test_beatwalk_db_chooses_another_database(tmp_path, monkeypatch):
    chosen = tmp_path / "shared" / "department.sqlite3"
    monkeypatch.setenv("BEATWALK_DB", sqlite_url(chosen))
    assert default_url() == sqlite_url(chosen)
    open_database().close()
    assert chosen.is_file()
    assert not (tmp_path / "data" / "beatwalk").exists()


def test_a_new_sqlite_file_is_private_in_wal_mode_with_foreign_keys(tmp_path):
    path = tmp_path / "new" / "beatwalk.sqlite3"
    db = open_database(sqlite_url(path))
    try:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with db.session() as session:
            assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        with db.session(write=True) as session:
            session.execute(text("SELECT 1"))
        for companion in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            assert stat.S_IMODE(companion.stat().st_mode) == 0o600
    finally:
        db.close()


def test_foreign_keys_are_enforced(db):
    with pytest.raises(Exception, match=r"(?i)foreign key"), db.session(write=True) as session:
        session.execute(
            text(
                "INSERT INTO district_people (district_id, person_id, position, active) "
                "VALUES (999, 999, 0, true)"
            )
        )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://someone@localhost/beatwalk", "mysql databases are not supported"),
        ("postgresql://nobody@127.0.0.1:1/beatwalk", "cannot open the database postgresql+psycopg://"),
    ],
)
def test_a_database_that_cannot_be_opened_gives_one_line(url, message):
    with pytest.raises(StoreError, match=re.escape(message)) as error:
        open_database(url)
    assert "\n" not in str(error.value)


def test_a_password_never_appears_in_messages():
    with pytest.raises(StoreError) as error:
        open_database("postgresql://captain:s3cret@127.0.0.1:1/beatwalk")
    assert "s3cret" not in str(error.value)


def test_a_folder_that_cannot_be_created_gives_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the database file"):
        open_database(sqlite_url(Path(blocker) / "beatwalk.sqlite3"))
