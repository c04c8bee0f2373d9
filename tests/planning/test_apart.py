"""Planning in a separate process (the app's way): the same plan as in the caller's process for
the same effort and seed, progress reported, a stop keeping the best plan, bad limits refused."""

from __future__ import annotations

import pytest

from scheduler.planning.apart import make_plan_apart
from scheduler.planning.planner import Ending, make_plan
from scheduler.rules.validator import validate
from tests.factories import problem, small_roster
from tests.planning.helpers import StopAfterFirst

LIMITS = {"time_limit": 30.0, "effort": 0.2, "seed": 3}


@pytest.mark.slow  # a process starts (seconds on a busy machine), then two searches
def test_a_plan_made_apart_is_the_plan_made_here():
    month = problem(small_roster())
    seen = []
    apart = make_plan_apart(month, **LIMITS, on_progress=seen.append, should_stop=None)
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
    result = make_plan_apart(month, time_limit=30.0, effort=None, seed=0, **stops)
    assert user.seen and result.plan.walks
    assert result.ending in (Ending.STOPPED, Ending.OPTIMAL)


def test_limits_out_of_bounds_are_refused_before_a_process_starts():
    with pytest.raises(ValueError, match="seed"):
        make_plan_apart(
            problem(small_roster()), time_limit=5.0, effort=None, seed=-1, on_progress=None, should_stop=None
        )
