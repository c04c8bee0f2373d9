"""Planning fixtures solved once per session: solving a month is the slow part of these tests."""

from __future__ import annotations

import pytest

from scheduler.domain import PlanningProblem
from scheduler.planning.planner import PlanResult, make_plan
from tests.factories import problem


@pytest.fixture(scope="session")
def december() -> tuple[PlanningProblem, PlanResult]:
    """The small department's December, planned once (a second of search finds the plan that
    longer searches find)."""
    p = problem()
    return p, make_plan(p, time_limit=1)
