"""Planner benchmark on synthetic rosters of the guide's agencies and the two target sizes.

    .venv/bin/python -m tests.benchmarks.run_benchmark [--agencies NAME,...] [--time-limit S]
        [--month 2026-12] [--seed N] [--kept-limits 2,5] [--write]

Each agency runs in a fresh subprocess, so the peak memory reported is that agency's own and one
agency's caches cannot speed up the next. For each it times the first-fit baseline, the CP-SAT
planner (time to its first valid plan and to its final one, and the final gap), and re-planning
after a shooting; it compares the two plans' quality and validates them. A second table checks
that the time limit is kept: the two target sizes planned with short limits (`--kept-limits`),
each in its own subprocess, with the wall-clock time of the `make_plan` call and of the whole
process. The tables go to stdout, and to `tests/benchmarks/results.md` with `--write`, which keeps
the notes written by hand from the file's "## Notes" heading on.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import asdict, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from scheduler.domain import Month, PlanningProblem
from scheduler.formats.files import write_atomically
from tests.benchmarks.agencies import AGENCIES, AgencySpec, agency, make_problem

if TYPE_CHECKING:
    from scheduler.domain.incidents import Incident

RESULTS = Path(__file__).with_name("results.md")
NOTES = "## Notes"  # the results file from this heading on is written by hand, and kept
REPO = Path(__file__).resolve().parents[2]
RESULT_PREFIX = "RESULT "
KEPT_AGENCIES = ("target-160", "target-900")  # planned with short limits, to check they are kept
STARTED = time.perf_counter()  # when this process began (near enough: before the solver loads)
# Quality figures where a larger number is the better plan; for the others, smaller is better.
HIGHER_IS_BETTER = {"distinct_people", "developing_paired"}
COMPARED = {
    "shortfall_walks": "shortfalls",
    "distinct_people": "people",
    "developing_paired": "pairing",
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        month = Month.parse(args.month)
        specs = [agency(name.strip()) for name in args.agencies.split(",")] if args.agencies else AGENCIES
    except (KeyError, ValueError) as error:
        print(f"run_benchmark: {error.args[0]}", file=sys.stderr)
        return 2
    if args.child:
        measured = measure_kept(specs[0], month, args.time_limit, args.seed) if args.kept else None
        result = measured or measure(specs[0], month, args.time_limit, args.seed)
        print(RESULT_PREFIX + json.dumps(result), flush=True)
        return 0
    rows = []
    for spec in specs:
        print(f"{spec.name}: {spec.sworn + spec.civilians} people ...", file=sys.stderr, flush=True)
        rows.append(run_in_subprocess(spec, month, args.time_limit, args.seed))
    kept_rows = []
    limits = [float(limit) for limit in args.kept_limits.split(",") if limit.strip()]
    for spec in (agency(name) for name in KEPT_AGENCIES) if limits else ():
        for limit in limits:
            print(f"{spec.name}: time limit {limit:g} s ...", file=sys.stderr, flush=True)
            kept_rows.append(run_in_subprocess(spec, month, limit, args.seed, kept=True))
    report = render(rows, month, args.time_limit, args.seed) + render_kept(kept_rows)
    print(report)
    if args.write:
        write_atomically(RESULTS, report + kept_notes(RESULTS))
        print(f"written to {RESULTS.relative_to(REPO)}", file=sys.stderr)
    ok = all("error" not in row and not any(row["violations"].values()) for row in rows)
    ok = ok and all("error" not in row and row["violations"] == 0 for row in kept_rows)
    return 0 if ok else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", default="", help="comma-separated names (default: all)")
    parser.add_argument("--time-limit", type=float, default=20.0, help="CP-SAT seconds (default 20)")
    parser.add_argument("--month", default="2026-12", help="YYYY-MM (default 2026-12)")
    parser.add_argument("--seed", type=int, default=0, help="roster seed (default 0)")
    parser.add_argument(
        "--kept-limits",
        default="2,5",
        help="time limits (s) the target sizes are also planned with, to check the limit is kept "
        "(default 2,5; empty: skip)",
    )
    parser.add_argument("--write", action="store_true", help="also write tests/benchmarks/results.md")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--kept", action="store_true", help=argparse.SUPPRESS)
    return parser


# --- in the child process -----------------------------------------------------------------------


def measure(spec: AgencySpec, month: Month, time_limit: float, seed: int) -> dict[str, Any]:
    """Everything the table shows for one agency, as JSON-ready values."""
    # Imported here, not at the top, so the parent process never loads the solver.
    from scheduler.planning.firstfit import first_fit
    from scheduler.planning.groups import busiest_in_groups, interchangeable_groups
    from scheduler.planning.metrics import plan_metrics
    from scheduler.planning.planner import Progress, make_plan
    from scheduler.planning.post_incident import add_post_incident
    from scheduler.rules.validator import validate

    problem = make_problem(spec, month, seed)
    started = time.perf_counter()
    baseline = first_fit(problem)
    first_fit_seconds = time.perf_counter() - started

    progress: list[float] = []

    def on_progress(update: Progress) -> None:
        progress.append(update.seconds)

    started = time.perf_counter()
    result = make_plan(problem, time_limit=time_limit, seed=0, on_progress=on_progress)
    final_seconds = time.perf_counter() - started

    incident = bench_incident(problem)
    started = time.perf_counter()
    after = add_post_incident(problem, result.plan, incident, time_limit=min(10.0, time_limit), seed=0)
    incident_seconds = time.perf_counter() - started
    locked = (after.walk,) if after.walk is not None else ()

    people = problem.people_by_id
    groups = interchangeable_groups(problem)
    busiest_ff, busiest_cp = busiest_in_groups(baseline, groups), busiest_in_groups(result.plan, groups)
    return {
        "agency": spec.name,
        "shift_system": spec.shift_system,
        "people": len(problem.people),
        "first_fit_seconds": first_fit_seconds,
        "first_plan_seconds": progress[0] if progress else result.first_plan_seconds,
        "final_seconds": final_seconds,
        "optimal": result.optimal,
        "ending": str(result.ending),
        "priced": result.plan.quality is not None,
        "gap": result.gap,
        "peak_rss_mb": peak_rss_mb(),
        "incident_seconds": incident_seconds,
        "incident_walk": after.walk is not None,
        "incident_unmet_groups": len(after.unmet_groups),
        "incident_changed_walks": after.changed_walks,
        "first_fit": asdict(plan_metrics(baseline, people)),
        "cp_sat": asdict(plan_metrics(result.plan, people)),
        "busiest_by_group": {label: [busiest_ff[label], busiest_cp[label]] for label in busiest_ff},
        "violations": {
            "first_fit": len(validate(problem, baseline)),
            "cp_sat": len(validate(problem, result.plan)),
            "incident": len(validate(replace(problem, locked=locked), after.plan)),
        },
    }


def measure_kept(spec: AgencySpec, month: Month, time_limit: float, seed: int) -> dict[str, Any]:
    """One `make_plan` call with a short limit: how long it took against the limit, and the whole
    process's time since start-up (imports, roster, planning), as a command would take."""
    from scheduler.planning.planner import make_plan
    from scheduler.rules.validator import validate

    problem = make_problem(spec, month, seed)
    started = time.perf_counter()
    result = make_plan(problem, time_limit=time_limit, seed=0)
    seconds = time.perf_counter() - started
    return {
        "agency": spec.name,
        "people": len(problem.people),
        "time_limit": time_limit,
        "seconds": seconds,
        "process_seconds": time.perf_counter() - STARTED,
        "ending": str(result.ending),
        "priced": result.plan.quality is not None,
        "gap": result.gap,
        "first_plan_seconds": result.first_plan_seconds,
        "walks": len(result.plan.walks),
        "shortfalls": sum(s.required - s.planned for s in result.plan.shortfalls),
        "peak_rss_mb": peak_rss_mb(),
        "violations": len(validate(problem, result.plan)),
    }


def bench_incident(problem: PlanningProblem) -> Incident:
    """A shooting late on the month's first Monday from the 14th on: the walk must come the next day."""
    from scheduler.domain.incidents import Incident

    day = date(problem.month.year, problem.month.month, 14)
    day += timedelta(days=-day.weekday() % 7)
    occurred = datetime(day.year, day.month, day.day, 23, 15, tzinfo=ZoneInfo(problem.district.timezone))
    return Incident(id="bench-1", kind="shooting", occurred_at=occurred, address="1200 Main St")


def peak_rss_mb() -> float | None:
    """This process's peak resident memory; None where `resource` does not exist (Windows)."""
    try:
        import resource
    except ImportError:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes vs. kilobytes


# --- in the parent process ----------------------------------------------------------------------


def run_in_subprocess(
    spec: AgencySpec, month: Month, time_limit: float, seed: int, *, kept: bool = False
) -> dict[str, Any]:
    command = [sys.executable, "-m", "tests.benchmarks.run_benchmark", "--child"]
    command += ["--kept"] if kept else []
    command += ["--agencies", spec.name, "--month", str(month)]
    command += ["--time-limit", str(time_limit), "--seed", str(seed)]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    try:
        done = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, timeout=4 * time_limit + 900
        )
    except subprocess.TimeoutExpired:
        return {"agency": spec.name, "people": spec.sworn + spec.civilians, "error": "timed out"}
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            return json.loads(line.removeprefix(RESULT_PREFIX))
    last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
    return {"agency": spec.name, "people": spec.sworn + spec.civilians, "error": last}


def render(rows: list[dict[str, Any]], month: Month, time_limit: float, seed: int) -> str:
    try:
        from importlib.metadata import version

        ortools = version("ortools")
    except Exception:
        ortools = "?"
    lines = [
        "# Planner benchmark",
        "",
        f"Month {month}, time limit {time_limit:g} s (wall clock, the whole `make_plan` call), roster seed "
        f"{seed}, solver seed 0. "
        f"Python {platform.python_version()}, OR-Tools {ortools}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; run {datetime.now():%Y-%m-%d %H:%M}.",
        "",
        "| agency | shifts | people | first-fit s | first plan s | final s | ending | peak MB | incident s "
        "| walks FF / CP | shortfall FF / CP | busiest of a group FF / CP | people FF / CP | paired FF "
        "| paired CP "
        "| violations FF / CP / inc | notes |",
        "|" + "---|" * 17,
    ]
    lines += [_row(row) for row in rows]
    lines += [
        "",
        "FF = first-fit baseline, CP = CP-SAT plan. *first plan s*: time to the first valid plan (first "
        "progress report); *final s*: the whole `make_plan` call; *ending*: what ended the search "
        "(optimal, or the time limit with the gap |objective - bound| / max(1, |objective|)); "
        "*peak MB*: the agency's subprocess peak RSS; "
        "*incident s*: `add_post_incident` (placing the walk and re-planning), with the walks it changed. "
        "*shortfall*: walks missing from minimums; *busiest of a group*: most walks one member of a group "
        "of interchangeable people has in the group's roles, the highest over the groups (the notes name "
        "any group where CP-SAT's busiest walks more than first-fit's); *people*: "
        "distinct walkers; *paired*: walks of a developing person that include a natural one / all "
        "walks of developing people. Violations are the validator's, and must be 0.",
        "",
    ]
    return "\n".join(lines)


def _row(row: dict[str, Any]) -> str:
    if "error" in row:
        cells = [row["agency"], "", str(row["people"])] + [""] * 13 + [f"error: {row['error']}"]
        return "| " + " | ".join(cells) + " |"
    ff, cp = row["first_fit"], row["cp_sat"]
    notes = []
    worse = [label for key, label in COMPARED.items() if _worse(key, ff[key], cp[key])]
    groups = row.get("busiest_by_group", {})
    worse += [f"busiest {label}" for label, (first, ours) in groups.items() if ours > first]
    if worse:
        notes.append("**CP-SAT worse on " + ", ".join(worse) + "**")
    if any(row["violations"].values()):
        notes.append("**INVALID**")
    if not row["incident_walk"]:
        notes.append("no post-incident walk possible")
    elif row["incident_unmet_groups"]:
        notes.append(f"incident: {row['incident_unmet_groups']} groups unmet")
    first_plan = row["first_plan_seconds"]
    cells = [
        row["agency"],
        row["shift_system"],
        str(row["people"]),
        f"{row['first_fit_seconds']:.2f}",
        "-" if first_plan is None else f"{first_plan:.1f}",
        f"{row['final_seconds']:.1f}",
        _ending(row),
        "-" if row["peak_rss_mb"] is None else f"{row['peak_rss_mb']:.0f}",
        f"{row['incident_seconds']:.1f} ({row['incident_changed_walks']} changed)",
        f"{ff['walks']} / {cp['walks']}",
        f"{ff['shortfall_walks']} / {cp['shortfall_walks']}",
        _busiest(groups),
        f"{ff['distinct_people']} / {cp['distinct_people']}",
        f"{ff['developing_paired']}/{ff['developing_total']}",
        f"{cp['developing_paired']}/{cp['developing_total']}",
        " / ".join(str(row["violations"][k]) for k in ("first_fit", "cp_sat", "incident")),
        "; ".join(notes),
    ]
    return "| " + " | ".join(cells) + " |"


def _busiest(groups: dict[str, list[int]]) -> str:
    if not groups:
        return "-"
    return f"{max(ff for ff, _ in groups.values())} / {max(cp for _, cp in groups.values())}"


def _ending(row: dict[str, Any]) -> str:
    ending = row.get("ending", "optimal" if row["optimal"] else "time_limit")
    if ending == "optimal":
        return "optimal"
    if not row.get("priced", True):
        return f"{ending}, first-fit plan (no time to build the model)"
    gap = "inf" if row["gap"] is None or row["gap"] == float("inf") else f"{100 * row['gap']:.1f}%"
    return f"{ending}, gap {gap}"


def kept_notes(results: Path) -> str:
    """What the results file holds from NOTES on (measurements made by hand, what was tried and
    rejected): a new run rewrites the tables above it, not the notes."""
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    at = text.find(NOTES)
    return "" if at < 0 else "\n" + text[at:]


def render_kept(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    lines = [
        "",
        "## The time limit is kept",
        "",
        "| agency | people | time limit s | make_plan s | process s | ending | first plan s | peak MB "
        "| walks | shortfall | violations |",
        "|" + "---|" * 11,
    ]
    for row in rows:
        if "error" in row:
            lines.append(f"| {row['agency']} | {row['people']} | | | | error: {row['error']} | | | | | |")
            continue
        first = row["first_plan_seconds"]
        cells = [
            row["agency"],
            str(row["people"]),
            f"{row['time_limit']:g}",
            f"{row['seconds']:.2f}",
            f"{row['process_seconds']:.2f}",
            _ending(row | {"optimal": row["ending"] == "optimal"}),
            "-" if first is None else f"{first:.1f}",
            "-" if row["peak_rss_mb"] is None else f"{row['peak_rss_mb']:.0f}",
            str(row["walks"]),
            str(row["shortfalls"]),
            str(row["violations"]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "*make_plan s*: wall-clock time of the call, which must stay within the limit and half a "
        "second; *process s*: the subprocess from start-up (imports, building the roster) to the "
        "plan; *ending*: what ended the search (a first-fit plan when the limit leaves no time to "
        "build the model); *first plan s*: when CP-SAT reported its first plan, if it did.",
        "",
    ]
    return "\n".join(lines)


def _worse(key: str, first_fit: int, cp_sat: int) -> bool:
    return cp_sat < first_fit if key in HIGHER_IS_BETTER else cp_sat > first_fit


if __name__ == "__main__":
    sys.exit(main())
