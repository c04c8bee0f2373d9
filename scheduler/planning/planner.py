"""The planner: a month of walks that meets every walk type's minimum, or says why it cannot.

It hints CP-SAT with the first-fit plan (so a valid plan exists from the first moment), reports
each better plan as progress, can be stopped, and is deterministic for a seed. Re-planning keeps
every walk of the previous plan that is still valid.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model
from ortools.sat.sat_parameters_pb2 import SatParameters

from scheduler.domain import Plan, PlanningProblem, Walk
from scheduler.planning.assembly import Assignment, assemble_plan, changed_walks
from scheduler.planning.candidates import build_demands
from scheduler.planning.diagnosis import Diagnosis
from scheduler.planning.firstfit import fill
from scheduler.planning.walk_model import WalkModel
from scheduler.rules.validator import validate


@dataclass(frozen=True)
class Progress:
    plan: Plan
    objective: float
    bound: float
    seconds: float


@dataclass(frozen=True)
class PlanResult:
    plan: Plan
    optimal: bool
    objective: float
    bound: float
    seconds: float
    first_plan_seconds: float | None
    changed_walks: int

    @property
    def gap(self) -> float:
        return abs(self.objective - self.bound) / max(1.0, abs(self.objective))


class Cancelled(Exception):
    """The user stopped planning before any plan was found."""


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
    still paying for every walk it changes."""
    options = SolveOptions(time_limit, seed, relative_gap, on_progress, should_stop)
    started = time.monotonic()
    if problem.previous is not None:
        result = _replan_around_kept(problem, options, started)
        if result is not None:
            return result
    return _solve(problem, options, started)


def _replan_around_kept(problem: PlanningProblem, options: SolveOptions, started: float) -> PlanResult | None:
    assert problem.previous is not None
    kept = still_valid_walks(problem, problem.previous)
    fixed = replace(problem, locked=problem.locked + kept, previous=None)
    result = _solve(fixed, options, started)
    missed_before = sum(s.required - s.planned for s in problem.previous.shortfalls)
    missed_now = sum(s.required - s.planned for s in result.plan.shortfalls)
    if missed_now > missed_before:
        return None
    return replace(result, changed_walks=changed_walks(problem.previous, result.plan))


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


def _solve(problem: PlanningProblem, options: SolveOptions, started: float) -> PlanResult:
    if options.should_stop is not None and options.should_stop():
        raise Cancelled()
    demands = build_demands(problem)
    diagnosis = Diagnosis(problem)
    walk_model = WalkModel(problem, demands)
    hint = fill(problem, demands)
    walk_model.add_hint(hint)

    def to_plan(assignments: Sequence[Assignment]) -> Plan:
        return assemble_plan(problem, demands, assignments, diagnosis.explain)

    solver = cp_model.CpSolver()
    configure(solver.parameters, len(walk_model.member), options)
    callback = _ProgressCallback(walk_model, to_plan, options.on_progress, started)
    watcher = _StopWatcher(solver, options.should_stop)
    status = solver.solve(walk_model.model, callback)
    watcher.done()
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        plan = to_plan(walk_model.assignments(solver.value))
        objective = solver.objective_value
    elif watcher.stopped:
        raise Cancelled()
    else:
        # The model always admits the empty plan, so this is only a time limit hit before any
        # solution: fall back on the first-fit plan, which is valid by construction.
        plan, objective = to_plan(hint), math.inf
    return PlanResult(
        plan=plan,
        optimal=status == cp_model.OPTIMAL,
        objective=objective,
        bound=solver.best_objective_bound,
        seconds=time.monotonic() - started,
        first_plan_seconds=callback.first_seconds,
        changed_walks=changed_walks(problem.previous, plan),
    )


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


def configure(params: SatParameters, size: int, options: SolveOptions) -> None:
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


class _ProgressCallback(cp_model.CpSolverSolutionCallback):
    def __init__(
        self,
        walk_model: WalkModel,
        to_plan: Callable[[Sequence[Assignment]], Plan],
        on_progress: Callable[[Progress], None] | None,
        started: float,
    ):
        super().__init__()
        self._walk_model, self._to_plan, self._on_progress = walk_model, to_plan, on_progress
        self._started = started
        self.first_seconds: float | None = None

    def on_solution_callback(self) -> None:
        seconds = time.monotonic() - self._started
        if self.first_seconds is None:
            self.first_seconds = seconds
        if self._on_progress:
            plan = self._to_plan(self._walk_model.assignments(self.value))
            self._on_progress(Progress(plan, self.objective_value, self.best_objective_bound, seconds))


class _StopWatcher:
    """Polls `should_stop` beside the solver, since the solver only calls back on new solutions."""

    def __init__(self, solver: cp_model.CpSolver, should_stop: Callable[[], bool] | None):
        self.stopped = False
        self._finished = threading.Event()
        self._thread = None
        if should_stop is not None:

            def watch() -> None:
                while not self._finished.wait(0.1):
                    if should_stop():
                        self.stopped = True
                        solver.stop_search()
                        return

            self._thread = threading.Thread(target=watch, daemon=True)
            self._thread.start()

    def done(self) -> None:
        self._finished.set()
        if self._thread:
            self._thread.join()
