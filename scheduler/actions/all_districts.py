"""Planning every district of the department for one month.

The districts are planned one after the other, each saved before the next is planned, so each
plan sees the walks of every district saved before it (and the stored walks of those still to
come) as busy time for the people they share: nobody is double-booked, and every save keeps its
version check. It is the sequential scheme, not one combined solve: a district planned first
cannot yet leave a shared person to a later district, so its share of the shared people can be
larger than one combined model would give it (a second run balances them further, each district
then seeing the others' walks). It is never worse than planning the districts by hand one after
the other: it is exactly that, in the order of their names.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from scheduler.actions.plans import MonthPlanned, SolveRequest, plan_month
from scheduler.domain import Month
from scheduler.store import Database, find_district, list_districts


def plan_all_districts(
    db: Database,
    *,
    month: Month,
    user: str,
    solve: SolveRequest | None = None,
    now: datetime | None = None,
) -> tuple[MonthPlanned, ...]:
    """Plan (or re-plan) the month of every district, in the order of their names, and save each.

    The time limit is the whole action's, shared evenly among the districts; `effort` is each
    district's. A stopped search ends the run: the districts planned so far stay saved, and the
    stopped one comes back unsaved, last. NotFound if the database holds no district."""
    districts = list_districts(db)
    if not districts:
        find_district(db, None)  # NotFound: the database holds no district yet
    solve = solve or SolveRequest()
    share = replace(solve, time_limit=solve.time_limit / max(1, len(districts)))
    planned: list[MonthPlanned] = []
    for district in districts:
        result = plan_month(db, district=district, month=month, user=user, solve=share, now=now)
        planned.append(result)
        if result.result.stopped:
            break
    return tuple(planned)
