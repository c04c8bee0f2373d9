"""Planning every district of the department for one month, in one search.

The districts' months are one model (`planning.department`): a person several districts share is
never on two walks at once and their walks in every district count in their load, so the shared
people are balanced across the department rather than taken by whichever district is planned
first. Each district's plan is then saved with its own version check, as `plan_month` saves one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from scheduler.actions.plans import (
    MonthPlanned,
    SolveRequest,
    check_size,
    keep_proposal,
    month_problem,
    ready_proposal,
)
from scheduler.domain import Month
from scheduler.domain.errors import InputError
from scheduler.planning.department import make_department_plan
from scheduler.store import Database, find_district, list_districts


def plan_all_districts(
    db: Database,
    *,
    month: Month,
    user: str,
    solve: SolveRequest | None = None,
    now: datetime | None = None,
) -> tuple[MonthPlanned, ...]:
    """Plan (or re-plan) the month of every district in one search, and save each district's plan,
    in the order of their names. The time limit and the effort are the whole action's. A stopped
    search saves nothing: every district's plan comes back unsaved. NotFound if the database holds
    no district; InputError if its districts do not share one timezone."""
    districts = list_districts(db)
    if not districts:
        find_district(db, None)  # NotFound: the database holds no district yet
    solve = solve or SolveRequest()
    problems, stored = [], []
    for district in districts:
        problem, found = month_problem(db, district=district, month=month, now=now)
        check_size(problem.people, district.name)
        # Every district is in the search, which sees their walks itself: none is elsewhere.
        problems.append(replace(problem, elsewhere=()))
        stored.append(found)
    timezones = sorted({problem.district.timezone for problem in problems})
    if len(timezones) > 1:
        message = f"the districts are in {' and '.join(timezones)}: planning them together needs one timezone"
        raise InputError("database", message, field="timezone")
    results = make_department_plan(
        problems,
        time_limit=solve.time_limit,
        effort=solve.effort,
        seed=solve.seed,
        on_progress=solve.on_progress,
        should_stop=solve.should_stop,
    )
    return tuple(
        keep_proposal(
            db,
            district=district,
            proposal=ready_proposal(db, district=district, stored=found, result=result),
            user=user,
            now=now,
        )
        for district, found, result in zip(districts, stored, results, strict=True)
    )
