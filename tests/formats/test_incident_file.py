"""Incidents CSV: what is read, and every bad row reported at once with its number."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain.errors import InputError, InputErrors
from scheduler.domain.incidents import Incident
from scheduler.formats.incidents import coordinate, parse_incidents, parse_moment, read_incidents

NY = ZoneInfo("America/New_York")


def parse(text: str) -> tuple[Incident, ...]:
    return parse_incidents(text, "incidents.csv", "America/New_York")


def mistakes(text: str) -> list[str]:
    with pytest.raises(InputErrors) as errors:
        parse(text)
    assert all("\n" not in str(error) for error in errors.value.errors)
    assert str(errors.value) == "\n".join(str(error) for error in errors.value.errors)
    return [str(error) for error in errors.value.errors]


def test_a_file_from_a_cad_export(tmp_path):
    path = tmp_path / "incidents.csv"
    text = (
        "\ufeffOccurred At,Latitude,Longitude,ID,Type,Address,Beat\r\n"
        '2026-12-10T21:30,39.7589,-84.1916,2026-0001,Shooting,"500 Main St, rear",3\r\n'
        "\r\n"
        "2026-12-11 06:05:30Z,39.76,-84.19,2026-0002,  Aggravated   Assault ,,3\r\n"
        "2026-12-12T01:00-05:00,39.7,-84.2,2026-0003,HOMICIDE,,4\r\n"
    )
    path.write_text(text, encoding="utf-8")
    first, second, third = read_incidents(path, "America/New_York")
    assert first == Incident(
        "2026-0001",
        "shooting",
        datetime(2026, 12, 10, 21, 30, tzinfo=NY),
        "500 Main St, rear",
        39.7589,
        -84.1916,
    )
    assert second.kind == "aggravated assault" and second.address == ""
    assert second.occurred_at == datetime(2026, 12, 11, 6, 5, 30, tzinfo=UTC)
    assert third.kind == "homicide" and third.occurred_at == datetime(2026, 12, 12, 6, 0, tzinfo=UTC)
    assert first.needs_walk and third.needs_walk and not second.needs_walk
    assert not first.outside  # the file knows no boundary: the store flags


def test_the_address_column_is_optional():
    (incident,) = parse("id,type,occurred_at,latitude,longitude\nC-1,shooting,2026-12-10T21:30,39.7,-84.2\n")
    assert incident.address == ""


def test_every_bad_row_is_reported_with_its_number():
    text = (
        "id,type,occurred_at,latitude,longitude,address\n"
        "C-1,shooting,2026-12-10T21:30,39.78,-84.20,fine\n"
        "C-2,shooting,12/10/2026 9:30 PM,39.78,-84.20,\n"
        ",shooting,2026-12-10T21:30,95,-84.20,\n"
        "C-1,,2026-12-10T21:30,39.78,east,\n"
        "C-5,homicide,2026-12-10,,-184.2,\n"
        "C-6,shooting,2026-12-10T21:30,39.78,-84.20,Main St, rear\n"
        "C-7,shooting,2026-02-30T10:00,39.78,-84.20,\n"
    )
    assert mistakes(text) == [
        "incidents.csv, row 3, field 'occurred_at': occurred_at '12/10/2026 9:30 PM' is not a date and time "
        "(expected ISO 8601 such as 2026-12-10T21:30, optionally with a UTC offset)",
        "incidents.csv, row 4, field 'id': id is empty (expected the CAD incident number)",
        "incidents.csv, row 4, field 'latitude': latitude '95' is outside -90 to 90 "
        "(expected decimal degrees, WGS 84)",
        "incidents.csv, row 5, field 'id': id 'C-1' is already used on row 2 (ids must be unique)",
        "incidents.csv, row 5, field 'type': type is empty "
        "(expected homicide, shooting or another kind of incident)",
        "incidents.csv, row 5, field 'longitude': longitude 'east' is not a number "
        "(expected decimal degrees, e.g. -84.1916)",
        "incidents.csv, row 6, field 'occurred_at': occurred_at '2026-12-10' is a date without a time of day "
        "(expected ISO 8601 such as 2026-12-10T21:30, optionally with a UTC offset)",
        "incidents.csv, row 6, field 'latitude': latitude is empty (expected decimal degrees, WGS 84)",
        "incidents.csv, row 6, field 'longitude': longitude '-184.2' is outside -180 to 180 "
        "(expected decimal degrees, WGS 84)",
        "incidents.csv, row 7: has 7 values but the header has 6 columns "
        "(put values that contain commas in double quotes)",
        "incidents.csv, row 8, field 'occurred_at': occurred_at '2026-02-30T10:00' is not a date and time "
        "(expected ISO 8601 such as 2026-12-10T21:30, optionally with a UTC offset)",
    ]


def test_errors_are_one_input_error_for_whoever_shows_input_errors():
    with pytest.raises(InputError, match=r"^incidents\.csv, row 2, field 'latitude'"):
        parse("id,type,occurred_at,latitude,longitude\nC-1,shooting,2026-12-10T21:30,x,-84.2\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "incidents.csv, row 1: is empty (expected a header row naming id, type, occurred_at, latitude"),
        (
            "id,type,occurred_at,lat,lon\n",
            "incidents.csv, row 1, field 'latitude': missing required column 'latitude'",
        ),
        (
            "id,type,Type,occurred_at,latitude,longitude\n",
            "incidents.csv, row 1, field 'type': column 'type' appears twice (keep one)",
        ),
    ],
)
def test_a_file_without_the_columns_is_one_mistake(text, expected):
    with pytest.raises(InputError) as error:
        parse(text)
    assert not isinstance(error.value, InputErrors)
    assert str(error.value).startswith(expected)


def test_values_for_the_command_line():
    assert parse_moment(" 2026-12-10T21:30 ", "America/New_York") == datetime(2026, 12, 10, 21, 30, tzinfo=NY)
    assert parse_moment("2026-12-10 21:30Z", "America/New_York") == datetime(2026, 12, 10, 21, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="is not a date and time"):
        parse_moment("tomorrow", "America/New_York")
    with pytest.raises(ValueError, match=r"^'2026-12-10' is a date without a time of day"):
        parse_moment("2026-12-10", "America/New_York")
    with pytest.raises(ValueError, match=r"^'9999-12-31T23:00': year 9999 is outside 1900 to 2200$"):
        parse_moment("9999-12-31T23:00", "America/New_York")
    assert coordinate("-84.19", "longitude") == -84.19
    with pytest.raises(ValueError, match="latitude '91' is outside -90 to 90"):
        coordinate("91", "latitude")
    with pytest.raises(ValueError, match="is not a number"):
        coordinate("nan", "latitude")
