"""The planner: a month of walks that meets every walk type's minimum, or says why it cannot.

It hints CP-SAT with the first-fit plan (so a valid plan exists from the first moment), reports
each better plan as cheap progress, can be stopped (keeping the best plan so far), and keeps its
time limit: `time_limit` is wall-clock seconds for the whole call, and every stage (building the
model, the search, a re-plan's second search, explaining shortfalls) takes its time from one
deadline. The search ends on proof of optimality, on `effort` (CP-SAT's deterministic time, when
given), on the clock, or on the user's stop; the first two give the same plan for the same input
and seed on any machine. Re-planning keeps every walk of the previous plan that is still valid.
Shortfall reasons and the cost breakdown are worked out once, for the plan it returns.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from scheduler.domain import Plan, PlanningProblem, Walk
from scheduler.domain.people import MAX_PEOPLE as MAX_PEOPLE  # the size the planner is built for
from scheduler.planning.assembly import Assignment, assemble_plan, changed_walks, with_reasons
from scheduler.planning.candidates import Demand, build_demands
from scheduler.planning.deadline import Deadline, check_limits, may_load
from scheduler.planning.firstfit import fill
from scheduler.rules.post_incident import missing_walk, unwalked
from scheduler.rules.validator import validate

if TYPE_CHECKING:  # OR-Tools loads only when a month is planned (see solve_models)
    from scheduler.planning.walk_model import WalkModel


class Ending(StrEnum):
    """Why the search ended. OPTIMAL: the plan is proven best; EFFORT: the deterministic effort
    was used up. Both give the same plan for the same input and seed on any machine. TIME_LIMIT:
    the clock ended it (another run may find another plan); STOPPED: the user stopped it."""

    OPTIMAL = "optimal"
    EFFORT = "effort"
    TIME_LIMIT = "time_limit"
    STOPPED = "stopped"

    @property
    def reproducible(self) -> bool:
        return self in (Ending.OPTIMAL, Ending.EFFORT)


@dataclass(frozen=True)
class Progress:
    """A better plan was found. Cheap to make (no plan is built), so it can be shown each time:
    its cost, the best bound on any plan's cost, seconds since planning began, and how many walks
    it holds (locked ones included)."""

    objective: float
    bound: float
    seconds: float
    walks: int


@dataclass(frozen=True)
class PlanResult:
    plan: Plan
    ending: Ending
    # The plan's cost, `plan.quality.total`; infinite when the time limit left no time to build the
    # model that prices it (then the plan is first-fit's and `plan.quality` is None).
    objective: float
    bound: float  # no plan costs less
    seconds: float
    first_plan_seconds: float | None  # when the solver found its first plan, if it did
    changed_walks: int

    @property
    def optimal(self) -> bool:
        return self.ending is Ending.OPTIMAL

    @property
    def stopped(self) -> bool:
        return self.ending is Ending.STOPPED

    @property
    def gap(self) -> float:
        if not math.isfinite(self.objective):
            return math.inf
        return abs(self.objective - self.bound) / max(1.0, abs(self.objective))


@dataclass(frozen=True)
class SolveOptions:
    """How the search ends (besides the deadline) and how it reports."""

    effort: float | None = None
    seed: int = 0
    relative_gap: float = 0.0
    on_progress: Callable[[Progress], None] | None = None
    should_stop: Callable[[], bool] | None = None


def make_plan(
    problem: PlanningProblem,
    *,
    time_limit: float = 20.0,
    effort: float | None = None,
    seed: int = 0,
    relative_gap: float = 0.0,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> PlanResult:
    """Plan the month. With `problem.previous`, keep every previous walk that is still valid and
    re-plan only the rest; only if that leaves more walks missing does it re-plan the whole month,
    still paying for every walk it changes. `should_stop` returning True ends the search with the
    best plan found so far (ending STOPPED).

    `time_limit` (seconds, 0 < t <= 86400) bounds the whole call on the wall clock: it returns
    within the limit and a fraction of a second, provided the limit covers the first-fit plan
    (about 0.1 s for 160 people, 0.7 s for 925 on the 2-core reference machine), which is always
    made whole; when no time is left to build the model, that plan is returned unpriced.
    `effort` (deterministic units, > 0) ends the search reproducibly (Ending.EFFORT), the time
    limit still bounding the wall clock; a re-plan that falls back to the whole month gives each of
    its two searches that effort. `seed` is 0 to 2**31 - 1. ValueError for limits outside these, or
    for more than MAX_PEOPLE people.
    """
    check_limits(time_limit, effort, seed, relative_gap)
    check_size(problem)
    options = SolveOptions(effort, seed, relative_gap, on_progress, should_stop)
    return plan_by(problem, Deadline(time_limit), options)


def check_size(problem: PlanningProblem) -> None:
    """ValueError for a roster larger than the planner is built for (MAX_PEOPLE)."""
    if len(problem.people) > MAX_PEOPLE:
        raise ValueError(
            f"the planner is built for districts of at most {MAX_PEOPLE} people, not {len(problem.people)}"
        )


def plan_by(problem: PlanningProblem, deadline: Deadline, options: SolveOptions) -> PlanResult:
    """`make_plan` on a deadline made by the caller (`add_post_incident` plans within its own)."""
    result = None
    if problem.previous is not None:
        result = _replan_around_kept(problem, problem.previous, options, deadline)
    if result is None:
        result = _solve(problem, options, deadline).result(deadline)
    return with_missing_incident_walks(problem, result)


def with_missing_incident_walks(problem: PlanningProblem, result: PlanResult) -> PlanResult:
    """An incident whose walk is not in the plan is a shortfall, however the month is re-planned:
    a post-incident walk is never silently missing."""
    plan = result.plan
    missing = tuple(missing_walk(incident, plan.timezone) for incident in unwalked(problem, plan.walks))
    if not missing:
        return result
    return replace(result, plan=replace(plan, shortfalls=(*plan.shortfalls, *missing)))


def _replan_around_kept(
    problem: PlanningProblem, previous: Plan, options: SolveOptions, deadline: Deadline
) -> PlanResult | None:
    """Re-plan around the previous walks that are still valid. Its search takes half the time left,
    so a fall-back to the whole month has the other half; all of it with `effort`, so that the
    effort, not the clock, ends it."""
    kept = still_valid_walks(problem, previous)
    locked = {w.id for w in problem.locked}
    dropped = sum(1 for w in previous.walks if w.id not in locked and w not in kept)
    fixed = replace(problem, locked=problem.locked + kept, previous=None)
    share = 1.0 if options.effort is not None else 0.5
    solved = _solve(fixed, options, deadline, changes_made=dropped, share=share)
    missed_before = sum(s.required - s.planned for s in previous.shortfalls)
    missed_now = sum(s.required - s.planned for s in solved.plan.shortfalls)
    if missed_now > missed_before and solved.ending is not Ending.STOPPED:  # a stop keeps this plan
        return None
    return solved.result(deadline, previous)


def still_valid_walks(problem: PlanningProblem, previous: Plan) -> tuple[Walk, ...]:
    """The previous plan's walks (locked ones aside) that break no rule next to the locked walks
    and the walks kept before them, and start no earlier than `problem.not_before`."""
    kept: list[Walk] = []
    locked_ids = {w.id for w in problem.locked}
    not_before = problem.not_before
    for walk in sorted(previous.walks, key=lambda w: w.start):
        if walk.id in locked_ids or (not_before is not None and walk.start < not_before):
            continue
        trial = Plan(problem.month, problem.district.timezone, (*problem.locked, *kept, walk))
        if not [v for v in validate(problem, trial) if v.rule != "minimum"]:
            kept.append(walk)
    return tuple(kept)


@dataclass(frozen=True)
class Solved:
    """A search's plan, priced (unless no time was left for the model) but with its shortfalls not
    yet explained."""

    problem: PlanningProblem
    demands: Sequence[Demand]
    plan: Plan
    ending: Ending
    objective: float
    bound: float
    first_seconds: float | None

    def result(self, deadline: Deadline, previous: Plan | None = None) -> PlanResult:
        """The result, with each shortfall's reason (worked out here only, for this plan, in the
        time left)."""
        from scheduler.planning.diagnosis import Diagnosis  # OR-Tools: imported when planning, as in _solve

        plan = with_reasons(self.plan, self.demands, Diagnosis(self.problem, deadline).explain)
        return PlanResult(
            plan=plan,
            ending=self.ending,
            objective=self.objective,
            bound=self.bound,
            seconds=deadline.elapsed(),
            first_plan_seconds=self.first_seconds,
            changed_walks=changed_walks(previous or self.problem.previous, plan),
        )


def _solve(
    problem: PlanningProblem,
    options: SolveOptions,
    deadline: Deadline,
    *,
    changes_made: int = 0,
    share: float = 1.0,
) -> Solved:
    demands = build_demands(problem)
    hint = fill(problem, demands)  # first-fit's plan, valid by construction

    def build(in_time: Callable[[], bool]) -> Sequence[WalkModel]:
        from scheduler.planning.department_model import district_model  # OR-Tools: see solve_models

        return (district_model(problem, demands, changes_made=changes_made, in_time=in_time),)

    (solved,) = solve_models(((problem, demands, hint),), build, options, deadline, share=share)
    return solved


# A district's month to plan: its problem, its slots and the valid plan the search starts from.
Part = tuple[PlanningProblem, Sequence[Demand], Sequence[Assignment]]


def solve_models(
    parts: Sequence[Part],
    build: Callable[[Callable[[], bool]], Sequence[WalkModel]],
    options: SolveOptions,
    deadline: Deadline,
    *,
    share: float = 1.0,
) -> list[Solved]:
    """One search for the months of `parts` (one district, or several in one model), whose model
    `build` makes, one `WalkModel` a part, while `in_time` says there is time for it. Each part's
    plan is priced on its own model's terms; its bound is the search's bound less what the other
    parts' plans cost (for one district, the search's bound)."""
    # OR-Tools (which loads pandas) takes a second to import: only a search needs it, not the app's start.
    from scheduler.planning import search
    from scheduler.planning.quality import plan_quality
    from scheduler.planning.walk_model import OutOfTime, add_hints

    building = deadline.elapsed()
    in_time = lambda: deadline.remaining() > deadline.reserve  # noqa: E731
    try:  # the model is built only while the search and what follows it still have time
        models = build(in_time)
    except OutOfTime:
        return [_unpriced(problem, demands, hint, options) for problem, demands, hint in parts]
    value = add_hints([(walk_model, hint) for walk_model, (_, _, hint) in zip(models, parts, strict=True)])
    for walk_model in models:
        walk_model.no_worse_than(value)
    build_seconds = deadline.elapsed() - building
    stopped = options.should_stop is not None and options.should_stop()
    found = search.Searched(value, proven=False, stopped=stopped, effort_used=False, bound=0.0)  # no cost < 0
    seconds = deadline.search_seconds(share=share)
    if not stopped and may_load(seconds, build_seconds):
        found = search.search(models, options, deadline, seconds, hint=value)
    value, bound = found.value, found.bound
    # Without a solution (stopped or out of time before the first) the plans are first-fit's.
    ending = ending_of(found.proven, found.stopped, found.effort_used)
    qualities = [plan_quality(walk_model, value, None) for walk_model in models]
    total = sum(quality.total for quality in qualities)
    solved = []
    for walk_model, quality, (problem, demands, _) in zip(models, qualities, parts, strict=True):
        own_bound = bound - (total - quality.total)
        quality = replace(quality, bound=own_bound)
        plan = replace(assemble_plan(problem, demands, walk_model.assignments(value)), quality=quality)
        solved.append(Solved(problem, demands, plan, ending, quality.total, own_bound, found.first_seconds))
    return solved


def ending_of(proven: bool, stopped: bool, effort_used: bool) -> Ending:
    """What ended a search: a proof first, then the user, then the effort; otherwise the clock."""
    if proven:
        return Ending.OPTIMAL
    if stopped:
        return Ending.STOPPED
    return Ending.EFFORT if effort_used else Ending.TIME_LIMIT


def _unpriced(
    problem: PlanningProblem, demands: Sequence[Demand], hint: Sequence[Assignment], options: SolveOptions
) -> Solved:
    """First-fit's plan, when the time limit leaves no time to build the model (nor so to price it)."""
    plan = assemble_plan(problem, demands, hint)
    stopped = options.should_stop is not None and options.should_stop()
    ending = Ending.STOPPED if stopped else Ending.TIME_LIMIT
    return Solved(problem, demands, plan, ending, math.inf, 0.0, None)
