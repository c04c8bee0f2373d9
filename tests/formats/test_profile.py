"""Neighborhood profile TOML: the demo file, and one line naming entry and field for each mistake."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scheduler.domain.errors import InputError
from scheduler.domain.neighborhood import Event, Group, MeetingPoint, Resource
from scheduler.formats.profile import load_profile, parse_profile

DEMO = Path(__file__).parents[2] / "resources" / "demo" / "profile.toml"

POINT = 'name = "Plaza"\nlatitude = 39.78\nlongitude = -84.2\n'


def test_the_demo_profile_reads() -> None:
    profile = load_profile(DEMO)
    assert profile.meeting_points[0] == MeetingPoint(
        "Library steps, Main St & 3rd", 39.7885, -84.201, "North"
    )
    assert {point.sector for point in profile.meeting_points} == {"North", "Central", "South"}
    assert profile.groups[0] == Group(
        "Eastside Neighborhood Association", "Dolores Ramírez, chair", "937-555-0141"
    )
    assert profile.events[0] == Event("Winter coat drive", date(2026, 12, 5), "Northside Rec Center")
    assert profile.resources[0] == Resource("Crisis line", "24-hour counseling and crisis support", "988")
    assert len(profile.landmarks) == 3


def test_optional_fields_may_be_left_out_and_a_date_may_be_text() -> None:
    text = (
        f"[[meeting_points]]\n{POINT}\n"
        '[[groups]]\nname = "Block watch"\n[[events]]\nname = "Fair"\ndate = "2026-12-12"\n'
    )
    profile = parse_profile(text, "p.toml")
    assert profile.meeting_points == (MeetingPoint("Plaza", 39.78, -84.2),)
    assert profile.groups == (Group("Block watch"),)
    assert profile.events == (Event("Fair", date(2026, 12, 12)),)


@pytest.mark.parametrize(
    ("text", "row", "field", "message"),
    [
        ('[[meeting_pionts]]\nname = "x"\n', None, "meeting_pionts", "unknown section"),
        (f"[[meeting_points]]\n{POINT}lattitude = 1\n", 1, "meeting_points[1].lattitude", "unknown key"),
        ('[[meeting_points]]\nname = "x"\nlatitude = 39.7\n', 1, "meeting_points[1].longitude", "missing"),
        (
            f'[[meeting_points]]\n{POINT}\n[[meeting_points]]\nname = "B"\nlatitude = 91\nlongitude = 0\n',
            5,
            "meeting_points[2].latitude",
            "must be from -90 to 90 degrees",
        ),
        (
            '[[landmarks]]\nname = "x"\nlatitude = "39.7"\nlongitude = 0\n',
            1,
            "landmarks[1].latitude",
            "decimal degrees",
        ),
        (
            '[[landmarks]]\nname = "x"\nlatitude = 1\nlongitude = -181\n',
            1,
            "landmarks[1].longitude",
            "-180 to 180",
        ),
        (
            '[[landmarks]]\nname = "x"\nlatitude = nan\nlongitude = 1\n',
            1,
            "landmarks[1].latitude",
            "decimal degrees",
        ),
        (
            f"[[meeting_points]]\n{POINT}[[meeting_points]]\n{POINT}",
            5,
            "meeting_points[2].name",
            "used twice",
        ),
        ("[[groups]]\nname = 3\n", 1, "groups[1].name", "non-empty text"),
        ('[[groups]]\nname = "a\\u0007b"\n', 1, "groups[1].name", "control character"),
        ('[[events]]\nname = "Fair"\ndate = 2026-12-12T10:00:00\n', 1, "events[1].date", "expected a date"),
        ('[[events]]\nname = "Fair"\ndate = "12/12/2026"\n', 1, "events[1].date", "expected a date"),
        ('[[resources]]\nname = "Pantry"\nphone = 5550102\n', 1, "resources[1].phone", "non-empty text"),
        ('meeting_points = "Plaza"\n', None, "meeting_points", "expected a list of entries"),
    ],
)
def test_a_mistake_is_one_line_naming_entry_and_field(
    text: str, row: int | None, field: str, message: str
) -> None:
    with pytest.raises(InputError) as error:
        parse_profile(text, "hood.toml")
    assert (error.value.file, error.value.row, error.value.field) == ("hood.toml", row, field)
    assert message in error.value.message
    assert "\n" not in str(error.value)


def test_a_sector_must_be_one_of_the_stored_boundarys() -> None:
    text = f'[[meeting_points]]\n{POINT}sector = "West"\n'
    assert parse_profile(text, "p.toml").meeting_points[0].sector == "West"  # no sectors stored
    with pytest.raises(InputError) as error:
        parse_profile(text, "p.toml", sectors=("North", "South"))
    assert error.value.field == "meeting_points[1].sector"
    assert "unknown sector 'West' (the stored boundary has: North, South)" in error.value.message


def test_invalid_toml_names_the_line() -> None:
    with pytest.raises(InputError) as error:
        parse_profile("[[meeting_points]]\nname = \n", "p.toml")
    assert error.value.row == 2
