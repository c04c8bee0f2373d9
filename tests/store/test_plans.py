"""Plans in the store: exact round trips, versions and history, and no save lost to a conflict."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from scheduler.domain import Month, Plan, PlanQuality, QualityTerm, Shortfall
from scheduler.domain.errors import Conflict, InputError, NotFound
from scheduler.formats.district_settings import default_district
from scheduler.store import (
    PlanConflict,
    add_district,
    find_district,
    get_district,
    import_roster,
    list_districts,
    load_plan,
    plan_changes,
    save_plan,
    save_settings,
)
from scheduler.store.schema import PlanRow, WalkParticipantRow, WalkRow
from tests.factories import MONTH, small_roster
from tests.store.conftest import december_plan, plan_and_version

DISTRICT = 1  # the id of the first district of a new database


@pytest.fixture
def planned(district_db):
    """A database with the small roster, and a valid plan of December (not yet saved)."""
    import_roster(district_db, DISTRICT, small_roster(), "roster.csv")
    shortfall = Shortfall("district", "2026-12", 2, 1, "district walk, 2026-12: no non-patrol captain")
    return district_db, replace(december_plan(), shortfalls=(shortfall,))


def rows(db, table) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(table))


def edited(plan: Plan) -> Plan:
    """The plan with its first walk moved an hour, its second locked, its third gone, one walk new.

    The moved walk's calendar sequence is one up, as the save makes it (locking changes nothing
    for attendees)."""
    first, second, _, *rest = plan.walks
    new = replace(rest[0], id="w999", start=rest[0].start + timedelta(days=1))
    moved = replace(first, start=first.start + timedelta(hours=1), sequence=first.sequence + 1)
    walks = (moved, replace(second, locked=True), *rest, new)
    return replace(plan, walks=walks, shortfalls=())


def test_a_saved_plan_loads_back_equal(planned):
    db, plan = planned
    assert load_plan(db, DISTRICT, MONTH) is None
    assert save_plan(db, DISTRICT, plan, None, "alvarez").version == 1
    loaded, version = plan_and_version(load_plan(db, DISTRICT, MONTH))
    assert (loaded, version) == (plan, 1)
    assert all(
        walk.start.tzinfo is not None and str(walk.start.tzinfo) == plan.timezone for walk in loaded.walks
    )
    assert rows(db, WalkRow) == len(plan.walks)
    assert rows(db, WalkParticipantRow) == sum(len(walk.participants) for walk in plan.walks)


def test_each_save_is_a_new_version_and_the_history_says_who_changed_what(planned):
    db, plan = planned
    save_plan(db, DISTRICT, plan, None, "alvarez")
    second = edited(plan)
    saved = save_plan(
        db,
        DISTRICT,
        replace(second, walks=(replace(second.walks[0], sequence=0), *second.walks[1:])),
        1,
        "okafor",
    )
    assert (saved.plan, saved.version) == (second, 2)  # the save raised the moved walk's sequence
    assert plan_and_version(load_plan(db, DISTRICT, MONTH)) == (second, 2)
    assert rows(db, WalkRow) == len(second.walks)  # the removed walk's row is gone
    history = plan_changes(db, DISTRICT, MONTH)
    assert [(change.version, change.changed_by) for change in history] == [(1, "alvarez"), (2, "okafor")]
    assert history[1].summary == f"{len(second.walks)} walks: 1 added, 2 changed, 1 removed"
    assert history[0].changed_at <= history[1].changed_at


def test_unchanged_walks_keep_their_rows_and_post_incident_walks_their_source(planned):
    db, plan = planned
    incident_walk = replace(plan.walks[0], id="p1", type="post_incident", locked=True)
    plan = replace(plan, walks=(*plan.walks, incident_walk))
    save_plan(db, DISTRICT, plan, None, "alvarez")
    with db.session() as session:
        before = {key: row_id for key, row_id in session.execute(select(WalkRow.key, WalkRow.id))}
    save_plan(db, DISTRICT, edited(plan), 1, "okafor", source="manual")
    with db.session() as session:
        after = {row.key: row for row in session.scalars(select(WalkRow))}
    assert after[plan.walks[5].id].id == before[plan.walks[5].id]
    assert after["p1"].source == "post_incident"
    assert after[plan.walks[0].id].source == "manual"
    assert after[plan.walks[5].id].source == "solver"


def test_the_later_of_two_saves_from_one_version_is_refused_and_nothing_is_lost(planned):
    db, plan = planned
    save_plan(db, DISTRICT, plan, None, "alvarez")
    _, version = plan_and_version(load_plan(db, DISTRICT, MONTH))  # both captains open version 1
    theirs = edited(plan)
    mine = replace(plan, walks=plan.walks[:10])
    save_plan(db, DISTRICT, theirs, version, "okafor")

    with pytest.raises(PlanConflict) as conflict:
        save_plan(db, DISTRICT, mine, version, "alvarez")

    message = str(conflict.value)
    assert message.startswith(f"plan 2026-12 of {default_district().name} was changed by okafor at 20")
    assert message.endswith("since you opened it (version 2, you have 1); reload to see their changes")
    assert plan_and_version(load_plan(db, DISTRICT, MONTH)) == (theirs, 2)
    assert [change.changed_by for change in plan_changes(db, DISTRICT, MONTH)] == ["alvarez", "okafor"]


def test_a_first_save_of_a_month_someone_else_planned_meanwhile_is_refused(planned):
    db, plan = planned
    save_plan(db, DISTRICT, plan, None, "okafor")
    with pytest.raises(PlanConflict, match=r"was saved by okafor .* \(version 1, you have none\)"):
        save_plan(db, DISTRICT, edited(plan), None, "alvarez")
    assert plan_and_version(load_plan(db, DISTRICT, MONTH)) == (plan, 1)


def test_concurrent_saves_from_one_version_let_exactly_one_through(planned):
    db, plan = planned
    save_plan(db, DISTRICT, plan, None, "alvarez")
    versions = {"okafor": edited(plan), "alvarez": replace(plan, walks=plan.walks[:10])}
    start = threading.Barrier(len(versions))
    outcomes: dict[str, object] = {}

    def save(user: str) -> None:
        start.wait()
        try:
            outcomes[user] = save_plan(db, DISTRICT, versions[user], 1, user).version
        except PlanConflict as conflict:
            outcomes[user] = conflict

    threads = [threading.Thread(target=save, args=(user,)) for user in versions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    winners = [user for user, outcome in outcomes.items() if outcome == 2]
    losers = [user for user, outcome in outcomes.items() if isinstance(outcome, PlanConflict)]
    assert len(winners) == 1 and len(losers) == 1, outcomes
    assert plan_and_version(load_plan(db, DISTRICT, MONTH)) == (versions[winners[0]], 2)
    assert f"changed by {winners[0]}" in str(outcomes[losers[0]])


def test_the_version_column_guards_every_update():
    """The ORM itself refuses to overwrite a newer row (SQLAlchemy's version counter)."""
    assert PlanRow.__mapper__.version_id_col is PlanRow.__table__.c.version


def test_a_plan_naming_someone_not_in_the_department_is_refused(planned):
    db, plan = planned
    stranger = replace(plan.walks[0], participants=(*plan.walks[0].participants, "nobody"))
    with pytest.raises(InputError, match="names 'nobody', who is not in the department"):
        save_plan(db, DISTRICT, replace(plan, walks=(stranger, *plan.walks[1:])), None, "alvarez")
    assert load_plan(db, DISTRICT, MONTH) is None


def test_each_district_has_its_own_plans_and_rules(planned):
    db, plan = planned
    west = replace(
        default_district(),
        name="Westside District",
        walk_types=tuple(
            replace(t, minimum=1) if t.key == "captain" else t for t in default_district().walk_types
        ),
    )
    west_id = save_settings(db, west).district.id
    import_roster(db, west_id, small_roster(), "west.csv")
    save_plan(db, DISTRICT, plan, None, "alvarez")
    assert load_plan(db, west_id, MONTH) is None
    assert get_district(db, find_district(db, west.name).id).walk_type("captain").minimum == 1
    assert get_district(db, DISTRICT).walk_type("captain").minimum == 3
    with pytest.raises(NotFound, match=r"holds several districts .*choose one"):
        find_district(db, None)


def test_a_district_name_is_taken_once(district_db):
    with pytest.raises(Conflict, match=f"district '{default_district().name}' already exists"):
        add_district(district_db, default_district())
    west = replace(default_district(), name="Westside District")
    add_district(district_db, west)
    assert [d.name for d in list_districts(district_db)] == [default_district().name, west.name]


def test_updating_settings_replaces_the_rules(district_db):
    district = default_district()
    changed = replace(
        district,
        timezone="America/Chicago",
        week_start=6,
        workdays=frozenset({0, 2, 4}),
        walk_types=tuple(replace(t, minutes=t.minutes + 5) for t in district.walk_types[1:]),
    )
    created = save_settings(district_db, changed).created
    assert not created
    assert get_district(district_db, DISTRICT) == changed


def test_months_are_separate_plans(planned):
    db, plan = planned
    save_plan(db, DISTRICT, plan, None, "alvarez")
    january = Plan(Month(2027, 1), plan.timezone)
    assert save_plan(db, DISTRICT, january, None, "alvarez").version == 1
    assert plan_and_version(load_plan(db, DISTRICT, Month(2027, 1))) == (january, 1)
    assert plan_and_version(load_plan(db, DISTRICT, MONTH)) == (plan, 1)


def test_a_plans_quality_breakdown_is_kept_and_replaced_on_each_save(planned):
    db, plan = planned
    quality = PlanQuality(
        (QualityTerm("busiest_person", 1, 400, "busiest officer: 4 walks"), QualityTerm("crowded", 0, 1, "")),
        bound=380.0,
    )
    save_plan(db, DISTRICT, replace(plan, quality=quality), None, "alvarez")
    assert load_plan(db, DISTRICT, MONTH).plan.quality == quality
    save_plan(db, DISTRICT, plan, 1, "okafor")  # edited by hand: no breakdown any more
    assert load_plan(db, DISTRICT, MONTH).plan.quality is None
