"""Write the demo district: `resources/demo/roster.csv` and `resources/demo/district.toml`.

    .venv/bin/python -m tests.benchmarks.make_demo

The demo roster is the benchmark's "target-160" department (the size the app is tuned for), so the
demo shows what a real mid-size agency looks like. Its leave falls in December 2026 and January 2027,
the months the demo plans. The files are committed; rerun this only to change them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from scheduler.domain import DateRange, Month, Person, WorkPattern
from scheduler.formats.files import write_atomically
from scheduler.formats.roster import COLUMNS
from tests.benchmarks.agencies import agency, make_roster

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"
SEED = 0
MONTHS = (Month(2026, 12), Month(2027, 1))
DAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

DISTRICT_TOML = """\
# The demo district: the settings a district captain would write for the guide's example strategy.
name = "Eastside District"
timezone = "America/New_York"
week_start = "Monday"
walk_hours = "09:00-20:00"
workdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
max_walking_per_squad = 2
"""


def demo_roster() -> tuple[Person, ...]:
    """The target-160 roster with each person's leave from both demo months."""
    spec = agency("target-160")
    rosters = [
        make_roster(spec.sworn, shift_system=spec.shift_system, seed=SEED, month=m, civilians=spec.civilians)
        for m in MONTHS
    ]
    merged = []
    for people in zip(*rosters, strict=True):
        leave = tuple(entry for person in people for entry in person.leave)
        merged.append(replace(people[0], leave=leave))
    return tuple(merged)


def roster_csv(people: tuple[Person, ...]) -> str:
    """The roster in the DESIGN.md roster CSV format."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in people:
        writer.writerow(
            [
                p.id,
                p.name,
                p.rank.value,
                p.unit.value,
                "yes" if p.responsible else "no",
                p.squad,
                p.shift_start.strftime("%H:%M"),
                f"{p.shift_hours:g}",
                _workdays(p.pattern),
                p.pattern.rotation_start.isoformat() if p.pattern.rotation_start else "",
                ";".join(_leave(entry) for entry in p.leave),
                p.engagement.value,
                p.email,
            ]
        )
    return out.getvalue()


def _workdays(pattern: WorkPattern) -> str:
    """A rotation as its 0/1 string; weekdays as `Mon,Tue,...` in the order the run is worked
    (`Fri,Sat,Sun,Mon`), as a schedule would show them."""
    if pattern.rotation:
        return pattern.rotation
    days = sorted(pattern.weekdays)
    first = next((d for d in days if (d - 1) % 7 not in pattern.weekdays), days[0])
    return ",".join(
        DAY_ABBREVIATIONS[(first + i) % 7] for i in range(7) if (first + i) % 7 in pattern.weekdays
    )


def _leave(entry: DateRange) -> str:
    if entry.first == entry.last:
        return entry.first.isoformat()
    return f"{entry.first.isoformat()}/{entry.last.isoformat()}"


def main() -> None:
    people = demo_roster()
    write_atomically(DEMO / "roster.csv", roster_csv(people))
    write_atomically(DEMO / "district.toml", DISTRICT_TOML)
    print(f"wrote {len(people)} people to {DEMO / 'roster.csv'} and {DEMO / 'district.toml'}")


if __name__ == "__main__":
    main()
