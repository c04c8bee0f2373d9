"""The command line: exit status, output files, and one-line messages for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from scheduler.domain import Month, PlanningProblem
from scheduler.formats.district_settings import default_district
from scheduler.formats.plan_json import plan_from_json
from scheduler.formats.roster import load_roster
from scheduler.rules.validator import validate
from tests.factories import write_roster

TEMPLATE = Path(__file__).resolve().parents[2] / "resources" / "roster_template.csv"


@pytest.mark.slow  # plans a whole month
def test_plan_meets_every_minimum_and_exits_0(tmp_path, capsys):
    roster = write_roster(tmp_path / "roster.csv")
    out = tmp_path / "plan.json"
    assert (
        main(["plan", "--roster", str(roster), "--month", "2026-12", "--out", str(out), "--effort", "1.2"])
        == 0
    )
    plan = plan_from_json(out.read_text(encoding="utf-8"), str(out))
    problem = PlanningProblem(default_district(), load_roster(roster), Month(2026, 12))
    assert validate(problem, plan) == []
    assert "walks planned for 2026-12" in capsys.readouterr().out


@pytest.mark.slow  # plans a whole month
def test_shortfalls_exit_3_and_each_is_printed_with_its_reason(tmp_path, capsys):
    out = tmp_path / "plan.json"
    code = main(
        ["plan", "--roster", str(TEMPLATE), "--month", "2026-12", "--out", str(out), "--effort", "1.2"]
    )
    assert code == 3
    data = json.loads(out.read_text(encoding="utf-8"))
    printed = capsys.readouterr().out
    assert data["shortfalls"]
    for shortfall in data["shortfalls"]:
        assert shortfall["reason"] in printed
    assert "the district captain (Maria Alvarez) is on leave all week" in printed


@pytest.mark.slow  # plans a whole month
def test_calendar_output(tmp_path):
    roster = write_roster(tmp_path / "roster.csv")
    out = tmp_path / "plan.ics"
    assert (
        main(["plan", "--roster", str(roster), "--month", "2026-12", "--out", str(out), "--effort", "0.6"])
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") > 60
    assert "DTSTART;TZID=America/New_York:202612" in text and "ATTENDEE;" in text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--month", "2026-13"], "field '--month'"),
        (["--month", "2026-12", "--out", "plan.pdf"], "field '--out'"),
        (["--month", "2026-12", "--settings", "missing.toml"], "missing.toml"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path, capsys, monkeypatch, args, expected):
    monkeypatch.chdir(tmp_path)
    roster = write_roster(tmp_path / "roster.csv")
    full = ["plan", "--roster", str(roster), "--out", "plan.json", *args]
    assert main(full) == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "plan.json").exists()


def test_bad_roster_row_names_file_row_and_field(tmp_path, capsys):
    roster = write_roster(tmp_path / "roster.csv")
    lines = roster.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",lieutenant,", ",major,")
    roster.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "plan.json"
    assert main(["plan", "--roster", str(roster), "--month", "2026-12", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "roster.csv, row 4, field 'rank'" in err
    assert not out.exists()


def test_usage_errors_exit_2(capsys):
    assert main(["plan", "--month", "2026-12"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.slow  # plans a whole month
def test_incident_add_inserts_a_locked_walk_within_24_hours(tmp_path, capsys):
    roster = write_roster(tmp_path / "roster.csv")
    plan_file = tmp_path / "plan.json"
    main(["plan", "--roster", str(roster), "--month", "2026-12", "--out", str(plan_file), "--effort", "0.6"])
    before = plan_from_json(plan_file.read_text(encoding="utf-8"), "plan")
    code = main(
        [
            "incident",
            "add",
            "--roster",
            str(roster),
            "--plan",
            str(plan_file),
            "--type",
            "shooting",
            "--at",
            "2026-12-10T21:30",
            "--id",
            "C-1",
            "--out",
            str(plan_file),
        ]
    )
    assert code == 0
    after = plan_from_json(plan_file.read_text(encoding="utf-8"), "plan")
    (walk,) = [w for w in after.walks if w.type == "post_incident"]
    assert walk.locked and walk.id == "pi-C-1"
    assert walk.start.isoformat() == "2026-12-11T09:00:00-05:00"
    assert len(after.walks) == len(before.walks) + 1
    out = capsys.readouterr().out
    assert "nobody on the roster can come from: executive staff" in out
