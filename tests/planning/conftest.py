"""Planning fixtures solved once per session: solving a month is the slow part of these tests."""

from __future__ import annotations

import pytest

from scheduler.domain import PlanningProblem
from scheduler.planning.planner import PlanResult, make_plan
from tests.factories import problem


@pytest.fixture(scope="session")
def december() -> tuple[PlanningProblem, PlanResult]:
    """The small department's December, planned once. The search ends on its effort, so the plan
    is the same on any machine (0.2 units find a plan that meets every rule the tests check)."""
    p = problem()
    return p, make_plan(p, time_limit=120, effort=0.2)
