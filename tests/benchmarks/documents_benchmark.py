"""Documents benchmark: time and size of the printed documents for the demo district.

    .venv/bin/python -m tests.benchmarks.documents_benchmark [--repeat N] [--write]

Builds the demo district (160 people, its boundary, profile and incidents) in a throwaway SQLite
file, plans December 2026 once (with a fixed effort, not timed), then times reading the month's
data (`month_documents`) and building each document into memory (`render` + `build_pdf`), the
median of `--repeat` runs, with the size of the PDF. The targets: the whole month packet 3 s and
2 MB, a daily briefing sheet 0.5 s. `--write` records the table in `documents_results.md`.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from reports.catalog import render
from reports.layout import build_pdf
from reports.story import ReportRequest
from scheduler import actions
from scheduler.actions import Month, MonthDocuments, SolveRequest
from tests.reports.pdf_text import pages

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
RESULTS = Path(__file__).with_name("documents_results.md")
MONTH = Month(2026, 12)
BRIEFING_DAY = date(2026, 12, 10)  # a Thursday
REQUEST = ReportRequest(generated=date(2026, 11, 28), agency="Demo Police Department")
TARGET_SECONDS, TARGET_BYTES = 3.0, 2 * 1024 * 1024
BRIEFING_SECONDS = 0.5
T = TypeVar("T")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write", action="store_true", help=f"record the table in {RESULTS.name}")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'demo.sqlite3'}"
        print("building and planning the demo district (not timed)...", file=sys.stderr)
        _demo(url)
        db = actions.open_department(url)
        try:
            district = actions.find_district(db)
            load, documents = _timed(
                args.repeat, lambda: actions.month_documents(db, district=district, month=MONTH)
            )
        finally:
            db.close()
    rows = [("read the month's data (`month_documents`)", load, None, None)]
    for label, kind, request in (
        ("implementation plan", "plan", REQUEST),
        ("training handout", "handout", REQUEST),
        ("personal schedules, everyone who walks", "schedule", REQUEST),
        ("personal schedule, one person", "schedule", replace(REQUEST, person=documents.people[2])),
        ("talking points", "talking-points", REQUEST),
        ("daily briefing sheet, one day", "briefing", replace(REQUEST, day=BRIEFING_DAY)),
        ("month packet: plan, handout, talking points, a sheet per day with walks", "packet", REQUEST),
    ):
        seconds, data = _timed(args.repeat, lambda kind=kind, request=request: _pdf(kind, documents, request))
        rows.append((label, seconds, len(data), len(pages(data))))
    table = _table(rows, documents, args.repeat)
    print(table)
    if args.write:
        RESULTS.write_text(table, encoding="utf-8")
    return 0


def _demo(url: str) -> None:
    db = actions.open_department(url)
    try:
        district = actions.import_settings(db, path=DEMO / "district.toml").district
        actions.import_roster(db, district=district, path=DEMO / "roster.csv")
        actions.import_boundary(db, district=district, path=DEMO / "boundary.geojson")
        actions.import_profile(db, district=district, path=DEMO / "profile.toml")
        now = actions.parse_moment("2026-11-28T12:00", "America/New_York")
        actions.import_incidents(db, district=district, path=DEMO / "incidents.csv", now=now)
        solve = SolveRequest(effort=2.0, time_limit=120)
        actions.plan_month(db, district=district, month=MONTH, user="benchmark", solve=solve)
    finally:
        db.close()


def _pdf(kind: str, documents: MonthDocuments, request: ReportRequest) -> bytes:
    return build_pdf(*render(kind, documents, request))


def _timed(repeat: int, work: Callable[[], T]) -> tuple[float, T]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    assert result is not None
    return statistics.median(times), result


def _table(
    rows: list[tuple[str, float, int | None, int | None]], documents: MonthDocuments, repeat: int
) -> str:
    walkers = len({pid for walk in documents.plan.walks for pid in walk.participants})
    lines = [
        "# Documents benchmark",
        "",
        f"Demo district, {MONTH}: {len(documents.people)} people, {len(documents.plan.walks)} walks, "
        f"{walkers} people walking, {len(documents.incidents)} incidents on the map. "
        f"Median of {repeat} runs; "
        f"Python {platform.python_version()}, {platform.machine()}. Targets: the month packet "
        f"{TARGET_SECONDS:g} s and {TARGET_BYTES // (1024 * 1024)} MB, a briefing sheet "
        f"{BRIEFING_SECONDS:g} s (each document reads the month's data once, timed apart).",
        "",
        "| what | seconds | size | pages |",
        "| --- | --- | --- | --- |",
    ]
    for label, seconds, size, count in rows:
        shown = f"{size / 1024:.0f} KB" if size is not None else ""
        lines.append(f"| {label} | {seconds:.2f} | {shown} | {count or ''} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
