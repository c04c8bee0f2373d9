"""Walk logs and photos: stored once per CAD number, read back by month, photos inside the database."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from scheduler.domain import Month
from scheduler.domain.errors import InputError
from scheduler.store import open_database
from scheduler.store.logs import Photo, WalkLog, add_photo, add_walk_logs, load_photo, photo_names, walk_logs
from scheduler.store.schema import WalkLogRow
from tests.factories import MONTH
from tests.store.conftest import december_plan, sqlite_url

DISTRICT = 1  # the id of the first district of a new database
ZONE = ZoneInfo("America/New_York")
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40 + b"\xff\xd9"


@pytest.fixture
def logged(planned_db):
    walk = december_plan().walks[0]
    logs = (
        WalkLog(
            number="CAD-1",
            call_type="community walk",
            start=walk.start,
            minutes=25,
            officers=walk.participants,
            planned_walk=walk.id,
            residents_contacted=12,
            address="5th & Main",
            latitude=39.76,
            longitude=-84.19,
            notes="Spoke with the block club about the vacant lot.",
        ),
        WalkLog("CAD-2", "community walk", datetime(2026, 12, 31, 23, 30, tzinfo=ZONE), 30, ("u1", "u2")),
        WalkLog(
            "CAD-3", "community walk", datetime(2027, 1, 1, 0, 30, tzinfo=ZONE), 30, ("u1",), walk_type="cpu"
        ),
    )
    assert add_walk_logs(planned_db, DISTRICT, logs, "cad.csv") == 3
    return planned_db, logs


def test_logs_come_back_by_month_in_local_time(logged):
    db, logs = logged
    assert walk_logs(db, DISTRICT, MONTH) == logs[:2]
    assert walk_logs(db, DISTRICT, Month(2027, 1)) == logs[2:]
    assert walk_logs(db, DISTRICT, MONTH)[0].start.tzinfo == ZONE


def test_importing_the_same_logs_again_adds_nothing(logged):
    db, logs = logged
    assert add_walk_logs(db, DISTRICT, logs, "cad.csv") == 0
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(WalkLogRow)) == 3


def test_a_bad_log_changes_nothing(logged):
    db, logs = logged
    fine = WalkLog("CAD-4", "community walk", logs[0].start + timedelta(days=1), 20, ("u1",))
    stranger = WalkLog("CAD-5", "community walk", logs[0].start + timedelta(days=2), 20, ("nobody",))
    with pytest.raises(InputError, match=r"cad2\.csv, row 3, field 'officers'"):
        add_walk_logs(db, DISTRICT, (fine, stranger), "cad2.csv")
    assert walk_logs(db, DISTRICT, MONTH) == logs[:2]


def test_photos_are_kept_in_the_database_and_move_with_it(logged, tmp_path):
    db, _ = logged
    add_photo(db, DISTRICT, "CAD-1", Photo("corner.jpg", "image/jpeg", JPEG))
    add_photo(db, DISTRICT, "CAD-1", Photo("group.jpg", "image/jpeg", JPEG[::-1]))
    assert photo_names(db, DISTRICT, "CAD-1") == ("corner.jpg", "group.jpg")
    assert load_photo(db, DISTRICT, "CAD-1", "group.jpg") == Photo("group.jpg", "image/jpeg", JPEG[::-1])
    if not db.is_sqlite:
        return
    # A copy of the file is all it takes to move the district, photos included.
    db.close()
    source = db.engine.url.database
    moved = tmp_path / "elsewhere" / "copy.sqlite3"
    moved.parent.mkdir()
    shutil.copyfile(source, moved)
    copy = open_database(sqlite_url(moved))
    try:
        assert load_photo(copy, DISTRICT, "CAD-1", "corner.jpg").data == JPEG
    finally:
        copy.close()


def test_an_empty_photo_is_refused(logged):
    db, _ = logged
    with pytest.raises(InputError, match="is empty"):
        add_photo(db, DISTRICT, "CAD-1", Photo("blank.jpg", "image/jpeg", b""))
