"""Calendar updates that land: event UIDs unique per district and database and stable across saves,
SEQUENCE raised only for walks whose time, place or people changed (parsed with `icalendar`)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import icalendar
from sqlalchemy import select

from scheduler import actions
from scheduler.domain import Plan
from scheduler.formats.district_settings import default_district
from scheduler.formats.icalendar import plan_to_ics
from scheduler.store import (
    DistrictRef,
    calendar_id,
    import_roster,
    load_plan,
    open_database,
    save_plan,
    save_settings,
)
from scheduler.store.schema import DistrictRow
from tests.factories import MONTH, small_roster
from tests.store.conftest import december_plan

DISTRICT = 1
STAMP = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def events(db, district_id: int, plan: Plan) -> dict[str, icalendar.Event]:
    """The plan's events by walk id (the UID's last part), as a calendar program reads them."""
    text = plan_to_ics(plan, {}, {}, "District", STAMP, calendar_id=calendar_id(db, district_id))
    parsed = icalendar.Calendar.from_ical(text)
    return {
        str(event["UID"]).removesuffix("@beatwalk").rsplit("-", 1)[1]: event
        for event in parsed.walk("VEVENT")
    }


def test_sequence_rises_for_moved_walks_only_and_uids_stay(planned_db):
    db = planned_db
    first = load_plan(db, DISTRICT, MONTH)
    assert first is not None
    before = events(db, DISTRICT, first.plan)
    moved, other, *rest = first.plan.walks
    second = replace(
        first.plan,
        walks=(replace(moved, start=moved.start + timedelta(hours=1)), replace(other, locked=True), *rest),
    )
    saved = save_plan(db, DISTRICT, second, first.version, "okafor")
    after = events(db, DISTRICT, saved.plan)
    assert {walk_id: str(event["UID"]) for walk_id, event in after.items()} == {
        walk_id: str(event["UID"]) for walk_id, event in before.items()
    }
    assert after[moved.id]["SEQUENCE"] == before[moved.id]["SEQUENCE"] + 1 == 1
    assert after[other.id]["SEQUENCE"] == 0  # locked: nothing changed for the people on it
    assert all(after[walk.id]["SEQUENCE"] == 0 for walk in rest)
    # saving the same plan again changes no sequence; a second move raises it again
    again = save_plan(db, DISTRICT, saved.plan, saved.version, "okafor")
    assert again.plan == saved.plan
    walk = again.plan.walks[0]
    fewer = replace(walk, participants=walk.participants[:-1])  # someone left: the people changed
    third = save_plan(
        db, DISTRICT, replace(again.plan, walks=(fewer, *again.plan.walks[1:])), again.version, "o"
    )
    assert third.plan.walks[0].sequence == 2


def test_two_districts_of_one_database_never_share_a_uid(planned_db):
    db = planned_db
    second = save_settings(db, replace(default_district(), name="Second District")).district
    import_roster(db, second.id, small_roster(), "roster.csv")
    save_plan(db, second.id, december_plan(), None, "alvarez")
    ours = set(str(event["UID"]) for event in events(db, DISTRICT, december_plan()).values())
    theirs = set(str(event["UID"]) for event in events(db, second.id, december_plan()).values())
    assert len(ours) == len(theirs) == len(december_plan().walks)
    assert not ours & theirs


def test_two_databases_give_a_district_of_the_same_name_different_calendar_ids(tmp_path):
    ids = []
    for name in ("one", "two"):
        db = open_database(f"sqlite:///{tmp_path / name}.sqlite3")
        try:
            district = save_settings(db, default_district()).district
            ids.append(calendar_id(db, district.id))
            with db.session() as session:  # stored, so every export of the district uses it
                assert session.scalar(select(DistrictRow.calendar_id)) == ids[-1]
        finally:
            db.close()
    assert ids[0] != ids[1]


def test_export_stamps_the_calendar_with_the_injected_clock(planned_db, tmp_path):
    db = planned_db
    out = tmp_path / "december.ics"
    district = DistrictRef(DISTRICT, default_district().name)
    actions.export_plan(db, district=district, month=MONTH, out=out, now=STAMP)
    parsed = icalendar.Calendar.from_ical(out.read_text(encoding="utf-8"))
    stamps = {event.decoded("DTSTAMP") for event in parsed.walk("VEVENT")}
    assert stamps == {STAMP}
    assert all(str(event["UID"]).startswith(calendar_id(db, DISTRICT)) for event in parsed.walk("VEVENT"))
