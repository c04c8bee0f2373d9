"""Department benchmark: a 925-person department of 4 districts, `plan --all-districts` against the
four districts planned separately.

    .venv/bin/python -m tests.benchmarks.department_benchmark [--seconds S] [--month YYYY-MM]

Each district is a generated agency of 185 sworn and 46 civilians (`agencies.make_roster`, one
seed each, the last with 47 civilians: 925 people). Patrol and the community policing unit serve
their own district; everyone else (command staff, investigations, specialized units, support,
administration) serves the whole department and is linked to all four districts, as a
department-wide roster with a `districts` column links them.

- separately: each district planned on its own, as before issue 15 (`make_plan` on the
  district's problem, no other district's walks): the time, and how many walks of one district
  overlap a walk of another with the same person in it;
- all districts: `plan_all_districts` on an SQLite database holding the department: one search
  for the four districts' months, then each district's plan saved.

Each district's solve gets `--seconds`; the all-districts run gets four times that for its one
search of the four (and the database work around it).
Shortfalls are walks missing from the minimums; busiest is the most walks one person has across
the department (busiest_shared: of the people all districts share; shared_walking: how many of
them walk at all). Record the table in `department_results.md`.
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from scheduler.actions import SolveRequest, plan_all_districts
from scheduler.domain import District, Month, Person, Plan, PlanningProblem, Unit
from scheduler.planning.planner import make_plan
from scheduler.rules.hard_rules import overlaps
from scheduler.rules.walk_types import default_walk_types
from scheduler.store import import_roster, list_districts, load_plan, open_database, save_settings
from tests.benchmarks.agencies import make_roster

DISTRICTS = ("Central", "East", "North", "West")
OWN_UNITS = frozenset({Unit.PATROL, Unit.COMMUNITY_POLICING})


def department(month: Month) -> tuple[tuple[Person, ...], dict[str, tuple[str, ...]]]:
    """The department's people and the districts each serves, by id."""
    people: list[Person] = []
    districts: dict[str, tuple[str, ...]] = {}
    for index, name in enumerate(DISTRICTS):
        civilians = 47 if index == len(DISTRICTS) - 1 else 46
        roster = make_roster(185, shift_system="12h", seed=index, month=month, civilians=civilians)
        for person in roster:
            person = replace(person, id=f"{index + 1}{person.id}")  # ids unique across the department
            people.append(person)
            districts[person.id] = (name,) if person.unit in OWN_UNITS else DISTRICTS
    return tuple(people), districts


def district_problems(people: tuple[Person, ...], districts: Mapping[str, tuple[str, ...]], month: Month):
    for name in DISTRICTS:
        district = District(name=name, timezone="America/New_York", walk_types=default_walk_types())
        members = tuple(p for p in people if name in districts[p.id])
        yield PlanningProblem(district=district, people=members, month=month)


def double_booked(plans: Iterable[Plan]) -> int:
    """Walks that overlap a walk of another district with the same person in it."""
    walks = [(index, walk) for index, plan in enumerate(plans) for walk in plan.walks]
    clashing = set()
    for index, walk in walks:
        for other_index, other in walks:
            if (
                other_index != index
                and overlaps(walk.start, walk.end, other.start, other.end)
                and set(walk.participants) & set(other.participants)
            ):
                clashing.add((index, walk.id))
    return len(clashing)


def figures(plans: list[Plan], seconds: float, shared: frozenset[str]) -> dict[str, float]:
    load = Counter(pid for plan in plans for walk in plan.walks for pid in set(walk.participants))
    return {
        "seconds": seconds,
        "walks": sum(len(plan.walks) for plan in plans),
        "shortfalls": sum(s.required - s.planned for plan in plans for s in plan.shortfalls),
        "busiest": max(load.values()),
        "busiest_shared": max(n for pid, n in load.items() if pid in shared),
        "shared_walking": sum(1 for pid in load if pid in shared),
        "double_booked": double_booked(plans),
    }


def separately(people, districts, month: Month, seconds: float) -> dict[str, float]:
    start = time.perf_counter()
    plans = [
        make_plan(problem, time_limit=seconds).plan for problem in district_problems(people, districts, month)
    ]
    return figures(plans, time.perf_counter() - start, shared_people(districts))


def shared_people(districts: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    return frozenset(pid for pid, names in districts.items() if len(names) > 1)


def all_districts(people, districts, month: Month, seconds: float, folder: Path) -> dict[str, float]:
    db = open_database(f"sqlite:///{folder / 'department.sqlite3'}")
    try:
        for name in DISTRICTS:
            save_settings(
                db, District(name=name, timezone="America/New_York", walk_types=default_walk_types())
            )
        import_roster(db, None, people, "department.csv", districts=districts)
        start = time.perf_counter()
        planned = plan_all_districts(
            db, month=month, user="bench", solve=SolveRequest(time_limit=seconds * len(DISTRICTS))
        )
        elapsed = time.perf_counter() - start
        result = planned[0].result  # one search: every district's ends alike
        print(f"all districts: {result.ending}, first plan at {result.first_plan_seconds} s", file=sys.stderr)
        plans = []
        for district in list_districts(db):
            stored = load_plan(db, district.id, month)
            assert stored is not None
            plans.append(stored.plan)
    finally:
        db.close()
    return figures(plans, elapsed, shared_people(districts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit of each district's solve")
    parser.add_argument("--month", default="2027-01")
    args = parser.parse_args(argv)
    month = Month.parse(args.month)
    people, districts = department(month)
    shared = sum(1 for names in districts.values() if len(names) > 1)
    sizes = [sum(1 for names in districts.values() if name in names) for name in DISTRICTS]
    print(f"{len(people)} people, {shared} shared by all districts; rosters of {sizes}", file=sys.stderr)
    print("planning the districts separately...", file=sys.stderr)
    apart = separately(people, districts, month, args.seconds)
    print("planning all districts...", file=sys.stderr)
    with tempfile.TemporaryDirectory() as folder:
        together = all_districts(people, districts, month, args.seconds, Path(folder))
    machine = f"{platform.platform()}, Python {platform.python_version()}"
    print(f"{machine}, month {month}, {args.seconds:g} s a district")
    print(f"{len(people)} people, {shared} shared by all 4 districts; district rosters of {sizes}\n")
    print("| figure | separately | all districts |")
    print("| --- | --- | --- |")
    for key in apart:
        print(f"| {key} | {apart[key]:g} | {together[key]:g} |")
    print(
        f"\nall districts / separately: {together['seconds'] / apart['seconds']:.2f}x the time (target: 2x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
