"""Two districts that share their whole roster: each plan keeps clear of the other's walks, a
re-plan never moves the other district's walks, and `plan_all_districts` is no worse than
planning them one after the other."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from scheduler import actions
from scheduler.actions import Database, DistrictRef, IncidentRequest, Plan
from scheduler.domain.errors import InputError, NotFound
from scheduler.rules.hard_rules import overlaps
from scheduler.rules.validator import validate
from tests.actions.conftest import DECEMBER, QUICK, SETTINGS
from tests.factories import write_roster
from tests.store.conftest import sqlite_url

pytestmark = pytest.mark.slow  # each test plans a month or more

WEST = 'name = "Westside District"\ntimezone = "America/New_York"\n'


def add_district(db: Database, folder: Path, settings: str) -> DistrictRef:
    path = folder / "west.toml"
    path.write_text(settings, encoding="utf-8")
    district = actions.import_settings(db, path=path).district
    actions.import_roster(db, district=district, path=write_roster(folder / "roster.csv"))
    return district


def double_booked(first: Plan, second: Plan) -> list[tuple[str, str]]:
    return [
        (a.id, b.id)
        for a in first.walks
        for b in second.walks
        if set(a.participants) & set(b.participants) and overlaps(a.start, a.end, b.start, b.end)
    ]


def plans(db: Database) -> dict[str, Plan]:
    return {
        d.name: actions.stored_plan(db, district=d, month=DECEMBER).plan for d in actions.list_districts(db)
    }


def busiest(stored: dict[str, Plan]) -> int:
    """The most walks one person has across the department."""
    load = Counter(pid for plan in stored.values() for walk in plan.walks for pid in set(walk.participants))
    return max(load.values())


def shortfalls(stored: dict[str, Plan]) -> int:
    return sum(s.required - s.planned for plan in stored.values() for s in plan.shortfalls)


def test_a_second_district_plans_around_the_first_and_leaves_it_alone(db, district, tmp_path):
    west = add_district(db, tmp_path, WEST)
    east_before = actions.stored_plan(db, district=district, month=DECEMBER)
    planned = actions.plan_month(db, district=west, month=DECEMBER, user="okafor", solve=QUICK)
    assert planned.saved is not None
    problem, _ = actions.month_problem(db, district=west, month=DECEMBER)
    assert problem.elsewhere and validate(problem, planned.result.plan) == []
    assert double_booked(east_before.plan, planned.result.plan) == []
    assert actions.stored_plan(db, district=district, month=DECEMBER) == east_before
    # Re-planning the first district now never moves the second's walks, nor books anyone twice.
    west_saved = actions.stored_plan(db, district=west, month=DECEMBER)
    again = actions.plan_month(db, district=district, month=DECEMBER, user="alvarez", solve=QUICK)
    assert actions.stored_plan(db, district=west, month=DECEMBER) == west_saved
    assert double_booked(again.result.plan, west_saved.plan) == []


def test_all_districts_is_no_worse_than_one_after_the_other(tmp_path):
    """The same department planned by hand, district by district, and with plan_all_districts."""
    results = {}
    for how in ("by_hand", "all"):
        folder = tmp_path / how
        folder.mkdir()
        db = actions.open_department(sqlite_url(folder / "department.sqlite3"))
        try:
            add_district(db, folder, SETTINGS)
            add_district(db, folder, WEST)
            if how == "by_hand":
                for district in actions.list_districts(db):
                    actions.plan_month(db, district=district, month=DECEMBER, user="okafor", solve=QUICK)
            else:
                planned = actions.plan_all_districts(db, month=DECEMBER, user="okafor", solve=QUICK)
                assert [p.district.name for p in planned] == ["Eastside District", "Westside District"]
                assert all(p.saved is not None and p.saved.version == 1 for p in planned)
            stored = plans(db)
        finally:
            db.close()
        assert double_booked(*stored.values()) == []
        results[how] = (shortfalls(stored), busiest(stored))
    assert results["all"][0] <= results["by_hand"][0]
    assert results["all"][1] <= results["by_hand"][1]


def test_a_post_incident_walk_brings_executive_staff_and_detectives_from_the_department(
    db, district, tmp_path
):
    """Eastside has no executive staff nor detective; Westside's commander and detective come."""
    settings = tmp_path / "west.toml"
    settings.write_text(WEST, encoding="utf-8")
    west = actions.import_settings(db, path=settings).district
    roster = tmp_path / "west.csv"
    roster.write_text(
        "id,name,rank,unit,shift_start,shift_hours,workdays\n"
        "x1,Dana Whitfield,commander,administration,08:00,12,Mon-Sun\n"
        "d1,Ivan Petrov,detective,investigations,12:00,12,Mon-Sun\n",
        encoding="utf-8",
    )
    actions.import_roster(db, district=west, path=roster)
    request = IncidentRequest(id="2026-0042", kind="homicide", at=datetime(2026, 12, 16, 11, 10))
    added = actions.add_incident_walk(db, district=district, request=request, user="okafor", solve=QUICK)
    walk = added.result.walk
    assert walk is not None and {"x1", "d1"} <= set(walk.participants)
    assert "executive staff" not in added.result.unmet_groups
    stored = actions.stored_plan(db, district=district, month=DECEMBER)
    assert walk.id in {w.id for w in stored.plan.walks}
    problem, _ = actions.month_problem(db, district=district, month=DECEMBER)
    assert validate(problem, stored.plan) == []
    assert {"x1", "d1"} <= {p.id for p in actions.month_people(db, district=district)}
    assert [p.id for p in actions.district_people(db, district=district) if p.id in ("x1", "d1")] == []


def test_all_districts_again_re_plans_each_district_in_one_search(db, district, tmp_path):
    """A second run re-plans every district over its stored plan (version 2 each), still nobody
    double-booked and each plan valid for its district next to the others' stored walks."""
    add_district(db, tmp_path, WEST)
    first = actions.plan_all_districts(db, month=DECEMBER, user="okafor", solve=QUICK)
    again = actions.plan_all_districts(db, month=DECEMBER, user="alvarez", solve=QUICK)
    assert [p.saved.version if p.saved else None for p in first] == [2, 1]  # Eastside had a plan
    assert [p.saved.version if p.saved else None for p in again] == [3, 2]
    stored = plans(db)
    assert double_booked(*stored.values()) == []
    for ref in actions.list_districts(db):
        problem, _ = actions.month_problem(db, district=ref, month=DECEMBER)
        assert validate(problem, stored[ref.name]) == []


def test_a_stopped_search_saves_no_district(db, district, tmp_path):
    west = add_district(db, tmp_path, WEST)
    before = actions.stored_plan(db, district=district, month=DECEMBER)
    stopped = replace(QUICK, should_stop=lambda: True)
    planned = actions.plan_all_districts(db, month=DECEMBER, user="okafor", solve=stopped)
    assert [p.saved for p in planned] == [None, None]
    assert all(p.result.stopped and p.result.plan.walks for p in planned)
    assert actions.stored_plan(db, district=district, month=DECEMBER) == before
    with pytest.raises(NotFound):
        actions.stored_plan(db, district=west, month=DECEMBER)


def test_districts_in_two_timezones_are_not_planned_together(db, district, tmp_path):
    add_district(db, tmp_path, 'name = "Westside District"\ntimezone = "America/Chicago"\n')
    before = actions.stored_plan(db, district=district, month=DECEMBER)
    with pytest.raises(InputError, match="America/Chicago and America/New_York"):
        actions.plan_all_districts(db, month=DECEMBER, user="okafor", solve=QUICK)
    assert actions.stored_plan(db, district=district, month=DECEMBER) == before
