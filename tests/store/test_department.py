"""People belong to the department: one person per roster id across districts, linked to each
district they serve, and migration 0007 bringing per-district people over."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from scheduler.domain import DateRange, Person, Plan
from scheduler.domain.errors import InputError, StoreError
from scheduler.formats.district_settings import default_district
from scheduler.store import (
    Database,
    active_people,
    all_people,
    import_roster,
    load_plan,
    open_database,
    save_plan,
    save_settings,
    walks_elsewhere,
)
from scheduler.store.database import run_migrations
from scheduler.store.schema import PersonRow
from tests.factories import MONTH, small_roster
from tests.store.conftest import december_plan


def districts(db: Database) -> tuple[int, int]:
    north = save_settings(db, replace(default_district(), name="North")).district.id
    south = save_settings(db, replace(default_district(), name="South")).district.id
    return north, south


def people_rows(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(PersonRow)) or 0


def test_the_same_roster_in_two_districts_is_one_person_each(db):
    north, south = districts(db)
    import_roster(db, north, small_roster(), "north.csv")
    summary = import_roster(db, south, small_roster(), "south.csv")
    assert (summary.added, summary.districts) == (len(small_roster()), ("South",))
    assert people_rows(db) == len(small_roster())
    assert active_people(db, north) == active_people(db, south) == small_roster()


def test_deactivating_is_per_district(db):
    north, south = districts(db)
    import_roster(db, north, small_roster(), "north.csv")
    import_roster(db, south, small_roster(), "south.csv")
    summary = import_roster(db, south, small_roster()[1:], "south.csv")
    assert summary.deactivated == 1
    assert active_people(db, south) == small_roster()[1:]
    assert active_people(db, north) == small_roster()
    assert all_people(db, south)[-1] == small_roster()[0]  # kept, inactive


def test_a_department_roster_links_people_to_the_districts_it_names(db):
    north, south = districts(db)
    roster = small_roster()
    links = {roster[0].id: ("North", "South"), roster[1].id: ("South",)}
    summary = import_roster(db, None, roster[:2], "department.csv", districts=links)
    assert summary.districts == ("North", "South")
    assert [p.id for p in active_people(db, north)] == [roster[0].id]
    assert [p.id for p in active_people(db, south)] == [roster[0].id, roster[1].id]


def test_a_department_roster_naming_an_unknown_district_changes_nothing(db):
    north, _ = districts(db)
    roster = small_roster()
    with pytest.raises(InputError, match=r"department.csv, row 3, field 'districts': names district 'West'"):
        import_roster(
            db,
            north,
            roster[:2],
            "department.csv",
            districts={roster[1].id: ("West",)},
            rows={roster[1].id: 3},
        )
    with pytest.raises(InputError, match="names no district"):
        import_roster(db, None, roster[:2], "department.csv", districts={roster[1].id: ("North",)})
    assert people_rows(db) == 0


def test_walks_elsewhere_are_the_other_districts_walks(db):
    north, south = districts(db)
    import_roster(db, north, small_roster(), "north.csv")
    import_roster(db, south, small_roster()[:3], "south.csv")
    save_plan(db, north, december_plan(), None, "alvarez")
    found = walks_elsewhere(db, south, MONTH)
    assert [w.id for w in found] == [f"North:{w.id}" for w in december_plan().walks]
    assert [w.participants for w in found] == [w.participants for w in december_plan().walks]
    assert walks_elsewhere(db, north, MONTH) == ()


# --- Migration 0007 -------------------------------------------------------------------------------


def prefixed(people: tuple[Person, ...]) -> tuple[Person, ...]:
    return tuple(replace(p, id=f"S-{p.id}") for p in people)


def prefixed_plan(plan: Plan) -> Plan:
    walks = tuple(
        replace(w, coordinator=f"S-{w.coordinator}", participants=tuple(f"S-{p}" for p in w.participants))
        for w in plan.walks
    )
    return replace(plan, walks=walks)


def revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def two_districts_at_0006(db: Database, *, renamed: str | None = None) -> tuple[int, int]:
    """A database as Beatwalk before 0007 left it: the small roster imported into North and into
    South (two rows per id), both planned, one of South's rows with leave of its own."""
    north, south = districts(db)
    import_roster(db, north, small_roster(), "north.csv")
    south_roster = list(prefixed(small_roster()))
    south_roster[0] = replace(south_roster[0], leave=(DateRange(date(2026, 12, 24), date(2026, 12, 26)),))
    import_roster(db, south, tuple(south_roster), "south.csv")
    save_plan(db, north, december_plan(), None, "alvarez")
    save_plan(db, south, prefixed_plan(december_plan()), None, "okafor")
    run_migrations(db.engine, "downgrade", "0006")
    with db.engine.begin() as connection:
        if renamed is not None:
            connection.execute(
                text("UPDATE people SET name = 'Someone Else' WHERE external_id = :id"), {"id": renamed}
            )
        connection.execute(
            text("UPDATE people SET external_id = substr(external_id, 3) WHERE external_id LIKE 'S-%'")
        )
        assert connection.scalar(text("SELECT count(*) FROM people")) == 2 * len(small_roster())
    return north, south


def test_the_migration_merges_the_same_id_and_name_into_one_person(db_url):
    db = open_database(db_url)
    try:
        north, south = two_districts_at_0006(db)
        run_migrations(db.engine, "upgrade", "head")
        assert people_rows(db) == len(small_roster())
        merged = list(small_roster())
        merged[0] = replace(merged[0], leave=(DateRange(date(2026, 12, 24), date(2026, 12, 26)),))
        assert active_people(db, north) == active_people(db, south) == tuple(merged)
        south_plan = load_plan(db, south, MONTH)
        assert south_plan is not None and south_plan.plan.walks == load_plan(db, north, MONTH).plan.walks
    finally:
        db.close()


def test_the_migration_refuses_one_id_with_two_names_and_changes_nothing(db_url):
    db = open_database(db_url)
    try:
        two_districts_at_0006(db, renamed="S-c2")
        message = (
            r"roster id 'c2' is '.*' in (North|South) but '.*' in (North|South): one id must name one person"
        )
        with pytest.raises(StoreError, match=message):
            run_migrations(db.engine, "upgrade", "head")
        assert revision(db) == "0006"
        with db.engine.connect() as connection:
            assert connection.scalar(text("SELECT count(*) FROM people")) == 2 * len(small_roster())
    finally:
        db.close()


def test_a_department_roster_leaves_the_chosen_district_alone_if_no_row_joins_it(db):
    north, _ = districts(db)
    import_roster(db, north, small_roster(), "north.csv")
    roster = small_roster()
    summary = import_roster(db, north, roster[:1], "department.csv", districts={roster[0].id: ("South",)})
    assert summary.districts == ("South",) and summary.deactivated == 0
    assert active_people(db, north) == small_roster()
