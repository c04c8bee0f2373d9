"""Post-incident walks in the store: partners per district, who was called in and which partners
are invited on a walk, and the incidents a month owes a walk; and the migration from 0002."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from alembic import command
from sqlalchemy import inspect, select

from scheduler.domain import Partner, Walk
from scheduler.domain.errors import InputError
from scheduler.domain.incidents import Incident
from scheduler.store import find_district, get_district, load_plan, open_database, save_plan
from scheduler.store.database import alembic_config
from scheduler.store.neighborhood import import_incidents, month_incidents, save_post_incident
from scheduler.store.partners import active_partners, import_partners
from scheduler.store.schema import PartnerRow
from tests.factories import MONTH
from tests.store.conftest import december_plan

DISTRICT = 1
NY = ZoneInfo("America/New_York")
DANA = Partner("Dana Reyes", "City Council", "city official", "dana@city.example", "555-0100")
SAM = Partner("Sam Ode", "Family Services", "social services")
SHOOTING = Incident("C-1", "shooting", datetime(2026, 12, 10, 21, 30, tzinfo=NY))
IN_TIME = datetime(2026, 12, 10, 22, 0, tzinfo=NY)


def test_importing_partners_replaces_the_invited_list_and_keeps_the_old_ones(district_db):
    first = import_partners(district_db, DISTRICT, (DANA, SAM), "partners.csv")
    assert (first.added, first.updated, first.unchanged, first.deactivated) == (2, 0, 0, 0)
    assert active_partners(district_db, DISTRICT) == (DANA, SAM)
    moved = replace(DANA, phone="555-0199")
    second = import_partners(district_db, DISTRICT, (moved,), "partners.csv")
    assert (second.added, second.updated, second.unchanged, second.deactivated) == (0, 1, 0, 1)
    assert active_partners(district_db, DISTRICT) == (moved,)
    with district_db.session() as session:  # Sam is kept (a past walk may name him), not invited
        assert len(session.scalars(select(PartnerRow)).all()) == 2


def post_incident(plan, called_in=(), partners=()):
    """A post-incident walk of u1 (coordinator) and c1 on December 11 at 09:00."""
    walk = Walk(
        "pi-C-1",
        "post_incident",
        datetime(2026, 12, 11, 9, 0, tzinfo=NY),
        60,
        "u1",
        ("u1", "c1"),
        locked=True,
        called_in=called_in,
        partners=partners,
    )
    return replace(plan, walks=(*plan.walks, walk)), walk


def test_called_in_and_partners_are_stored_with_the_walk(planned_db):
    import_partners(planned_db, DISTRICT, (DANA, SAM), "partners.csv")
    plan, walk = post_incident(december_plan(), called_in=("c1",), partners=("Dana Reyes", "Sam Ode"))
    save_post_incident(planned_db, DISTRICT, SHOOTING, plan, 1, walk.id, "okafor", IN_TIME)
    stored = load_plan(planned_db, DISTRICT, MONTH)
    assert walk in stored.plan.walks
    assert stored.plan == plan  # and an unchanged walk stays as it is on the next save
    assert save_plan(planned_db, DISTRICT, plan, stored.version, "okafor").plan == plan


def test_a_walk_inviting_someone_who_is_no_partner_is_refused(planned_db):
    plan, _ = post_incident(december_plan(), partners=("Nobody Known",))
    with pytest.raises(InputError, match="invites 'Nobody Known', who is not among the district's partners"):
        save_plan(planned_db, DISTRICT, plan, 1, "okafor")


def test_a_month_owes_a_walk_for_an_incident_recorded_in_time_until_it_has_one(planned_db):
    late = Incident("C-9", "homicide", datetime(2026, 12, 2, 10, 0, tzinfo=NY))
    import_incidents(planned_db, DISTRICT, (SHOOTING,), "incidents.csv", IN_TIME)
    import_incidents(planned_db, DISTRICT, (late,), "old.csv", IN_TIME)  # 8 days late: never plannable
    assert month_incidents(planned_db, DISTRICT, MONTH) == ((SHOOTING,), {})
    plan, walk = post_incident(december_plan())
    save_post_incident(planned_db, DISTRICT, SHOOTING, plan, 1, walk.id, "okafor", IN_TIME)
    assert month_incidents(planned_db, DISTRICT, MONTH) == ((SHOOTING,), {"pi-C-1": "C-1"})
    save_plan(planned_db, DISTRICT, december_plan(), 2, "okafor")  # the walk deleted by hand
    assert month_incidents(planned_db, DISTRICT, MONTH) == ((SHOOTING,), {})


def test_migration_0004_upgrades_a_database_at_0002_keeping_its_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    db = open_database(url)
    with db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0002")
        connection.exec_driver_sql(
            "INSERT INTO districts (name, timezone, week_start, walk_start, walk_end, workdays, "
            "max_walking_per_squad, walk_call_type, created_at, updated_at) VALUES ('Old', "
            "'America/New_York', 0, '09:00:00', '20:00:00', '01234', 2, 'community walk', "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
        columns = {column["name"] for column in inspect(connection).get_columns("districts")}
        assert "post_incident_minutes" not in columns
    db.close()
    db = open_database(url)  # upgrades to the head
    try:
        district = get_district(db, find_district(db, "Old").id)
        assert (district.post_incident_delay_hours, district.post_incident_minutes) == (2, 60)
        with db.engine.connect() as connection:
            names = {c["name"] for c in inspect(connection).get_columns("walk_participants")}
            assert "called_in" in names
            assert "recorded_at" in {c["name"] for c in inspect(connection).get_columns("incidents")}
    finally:
        db.close()
