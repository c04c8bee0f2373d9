from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from scheduler.domain import District, Per, Rank
from scheduler.domain.errors import InputError
from scheduler.formats.district_settings import default_district, load_settings, parse_settings, read_settings
from scheduler.rules.walk_types import default_walk_types


def parse(text: str) -> District:
    return parse_settings(text, "district.toml")


def failure(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse(text)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("district.toml")
    return info.value


def test_default_district() -> None:
    district = default_district()
    assert district.name == "District"
    assert district.timezone == "America/New_York"
    assert district.week_start == 0
    assert (district.walk_start, district.walk_end) == (time(9, 0), time(20, 0))
    assert district.workdays == frozenset(range(5))
    assert district.max_walking_per_squad == 2
    assert district.walk_call_type == "community walk"
    assert district.walk_types == default_walk_types()
    assert [walk_type.key for walk_type in district.walk_types] == [
        "officer",
        "squad",
        "shift",
        "district",
        "captain",
        "cpu",
        "post_incident",
    ]


def test_empty_file_gives_the_defaults() -> None:
    assert parse("") == default_district()
    assert parse("# nothing to change\n") == default_district()


def test_every_field(tmp_path: Path) -> None:
    path = tmp_path / "district.toml"
    path.write_text(
        "\n".join(
            [
                'name = "Westside — Müller Park"',
                'timezone = "Europe/Berlin"',
                'week_start = "sunday"',
                'walk_hours = "7:30-21:15"',
                'workdays = ["Sun", "Mon", "TUESDAY", "wed", "Thu"]',
                "max_walking_per_squad = 3",
                'walk_call_type = "CW - community walk"',
                'holidays = ["2026-12-25", 2027-01-01, " 2026-12-25 "]',
            ]
        ),
        "utf-8",
    )
    district = load_settings(path)
    assert district.name == "Westside — Müller Park"
    assert district.timezone == "Europe/Berlin"
    assert district.week_start == 6
    assert (district.walk_start, district.walk_end) == (time(7, 30), time(21, 15))
    assert district.workdays == frozenset({6, 0, 1, 2, 3})
    assert district.max_walking_per_squad == 3
    assert district.walk_call_type == "CW - community walk"
    assert district.holidays == frozenset({date(2026, 12, 25), date(2027, 1, 1)})
    assert district.walk_types == default_walk_types()
    assert "holidays" in read_settings(path).given


def test_no_holidays_by_default_and_the_file_says_whether_it_names_them(tmp_path: Path) -> None:
    assert default_district().holidays == frozenset()
    assert parse("holidays = []").holidays == frozenset()
    path = tmp_path / "district.toml"
    path.write_text('name = "East"\n', "utf-8")
    assert read_settings(path).given == frozenset({"name"})


def test_load_settings_accepts_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "district.toml"
    path.write_bytes('\ufeffweek_start = "Sat"\n'.encode())
    assert load_settings(str(path)).week_start == 5


def test_load_settings_reports_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.toml"
    with pytest.raises(InputError) as info:
        load_settings(path)
    assert str(info.value).startswith(f"{path}: cannot read the file")


@pytest.mark.parametrize(("text", "day"), [("Monday", 0), ("tue", 1), ("SAT", 5), ("Sunday", 6)])
def test_week_start_names(text: str, day: int) -> None:
    assert parse(f'week_start = "{text}"').week_start == day


def test_walk_type_override_changes_only_the_named_fields() -> None:
    district = parse("[walk_types.officer]\nminimum = 5\nminutes = 25\n\n[walk_types.cpu]\nminimum = 2\n")
    officer = district.walk_type("officer")
    assert (officer.minimum, officer.minutes) == (5, 25)
    default_officer = default_district().walk_type("officer")
    assert (officer.name, officer.per, officer.roles) == (
        default_officer.name,
        default_officer.per,
        default_officer.roles,
    )
    assert district.walk_type("cpu").minimum == 2
    assert district.walk_type("squad") == default_district().walk_type("squad")


def test_walk_type_override_can_replace_roles() -> None:
    district = parse(
        "[walk_types.captain]\n"
        "roles = [\n"
        '  { key = "coordinator", ranks = ["captain"], units = ["patrol"], responsible = true },\n'
        '  { key = "officer", ranks = ["officer"], units = ["patrol"], count = 2 },\n'
        "]\n"
    )
    captain = district.walk_type("captain")
    assert captain.size == 3
    assert captain.roles[1].ranks == frozenset({Rank.OFFICER})
    assert captain.per is Per.WORK_WEEK


@pytest.mark.parametrize("text", ['timezone = "Mars/Olympus_Mons"', 'timezone = "localtime"', "timezone = 5"])
def test_bad_timezone(text: str) -> None:
    error = failure(text)
    assert (error.row, error.field) == (None, "timezone")
    assert "is not a known time zone (expected an IANA name such as America/New_York)" in error.message


def test_timezone_in_the_wrong_case_gets_a_hint() -> None:
    error = failure('timezone = "america/new_york"')
    assert error.field == "timezone"
    assert "did you mean America/New_York?" in error.message


@pytest.mark.parametrize(
    "hours", ["20:00-09:00", "09:00-09:00", "09:00-24:00", "9-17", "09:00", "25:00-26:00", "09:00-17:75"]
)
def test_bad_walk_hours(hours: str) -> None:
    error = failure(f'walk_hours = "{hours}"')
    assert (error.row, error.field) == (None, "walk_hours")
    assert error.message.startswith(f"'{hours}' is not a span of walk hours (expected HH:MM-HH:MM")


def test_walk_hours_must_be_text() -> None:
    assert failure("walk_hours = 9").field == "walk_hours"


def test_unknown_key() -> None:
    error = failure('name = "East"\nmax_walkers = 3\n')
    assert (error.row, error.field) == (None, "max_walkers")
    assert error.message.startswith("unknown setting 'max_walkers' (expected name, timezone, week_start")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('week_start = "Funday"', "week_start"),
        ("week_start = 1", "week_start"),
        ("workdays = []", "workdays"),
        ('workdays = "Mon-Fri"', "workdays"),
        ('workdays = ["Mon", "Funday"]', "workdays"),
        ("max_walking_per_squad = 0", "max_walking_per_squad"),
        ("max_walking_per_squad = 1.5", "max_walking_per_squad"),
        ("max_walking_per_squad = true", "max_walking_per_squad"),
        ('walk_call_type = "  "', "walk_call_type"),
        ("walk_call_type = 7", "walk_call_type"),
        ('name = ""', "name"),
        ("walk_types = 3", "walk_types"),
        ("[walk_types.officer]\nminimum = -1", "walk_types.officer.minimum"),
        ("[walk_types.officer]\nminutes = 2", "walk_types.officer.minutes"),
        ("[walk_types.officer]\nlength = 20", "walk_types.officer"),
        ("[walk_types]\nofficer = 3", "walk_types.officer"),
        ("[walk_types.night]\nminimum = 1", "walk_types.night"),
        ('holidays = "2026-12-25"', "holidays"),
        ('holidays = ["2026-12-25", "25.12.2026"]', "holidays[1]"),
        ('holidays = ["2026-02-30"]', "holidays[0]"),
        ('holidays = ["20261225"]', "holidays[0]"),
        ("holidays = [2026-12-25T10:00:00]", "holidays[0]"),
        ("holidays = [20261225]", "holidays[0]"),
        ('holidays = ["2301-01-01"]', "holidays[0]"),
    ],
)
def test_bad_values_name_the_key(text: str, field: str) -> None:
    error = failure(text)
    assert (error.row, error.field) == (None, field)
    assert str(error).startswith(f"district.toml, field '{field}': ")


def test_walk_call_type_is_trimmed() -> None:
    assert parse('walk_call_type = " Community Walk "').walk_call_type == "Community Walk"


def test_syntax_error_gives_the_line() -> None:
    error = failure('name = "East"\ntimezone = \nweek_start = "Mon"\n')
    assert (error.row, error.field) == (2, None)
    assert error.message == "is not valid TOML: Invalid value at column 12"
    assert str(error) == "district.toml, row 2: is not valid TOML: Invalid value at column 12"


def test_syntax_error_at_the_end_of_the_file() -> None:
    error = failure('name = "East"\nworkdays = ["Mon",\n')
    assert error.row == 2
    assert error.message.endswith("at the end of the file")


def test_duplicate_key_is_a_syntax_error() -> None:
    error = failure("max_walking_per_squad = 2\n\nmax_walking_per_squad = 3\n")
    assert error.row == 3


def test_the_agency_is_read_and_defaults_to_none() -> None:
    assert parse("").agency == ""
    assert parse('agency = "  Eastside Police Department "\n').agency == "Eastside Police Department"


@pytest.mark.parametrize("value", ['""', "3", '"Eastside\\u0007 PD"'])
def test_a_bad_agency_is_named(value: str) -> None:
    error = failure(f"agency = {value}\n")
    assert "field 'agency'" in str(error)


def test_the_demo_settings_name_an_agency() -> None:
    assert load_settings(Path(__file__).parents[2] / "resources/demo/district.toml").agency
