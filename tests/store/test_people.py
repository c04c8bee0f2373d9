"""Roster imports: update by id, never duplicate, never delete, and all or nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest
from sqlalchemy import func, select

from scheduler.domain import DateRange, Rank, Unit, WorkPattern
from scheduler.domain.errors import InputError, NotFound
from scheduler.formats.district_settings import default_district
from scheduler.store import (
    ImportSummary,
    active_people,
    all_people,
    get_district,
    import_roster,
    save_settings,
)
from scheduler.store.schema import DistrictPersonRow, LeaveRow, PersonRow
from tests.factories import person, small_roster

DISTRICT = 1  # the id of the first district of a new database
DISTRICT_NAME = default_district().name


def stored_people(db) -> list[tuple]:
    """Every person row as plain values, to compare the database before and after."""
    with db.session() as session:
        query = select(PersonRow, DistrictPersonRow).join(DistrictPersonRow).order_by(PersonRow.external_id)
        return [
            (row.external_id, row.name, row.rank, link.active, link.position, row.shift_hours)
            for row, link in session.execute(query)
        ]


def count(db, table) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(table))


def test_a_first_import_adds_everyone_in_roster_order(district_db):
    people = small_roster()
    summary = import_roster(district_db, DISTRICT, people, "roster.csv")
    assert summary == ImportSummary(
        added=len(people), updated=0, unchanged=0, deactivated=0, districts=(DISTRICT_NAME,)
    )
    assert active_people(district_db, DISTRICT) == people
    assert count(district_db, PersonRow) == len(people)


def test_every_field_survives_the_round_trip(district_db):
    special = person(
        "Ж-7",
        Rank.LIEUTENANT,
        Unit.COMMUNITY_POLICING,
        responsible=True,
        squad="Nachtschicht",
        start=time(22, 30),
        hours=10.5,
        pattern=WorkPattern(rotation="11001110011000", rotation_start=date(2026, 1, 5)),
        leave=(
            DateRange(date(2026, 12, 20), date(2026, 12, 31)),
            DateRange(date(2026, 12, 2), date(2026, 12, 2)),
        ),
        email="иванова@example.org",
    )
    special = replace(special, name="Иванова Nguyễn Ayşe")
    weekend = person("w1", Rank.OFFICER, pattern=WorkPattern(weekdays=frozenset({4, 5, 6})))
    import_roster(district_db, DISTRICT, (special, weekend), "roster.csv")
    assert active_people(district_db, DISTRICT) == (special, weekend)


def test_reimport_updates_by_id_adds_new_and_deactivates_missing(district_db):
    people = small_roster()
    import_roster(district_db, DISTRICT, people, "roster.csv")
    moved = replace(
        people[0], name="Captain Renamed", leave=(DateRange(date(2026, 12, 1), date(2026, 12, 3)),)
    )
    newcomer = person("n1", Rank.OFFICER, squad="A")
    second = (moved, *people[1:-2], newcomer)  # the last two people left the district

    summary = import_roster(district_db, DISTRICT, second, "roster2.csv")

    assert summary == ImportSummary(
        added=1, updated=1, unchanged=len(people) - 3, deactivated=2, districts=(DISTRICT_NAME,)
    )
    assert active_people(district_db, DISTRICT) == second
    assert count(district_db, PersonRow) == len(people) + 1  # nobody duplicated, nobody deleted
    inactive = {p.id for p in all_people(district_db, DISTRICT)} - {p.id for p in second}
    assert inactive == {people[-2].id, people[-1].id}
    assert count(district_db, LeaveRow) == 1


def test_someone_back_on_the_roster_is_active_again(district_db):
    people = small_roster()
    import_roster(district_db, DISTRICT, people, "roster.csv")
    import_roster(district_db, DISTRICT, people[1:], "roster.csv")
    summary = import_roster(district_db, DISTRICT, people, "roster.csv")
    assert summary == ImportSummary(
        added=0, updated=1, unchanged=len(people) - 1, deactivated=0, districts=(DISTRICT_NAME,)
    )
    assert active_people(district_db, DISTRICT) == people  # in the new file's order
    assert count(district_db, PersonRow) == len(people)


def test_the_same_roster_twice_changes_nothing(district_db):
    people = small_roster()
    import_roster(district_db, DISTRICT, people, "roster.csv")
    before = stored_people(district_db)
    summary = import_roster(district_db, DISTRICT, people, "roster.csv")
    assert summary == ImportSummary(
        added=0, updated=0, unchanged=len(people), deactivated=0, districts=(DISTRICT_NAME,)
    )
    assert stored_people(district_db) == before


def test_a_bad_import_changes_nothing(district_db):
    people = small_roster()
    import_roster(district_db, DISTRICT, people, "roster.csv")
    before = stored_people(district_db)
    leave_before = count(district_db, LeaveRow)
    # Updates, additions and a deactivation come first; the last row is one the database refuses
    # (a 30-hour shift the CSV reader would have caught), so the failure comes in the middle of
    # writing, after the other rows went to the database.
    changed = [
        replace(p, name=p.name + " Jr.", leave=(DateRange(date(2026, 12, 1), date(2026, 12, 2)),))
        for p in people[:-1]
    ]
    newcomers = [person(f"n{i}", Rank.OFFICER) for i in range(50)]
    failing = person("bad", Rank.OFFICER, hours=30.0)

    with pytest.raises(InputError, match=r"roster-bad\.csv: nothing was imported") as error:
        import_roster(district_db, DISTRICT, (*changed, *newcomers, failing), "roster-bad.csv")

    assert "\n" not in str(error.value)
    assert stored_people(district_db) == before
    assert count(district_db, LeaveRow) == leave_before
    assert active_people(district_db, DISTRICT) == people


def test_duplicate_ids_are_refused_before_anything_is_written(district_db):
    people = small_roster()
    with pytest.raises(InputError, match=r"row 4, field 'id'"):
        import_roster(district_db, DISTRICT, (people[0], people[1], people[0]), "roster.csv")
    assert count(district_db, PersonRow) == 0


def test_import_needs_an_existing_district(db):
    with pytest.raises(NotFound, match="no district with id 1"):
        import_roster(db, DISTRICT, small_roster(), "roster.csv")


def test_people_belong_to_their_district(district_db):
    other = replace(default_district(), name="Westside District")
    other_id = save_settings(district_db, other).district.id
    import_roster(district_db, DISTRICT, small_roster(), "east.csv")
    west = (person("c1", Rank.CAPTAIN, responsible=True), person("w2", Rank.OFFICER))
    summary = import_roster(district_db, other_id, west, "west.csv")
    assert summary.added == 2  # the same badge number in another district is another person
    assert active_people(district_db, other_id) == west
    assert active_people(district_db, DISTRICT) == small_roster()
    assert get_district(district_db, other_id) == other
