"""How long a planning call may take: one deadline for the whole call, and the limits it accepts.

`time_limit` is wall-clock seconds for everything a call does (building the model, the first-fit
hint, the search, a re-plan's second search, explaining shortfalls), so each stage takes what it
may from one `Deadline` made when the call begins. `effort` is CP-SAT's deterministic time: a
search ended by it gives the same plan for the same input and seed on any machine.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

MAX_TIME_LIMIT = 86_400.0  # a day: far beyond any useful search, small enough to be a mistake
MAX_SEED = 2**31 - 1  # CP-SAT's random seed is a 32-bit signed integer
# Kept back from the search for what follows it: CP-SAT's own stopping, reading the plan out of the
# model, pricing it and explaining its shortfalls. A fixed part plus a share of the limit, so a
# long search leaves the diagnosis its sub-solves.
RESERVE_SECONDS = 0.2
RESERVE_SHARE = 0.05
# CP-SAT copies and checks the model before it looks at its time limit: about a quarter of the
# time Python took to build the model. A search that cannot even load in the time left is skipped.
LOAD_SHARE = 0.25


class Deadline:
    """The moment a planning call must return by, on `clock` (monotonic seconds; a test passes
    its own clock to check the budgeting without depending on the machine's speed)."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.seconds = seconds
        self.started = clock()
        self.at = self.started + seconds

    def elapsed(self) -> float:
        return self.clock() - self.started

    def remaining(self) -> float:
        return max(0.0, self.at - self.clock())

    def expired(self) -> bool:
        return self.remaining() <= 0.0

    @property
    def reserve(self) -> float:
        """Seconds kept back from the search for assembling the plan and explaining it."""
        return min(self.seconds / 2, RESERVE_SECONDS + RESERVE_SHARE * self.seconds)

    def search_seconds(self, *, share: float = 1.0) -> float:
        """Wall-clock seconds a search may take now: `share` of the time left after the reserve."""
        return max(0.0, (self.remaining() - self.reserve) * share)


def may_load(search_seconds: float, build_seconds: float) -> bool:
    """Whether a search of `search_seconds` is worth starting on a model that took `build_seconds`
    to build: CP-SAT loads the model before it checks its time limit."""
    return search_seconds > LOAD_SHARE * build_seconds


def check_limits(time_limit: float, effort: float | None, seed: int, relative_gap: float = 0.0) -> None:
    """Raise ValueError for limits the planner cannot keep. The command line checks them first
    with its own message; this is the safety net for every other caller."""
    if not _number(time_limit) or not 0 < time_limit <= MAX_TIME_LIMIT:
        raise ValueError(f"the time limit must be more than 0 and at most {MAX_TIME_LIMIT:g} seconds")
    if effort is not None and (not _number(effort) or effort <= 0):
        raise ValueError("the effort must be a finite number of deterministic units more than 0")
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise ValueError(f"the seed must be a whole number from 0 to {MAX_SEED}")
    if not _number(relative_gap) or not 0 <= relative_gap < 1:
        raise ValueError("the relative gap must be at least 0 and below 1")


def _number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))
