"""Plan CSV for spreadsheets: one row per walk in local time, safe to open (no formula injection)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime

import pytest

from scheduler.domain import Month, Plan
from scheduler.formats.plan_csv import CSV_HEADER, guard_cell, plan_to_csv
from tests.formats.plan_examples import NEW_YORK, PEOPLE, december_plan, walk


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.endswith("\r\n")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_has_one_row_per_walk_in_local_time() -> None:
    text = plan_to_csv(december_plan(), PEOPLE)
    assert text.splitlines()[0] == ",".join(CSV_HEADER)
    rows = read_csv(text)
    assert [row["id"] for row in rows] == ["w1", "w2", "w3"]
    assert rows[1] == {
        "id": "w2",
        "type": "cpu",
        "date": "2026-12-04",
        "start": "10:15",
        "end": "11:00",
        "minutes": "45",
        "coordinator_id": "1300",
        "coordinator_name": "Ayşe Demir",
        "participant_ids": "1300; 1200",
        "participant_names": "Ayşe Demir; Müller, Jo; Jr.",
        "locked": "no",
        "called_in": "",
        "partners": "",
        "meeting_point": "",
    }
    assert rows[2]["locked"] == "yes"


def test_csv_lists_who_was_called_in_and_the_partners_invited() -> None:
    plan = december_plan()
    walk = replace(plan.walks[1], called_in=("1200",), partners=("Dana Reyes", "=cmd"))
    row = read_csv(plan_to_csv(replace(plan, walks=(walk,)), PEOPLE))[0]
    assert (row["called_in"], row["partners"]) == ("1200", "Dana Reyes; =cmd")


def test_csv_shows_the_meeting_point_guarded_against_formulas() -> None:
    plan = december_plan()
    walks = (replace(plan.walks[0], meeting_point="=Corner of 5th, Main"), *plan.walks[1:])
    rows = read_csv(plan_to_csv(replace(plan, walks=walks), PEOPLE))
    assert [row["meeting_point"] for row in rows] == ["'=Corner of 5th, Main", "", ""]


def test_csv_keeps_non_latin_names() -> None:
    row = read_csv(plan_to_csv(december_plan(), PEOPLE))[0]
    assert row["coordinator_name"] == "Nguyễn Văn An"
    assert row["participant_names"] == "Nguyễn Văn An; Иванова Мария"


def test_csv_end_time_is_right_across_the_daylight_saving_change() -> None:
    early = walk("w1", datetime(2026, 3, 8, 1, 45, tzinfo=NEW_YORK), "1042", minutes=30)
    row = read_csv(plan_to_csv(Plan(Month(2026, 3), "America/New_York", (early,)), PEOPLE))[0]
    assert (row["start"], row["end"]) == ("01:45", "03:15")


def test_csv_shows_someone_off_the_roster_by_id() -> None:
    plan = Plan(
        Month(2026, 12), "America/New_York", (walk("w1", datetime(2026, 12, 3, 14, tzinfo=NEW_YORK), "9"),)
    )
    assert read_csv(plan_to_csv(plan, {}))[0]["coordinator_name"] == "9"


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil.example","click")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
)
def test_csv_guards_against_formula_injection(name: str) -> None:
    people = {"1042": replace(PEOPLE["1042"], name=name)}
    row = read_csv(plan_to_csv(december_plan(), people))[0]
    assert row["coordinator_name"] == "'" + name
    assert row["participant_names"] == f"'{name}; 1107"


def test_csv_guard_leaves_ordinary_text_alone() -> None:
    assert guard_cell("O'Brien") == "O'Brien"
    assert guard_cell("a=b") == "a=b"
    assert guard_cell("") == ""


def test_csv_guards_ids_too() -> None:
    plan = Plan(
        Month(2026, 12), "America/New_York", (walk("=1+1", datetime(2026, 12, 3, 14, tzinfo=NEW_YORK), "-5"),)
    )
    row = read_csv(plan_to_csv(plan, {}))[0]
    assert (row["id"], row["coordinator_id"], row["participant_ids"]) == ("'=1+1", "'-5", "'-5")
