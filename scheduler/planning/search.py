"""The CP-SAT search of a built walk model: its parameters, progress reports and the user's stop.

Kept apart from the planner so that OR-Tools, slow to import, loads only when a month is planned.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model, cp_model_helper

from scheduler.planning.costs import Value
from scheduler.planning.deadline import Deadline
from scheduler.planning.planner import Progress, SolveOptions
from scheduler.planning.walk_model import WalkModel, complete


@dataclass(frozen=True)
class Searched:
    """What a search found: the best solution's values (the hint's when it found none), whether it
    was proven best, what ended it and the bound on any plan's cost."""

    value: Value
    proven: bool
    stopped: bool
    effort_used: bool
    bound: float
    first_seconds: float | None = None


def search(
    models: Sequence[WalkModel], options: SolveOptions, deadline: Deadline, seconds: float, *, hint: Value
) -> Searched:
    """Search for `seconds` at most (and `options.effort`), starting from the hinted solution.
    `models` share one CP-SAT model: one district's, or several districts planned together."""
    solver = cp_model.CpSolver()
    configure(solver.parameters, sum(len(m.member) for m in models), options, seconds)
    watch = _Watch(solver, lambda held: sum(m.walks_held(held) for m in models), options, deadline)
    status = solver.solve(models[0].model, watch)
    watch.done()
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return Searched(
        value=complete(models, solver.value) if found else hint,
        proven=status == cp_model.OPTIMAL,
        stopped=watch.stopped,
        effort_used=options.effort is not None and solver.deterministic_time >= options.effort,
        bound=solver.best_objective_bound,
        first_seconds=watch.first_seconds,
    )


# Interleaved search shares the two cores among all of CP-SAT's full-problem subsolvers, so each
# one kept costs the others time (and memory: each holds its own copy of the model). These three
# found the best plans and prove a 160-person month optimal after 4.0-4.6 deterministic seconds
# (seeds 0-2). Only max_lp_sym and reduced_costs prove it after 2.7-3.3, but they are slower on
# danville (2.5 against 2.0) and left boulder a worse plan after 8 (tests/benchmarks/results.md).
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


def configure(
    params: cp_model_helper.SatParameters, size: int, options: SolveOptions, seconds: float
) -> None:
    """The search's parameters: `seconds` of wall clock at most, and `options.effort` if given."""
    params.random_seed = options.seed
    params.num_workers = 2
    params.interleave_search = True  # deterministic for a seed, whatever the machine's load
    params.max_time_in_seconds = seconds
    if options.effort is not None:
        params.max_deterministic_time = options.effort
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
        self,
        solver: cp_model.CpSolver,
        walks_held: Callable[[Value], int],
        options: SolveOptions,
        deadline: Deadline,
    ):
        super().__init__()
        self._solver, self._walks_held, self._options, self._deadline = solver, walks_held, options, deadline
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
            seconds = self._deadline.elapsed()
            if self.first_seconds is None:
                self.first_seconds = seconds
            if self._options.on_progress is not None:
                walks = self._walks_held(self.value)
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
