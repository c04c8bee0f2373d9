"""The whole CP-SAT model of a planning call: one `WalkModel` a district on one `CpModel`, and
the rules about people that hold across them.

A month planned alone is a department of one district. Each district keeps its own slots,
minimums, squad limit, crews and spread, while a person shared by several districts is one person:
never on two walks at once, one load in every group they belong to, left out at most once
(`fairness.py`), and one objective weighs every district alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date

from ortools.sat.python import cp_model

from scheduler.domain import PlanningProblem
from scheduler.planning.candidates import Demand
from scheduler.planning.fairness import add_fairness
from scheduler.planning.walk_model import WalkModel
from scheduler.planning.weights import RULES, Weights


def district_model(
    problem: PlanningProblem,
    demands: Sequence[Demand],
    *,
    squad_limit: bool = True,
    changes_made: int = 0,
    in_time: Callable[[], bool] = lambda: True,
) -> WalkModel:
    """One district's month, alone in its model. `squad_limit` is lifted only by the diagnosis,
    to see whether the limit is what makes a minimum impossible; `changes_made` and `in_time` are
    `WalkModel`'s."""
    walk_model = WalkModel(problem, demands, cp_model.CpModel(), changes_made=changes_made, in_time=in_time)
    _build((walk_model,), squad_limit=squad_limit)
    return walk_model


def department_models(
    parts: Sequence[tuple[PlanningProblem, Sequence[Demand]]], *, in_time: Callable[[], bool] = lambda: True
) -> tuple[WalkModel, ...]:
    """One model of several districts' months, in the order of `parts`. The districts must share
    a timezone: busy times are compared as minutes of the same local day."""
    model = cp_model.CpModel()
    models = tuple(WalkModel(problem, demands, model, in_time=in_time) for problem, demands in parts)
    _build(models, squad_limit=True)
    return models


def _build(models: Sequence[WalkModel], *, squad_limit: bool) -> None:
    """Every rule of the districts' model, in the order of the rules; the rules across districts
    (no double booking, fairness, the objective) see all of them."""
    for walk_model in models:
        walk_model.add_walks()
    _add_no_double_booking(models)
    for walk_model in models:
        walk_model.add_limits(squad_limit=squad_limit)
    models[0].check_time()
    add_fairness(models)
    for walk_model in models:
        walk_model.add_preferences()
    ceilings = {rule: sum(m.costs[rule].ceiling for m in models) for rule in RULES}
    weights = Weights.tiered(ceilings)
    for walk_model in models:
        walk_model.weights = weights
    _minimize(models)


def _add_no_double_booking(models: Sequence[WalkModel]) -> None:
    """Nobody on two walks at once, whichever district's walks they are."""
    own: dict[tuple[str, date], list[cp_model.IntervalVar]] = defaultdict(list)
    elsewhere: dict[tuple[str, date], dict[str, cp_model.IntervalVar]] = defaultdict(dict)
    for walk_model in models:
        for key, intervals in walk_model.walking.items():
            own[key].extend(intervals)
        for key, fixed in walk_model.elsewhere.items():
            elsewhere[key].update(fixed)
    for (pid, day), walking in own.items():
        intervals = walking + list(elsewhere[(pid, day)].values())
        if len(intervals) > 1:
            models[0].model.add_no_overlap(intervals).with_name(f"one_walk_at_a_time[{pid},{day}]")


def _minimize(models: Sequence[WalkModel]) -> None:
    variables: list[cp_model.IntVar] = []
    coefficients: list[int] = []
    offset = 0
    for walk_model in models:
        for rule, cost in walk_model.costs.items():
            weight = walk_model.weights.of(rule)
            offset += weight * cost.constant
            for var, coefficient in cost.parts:
                variables.append(var)
                coefficients.append(weight * coefficient)
    models[0].model.minimize(cp_model.LinearExpr.weighted_sum(variables, coefficients) + offset)
