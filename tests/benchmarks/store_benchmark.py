"""Storage benchmark: the issue's three targets, on SQLite and on a local PostgreSQL server.

    .venv/bin/python -m tests.benchmarks.store_benchmark [--repeat N] [--backends sqlite,postgresql]

- import a 1,000-person roster (target 2 s): the first import, and a re-import with 5% changed;
- open a district with 12 months of plans and walk logs (target 1 s): open the database, read the
  district, its active people, and every month's plan and logs, as the app does at start;
- save a month's plan (target 0.2 s): the first save of a month, and a save of an edited plan.

PostgreSQL is a throwaway cluster (as in the tests) with fsync on, so saves pay for durability as
they would on a department's server. Each figure is the median of `--repeat` runs (fresh database
each run); the Markdown table goes to stdout. Record the figures in `store_results.md`.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import sqlalchemy

from scheduler.domain import District, Month, Person, Plan, PlanningProblem
from scheduler.planning.firstfit import first_fit
from scheduler.rules.walk_types import default_walk_types
from scheduler.store import (
    active_people,
    find_district,
    get_district,
    import_roster,
    load_plan,
    open_database,
    save_plan,
    save_settings,
)
from scheduler.store.logs import WalkLog, add_walk_logs, walk_logs
from tests.benchmarks.agencies import make_roster
from tests.store.pgserver import PostgresServer, unavailable_reason

DISTRICT = District(name="Benchmark District", timezone="America/New_York", walk_types=default_walk_types())
MONTHS = [Month(2026, month) for month in range(1, 13)]
TARGETS = {"import": 2.0, "open": 1.0, "save": 0.2}
WALKS_PER_MONTH = 100  # the target's "about 100 walks"; first-fit plans the guide's ~80


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args(argv)
    print("preparing a 1,000-person roster and 12 months of plans...", file=sys.stderr)
    roster = make_roster(800, shift_system="10h", seed=0, month=Month(2026, 12))
    plans = [
        _padded(first_fit(PlanningProblem(DISTRICT, roster, month)), WALKS_PER_MONTH) for month in MONTHS
    ]
    columns: dict[str, dict[str, float]] = {}
    for backend in args.backends.split(","):
        with _database_urls(backend) as urls:
            if urls is None:
                print(f"skipping PostgreSQL: {unavailable_reason()}", file=sys.stderr)
                continue
            print(f"measuring {backend}...", file=sys.stderr)
            runs = [measure(next(urls), roster, plans) for _ in range(args.repeat)]
            columns[backend] = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    print(_table(columns, len(roster), plans, args.repeat))
    return 0


@contextmanager
def _database_urls(backend: str) -> Iterator[Iterator[str] | None]:
    """Fresh, empty databases of `backend`, one per run."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield (f"sqlite:///{Path(folder) / f'run{n}.sqlite3'}" for n in range(1000))
        return
    if unavailable_reason() is not None:
        yield None
        return
    with PostgresServer(durable=True) as server:
        yield (server.url(server.create_database()) for _ in range(1000))


def measure(url: str, roster: tuple[Person, ...], plans: list[Plan]) -> dict[str, float]:
    figures: dict[str, float] = {}
    db = open_database(url)
    try:
        district = save_settings(db, DISTRICT).district.id
        figures["import"] = _seconds(lambda: import_roster(db, district, roster, "roster.csv"))
        changed = tuple(replace(p, name=p.name + " Jr.") if i % 20 == 0 else p for i, p in enumerate(roster))
        figures["reimport"] = _seconds(lambda: import_roster(db, district, changed, "roster.csv"))
        first_saves = []
        for plan in plans:
            first_saves.append(_seconds(lambda plan=plan: save_plan(db, district, plan, None, "bench")))
            add_walk_logs(db, district, _logs(plan), "cad.csv")
        figures["save"] = statistics.median(first_saves)
        figures["save_max"] = max(first_saves)
        edits = [
            _seconds(lambda plan=plan: save_plan(db, district, _edited(plan), 1, "bench")) for plan in plans
        ]
        figures["resave"] = statistics.median(edits)
    finally:
        db.close()
    figures["open"] = _seconds(lambda: _open_district(url))
    return figures


def _open_district(url: str) -> None:
    """What the app loads when it opens a district: settings, people, a year of plans and logs."""
    db = open_database(url)
    try:
        district = find_district(db, None).id
        assert get_district(db, district).name == DISTRICT.name
        people = active_people(db, district)
        assert len(people) == 1000
        for month in MONTHS:
            stored = load_plan(db, district, month)
            assert stored is not None and stored.plan.walks
            assert walk_logs(db, district, month)
    finally:
        db.close()


def _logs(plan: Plan) -> list[WalkLog]:
    """One CAD log per planned walk, as if every walk was done and logged."""
    return [
        WalkLog(
            number=f"{plan.month}-{walk.id}",
            call_type="community walk",
            start=walk.start + timedelta(minutes=3),
            minutes=walk.minutes,
            officers=walk.participants,
            planned_walk=walk.id,
            residents_contacted=8,
            notes="Talked with residents at the corner store.",
        )
        for walk in plan.walks
    ]


def _padded(plan: Plan, size: int) -> Plan:
    """The plan with copies of its walks two hours later added until it has `size` walks."""
    extra = [
        replace(walk, id=f"{walk.id}b", start=walk.start + timedelta(hours=2))
        for walk in plan.walks[: max(0, size - len(plan.walks))]
    ]
    return replace(plan, walks=(*plan.walks, *extra))


def _edited(plan: Plan) -> Plan:
    """A captain's edit: a tenth of the walks moved by an hour, one walk dropped."""
    walks = [
        replace(w, start=w.start + timedelta(hours=1)) if i % 10 == 0 else w for i, w in enumerate(plan.walks)
    ]
    return replace(plan, walks=tuple(walks[:-1]))


def _seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _table(columns: dict[str, dict[str, float]], people: int, plans: list[Plan], repeat: int) -> str:
    walks = sum(len(plan.walks) for plan in plans)
    rows = [
        ("import", f"import a {people:,}-person roster (all new)", TARGETS["import"]),
        ("reimport", "re-import it with 5% changed", TARGETS["import"]),
        ("open", f"open the district: 12 months, {walks:,} walks and as many logs", TARGETS["open"]),
        ("save", f"save a month's plan, first save (median of 12, {walks // 12} walks)", TARGETS["save"]),
        ("save_max", "  the slowest of the 12", TARGETS["save"]),
        ("resave", "save an edited plan (10% of walks moved, 1 removed)", TARGETS["save"]),
    ]
    backends = list(columns)
    lines = [
        f"Python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, "
        f"{platform.system()} {platform.machine()}; median of {repeat} runs, seconds.",
        "",
        "| measure | target | " + " | ".join(backends) + " |",
        "|---|---|" + "---|" * len(backends),
    ]
    for key, label, target in rows:
        cells = [f"{columns[backend][key]:.3f}" for backend in backends]
        lines.append(f"| {label} | ≤ {target:g} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
