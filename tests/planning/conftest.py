"""Planning fixtures solved once per session: solving a month is the slow part of these tests."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from scheduler.domain import PlanningProblem, Walk
from scheduler.planning.planner import PlanResult, make_plan
from scheduler.rules.hard_rules import overlaps
from tests.factories import problem


@pytest.fixture(scope="session")
def december() -> tuple[PlanningProblem, PlanResult]:
    """The small department's December, planned once. The search ends on its effort, so the plan
    is the same on any machine (0.2 units find a plan that meets every rule the tests check)."""
    p = problem()
    return p, make_plan(p, time_limit=120, effort=0.2)


def clashes(walks: Sequence[Walk], others: Sequence[Walk]) -> list[tuple[str, str]]:
    """The pairs of a walk and another district's walk that share a person at the same time."""
    return [
        (walk.id, other.id)
        for walk in walks
        for other in others
        if set(walk.participants) & set(other.participants)
        and overlaps(walk.start, walk.end, other.start, other.end)
    ]
