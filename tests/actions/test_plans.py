"""Planning a month from the database and from files, through the actions the app and the CLI call."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from scheduler import actions
from scheduler.actions import Conflict, Ending, InputError, Month, NotFound, SolveRequest
from scheduler.formats.plan_json import read_plan_file
from scheduler.rules.validator import validate
from scheduler.store import load_plan, plan_changes, save_plan
from tests.actions.conftest import DECEMBER, QUICK
from tests.factories import write_roster

pytestmark = pytest.mark.slow


def test_a_planned_month_is_stored_valid_and_explains_its_cost(db, district):
    stored = actions.stored_plan(db, district=district, month=DECEMBER)
    assert stored.version == 1 and stored.saved_by == "alvarez"
    problem, _ = actions.month_problem(db, district=district, month=DECEMBER)
    assert validate(replace(problem, locked=(), previous=None), stored.plan) == []
    assert stored.plan.quality is not None and stored.plan.quality.terms  # kept through the store


def test_planning_again_keeps_locked_walks_and_saves_a_new_version(db, district, tmp_path):
    first = actions.stored_plan(db, district=district, month=DECEMBER)
    edited = actions.set_locked(
        actions.month_problem(db, district=district, month=DECEMBER)[0],
        first.plan,
        walk_id=first.plan.walks[3].id,
        locked=True,
    )
    save_plan(db, district.id, edited.plan, first.version, "captain")
    out = tmp_path / "again.json"
    planned = actions.plan_month(db, district=district, month=DECEMBER, user="alvarez", out=out, solve=QUICK)
    assert planned.saved is not None and planned.saved.version == 3
    locked = next(walk for walk in edited.plan.walks if walk.locked)
    assert locked in planned.result.plan.walks
    assert read_plan_file(out) == planned.result.plan
    assert [change.version for change in plan_changes(db, district.id, DECEMBER)] == [1, 2, 3]


def test_a_colleagues_save_during_planning_is_not_overwritten(db, district, tmp_path):
    """The colleague saves while the solver is running (from its progress report): the later save
    is refused with who saved and when, nothing is written, and the colleague's plan stays."""
    theirs = {}

    def colleague_saves(progress: actions.Progress) -> None:
        if theirs:
            return
        current = actions.stored_plan(db, district=district, month=DECEMBER)
        theirs["plan"] = replace(current.plan, walks=current.plan.walks[:5])
        save_plan(db, district.id, theirs["plan"], current.version, "okafor")

    out = tmp_path / "mine.json"
    solve = SolveRequest(effort=0.6, on_progress=colleague_saves)
    with pytest.raises(Conflict, match=r"was changed by okafor at .*\(version 2, you have 1\)"):
        actions.plan_month(db, district=district, month=DECEMBER, user="alvarez", out=out, solve=solve)
    assert not out.exists()
    stored = load_plan(db, district.id, DECEMBER)
    assert (stored.plan.walks, stored.version) == (theirs["plan"].walks, 2)


def test_a_stopped_search_returns_its_best_plan_and_saves_nothing(db, district):
    solve = SolveRequest(time_limit=5.0, should_stop=lambda: True)
    planned = actions.plan_month(db, district=district, month=Month(2027, 1), user="alvarez", solve=solve)
    assert planned.result.ending is Ending.STOPPED and planned.saved is None
    assert planned.result.plan.walks  # the best plan found, for the user to look at
    assert load_plan(db, district.id, Month(2027, 1)) is None


def test_export_writes_the_stored_plan_in_each_format(db, district, tmp_path):
    stored = actions.stored_plan(db, district=district, month=DECEMBER)
    exported = actions.export_plan(db, district=district, month=DECEMBER, out=tmp_path / "p.json")
    assert exported == stored and read_plan_file(tmp_path / "p.json") == stored.plan
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert {term["rule"] for term in data["quality"]["terms"]} >= {"busiest_person", "person_left_out"}
    actions.export_plan(db, district=district, month=DECEMBER, out=tmp_path / "p.ics")
    assert (tmp_path / "p.ics").read_text(encoding="utf-8").count("BEGIN:VEVENT") == len(stored.plan.walks)


def test_a_month_never_planned_is_not_found(db, district, tmp_path):
    with pytest.raises(NotFound, match="Eastside District has no plan for 2027-01") as error:
        actions.export_plan(db, district=district, month=Month(2027, 1), out=tmp_path / "x.json")
    assert error.value.what == "plan" and error.value.key == "2027-01"
    assert not (tmp_path / "x.json").exists()


def test_settings_naming_another_district_are_refused(db, tmp_path):
    settings = tmp_path / "d.toml"
    settings.write_text('name = "Eastside District"\n', encoding="utf-8")
    with pytest.raises(
        InputError, match="names district 'Eastside District', but district 'West' was chosen"
    ):
        actions.import_settings(db, path=settings, expected_name="West")
    assert [d.name for d in actions.list_districts(db)] == ["Eastside District"]


def test_a_bad_roster_changes_nothing(db, district, tmp_path):
    before = actions.district_people(db, district=district)
    roster = write_roster(tmp_path / "roster.csv")
    lines = roster.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace(",lieutenant,", ",major,")
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"roster\.csv, row 6, field 'rank'"):
        actions.import_roster(db, district=district, path=roster)
    assert actions.district_people(db, district=district) == before


def test_a_district_is_chosen_by_name_or_as_the_only_one(db, district):
    assert actions.find_district(db, name="Eastside District") == district
    with pytest.raises(NotFound, match="has no district 'West'") as error:
        actions.find_district(db, name="West")
    assert error.value.choices == ("Eastside District",)


def test_planning_from_files_writes_the_plan_and_needs_no_database(tmp_path):
    roster = write_roster(tmp_path / "roster.csv")
    out = tmp_path / "plan.csv"
    planned = actions.plan_files(roster=roster, settings=None, month=DECEMBER, out=out, solve=QUICK)
    assert planned.saved is None
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(planned.result.plan.walks) + 1


def test_a_month_under_way_keeps_its_past_and_plans_only_from_now(db, district):
    """Re-planning on December 15 at noon: walks that started before stay exactly as they were,
    and no new walk starts before noon."""
    now = datetime(2026, 12, 15, 12, 0, tzinfo=ZoneInfo("America/New_York"))
    before = actions.stored_plan(db, district=district, month=DECEMBER).plan
    past = {walk for walk in before.walks if walk.start < now}
    planned = actions.plan_month(db, district=district, month=DECEMBER, user="alvarez", solve=QUICK, now=now)
    after = planned.result.plan
    assert past and past <= {replace(walk, locked=False) for walk in after.walks} | set(after.walks)
    new = [walk for walk in after.walks if walk not in before.walks]
    assert all(walk.start >= now for walk in new)
    problem, _ = actions.month_problem(db, district=district, month=DECEMBER, now=now)
    assert validate(replace(problem, locked=(), previous=None, not_before=None), after) == []
