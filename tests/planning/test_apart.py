"""Planning in a separate process (the app's way): the same plan (and the same post-incident walk)
as in the caller's process for the same effort and seed, progress reported, a stop keeping the
best plan, bad limits refused."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain.incidents import Incident
from scheduler.planning.apart import plan_apart
from scheduler.planning.planner import Ending, make_plan
from scheduler.planning.post_incident import add_post_incident
from scheduler.rules.validator import validate
from tests.factories import problem, small_roster
from tests.planning.helpers import StopAfterFirst

NY = ZoneInfo("America/New_York")
LIMITS = {"time_limit": 30.0, "effort": 0.2, "seed": 3}


@pytest.mark.slow  # a process starts (seconds on a busy machine), then two searches
def test_a_plan_made_apart_is_the_plan_made_here():
    month = problem(small_roster())
    seen = []
    apart = plan_apart(make_plan, month, **LIMITS, on_progress=seen.append, should_stop=None)
    here = make_plan(month, **LIMITS)
    assert apart.ending is Ending.EFFORT or apart.optimal
    assert apart.plan == here.plan and apart.ending is here.ending
    assert not validate(month, apart.plan) or all(v.rule == "minimum" for v in validate(month, apart.plan))
    assert seen and seen[-1].objective == pytest.approx(apart.objective)


@pytest.mark.slow
def test_a_stop_ends_the_search_apart_and_keeps_its_best_plan():
    month = problem(small_roster())
    user = StopAfterFirst()
    stops = {"on_progress": user.on_progress, "should_stop": user.should_stop}
    result = plan_apart(make_plan, month, time_limit=30.0, effort=None, seed=0, **stops)
    assert user.seen and result.plan.walks
    assert result.ending in (Ending.STOPPED, Ending.OPTIMAL)


def test_limits_out_of_bounds_are_refused_before_a_process_starts():
    with pytest.raises(ValueError, match="seed"):
        plan_apart(
            make_plan,
            problem(small_roster()),
            time_limit=5.0,
            effort=None,
            seed=-1,
            on_progress=None,
            should_stop=None,
        )


@pytest.mark.slow
def test_a_post_incident_walk_placed_apart_is_the_one_placed_here(december):
    p, result = december
    squad_walk = next(w for w in result.plan.walks if w.type == "squad")
    local = squad_walk.start.astimezone(NY)
    incident = Incident("C-8", "shooting", datetime(local.year, local.month, local.day, 8, 0, tzinfo=NY))
    limits = {"time_limit": 30.0, "effort": 0.2, "seed": 0}
    apart = plan_apart(
        add_post_incident, p, result.plan, incident, **limits, on_progress=None, should_stop=None
    )
    here = add_post_incident(p, result.plan, incident, **limits)
    assert apart.walk == here.walk and apart.plan == here.plan
