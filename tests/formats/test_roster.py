from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from scheduler.domain import DateRange, Engagement, Rank, Unit, WorkPattern
from scheduler.domain.errors import InputError, InputErrors
from scheduler.domain.resources import resource_path
from scheduler.formats.roster import COLUMNS, load_roster, parse_roster, weekday_index

HEADER = "id,name,rank,unit"


def parse(*lines: str):
    return parse_roster("\n".join(lines) + "\n", "roster.csv")


def one(header: str, row: str):
    (person,) = parse(header, row)
    return person


def failure(*lines: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse(*lines)
    for line in str(info.value).split("\n"):  # one line per bad row
        assert line.startswith("roster.csv, ")
    errors = info.value.errors if isinstance(info.value, InputErrors) else (info.value,)
    assert len(str(info.value).split("\n")) == len(errors)
    return info.value


# --- reading the file ------------------------------------------------------------------------------


def test_load_roster_reads_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("\ufeffID,Name,Rank,Unit\r\n7,Ayşe Müller,Sgt,patrol\r\n".encode())
    (person,) = load_roster(path)
    assert (person.id, person.name, person.rank) == ("7", "Ayşe Müller", Rank.SERGEANT)


def test_load_roster_reads_utf8_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_text(
        "id,name,rank,unit\n8,Иванова,officer,patrol\n9,Παπαδόπουλος,Det,investigations\n", "utf-8"
    )
    people = load_roster(str(path))
    assert [person.name for person in people] == ["Иванова", "Παπαδόπουλος"]


def test_load_roster_rejects_text_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("id,name,rank,unit\n1,Müller,officer,patrol\n".encode("cp1252"))
    with pytest.raises(InputError) as info:
        load_roster(path)
    assert info.value.row == 2
    assert info.value.file == str(path)
    assert "UTF-8" in info.value.message


def test_load_roster_reports_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.csv"
    with pytest.raises(InputError) as info:
        load_roster(path)
    assert str(info.value).startswith(f"{path}: cannot read the file")


def test_columns_in_any_order_and_any_case_with_spaces() -> None:
    person = one(" UNIT , Rank,NAME ,Id ,Shift Start", "patrol,officer,Nguyễn Văn An,42,06:30")
    assert (person.id, person.name, person.rank, person.unit) == (
        "42",
        "Nguyễn Văn An",
        Rank.OFFICER,
        Unit.PATROL,
    )
    assert person.shift_start == time(6, 30)


def test_unknown_columns_are_ignored_and_file_order_is_kept() -> None:
    people = parse("id,name,badge_color,rank,unit", "2,Bo,blue,officer,patrol", "1,Al,red,officer,patrol")
    assert [person.id for person in people] == ["2", "1"]


def test_blank_lines_are_skipped_but_still_counted_as_rows() -> None:
    error = failure("", HEADER, "1,Al,officer,patrol", "", " , , , ", "2,Bo,Major,patrol")
    assert (error.row, error.field) == (6, "rank")


def test_quoted_values_keep_their_commas() -> None:
    person = one("id,name,rank,unit,workdays", '1,"Carter, Deshawn",officer,patrol,"Mon,Wed"')
    assert person.name == "Carter, Deshawn"
    assert person.pattern.weekdays == frozenset({0, 2})


def test_defaults_for_every_optional_column() -> None:
    person = one(HEADER, "1,Al,officer,patrol")
    assert person.responsible is False
    assert person.squad == ""
    assert person.shift_start == time(8, 0)
    assert person.shift_hours == 8.0
    assert person.pattern == WorkPattern(weekdays=frozenset(range(5)))
    assert person.leave == ()
    assert person.engagement is Engagement.UNKNOWN
    assert person.email == ""


def test_empty_optional_cells_take_the_defaults() -> None:
    header = "id,name,rank,unit,responsible,squad,shift_start,shift_hours,workdays,leave,engagement,email"
    assert one(header, "1,Al,officer,patrol,,,,,,,,") == one(HEADER, "1,Al,officer,patrol")


# --- values --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("officer", Rank.OFFICER),
        ("Ofc", Rank.OFFICER),
        ("off.", Rank.OFFICER),
        ("PO", Rank.OFFICER),
        ("Det.", Rank.DETECTIVE),
        ("SGT", Rank.SERGEANT),
        ("Lt.", Rank.LIEUTENANT),
        ("Lieut", Rank.LIEUTENANT),
        ("Capt", Rank.CAPTAIN),
        ("cpt.", Rank.CAPTAIN),
        ("Cmdr", Rank.COMMANDER),
        ("Cdr.", Rank.COMMANDER),
        ("Chief", Rank.CHIEF),
        ("Civ", Rank.CIVILIAN),
        ("Civilian", Rank.CIVILIAN),
    ],
)
def test_rank_names_and_abbreviations(text: str, rank: Rank) -> None:
    assert one(HEADER, f"1,Al,{text},patrol").rank is rank


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Patrol", Unit.PATROL),
        ("community_policing", Unit.COMMUNITY_POLICING),
        ("community policing", Unit.COMMUNITY_POLICING),
        ("Community-Policing", Unit.COMMUNITY_POLICING),
        ("CPU", Unit.COMMUNITY_POLICING),
        ("INVESTIGATIONS", Unit.INVESTIGATIONS),
        ("Administration", Unit.ADMINISTRATION),
    ],
)
def test_unit_spellings(text: str, unit: Unit) -> None:
    assert one(HEADER, f"1,Al,officer,{text}").unit is unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yes", True), ("Y", True), ("TRUE", True), ("1", True), ("no", False), ("n", False), ("False", False)],
)
def test_responsible_values(text: str, expected: bool) -> None:
    assert one("id,name,rank,unit,responsible", f"1,Al,officer,patrol,{text}").responsible is expected


def test_night_shift_crossing_midnight() -> None:
    person = one("id,name,rank,unit,shift_start,shift_hours", "1,Al,officer,patrol,22:00,10.5")
    assert (person.shift_start, person.shift_hours) == (time(22, 0), 10.5)


def test_shift_start_accepts_one_digit_hours() -> None:
    assert one("id,name,rank,unit,shift_start", "1,Al,officer,patrol,7:05").shift_start == time(7, 5)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Mon-Fri", {0, 1, 2, 3, 4}),
        ("Mon,Tue,Thu", {0, 1, 3}),
        ("monday, WEDNESDAY ,Friday", {0, 2, 4}),
        ("Sat-Sun", {5, 6}),
        ("Fri-Mon", {4, 5, 6, 0}),
        ("Mon-Tue,Thu-Fri", {0, 1, 3, 4}),
        ("Tues,Thurs", {1, 3}),
        ("Sun", {6}),
    ],
)
def test_fixed_weekdays(text: str, days: set[int]) -> None:
    person = one("id,name,rank,unit,workdays", f'1,Al,officer,patrol,"{text}"')
    assert person.pattern == WorkPattern(weekdays=frozenset(days))
    assert person.pattern.works_on(date(2026, 12, 6)) is (6 in days)  # a Sunday


def test_rotation_with_its_start_date() -> None:
    person = one(
        "id,name,rank,unit,workdays,rotation_start",
        "1,Al,officer,patrol,11001110011000,2026-12-01",
    )
    assert person.pattern.rotation == "11001110011000"
    assert person.pattern.rotation_start == date(2026, 12, 1)
    assert person.pattern.works_on(date(2026, 12, 1))  # first character
    assert person.pattern.works_on(date(2026, 12, 2))
    assert not person.pattern.works_on(date(2026, 12, 3))
    assert person.pattern.works_on(date(2026, 12, 7))  # seventh character
    assert not person.pattern.works_on(date(2026, 12, 14))  # last character
    assert person.pattern.works_on(date(2026, 12, 15))  # the cycle starts again
    assert person.pattern.works_on(date(2026, 11, 30)) is False  # read backwards: last character


def test_rotation_start_next_to_fixed_weekdays_is_not_kept() -> None:
    person = one("id,name,rank,unit,workdays,rotation_start", "1,Al,officer,patrol,Mon-Fri,2026-12-01")
    assert person.pattern == WorkPattern(weekdays=frozenset(range(5)))


def test_leave_ranges_and_single_dates() -> None:
    person = one(
        "id,name,rank,unit,leave",
        "1,Al,officer,patrol, 2026-12-14/2026-12-18 ; 2026-12-28;2026-12-31 / 2027-01-02 ;",
    )
    assert person.leave == (
        DateRange(date(2026, 12, 14), date(2026, 12, 18)),
        DateRange(date(2026, 12, 28), date(2026, 12, 28)),
        DateRange(date(2026, 12, 31), date(2027, 1, 2)),
    )
    assert person.on_leave(date(2026, 12, 18))
    assert not person.on_leave(date(2026, 12, 19))
    assert not person.starts_shift_on(date(2026, 12, 28))
    assert person.starts_shift_on(date(2026, 12, 29))


def test_engagement_and_email() -> None:
    people = parse(
        "id,name,rank,unit,engagement,email",
        "1,Al,officer,patrol,Natural,al@example.org",
        "2,Bo,officer,patrol,DEVELOPING,",
    )
    assert [(person.engagement, person.email) for person in people] == [
        (Engagement.NATURAL, "al@example.org"),
        (Engagement.DEVELOPING, ""),
    ]


def test_squad_is_kept_as_text() -> None:
    assert one("id,name,rank,unit,squad", "1,Al,officer,patrol, B-2 ").squad == "B-2"


def test_weekday_index() -> None:
    assert [weekday_index(text) for text in ("Mon", "sunday", " THU ", "Tues", "Mo", "Funday", "")] == [
        0,
        6,
        3,
        1,
        None,
        None,
        None,
    ]


def test_template_file_loads() -> None:
    people = load_roster(resource_path("roster_template.csv"))
    assert len(people) >= 12
    by_id = {person.id: person for person in people}
    assert len(by_id) == len(people)
    names = " ".join(person.name for person in people)
    for name in ("Nguyễn", "Ayşe", "Müller", "Иванова", "Παπαδόπουλος"):
        assert name in names
    assert any(person.pattern.rotation and person.pattern.rotation_start for person in people)
    assert any(
        person.shift_start.hour * 60 + person.shift_start.minute + person.shift_hours * 60 > 24 * 60
        for person in people
    )
    assert any(entry.first < entry.last for person in people for entry in person.leave)
    assert {person.engagement for person in people} == set(Engagement)
    assert {person.rank for person in people} >= {Rank.CAPTAIN, Rank.LIEUTENANT, Rank.SERGEANT, Rank.OFFICER}
    assert any(person.unit is Unit.COMMUNITY_POLICING for person in people)
    header = resource_path("roster_template.csv").read_text("utf-8").splitlines()[0].split(",")
    assert header == list(COLUMNS)


# --- bad input ------------------------------------------------------------------------------------

ALL = "id,name,rank,unit,responsible,shift_start,shift_hours,workdays,rotation_start,leave,engagement,email"


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (",Al,officer,patrol,,,,,,,,", "id", "id is empty"),
        ("1,,officer,patrol,,,,,,,,", "name", "name is empty"),
        (
            "1,Al,Major,patrol,,,,,,,,",
            "rank",
            "rank 'Major' is not a known rank (officer, detective, sergeant, lieutenant, captain, commander, "
            "chief, civilian, or Ofc, Det, Sgt, Lt, Capt, Cmdr)",
        ),
        ("1,Al,,patrol,,,,,,,,", "rank", "rank is empty (expected officer, detective"),
        (
            "1,Al,officer,traffic,,,,,,,,",
            "unit",
            "unit 'traffic' is not a known unit (patrol, investigations",
        ),
        ("1,Al,officer,patrol,maybe,,,,,,,", "responsible", "responsible 'maybe' is not yes or no"),
        (
            "1,Al,officer,patrol,,25:00,,,,,,",
            "shift_start",
            "shift_start '25:00' is not a time of day (expected HH:MM",
        ),
        ("1,Al,officer,patrol,,8am,,,,,,", "shift_start", "shift_start '8am' is not a time of day"),
        ("1,Al,officer,patrol,,7:60,,,,,,", "shift_start", "shift_start '7:60' is not a time of day"),
        ("1,Al,officer,patrol,,,0,,,,,", "shift_hours", "shift_hours '0' is not a shift length"),
        ("1,Al,officer,patrol,,,24.5,,,,,", "shift_hours", "expected hours above 0, at most 24"),
        ("1,Al,officer,patrol,,,eight,,,,,", "shift_hours", "shift_hours 'eight' is not a shift length"),
        ("1,Al,officer,patrol,,,-8,,,,,", "shift_hours", "shift_hours '-8' is not a shift length"),
        ("1,Al,officer,patrol,,,,Mon-Funday,,,,", "workdays", "workdays 'Mon-Funday' is not a list of days"),
        ("1,Al,officer,patrol,,,,M-F,,,,", "workdays", "workdays 'M-F' is not a list of days"),
        ("1,Al,officer,patrol,,,,0000,2026-12-01,,,", "workdays", "has no working day"),
        (
            "1,Al,officer,patrol,,,,1100,,,,",
            "rotation_start",
            "rotation_start is empty, but workdays is a 0/1",
        ),
        (
            "1,Al,officer,patrol,,,,1100,01/12/2026,,,",
            "rotation_start",
            "rotation_start '01/12/2026' is not a date",
        ),
        ("1,Al,officer,patrol,,,,,2026-02-30,,,", "rotation_start", "(expected YYYY-MM-DD)"),
        (
            "1,Al,officer,patrol,,,,,,2026-12-01/2026-12-xx,,",
            "leave",
            "leave '2026-12-01/2026-12-xx' is not a date",
        ),
        (
            "1,Al,officer,patrol,,,,,,2026-12-05/2026-12-01,,",
            "leave",
            "leave '2026-12-05/2026-12-01' ends before",
        ),
        ("1,Al,officer,patrol,,,,,,2026-12-01;soon,,", "leave", "leave 'soon' is not a date or date range"),
        (
            "1,Al,officer,patrol,,,,,,,shy,",
            "engagement",
            "engagement 'shy' is not natural, developing or empty",
        ),
        ("1,Al,officer,patrol,,,,,,,,al.example.org", "email", "email 'al.example.org' is not an email"),
        ("1,Al,officer,patrol,,,,,,,,@example.org", "email", "is not an email address"),
        ("1,Al,officer,patrol,,,,,,,,al@", "email", "is not an email address"),
        ("1,Al,officer,patrol,,,,,,,,a@b@example.org", "email", "is not an email address"),
    ],
)
def test_bad_values_name_row_and_field(row: str, field: str, message: str) -> None:
    error = failure(ALL, "9,Ok,officer,patrol,,,,,,,,", row)
    assert (error.file, error.row, error.field) == ("roster.csv", 3, field)
    assert message in error.message
    assert str(error).startswith(f"roster.csv, row 3, field '{field}': ")


def test_duplicate_id_is_reported_on_the_second_row() -> None:
    error = failure(HEADER, "1,Al,officer,patrol", "2,Bo,officer,patrol", "1,Cy,officer,patrol")
    assert (error.row, error.field) == (4, "id")
    assert error.message == "id '1' is already used on row 2 (ids must be unique)"


@pytest.mark.parametrize("missing", ["id", "name", "rank", "unit"])
def test_missing_required_column(missing: str) -> None:
    header = ",".join(column for column in ("id", "name", "rank", "unit", "squad") if column != missing)
    error = failure(header, "1,Al,officer,patrol")
    assert (error.row, error.field) == (1, missing)
    assert f"missing required column '{missing}'" in error.message


def test_column_named_twice() -> None:
    error = failure("id,name,rank,unit,Name", "1,Al,officer,patrol,Al")
    assert (error.row, error.field) == (1, "name")


def test_empty_file() -> None:
    error = failure("", "")
    assert error.row == 1
    assert "header row" in error.message


def test_unquoted_comma_that_shifts_columns() -> None:
    error = failure(HEADER, "1,Carter, Deshawn,officer,patrol")
    assert (error.row, error.field) == (2, None)
    assert "double quotes" in error.message


def test_first_bad_cell_of_each_row_is_reported() -> None:
    error = failure(HEADER, "1,Al,officer,patrol", "2,Bo,Major,traffic", "3,Cy,Colonel,patrol")
    assert isinstance(error, InputErrors)
    assert [(e.row, e.field) for e in error.errors] == [(3, "rank"), (4, "rank")]


def test_row_numbers_follow_lines_of_a_quoted_multiline_cell() -> None:
    error = failure("id,name,rank,unit,notes", '1,Al,officer,patrol,"first\nsecond"', "2,Bo,Major,patrol")
    assert error.row == 4


def test_a_name_with_a_line_break_is_refused() -> None:
    error = failure("id,name,rank,unit", '1,"Al\nSmith",officer,patrol')
    assert str(error) == (
        "roster.csv, row 2, field 'name': name contains a line break (expected one line of plain text)"
    )


def test_a_value_with_a_line_break_is_reported_on_one_line() -> None:
    error = failure("id,name,rank,unit", '1,Al,"Major\nGeneral",patrol')
    assert "\n" not in str(error)


def test_every_bad_row_is_reported_at_once():
    text = (
        "id,name,rank,unit\n1,Ana,officer,patrol\n2,Bo,major,patrol\n3,Cy,officer,navy\n1,Di,officer,patrol\n"
    )
    with pytest.raises(InputErrors) as caught:
        parse_roster(text, "r.csv")
    assert [(e.row, e.field) for e in caught.value.errors] == [(3, "rank"), (4, "unit"), (5, "id")]
    assert str(caught.value).count("\n") == 2
