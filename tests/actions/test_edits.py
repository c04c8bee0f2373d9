"""Hand edits of a plan: each returns the new plan and what the validator says about it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler import actions
from scheduler.actions import InputError, NotFound
from scheduler.planning.firstfit import first_fit
from tests.factories import problem

NY = ZoneInfo("America/New_York")


@pytest.fixture(scope="module")
def month():
    """A valid first-fit plan of December for the small roster (no solver: edits are pure)."""
    context = problem()
    plan = first_fit(context)
    assert actions.check_plan(context, plan).valid
    return context, plan


def walk_of(plan, walk_type):
    return next(walk for walk in plan.walks if walk.type == walk_type)


def test_moving_a_walk_keeps_its_length_and_reports_a_broken_rule(month):
    context, plan = month
    walk = walk_of(plan, "officer")
    later = walk.start + timedelta(minutes=30)
    edited = actions.move_walk(context, plan, walk_id=walk.id, start=later)
    moved = next(w for w in edited.plan.walks if w.id == walk.id)
    assert moved.start == later and moved.minutes == walk.minutes
    night = datetime.combine(walk.start.date(), datetime.min.time(), NY).replace(hour=23)
    broken = actions.move_walk(context, plan, walk_id=walk.id, start=night)
    assert {v.rule for v in broken.violations} >= {"walk_hours"} and not broken.valid
    assert plan == month[1]  # the plan given in is never changed


def test_adding_and_removing_people(month):
    context, plan = month
    walk = walk_of(plan, "officer")
    extra = next(p.id for p in context.people if p.id not in walk.participants and p.unit == "patrol")
    added = actions.add_participant(context, plan, walk_id=walk.id, person_id=extra)
    assert extra in next(w for w in added.plan.walks if w.id == walk.id).participants
    removed = actions.remove_participant(context, plan, walk_id=walk.id, person_id=walk.coordinator)
    after = next(w for w in removed.plan.walks if w.id == walk.id)
    assert walk.coordinator not in after.participants and after.coordinator == after.participants[0]
    assert any(v.rule == "composition" and v.walk == walk.id for v in removed.violations)
    with pytest.raises(NotFound, match="not on the roster"):
        actions.add_participant(context, plan, walk_id=walk.id, person_id="nobody")
    with pytest.raises(InputError, match="already on walk"):
        actions.add_participant(context, plan, walk_id=walk.id, person_id=walk.coordinator)


def test_deleting_a_walk_lists_the_minimum_it_leaves_unmet(month):
    context, plan = month
    walk = walk_of(plan, "district")
    edited = actions.delete_walk(context, plan, walk_id=walk.id)
    assert walk.id not in {w.id for w in edited.plan.walks}
    (shortfall,) = [s for s in edited.plan.shortfalls if s.type == "district"]
    assert (shortfall.required, shortfall.planned, shortfall.reason) == (2, 1, "removed by hand")
    assert edited.valid  # a listed shortfall breaks no rule
    with pytest.raises(NotFound, match=f"has no walk {walk.id}"):
        actions.delete_walk(context, edited.plan, walk_id=walk.id)


def test_an_ad_hoc_walk_is_added_locked_with_a_new_id(month):
    context, plan = month
    walk = walk_of(plan, "cpu")
    start = walk.start + timedelta(hours=2)
    people = list(walk.participants)
    edited = actions.add_walk(context, plan, walk_type="cpu", start=start, participants=people)
    (new,) = [w for w in edited.plan.walks if w.id not in {old.id for old in plan.walks}]
    assert new.id == "h1" and new.locked and new.coordinator == walk.coordinator and new.minutes == 45
    assert edited.plan.quality is None  # no longer the solver's plan
    with pytest.raises(NotFound, match="no walk type 'parade'"):
        actions.add_walk(context, plan, walk_type="parade", start=start, participants=["u1"])


def test_locking_and_choosing_the_coordinator(month):
    context, plan = month
    walk = walk_of(plan, "captain")
    locked = actions.set_locked(context, plan, walk_id=walk.id, locked=True)
    assert next(w for w in locked.plan.walks if w.id == walk.id).locked and locked.valid
    other = walk.participants[1]
    led = actions.set_coordinator(context, plan, walk_id=walk.id, person_id=other)
    after = next(w for w in led.plan.walks if w.id == walk.id)
    assert after.coordinator == other and after.participants[0] == other
    assert any(v.rule == "composition" for v in led.violations)  # an officer cannot lead a captain walk
