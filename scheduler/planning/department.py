"""The month of several districts planned in one search: the department's plan.

Each district keeps its own walk types, settings, minimums, squad limit, crews and spread, and
gets its own plan; a person several districts share is one person across them, never on two walks
at once and with one load in every fairness group they belong to (`department_model.department_models`),
so the districts share such people instead of the first one planned taking them. The search starts
from the districts planned one after the other with first-fit, each around the walks given before
it (a valid department plan, nobody double-booked) and keeps each district's plan no worse than
that one on the figures a captain compares. A district with a previous plan is re-planned as a
whole month that pays for each walk it changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from scheduler.domain import PlanningProblem, Walk
from scheduler.planning.assembly import Assignment, assemble_plan
from scheduler.planning.candidates import Demand, build_demands
from scheduler.planning.deadline import Deadline, check_limits
from scheduler.planning.firstfit import fill
from scheduler.planning.planner import (
    PlanResult,
    Progress,
    SolveOptions,
    check_size,
    solve_models,
    with_missing_incident_walks,
)

if TYPE_CHECKING:
    from scheduler.planning.walk_model import WalkModel


def make_department_plan(
    problems: Sequence[PlanningProblem],
    *,
    time_limit: float = 20.0,
    effort: float | None = None,
    seed: int = 0,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> tuple[PlanResult, ...]:
    """Plan the month of every district of `problems` in one search, one result a district in
    their order. Each problem's `elsewhere` holds only walks of districts outside the search (the
    districts planned here see each other's walks, locked ones included, through the model).

    The limits are `make_plan`'s, for the whole department: `time_limit` bounds the whole call,
    `effort` the one search, and progress counts the walks of every district. ValueError for
    limits out of range, a district larger than the planner is built for, or districts in
    different timezones (busy times are compared as minutes of one local day)."""
    check_limits(time_limit, effort, seed)
    for problem in problems:
        check_size(problem)
    if len({problem.district.timezone for problem in problems}) > 1:
        raise ValueError("the districts planned together must share one timezone")
    deadline = Deadline(time_limit)
    options = SolveOptions(effort, seed, 0.0, on_progress, should_stop)
    demands = [build_demands(problem) for problem in problems]
    parts = list(zip(problems, demands, first_fit_in_turn(problems, demands), strict=True))

    def build(in_time: Callable[[], bool]) -> Sequence[WalkModel]:
        from scheduler.planning.department_model import department_models  # OR-Tools loads only to plan

        return department_models(list(zip(problems, demands, strict=True)), in_time=in_time)

    solved = solve_models(parts, build, options, deadline)
    return tuple(with_missing_incident_walks(s.problem, s.result(deadline)) for s in solved)


def first_fit_in_turn(
    problems: Sequence[PlanningProblem], demands: Sequence[Sequence[Demand]]
) -> list[list[Assignment]]:
    """First-fit's plan of each district in turn, each around the walks of those before it and
    the locked walks of those after it: together a valid plan of the department."""
    hints: list[list[Assignment]] = []
    given: list[tuple[Walk, ...]] = [problem.locked for problem in problems]
    for index, (problem, wanted) in enumerate(zip(problems, demands, strict=True)):
        others = tuple(
            replace(walk, id=f"{other}:{walk.id}")  # walk ids are unique per district only
            for other, walks in enumerate(given)
            if other != index
            for walk in walks
        )
        hint = fill(replace(problem, elsewhere=(*problem.elsewhere, *others)), wanted)
        hints.append(hint)
        given[index] = assemble_plan(problem, wanted, hint).walks
    return hints
