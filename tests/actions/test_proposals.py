"""Planning without saving (the what-if re-plan) and saving a plan someone accepted or edited,
with the version check that keeps a colleague's save."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scheduler import actions
from scheduler.actions import Conflict, SolveRequest
from tests.actions.conftest import DECEMBER, QUICK


def test_a_proposal_changes_nothing_until_it_is_saved(db, district):
    before = actions.stored_plan(db, district=district, month=DECEMBER)
    proposal = actions.propose_plan(db, district=district, month=DECEMBER, solve=QUICK)
    assert proposal.version == before.version
    assert actions.stored_plan(db, district=district, month=DECEMBER) == before
    problem, _ = actions.month_problem(db, district=district, month=DECEMBER)
    assert actions.check_plan(problem, proposal.result.plan).valid
    saved = actions.save_plan(
        db, district=district, plan=proposal.result.plan, version=proposal.version, user="baker"
    )
    assert saved.version == before.version + 1 and saved.saved_by == "baker"
    assert actions.stored_plan(db, district=district, month=DECEMBER).plan.walks == saved.plan.walks


def test_saving_over_a_colleagues_save_is_refused_and_writes_nothing(db, district):
    stored = actions.stored_plan(db, district=district, month=DECEMBER)
    problem, _ = actions.month_problem(db, district=district, month=DECEMBER)
    walk = stored.plan.walks[0]
    moved = actions.move_walk(problem, stored.plan, walk_id=walk.id, start=walk.start + timedelta(hours=1))
    mine = actions.save_plan(db, district=district, plan=moved.plan, version=stored.version, user="baker")
    with pytest.raises(Conflict):
        actions.save_plan(db, district=district, plan=stored.plan, version=stored.version, user="chen")
    assert actions.stored_plan(db, district=district, month=DECEMBER) == mine


def test_a_stopped_search_still_proposes_a_valid_plan(db, district):
    stop = SolveRequest(effort=0.6, should_stop=lambda: True)
    proposal = actions.propose_plan(db, district=district, month=DECEMBER, solve=stop)
    assert proposal.result.stopped
    problem, _ = actions.month_problem(db, district=district, month=DECEMBER)
    assert actions.check_plan(problem, proposal.result.plan).valid
