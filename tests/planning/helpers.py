"""Helpers for planning tests: smaller problems, and stopping a search from inside it."""

from __future__ import annotations

from dataclasses import replace

from scheduler.domain import PlanningProblem
from scheduler.planning.planner import Progress


def only_walk_types(p: PlanningProblem, *keys: str) -> PlanningProblem:
    """The problem with only these walk types: a model small enough to solve at once, for tests
    about one walk type."""
    walk_types = tuple(w for w in p.district.walk_types if w.key in keys)
    return replace(p, district=replace(p.district, walk_types=walk_types))


class StopAfterFirst:
    """Progress and stop callbacks that stop the search at its first solution, as a user who
    presses Stop on seeing the first plan would."""

    def __init__(self) -> None:
        self.seen: list[Progress] = []

    def on_progress(self, update: Progress) -> None:
        self.seen.append(update)

    def should_stop(self) -> bool:
        return bool(self.seen)
