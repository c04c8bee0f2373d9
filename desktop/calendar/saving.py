"""Keeping a month's plan: the save with the version check, then the validator on the plan as
stored. Both take long enough on a large plan (a save 0.1 to 0.2 s, the validator 50 ms) that the
Calendar page runs them on a worker; Build plan's job and the page's edits call this one function.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scheduler import actions
from scheduler.actions import Database, DistrictRef, Plan, PlanningProblem, StoredPlan, Violation


@dataclass(frozen=True)
class Kept:
    stored: StoredPlan  # the plan as the database now holds it, with its new version
    violations: tuple[Violation, ...]  # what the validator says about it


def keep_plan(
    db: Database,
    *,
    district: DistrictRef,
    problem: PlanningProblem,
    plan: Plan,
    version: int | None,
    user: str,
    source: Literal["solver", "manual"],
) -> Kept:
    """Save `plan` made from the stored `version` (Conflict if a colleague saved since; nothing is
    written then) and check the plan as stored against `problem`'s rules."""
    stored = actions.save_plan(db, district=district, plan=plan, version=version, user=user, source=source)
    return Kept(stored, actions.check_plan(problem, stored.plan).violations)
