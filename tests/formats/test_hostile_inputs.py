"""Hostile and careless input files (issue 12): each is refused with one InputError whose `str()`
is one line naming the file, row and field, and never with another exception.

Every case is a reader, the text it is given and the exact line the user sees. Cases that held
before issue 12 are here too (marked so), that they keep holding.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from scheduler.domain import Month
from scheduler.domain.errors import InputError, InputErrors
from scheduler.formats.boundary import parse_boundary
from scheduler.formats.district_settings import parse_settings
from scheduler.formats.incidents import parse_incidents, parse_moment
from scheduler.formats.plan_json import plan_from_json
from scheduler.formats.roster import parse_roster

ZONE = "America/New_York"


def roster(text: str) -> object:
    return parse_roster(text, "roster.csv")


def incidents(text: str) -> object:
    return parse_incidents(text, "incidents.csv", ZONE)


def settings(text: str) -> object:
    return parse_settings(text, "district.toml")


def boundary(text: str) -> object:
    return parse_boundary(text, "hood.geojson")


def plan(text: str) -> object:
    return plan_from_json(text, "plan.json")


@dataclass(frozen=True)
class Case:
    name: str
    read: Callable[[str], object]
    text: str
    line: str  # what the user is told, exactly

    def __str__(self) -> str:
        return self.name


# --- Building the inputs --------------------------------------------------------------------------

ROSTER = "id,name,rank,unit\n"
INCIDENTS = "id,type,occurred_at,latitude,longitude,address\n"
NUL_MESSAGE = "contains a NUL character (an invisible zero byte that no text may hold)"
QUOTE_MESSAGE = (
    'a quote opened in this row is never closed (end the quoted value with ", and write a quote '
    'inside it twice: "")'
)
ISO_HINT = "(expected ISO 8601 such as 2026-12-10T21:30, optionally with a UTC offset)"


def incident(occurred_at: str = "2026-12-10T21:30", address: str = "", latitude: str = "39.7") -> str:
    return f"{INCIDENTS}C-1,shooting,{occurred_at},{latitude},-84.2,{address}\n"


def walk_type(fields: str, key: str = "captain") -> str:
    return f"[walk_types.{key}]\n{fields}\n"


def role(fields: str) -> str:
    """The captain walk with only a coordinator's role, given `fields` besides its key."""
    return walk_type(f'roles = [{{ key = "coordinator", {fields} }}]')


# A block in Dayton, Ohio, with a park in the middle as a hole; [longitude, latitude].
OUTER = [[-84.21, 39.77], [-84.18, 39.77], [-84.18, 39.79], [-84.21, 39.79], [-84.21, 39.77]]
PARK = [[-84.20, 39.775], [-84.19, 39.775], [-84.19, 39.785], [-84.20, 39.785], [-84.20, 39.775]]
IN_BERLIN = [[13.4, 52.5], [13.41, 52.5], [13.41, 52.51], [13.4, 52.5]]
ACROSS_THE_EAST_EDGE = [[-84.19, 39.775], [-84.17, 39.775], [-84.17, 39.785], [-84.19, 39.775]]
AROUND_THE_BLOCK = [[-84.3, 39.7], [-84.1, 39.7], [-84.1, 39.9], [-84.3, 39.7]]
IN_THE_PARK = [[-84.199, 39.776], [-84.198, 39.776], [-84.198, 39.777], [-84.199, 39.776]]


def polygon(*rings: list[list[float]]) -> str:
    return json.dumps({"type": "Polygon", "coordinates": list(rings)})


PLAN: dict[str, Any] = {
    "month": "2026-12",
    "timezone": ZONE,
    "walks": [
        {
            "id": "w17",
            "type": "squad",
            "start": "2026-12-03T14:00:00-05:00",
            "minutes": 30,
            "coordinator": "1042",
            "participants": ["1042", "1107"],
        }
    ],
}


def plan_with(**walk: object) -> str:
    return json.dumps({**PLAN, "walks": [{**PLAN["walks"][0], **walk}]})


def plan_of(month: str) -> str:
    return json.dumps({**PLAN, "month": month, "walks": []})


# --- The cases ------------------------------------------------------------------------------------

ROSTER_CASES = [
    Case(
        "roster: NUL in a cell",
        roster,
        ROSTER + "1,Al,officer,pat\x00rol\n",
        f"roster.csv, row 2, field 'unit': unit {NUL_MESSAGE}",
    ),
    Case(
        "roster: NUL in the name",
        roster,
        ROSTER + "1,A\x00l,officer,patrol\n",
        f"roster.csv, row 2, field 'name': name {NUL_MESSAGE}",
    ),
    Case(
        "roster: terminal escape in the name",
        roster,
        ROSTER + "1,Al\x1b[31m,officer,patrol\n",
        "roster.csv, row 2, field 'name': name contains control character U+001B "
        "(expected one line of plain text)",
    ),
    Case(
        "roster: tab in the name",
        roster,
        ROSTER + "1,Al\tSmith,officer,patrol\n",
        "roster.csv, row 2, field 'name': name contains a tab (expected one line of plain text)",
    ),
    Case(
        "roster: unclosed quote",
        roster,
        ROSTER + '1,Al,officer,patrol\n2,"Bo,officer,patrol\n3,Cy,officer,patrol\n',
        f"roster.csv, row 3: {QUOTE_MESSAGE}",
    ),
    Case(
        "roster: unclosed quote at the end of the file",
        roster,
        ROSTER + '1,Al,officer,"patrol',
        f"roster.csv, row 2: {QUOTE_MESSAGE}",
    ),
    Case(
        "roster: unclosed quote in the header",
        roster,
        'id,"name,rank,unit\n1,Al,officer,patrol\n',
        f"roster.csv, row 1: {QUOTE_MESSAGE}",
    ),
    Case(
        "roster: text after a closing quote",
        roster,
        ROSTER + '1,"Al" Smith,officer,patrol\n',
        "roster.csv, row 2: has text after the closing quote of a value (quote the whole value, "
        'and write a quote inside it twice: "Jo ""JJ"" Smith")',
    ),
    Case(
        "roster: unknown rank (held before)",
        roster,
        ROSTER + "1,Al,Major,patrol\n",
        "roster.csv, row 2, field 'rank': rank 'Major' is not a known rank (officer, detective, "
        "sergeant, lieutenant, captain, commander, chief, civilian, or Ofc, Det, Sgt, Lt, Capt, Cmdr)",
    ),
    Case(
        "roster: unquoted comma (held before)",
        roster,
        ROSTER + "1,Carter, Deshawn,officer,patrol\n",
        "roster.csv, row 2: has 5 values but the header has 4 columns "
        "(put values that contain commas in double quotes)",
    ),
    Case(
        "roster: empty file (held before)",
        roster,
        "",
        "roster.csv, row 1: is empty (expected a header row naming id, name, rank, unit)",
    ),
]

INCIDENT_CASES = [
    Case(
        "incidents: NUL in the address",
        incidents,
        incident(address="Main\x00St"),
        f"incidents.csv, row 2, field 'address': address {NUL_MESSAGE}",
    ),
    Case(
        "incidents: unclosed quote",
        incidents,
        incident(address='"Main St'),
        f"incidents.csv, row 2: {QUOTE_MESSAGE}",
    ),
    Case(
        "incidents: a date alone",
        incidents,
        incident("2026-12-10"),
        "incidents.csv, row 2, field 'occurred_at': occurred_at '2026-12-10' is a date without a "
        f"time of day {ISO_HINT}",
    ),
    Case(
        "incidents: year 9999",
        incidents,
        incident("9999-12-31T23:00"),
        "incidents.csv, row 2, field 'occurred_at': occurred_at '9999-12-31T23:00': "
        "year 9999 is outside 1900 to 2200",
    ),
    Case(
        "incidents: year 1",
        incidents,
        incident("0001-01-01T00:00"),
        "incidents.csv, row 2, field 'occurred_at': occurred_at '0001-01-01T00:00': "
        "year 0001 is outside 1900 to 2200",
    ),
    Case(
        "incidents: full-width digits",
        incidents,
        incident("２０２６-１２-１０T２１:３０"),  # noqa: RUF001 - the point of the case
        "incidents.csv, row 2, field 'occurred_at': occurred_at '２０２６-１２-１０T２１:３０' "  # noqa: RUF001
        f"is not a date and time {ISO_HINT}",
    ),
    Case(
        "incidents: latitude of 5,000 digits",
        incidents,
        incident(latitude="3" * 5000),
        f"incidents.csv, row 2, field 'latitude': latitude '{'3' * 37}...' is outside -90 to 90 "
        "(expected decimal degrees, WGS 84)",
    ),
    Case(
        "incidents: American date (held before)",
        incidents,
        incident("12/10/2026 9:30 PM"),
        "incidents.csv, row 2, field 'occurred_at': occurred_at '12/10/2026 9:30 PM' is not a date "
        f"and time {ISO_HINT}",
    ),
]

SETTINGS_CASES = [
    Case(
        "settings: responsible as text",
        settings,
        role('responsible = "no"'),
        "district.toml, field 'walk_types.captain.roles[0].responsible': must be true or false "
        "(without quotes), got 'no'",
    ),
    Case(
        "settings: minimum true",
        settings,
        walk_type("minimum = true"),
        "district.toml, field 'walk_types.captain.minimum': must be a whole number from 0 to 50, got true",
    ),
    Case(
        "settings: minimum beyond 64 bits",
        settings,
        walk_type("minimum = 99999999999999999999"),
        "district.toml, field 'walk_types.captain.minimum': must be a whole number from 0 to 50, "
        "got 99999999999999999999",
    ),
    Case(
        "settings: minimum of three billion",
        settings,
        walk_type("minimum = 3000000000"),
        "district.toml, field 'walk_types.captain.minimum': must be a whole number from 0 to 50, "
        "got 3000000000",
    ),
    Case(
        "settings: minimum 51",
        settings,
        walk_type("minimum = 51"),
        "district.toml, field 'walk_types.captain.minimum': must be a whole number from 0 to 50, got 51",
    ),
    Case(
        "settings: minimum of 5,000 digits",
        settings,
        walk_type("minimum = " + "9" * 5000),
        "district.toml: is not valid TOML: a number has thousands of digits",
    ),
    Case(
        "settings: minutes 481",
        settings,
        walk_type("minutes = 481"),
        "district.toml, field 'walk_types.captain.minutes': must be a whole number from 5 to 480, got 481",
    ),
    Case(
        "settings: minutes 4",
        settings,
        walk_type("minutes = 4"),
        "district.toml, field 'walk_types.captain.minutes': must be a whole number from 5 to 480, got 4",
    ),
    Case(
        "settings: minutes as a decimal",
        settings,
        walk_type("minutes = 30.5"),
        "district.toml, field 'walk_types.captain.minutes': must be a whole number from 5 to 480, got 30.5",
    ),
    Case(
        "settings: walk-type name as a table",
        settings,
        walk_type("name = { text = 'Captain walk' }"),
        "district.toml, field 'walk_types.captain.name': must be non-empty text in quotes, got a table",
    ),
    Case(
        "settings: walk-type name with NUL",
        settings,
        walk_type(r'name = "Captain\u0000walk"'),
        f"district.toml, field 'walk_types.captain.name': {NUL_MESSAGE}",
    ),
    Case(
        "settings: per as a list",
        settings,
        walk_type('per = ["month"]'),
        "district.toml, field 'walk_types.captain.per': must be one of work_week, month, workday, "
        "incident (in quotes), got a list",
    ),
    Case(
        "settings: role count 21",
        settings,
        walk_type('roles = [{ key = "c" }, { key = "o", count = 21 }]'),
        "district.toml, field 'walk_types.captain.roles[1].count': must be a whole number "
        "from 1 to 20, got 21",
    ),
    Case(
        "settings: role count 0",
        settings,
        walk_type('roles = [{ key = "c" }, { key = "o", count = 0 }]'),
        "district.toml, field 'walk_types.captain.roles[1].count': must be a whole number "
        "from 1 to 20, got 0",
    ),
    Case(
        "settings: 21 roles",
        settings,
        walk_type("roles = [" + ", ".join(f'{{ key = "r{n}" }}' for n in range(21)) + "]"),
        "district.toml, field 'walk_types.captain.roles': must be a list of 1 to 20 roles, "
        "the coordinator's first, got 21 roles",
    ),
    Case(
        "settings: no roles",
        settings,
        walk_type("roles = []"),
        "district.toml, field 'walk_types.captain.roles': must be a list of 1 to 20 roles, "
        "the coordinator's first, got 0 roles",
    ),
    Case(
        "settings: ranks holding a number",
        settings,
        role("ranks = [3]"),
        "district.toml, field 'walk_types.captain.roles[0].ranks': 3 is not among officer, detective, "
        "sergeant, lieutenant, captain, commander, chief, civilian",
    ),
    Case(
        "settings: units as text",
        settings,
        role('units = "patrol"'),
        "district.toml, field 'walk_types.captain.roles[0].units': must be a list of names in quotes "
        "such as [\"patrol\"], got 'patrol'",
    ),
    Case(
        "settings: role label with a line break",
        settings,
        role(r'label = "district\ncaptain"'),
        "district.toml, field 'walk_types.captain.roles[0].label': contains a line break "
        "(expected one line of plain text)",
    ),
    Case(
        "settings: role key as a table",
        settings,
        walk_type("roles = [{ key = { a = 1 } }]"),
        "district.toml, field 'walk_types.captain.roles[0].key': must be non-empty text in quotes, "
        "got a table",
    ),
    Case(
        "settings: walk-type key with NUL",
        settings,
        walk_type("minimum = 1", key=r'"cap\u0000tain"'),
        f"district.toml, field 'walk_types': walk type 'cap\\x00tain' {NUL_MESSAGE}",
    ),
    Case(
        "settings: max_walking_per_squad 51",
        settings,
        "max_walking_per_squad = 51\n",
        "district.toml, field 'max_walking_per_squad': must be a whole number from 1 to 50, got 51",
    ),
    Case(
        "settings: max_walking_per_squad true",
        settings,
        "max_walking_per_squad = true\n",
        "district.toml, field 'max_walking_per_squad': must be a whole number from 1 to 50, got true",
    ),
    Case(
        "settings: district name with NUL",
        settings,
        'name = "East\\u0000side"\n',
        f"district.toml, field 'name': {NUL_MESSAGE}",
    ),
    Case(
        "settings: district name as a table",
        settings,
        "name = { a = 1 }\n",
        "district.toml, field 'name': must be non-empty text in quotes, e.g. name = \"District\", "
        "got a table",
    ),
    Case(
        "settings: call type with a bell",
        settings,
        'walk_call_type = "walk\\u0007"\n',
        "district.toml, field 'walk_call_type': contains control character U+0007 "
        "(expected one line of plain text)",
    ),
    Case(
        "settings: unknown key (held before)",
        settings,
        "max_walkers = 3\n",
        "district.toml, field 'max_walkers': unknown setting 'max_walkers' (expected name, timezone, "
        "week_start, walk_hours, workdays, max_walking_per_squad, walk_call_type, holidays, "
        "post_incident_delay_hours, post_incident_minutes, agency, walk_types)",
    ),
    Case(
        "settings: syntax error (held before)",
        settings,
        'name = "East"\ntimezone = \n',
        "district.toml, row 2: is not valid TOML: Invalid value at column 12",
    ),
]

BOUNDARY_CASES = [
    Case(
        "boundary: nested 100,000 levels",
        boundary,
        "[" * 100_000,
        "hood.geojson: has brackets nested too deeply to be read (hundreds of levels inside each other)",
    ),
    Case(
        "boundary: coordinate of 5,000 digits",
        boundary,
        polygon([[7, 2]]).replace("7", "1" * 5000),
        "hood.geojson, row 1: number 111111111111... is 5000 characters long (column 39); "
        "a plain number has at most 40",
    ),
    Case(
        "boundary: coordinate of 5,000 decimals",
        boundary,
        polygon([[7.5, 2]]).replace("7.5", "1." + "5" * 5000),
        "hood.geojson, row 1: number 1.5555555555... is 5002 characters long (column 39); "
        "a plain number has at most 40",
    ),
    Case(
        "boundary: hole thousands of kilometres away",
        boundary,
        polygon(OUTER, IN_BERLIN),
        "hood.geojson, field 'coordinates[1]': hole 1 is not inside the outer ring: "
        "its point 1 [13.4, 52.5] lies outside it",
    ),
    Case(
        "boundary: hole across its ring",
        boundary,
        polygon(OUTER, ACROSS_THE_EAST_EDGE),
        "hood.geojson, field 'coordinates[1]': hole 1 touches or crosses the outer ring: its edge "
        "from point 1 to 2 meets the edge from point 2 to 3 of the outer ring",
    ),
    Case(
        "boundary: hole around its ring",
        boundary,
        polygon(OUTER, AROUND_THE_BLOCK),
        "hood.geojson, field 'coordinates[1]': hole 1 is not inside the outer ring: "
        "its point 1 [-84.3, 39.7] lies outside it",
    ),
    Case(
        "boundary: hole inside a hole",
        boundary,
        polygon(OUTER, PARK, IN_THE_PARK),
        "hood.geojson, field 'coordinates[2]': hole 2 overlaps hole 1 (holes must lie apart)",
    ),
    Case(
        "boundary: hole of a second polygon outside it",
        boundary,
        json.dumps({"type": "MultiPolygon", "coordinates": [[OUTER, PARK], [PARK, IN_BERLIN]]}),
        "hood.geojson, field 'coordinates[1][1]': hole 1 of polygon 2 is not inside the outer ring "
        "of polygon 2: its point 1 [13.4, 52.5] lies outside it",
    ),
    Case(
        "boundary: ring crosses itself (held before)",
        boundary,
        polygon([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]),
        "hood.geojson, field 'coordinates[0]': the outer ring crosses itself: its edge from point 1 "
        "to 2 meets its edge from point 3 to 4",
    ),
    Case(
        "boundary: projected coordinates (held before)",
        boundary,
        polygon([[1500000, 600000], [1, 1], [1, 0], [1500000, 600000]]),
        "hood.geojson, field 'coordinates[0][0]': longitude 1500000 is outside -180 to 180 (expected "
        "WGS 84 degrees; export the file in WGS 84 (EPSG:4326), not a projected system)",
    ),
]

PLAN_CASES = [
    Case(
        "plan: nested 100,000 levels",
        plan,
        "[" * 100_000 + "]" * 100_000,
        "plan.json: has brackets nested too deeply to be read (hundreds of levels inside each other)",
    ),
    Case(
        "plan: minutes of 5,000 digits",
        plan,
        plan_with(minutes=7).replace('"minutes": 7', '"minutes": ' + "9" * 5000),
        "plan.json, row 1: number 999999999999... is 5000 characters long (column 144); "
        "a plain number has at most 40",
    ),
    Case(
        "plan: walk in the next month",
        plan,
        plan_with(start="2027-01-05T10:00:00-05:00"),
        "plan.json, field 'walks[0].start': starts on 2027-01-05, outside the plan's month 2026-12",
    ),
    Case(
        "plan: walk in the month's last hour elsewhere but the next month in the plan's zone",
        plan,
        plan_with(start="2026-12-31T23:30:00-08:00"),
        "plan.json, field 'walks[0].start': starts on 2027-01-01, outside the plan's month 2026-12",
    ),
    Case(
        "plan: walk of 1999",
        plan,
        plan_with(start="1999-12-03T14:00:00-05:00"),
        "plan.json, field 'walks[0].start': starts on 1999-12-03, outside the plan's month 2026-12",
    ),
    Case(
        "plan: walk in year 9999",
        plan,
        plan_with(start="9999-12-31T23:00:00-05:00"),
        "plan.json, field 'walks[0].start': year 9999 is outside 1900 to 2200",
    ),
    Case(
        "plan: NUL in a walk id",
        plan,
        plan_with(id="w\x0017"),
        f"plan.json, field 'walks[0].id': {NUL_MESSAGE}",
    ),
    Case(
        "plan: bell in a participant",
        plan,
        plan_with(participants=["1042", "11\x0707"]),
        "plan.json, field 'walks[0].participants[1]': contains control character U+0007 "
        "(expected one line of plain text)",
    ),
    Case(
        "plan: minutes 481",
        plan,
        plan_with(minutes=481),
        "plan.json, field 'walks[0].minutes': must be 1 to 480, got 481",
    ),
    Case(
        "plan: month 0000-01",
        plan,
        plan_of("0000-01"),
        "plan.json, field 'month': year 0000 is outside 1900 to 2200",
    ),
    Case(
        "plan: month 9999-12",
        plan,
        plan_of("9999-12"),
        "plan.json, field 'month': year 9999 is outside 1900 to 2200",
    ),
    Case(
        "plan: month in full-width digits",
        plan,
        plan_of("２０２６-１２"),  # noqa: RUF001 - the point of the case
        "plan.json, field 'month': expected YYYY-MM, got '２０２６-１２'",  # noqa: RUF001
    ),
    Case(
        "plan: broken JSON (held before)",
        plan,
        '{"month": "2026-12",\n "walks": [}',
        "plan.json, row 2: not valid JSON: Expecting value (column 12)",
    ),
]

CASES = ROSTER_CASES + INCIDENT_CASES + SETTINGS_CASES + BOUNDARY_CASES + PLAN_CASES


def the_mistake(error: InputError) -> InputError:
    """The one mistake reported: a file that lists every bad row lists one here."""
    if isinstance(error, InputErrors):
        assert len(error.errors) == 1
        return error.errors[0]
    return error


@pytest.mark.parametrize("case", CASES, ids=str)
def test_refused_in_one_line_naming_file_row_and_field(case: Case) -> None:
    with pytest.raises(InputError) as caught:
        case.read(case.text)
    assert str(caught.value) == case.line
    mistake = the_mistake(caught.value)
    where = mistake.file + (f", row {mistake.row}" if mistake.row else "")
    where += f", field '{mistake.field}'" if mistake.field else ""
    assert case.line == f"{where}: {mistake.message}"
    assert "\n" not in case.line


def test_every_bad_row_before_an_unclosed_quote_is_still_reported() -> None:
    text = ROSTER + '1,Al,Major,patrol\n2,Bo,officer,navy\n3,"Cy,officer,patrol\n4,Di,officer,patrol\n'
    with pytest.raises(InputErrors) as caught:
        roster(text)
    rows = [(error.row, error.field) for error in caught.value.errors]
    assert rows == [(2, "rank"), (3, "unit"), (4, None)]
    assert str(caught.value).splitlines()[-1] == f"roster.csv, row 4: {QUOTE_MESSAGE}"


# --- What the command line shares: months and incident times (ValueError, which it wraps) --------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("２０２６-１２", "expected YYYY-MM, got '２０２６-１２'"),  # noqa: RUF001
        ("0000-01", "year 0000 is outside 1900 to 2200"),
        ("9999-12", "year 9999 is outside 1900 to 2200"),
        ("1899-12", "year 1899 is outside 1900 to 2200"),
        ("2201-01", "year 2201 is outside 1900 to 2200"),
        ("2026-13", "month must be 01 to 12, got '2026-13'"),
    ],
)
def test_months_outside_the_years_a_plan_may_cover(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        Month.parse(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "month"),
    [("1900-01", Month(1900, 1)), ("2200-12", Month(2200, 12)), (" 2026-12 ", Month(2026, 12))],
)
def test_months_at_the_ends_of_the_range(text: str, month: Month) -> None:
    assert Month.parse(text) == month


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-12-10", f"'2026-12-10' is a date without a time of day {ISO_HINT}"),
        ("9999-12-31T23:00", "'9999-12-31T23:00': year 9999 is outside 1900 to 2200"),
        ("0001-01-01T00:00", "'0001-01-01T00:00': year 0001 is outside 1900 to 2200"),
        ("0001-01-01T00:00+14:00", "'0001-01-01T00:00+14:00': year 0001 is outside 1900 to 2200"),
        ("tomorrow 9pm", f"'tomorrow 9pm' is not a date and time {ISO_HINT}"),
        ("2026-12-10T25:00", f"'2026-12-10T25:00' is not a date and time {ISO_HINT}"),
        ("2026-12-10T21", f"'2026-12-10T21' is not a date and time {ISO_HINT}"),
        ("1" * 5000, f"'{'1' * 37}...' is not a date and time {ISO_HINT}"),
    ],
)
def test_incident_times_for_the_command_line(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_moment(text, ZONE)
    assert str(caught.value) == message
