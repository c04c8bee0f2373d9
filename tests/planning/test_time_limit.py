"""The time limit is a promise: one deadline for the whole call, checked on an injected clock (no
test here depends on the machine's speed), and limits the planner cannot keep refused."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain.incidents import Incident
from scheduler.planning import planner, search
from scheduler.planning.candidates import build_demands
from scheduler.planning.deadline import MAX_SEED, MAX_TIME_LIMIT, Deadline, check_limits, may_load
from scheduler.planning.diagnosis import OUT_OF_TIME, Diagnosis
from scheduler.planning.firstfit import first_fit
from scheduler.planning.planner import (
    MAX_PEOPLE,
    Ending,
    SolveOptions,
    ending_of,
    make_plan,
    plan_by,
)
from scheduler.planning.post_incident import add_post_incident
from scheduler.rules.validator import validate
from tests.factories import problem, small_roster
from tests.planning.helpers import only_walk_types

NY = ZoneInfo("America/New_York")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def no_outside_captain():
    """A month whose district walks are always short (a quick model with one shortfall)."""
    return only_walk_types(problem(tuple(p for p in small_roster() if p.id != "c2")), "district")


def test_the_deadline_counts_from_its_start_on_its_clock():
    clock = Clock()
    deadline = Deadline(10, clock)
    assert deadline.remaining() == 10 and deadline.elapsed() == 0 and not deadline.expired()
    clock.now += 4
    assert deadline.remaining() == 6 and deadline.elapsed() == 4
    clock.now += 7
    assert deadline.remaining() == 0 and deadline.expired()


def test_the_search_gets_what_is_left_after_the_reserve():
    clock = Clock()
    deadline = Deadline(10, clock)
    assert deadline.reserve == pytest.approx(0.7)  # 0.2 s + 5 % of the limit
    clock.now += 2
    assert deadline.search_seconds() == pytest.approx(8 - 0.7)
    assert deadline.search_seconds(share=0.5) == pytest.approx((8 - 0.7) / 2)
    clock.now += 7.5
    assert deadline.search_seconds() == 0
    assert Deadline(0.1, clock).reserve == pytest.approx(0.05)  # never more than half the limit


def test_a_search_is_not_started_when_the_model_could_not_even_load():
    assert may_load(1.0, build_seconds=2.0)
    assert not may_load(0.4, build_seconds=2.0)  # CP-SAT loads a model in about 1/4 of its build time


@pytest.mark.parametrize(
    "limits",
    [
        {"time_limit": -1},
        {"time_limit": 0},
        {"time_limit": math.nan},
        {"time_limit": math.inf},
        {"time_limit": 1e308},
        {"time_limit": MAX_TIME_LIMIT + 1},
        {"time_limit": 10**400},
        {"time_limit": True},
        {"time_limit": "2"},
        {"effort": 0},
        {"effort": -1.0},
        {"effort": math.nan},
        {"effort": math.inf},
        {"seed": -1},
        {"seed": MAX_SEED + 1},
        {"seed": 2.0},
        {"seed": True},
        {"relative_gap": -0.1},
        {"relative_gap": math.nan},
    ],
)
def test_limits_the_planner_cannot_keep_are_refused(limits):
    given = {"time_limit": 2.0, "effort": None, "seed": 0, "relative_gap": 0.0, **limits}
    with pytest.raises(ValueError):
        check_limits(**given)
    with pytest.raises(ValueError):
        make_plan(problem(), **given)
    if "relative_gap" not in limits:  # a re-plan after an incident always searches to the end
        del given["relative_gap"]
        incident = Incident("C-1", "shooting", datetime(2026, 12, 10, 12, 0, tzinfo=NY))
        with pytest.raises(ValueError):
            add_post_incident(problem(), first_fit(problem()), incident, **given)


@pytest.mark.parametrize(
    ("time_limit", "effort", "seed"), [(0.001, None, 0), (MAX_TIME_LIMIT, 1e-3, MAX_SEED), (5, 2, 7)]
)
def test_limits_in_range_are_accepted(time_limit, effort, seed):
    check_limits(time_limit, effort, seed)


def test_rosters_beyond_the_planners_size_are_refused():
    person = small_roster()[0]
    crowd = tuple(replace(person, id=f"p{i}") for i in range(MAX_PEOPLE + 1))
    with pytest.raises(ValueError, match=f"at most {MAX_PEOPLE} people"):
        make_plan(problem(crowd))
    incident = Incident("C-1", "shooting", datetime(2026, 12, 10, 12, 0, tzinfo=NY))
    with pytest.raises(ValueError, match=f"at most {MAX_PEOPLE} people"):
        add_post_incident(problem(crowd), first_fit(problem()), incident)


def slow_first_fit(monkeypatch: pytest.MonkeyPatch, clock: Clock, seconds: float) -> None:
    """First-fit "takes" `seconds` on the test's clock."""
    fill = planner.fill

    def slow(*args, **kwargs):
        found = fill(*args, **kwargs)
        clock.now += seconds
        return found

    monkeypatch.setattr(planner, "fill", slow)


def test_no_time_left_for_the_model_returns_first_fits_plan_unpriced(monkeypatch):
    clock = Clock()
    slow_first_fit(monkeypatch, clock, seconds=5)
    p = problem(tuple(p for p in small_roster() if p.id != "c2"))
    result = plan_by(p, Deadline(4, clock), SolveOptions())
    assert result.ending is Ending.TIME_LIMIT and not result.ending.reproducible
    assert result.plan.walks == first_fit(p).walks and result.plan.quality is None
    assert result.objective == math.inf and result.gap == math.inf and result.first_plan_seconds is None
    assert validate(p, result.plan) == []
    (shortfall,) = result.plan.shortfalls
    assert shortfall.reason == f"district walk, 2026-12: {OUT_OF_TIME}"


def test_the_search_is_given_the_time_left_less_the_reserve(monkeypatch):
    clock = Clock()
    slow_first_fit(monkeypatch, clock, seconds=1)
    given: list[tuple[float, float]] = []
    configure = search.configure

    def recorded(params, size, options, seconds):
        configure(params, size, options, seconds)
        given.append((params.max_time_in_seconds, params.max_deterministic_time))

    monkeypatch.setattr(search, "configure", recorded)
    p = no_outside_captain()
    result = plan_by(p, Deadline(10, clock), SolveOptions())
    assert result.ending is Ending.OPTIMAL and result.seconds == pytest.approx(1)
    (seconds, effort) = given[0]
    assert seconds == pytest.approx(10 - 1 - 0.7)
    assert effort > 1e6  # no effort given: only the clock or a proof ends the search

    given.clear()
    plan_by(replace(p, previous=result.plan), Deadline(10, clock), SolveOptions(effort=3.0))
    assert given[0] == (pytest.approx(10 - 1 - 0.7), 3.0)  # with an effort, all the time left

    given.clear()
    plan_by(replace(p, previous=result.plan), Deadline(10, clock), SolveOptions())
    assert given[0][0] == pytest.approx((10 - 1 - 0.7) / 2)  # half: a fall-back may need the rest


def test_a_diagnosis_out_of_time_says_so():
    p = no_outside_captain()
    (demand,) = build_demands(p)
    clock = Clock()
    deadline = Deadline(1, clock)
    in_time = Diagnosis(p, deadline).explain(demand, 0)
    assert in_time == "district walk, 2026-12: no non-patrol captain on the roster"
    clock.now += 2
    assert Diagnosis(p, deadline).explain(demand, 0) == f"district walk, 2026-12: {OUT_OF_TIME}"


def test_what_ended_the_search():
    assert ending_of(proven=True, stopped=True, effort_used=True) is Ending.OPTIMAL
    assert ending_of(proven=False, stopped=True, effort_used=True) is Ending.STOPPED
    assert ending_of(proven=False, stopped=False, effort_used=True) is Ending.EFFORT
    assert ending_of(proven=False, stopped=False, effort_used=False) is Ending.TIME_LIMIT
    assert [e.reproducible for e in Ending] == [True, True, False, False]


def test_a_search_ended_by_its_effort_says_so():
    result = make_plan(problem(), time_limit=120, effort=0.01)
    assert result.ending is Ending.EFFORT and not result.optimal and not result.stopped
    assert validate(problem(), result.plan) == []
