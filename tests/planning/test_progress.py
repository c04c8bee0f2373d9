"""Progress is cheap and a user's stop keeps the best plan: what a GUI's planning worker relies on."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain.incidents import Incident
from scheduler.planning.diagnosis import Diagnosis
from scheduler.planning.firstfit import first_fit
from scheduler.planning.planner import Ending, make_plan
from scheduler.planning.post_incident import add_post_incident
from scheduler.rules.validator import validate
from tests.factories import problem, small_roster
from tests.planning.helpers import StopAfterFirst, only_walk_types

NY = ZoneInfo("America/New_York")


@pytest.fixture
def explained(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the shortfall diagnoses (each runs CP-SAT sub-solves)."""
    calls: list[str] = []
    explain = Diagnosis.explain

    def counted(self, demand, planned):
        calls.append(demand.period.key)
        return explain(self, demand, planned)

    monkeypatch.setattr(Diagnosis, "explain", counted)
    return calls


def no_outside_captain():
    return problem(tuple(p for p in small_roster() if p.id != "c2"))  # no district walk possible


def test_a_stop_from_inside_the_search_keeps_its_plan(explained):
    p = no_outside_captain()
    stop = StopAfterFirst()
    result = make_plan(p, time_limit=30, on_progress=stop.on_progress, should_stop=stop.should_stop)
    assert result.ending is Ending.STOPPED and result.stopped and not result.optimal
    last = stop.seen[-1]  # the search stops right after the first report, or the one after it
    assert last.walks == len(result.plan.walks) > 0  # the best plan found is the one returned
    assert result.objective == result.plan.quality.total <= last.objective
    assert last.objective >= last.bound and last.seconds <= result.seconds
    assert validate(p, result.plan) == []
    assert [s.type for s in result.plan.shortfalls] == ["district"]
    assert result.plan.shortfalls[0].reason.endswith("no non-patrol captain on the roster")
    assert explained == ["2026-12"]  # diagnosed once, for the plan returned


def test_progress_reports_do_not_diagnose(explained):
    p = only_walk_types(no_outside_captain(), "cpu", "district", "captain")
    seen = []
    result = make_plan(p, time_limit=30, on_progress=seen.append)
    assert len(seen) > 1
    assert all(u.objective >= u.bound and u.walks == len(result.plan.walks) for u in seen)
    assert [u.objective for u in seen] == sorted((u.objective for u in seen), reverse=True)
    assert explained == ["2026-12"]


def test_a_stop_before_the_first_solution_returns_first_fits_plan():
    p = problem()
    result = make_plan(p, time_limit=30, should_stop=lambda: True)
    assert result.ending is Ending.STOPPED and result.first_plan_seconds is None
    assert result.plan.walks == first_fit(p).walks
    assert validate(p, result.plan) == []
    assert result.plan.quality is not None and result.objective == result.plan.quality.total
    assert result.bound == 0


def test_running_out_of_time_is_not_a_stop():
    result = make_plan(problem(), time_limit=0.01, should_stop=lambda: False)
    assert result.ending is Ending.TIME_LIMIT and not result.stopped and not result.optimal
    assert validate(problem(), result.plan) == []


def test_post_incident_re_planning_reports_progress_and_stops(december):
    p, result = december
    squad_walk = next(w for w in result.plan.walks if w.type == "squad")
    local = squad_walk.start.astimezone(NY)
    incident = Incident("C-8", "shooting", datetime(local.year, local.month, local.day, 8, 0, tzinfo=NY))
    seen = []
    reported = add_post_incident(p, result.plan, incident, time_limit=3, on_progress=seen.append)
    assert seen and seen[-1].walks == len(reported.plan.walks)
    assert reported.ending in (Ending.OPTIMAL, Ending.TIME_LIMIT)

    stopped = add_post_incident(p, result.plan, incident, time_limit=30, should_stop=lambda: True)
    assert stopped.ending is Ending.STOPPED and stopped.walk == reported.walk
    assert stopped.walk in stopped.plan.walks
    assert validate(replace(p, locked=(stopped.walk,)), stopped.plan) == []
