"""The planner: a month of walks that meets every walk type's minimum, or says why it cannot.

It hints CP-SAT with the first-fit plan (so a valid plan exists from the first moment), reports
each better plan as cheap progress, can be stopped (keeping the best plan so far), and is
deterministic for a seed. Re-planning keeps every walk of the previous plan that is still valid.
Shortfall reasons and the cost breakdown are worked out once, for the plan it returns.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from ortools.sat.python import cp_model, cp_model_helper

from scheduler.domain import Plan, PlanningProblem, Walk
from scheduler.planning.assembly import assemble_plan, changed_walks, with_reasons
from scheduler.planning.candidates import Demand, build_demands
from scheduler.planning.diagnosis import Diagnosis
from scheduler.planning.firstfit import fill
from scheduler.planning.quality import plan_quality
from scheduler.planning.walk_model import WalkModel
from scheduler.rules.validator import validate


class Ending(StrEnum):
    """Why the search ended: the plan is proven best, time ran out, or the user stopped it."""

    OPTIMAL = "optimal"
    TIME_LIMIT = "time_limit"
    STOPPED = "stopped"


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
    objective: float  # the plan's cost, `plan.quality.total`
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
        return abs(self.objective - self.bound) / max(1.0, abs(self.objective))


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float = 20.0
    seed: int = 0
    relative_gap: float = 0.0
    on_progress: Callable[[Progress], None] | None = None
    should_stop: Callable[[], bool] | None = None


def make_plan(
    problem: PlanningProblem,
    *,
    time_limit: float = 20.0,
    seed: int = 0,
    relative_gap: float = 0.0,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> PlanResult:
    """Plan the month. With `problem.previous`, keep every previous walk that is still valid and
    re-plan only the rest; only if that leaves more walks missing does it re-plan the whole month,
    still paying for every walk it changes. `should_stop` returning True ends the search with the
    best plan found so far (ending STOPPED)."""
    options = SolveOptions(time_limit, seed, relative_gap, on_progress, should_stop)
    started = time.monotonic()
    if problem.previous is not None:
        result = _replan_around_kept(problem, problem.previous, options, started)
        if result is not None:
            return result
    return _solve(problem, options, started).result(started)


def _replan_around_kept(
    problem: PlanningProblem, previous: Plan, options: SolveOptions, started: float
) -> PlanResult | None:
    kept = still_valid_walks(problem, previous)
    locked = {w.id for w in problem.locked}
    dropped = sum(1 for w in previous.walks if w.id not in locked and w not in kept)
    fixed = replace(problem, locked=problem.locked + kept, previous=None)
    solved = _solve(fixed, options, started, changes_made=dropped)
    missed_before = sum(s.required - s.planned for s in previous.shortfalls)
    missed_now = sum(s.required - s.planned for s in solved.plan.shortfalls)
    if missed_now > missed_before and solved.ending is not Ending.STOPPED:  # a stop keeps this plan
        return None
    return solved.result(started, previous)


def still_valid_walks(problem: PlanningProblem, previous: Plan) -> tuple[Walk, ...]:
    """The previous plan's walks (locked ones aside) that break no rule next to the locked walks
    and the walks kept before them."""
    kept: list[Walk] = []
    locked_ids = {w.id for w in problem.locked}
    for walk in sorted(previous.walks, key=lambda w: w.start):
        if walk.id in locked_ids:
            continue
        trial = Plan(problem.month, problem.district.timezone, (*problem.locked, *kept, walk))
        if not [v for v in validate(problem, trial) if v.rule != "minimum"]:
            kept.append(walk)
    return tuple(kept)


@dataclass(frozen=True)
class _Solved:
    """A search's plan, priced but with its shortfalls not yet explained."""

    problem: PlanningProblem
    demands: Sequence[Demand]
    plan: Plan
    ending: Ending
    objective: int
    bound: float
    first_seconds: float | None

    def result(self, started: float, previous: Plan | None = None) -> PlanResult:
        """The result, with each shortfall's reason (worked out here only, for this plan)."""
        plan = with_reasons(self.plan, self.demands, Diagnosis(self.problem).explain)
        return PlanResult(
            plan=plan,
            ending=self.ending,
            objective=self.objective,
            bound=self.bound,
            seconds=time.monotonic() - started,
            first_plan_seconds=self.first_seconds,
            changed_walks=changed_walks(previous or self.problem.previous, plan),
        )


def _solve(problem: PlanningProblem, options: SolveOptions, started: float, changes_made: int = 0) -> _Solved:
    demands = build_demands(problem)
    walk_model = WalkModel(problem, demands, changes_made=changes_made)
    value = walk_model.add_hint(fill(problem, demands))  # first-fit's plan, valid by construction
    bound = 0.0  # no cost is below zero
    stopped = options.should_stop is not None and options.should_stop()
    status, first_seconds = cp_model.UNKNOWN, None
    if not stopped:
        solver = cp_model.CpSolver()
        configure(solver.parameters, len(walk_model.member), options)
        watch = _Watch(solver, walk_model, options, started)
        status = solver.solve(walk_model.model, watch)
        watch.done()
        stopped, first_seconds = watch.stopped, watch.first_seconds
        bound = solver.best_objective_bound
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            value = walk_model.solution(solver.value)
    # Without a solution (stopped or out of time before the first) the plan is first-fit's.
    plan = assemble_plan(problem, demands, walk_model.assignments(value))
    quality = plan_quality(walk_model, value, bound)
    plan = replace(plan, quality=quality)
    ending = (
        Ending.OPTIMAL if status == cp_model.OPTIMAL else Ending.STOPPED if stopped else Ending.TIME_LIMIT
    )
    return _Solved(problem, demands, plan, ending, quality.total, bound, first_seconds)


# Deterministic time units per second of the time limit. CP-SAT's deterministic clock runs at
# 0.25-0.5 units per wall-clock second on a 2-core machine for these models, so the search
# normally ends on the deterministic limit (the same plan every time) before the wall-clock guard
# of three times the limit (which only a much slower machine reaches).
DETERMINISTIC_PER_SECOND = 0.6
# Interleaved search shares the two cores among all of CP-SAT's full-problem subsolvers, so each
# one kept costs the others time (and memory: each holds its own copy of the model). These three
# found the best plans and proved them optimal: a 160-person month is proven optimal after 3.7
# deterministic seconds with them, against 12.5 with the full set.
KEPT_SUBSOLVERS = ("default_lp", "max_lp_sym", "reduced_costs")
# Above this many person-slot variables the model is "large": symmetry detection and probing cost
# more presolve time than they save (a 900-person department spent 12 s in them before its first
# solution), LP reasoning without symmetry does as well, and a lighter third subsolver keeps the
# peak memory under 1 GB.
LARGE_MODEL = 8000
KEPT_SUBSOLVERS_LARGE = ("default_lp", "max_lp", "quick_restart")
FULL_SUBSOLVERS = (
    "core",
    "default_lp",
    "fixed",
    "max_lp",
    "max_lp_sym",
    "no_lp",
    "pseudo_costs",
    "quick_restart",
    "quick_restart_no_lp",
    "reduced_costs",
)


def configure(params: cp_model_helper.SatParameters, size: int, options: SolveOptions) -> None:
    params.random_seed = options.seed
    params.num_workers = 2
    params.interleave_search = True  # deterministic for a seed, whatever the machine's load
    params.max_deterministic_time = options.time_limit * DETERMINISTIC_PER_SECOND
    params.max_time_in_seconds = options.time_limit * 3
    params.relative_gap_limit = options.relative_gap
    kept = KEPT_SUBSOLVERS
    if size > LARGE_MODEL:
        params.symmetry_level = 0
        params.cp_model_probing_level = 0
        kept = KEPT_SUBSOLVERS_LARGE
    params.ignore_subsolvers.extend(name for name in FULL_SUBSOLVERS if name not in kept)


class _Watch(cp_model.CpSolverSolutionCallback):
    """Reports each better plan cheaply (no plan is built) and stops the search when
    `should_stop` says so, polling it beside the solver, which only calls back on new solutions.

    The stop is made from the watching thread, never during a solution report nor in the moment
    after one: CP-SAT 9.15 aborts the whole process (a failed CHECK in its postsolve) when a stop
    lands while it reports the complete hint as its first solution, before its search starts.
    """

    POLL_SECONDS = 0.1
    QUIET_SECONDS = 0.05  # after a report, before a stop may land

    def __init__(
        self, solver: cp_model.CpSolver, walk_model: WalkModel, options: SolveOptions, started: float
    ):
        super().__init__()
        self._solver, self._walk_model, self._options, self._started = solver, walk_model, options, started
        self.first_seconds: float | None = None
        self.stopped = False
        self._reporting = threading.Lock()
        self._quiet_from = 0.0
        self._wake = threading.Event()
        self._finished = threading.Event()
        self._thread: threading.Thread | None = None
        if options.should_stop is not None:
            self._thread = threading.Thread(target=self._watch, args=(options.should_stop,), daemon=True)
            self._thread.start()

    def on_solution_callback(self) -> None:
        with self._reporting:
            seconds = time.monotonic() - self._started
            if self.first_seconds is None:
                self.first_seconds = seconds
            if self._options.on_progress is not None:
                walks = self._walk_model.walks_held(self.value)
                self._options.on_progress(
                    Progress(self.objective_value, self.best_objective_bound, seconds, walks)
                )
            self._quiet_from = time.monotonic() + self.QUIET_SECONDS
        self._wake.set()  # a progress handler may have asked to stop

    def _watch(self, should_stop: Callable[[], bool]) -> None:
        while not self._finished.is_set():
            self._wake.wait(self.POLL_SECONDS)
            self._wake.clear()
            if self._finished.is_set() or not should_stop():
                continue
            while not self._finished.is_set():
                with self._reporting:
                    wait = self._quiet_from - time.monotonic()
                    if wait <= 0:
                        self.stopped = True
                        self._solver.stop_search()
                        return
                time.sleep(wait)

    def done(self) -> None:
        self._finished.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
