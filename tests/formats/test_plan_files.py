"""Plan JSON, plan CSV and iCalendar: the formats other programs read (DESIGN.md, "Exchange formats")."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain import Month, Person, Plan, Rank, Shortfall, Unit, Walk
from scheduler.domain.errors import InputError
from scheduler.formats.icalendar import escape_text, fold_line, plan_to_ics
from scheduler.formats.plan_csv import CSV_HEADER, guard_cell, plan_to_csv
from scheduler.formats.plan_files import write_plan
from scheduler.formats.plan_json import plan_from_json, plan_to_json

NEW_YORK = ZoneInfo("America/New_York")
STAMP = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
WALK_NAMES = {"squad": "Squad walk", "officer": "Officer walk", "cpu": "Community Policing Unit walk"}

PEOPLE = {
    person.id: person
    for person in (
        Person("1042", "Nguyễn Văn An", Rank.SERGEANT, Unit.PATROL, email="an.nguyen@pd.example.org"),
        Person("1107", "Иванова Мария", Rank.OFFICER, Unit.PATROL, email="m.ivanova@pd.example.org"),
        Person("1200", "Müller, Jo; Jr.", Rank.OFFICER, Unit.PATROL, email="jo.muller@pd.example.org"),
        Person("1300", "Ayşe Demir", Rank.OFFICER, Unit.COMMUNITY_POLICING),  # no email
    )
}


def walk(walk_id: str, start: datetime, *participants: str, kind: str = "squad", minutes: int = 30) -> Walk:
    return Walk(walk_id, kind, start, minutes, participants[0], participants)


def december_plan() -> Plan:
    return Plan(
        month=Month(2026, 12),
        timezone="America/New_York",
        walks=(
            walk("w1", datetime(2026, 12, 3, 14, 0, tzinfo=NEW_YORK), "1042", "1107"),
            walk(
                "w2", datetime(2026, 12, 4, 10, 15, tzinfo=NEW_YORK), "1300", "1200", kind="cpu", minutes=45
            ),
            replace(walk("w3", datetime(2026, 12, 7, 18, 0, tzinfo=NEW_YORK), "1107", "1200"), locked=True),
        ),
        shortfalls=(Shortfall("district", "2026-12", 2, 0, "no non-patrol captain on the roster"),),
    )


def march_plan() -> Plan:
    """Daylight saving starts on 8 March 2026 in New York: -05:00 before, -04:00 after."""
    return Plan(
        month=Month(2026, 3),
        timezone="America/New_York",
        walks=(
            walk("winter", datetime(2026, 3, 6, 14, 0, tzinfo=NEW_YORK), "1042", "1107"),
            walk("summer", datetime(2026, 3, 10, 14, 0, tzinfo=NEW_YORK), "1042", "1107"),
        ),
    )


# --- Plan JSON ----------------------------------------------------------------------------------

DESIGN_EXAMPLE = """
{"month": "2026-12", "timezone": "America/New_York",
 "walks": [{"id": "w17", "type": "squad", "start": "2026-12-03T14:00:00-05:00", "minutes": 30,
            "coordinator": "1042", "participants": ["1042", "1107"], "locked": false}],
 "shortfalls": [{"type": "district", "period": "2026-12", "required": 2, "planned": 0,
                 "reason": "no non-patrol captain on the roster"}]}
"""


@pytest.mark.parametrize("plan", [december_plan(), march_plan(), Plan(Month(2027, 1), "America/Phoenix")])
def test_json_round_trip(plan: Plan) -> None:
    assert plan_from_json(plan_to_json(plan), "plan.json") == plan


def test_json_starts_come_back_in_the_plans_zone() -> None:
    plan = plan_from_json(plan_to_json(march_plan()), "plan.json")
    assert all(walk.start.tzinfo == NEW_YORK for walk in plan.walks)
    assert plan.walks[0].start.hour == 14


def test_json_starts_carry_the_offset_of_winter_and_summer() -> None:
    data = json.loads(plan_to_json(march_plan()))
    assert [walk["start"] for walk in data["walks"]] == [
        "2026-03-06T14:00:00-05:00",
        "2026-03-10T14:00:00-04:00",
    ]


def test_json_writes_starts_in_the_plans_zone_whatever_zone_the_walk_has() -> None:
    utc_walk = walk("w1", datetime(2026, 12, 3, 19, 0, tzinfo=UTC), "1042", "1107")
    data = json.loads(plan_to_json(Plan(Month(2026, 12), "America/New_York", (utc_walk,))))
    assert data["walks"][0]["start"] == "2026-12-03T14:00:00-05:00"


def test_json_is_pretty_printed_and_keeps_non_latin_text() -> None:
    plan = replace(december_plan(), shortfalls=(Shortfall("cpu", "2026-12", 21, 3, "Иванова on leave"),))
    text = plan_to_json(plan)
    assert text.startswith('{\n  "month": "2026-12",\n  "timezone": "America/New_York",\n  "walks": [\n')
    assert "Иванова on leave" in text
    assert [walk["id"] for walk in json.loads(text)["walks"]] == ["w1", "w2", "w3"]


def test_json_refuses_a_naive_start_rather_than_guess_the_zone() -> None:
    naive = walk("w1", datetime(2026, 12, 3, 14, 0), "1042")
    with pytest.raises(ValueError, match="no time zone"):
        plan_to_json(Plan(Month(2026, 12), "America/New_York", (naive,)))


def test_design_example_parses() -> None:
    plan = plan_from_json(DESIGN_EXAMPLE, "plan.json")
    assert plan.month == Month(2026, 12)
    assert plan.timezone == "America/New_York"
    assert plan.walks == (walk("w17", datetime(2026, 12, 3, 14, 0, tzinfo=NEW_YORK), "1042", "1107"),)
    assert plan.shortfalls == (Shortfall("district", "2026-12", 2, 0, "no non-patrol captain on the roster"),)


def test_optional_parts_may_be_left_out_and_a_bom_is_ignored() -> None:
    data = json.loads(DESIGN_EXAMPLE)
    del data["shortfalls"], data["walks"][0]["locked"]
    plan = plan_from_json("\ufeff" + json.dumps(data), "plan.json")
    assert plan.shortfalls == ()
    assert plan.walks[0].locked is False


def _example() -> dict[str, Any]:
    return json.loads(DESIGN_EXAMPLE)


def _set(path: str, value: Any) -> dict[str, Any]:
    """The DESIGN example with one value replaced (or removed, for `...`)."""
    data = _example()
    *parents, last = [int(part) if part.isdigit() else part for part in re.findall(r"\w+", path)]
    target = data
    for part in parents:
        target = target[part]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ([], None, "JSON object"),
        (_set("month", ...), "month", "missing"),
        (_set("month", "2026-13"), "month", "01 to 12"),
        (_set("month", "Dec 2026"), "month", "YYYY-MM"),
        (_set("month", 202612), "month", "a string"),
        (_set("timezone", "Eastern"), "timezone", "unknown time zone"),
        (_set("timezone", "../../etc/passwd"), "timezone", "unknown time zone"),
        (_set("walks", ...), "walks", "missing"),
        (_set("walks", {}), "walks", "a list"),
        (_set("walks[0]", "w17"), "walks[0]", "JSON object"),
        (_set("walks[0].id", ...), "walks[0].id", "missing"),
        (_set("walks[0].id", " "), "walks[0].id", "empty"),
        (_set("walks[0].start", "2026-12-03T14:00:00"), "walks[0].start", "no UTC offset"),
        (_set("walks[0].start", "2026-12-03"), "walks[0].start", "no UTC offset"),
        (_set("walks[0].start", "3 Dec 2026 2pm"), "walks[0].start", "ISO 8601"),
        (_set("walks[0].minutes", "30"), "walks[0].minutes", "whole number"),
        (_set("walks[0].minutes", 30.5), "walks[0].minutes", "whole number"),
        (_set("walks[0].minutes", True), "walks[0].minutes", "whole number"),
        (_set("walks[0].minutes", 0), "walks[0].minutes", "at least 1"),
        (_set("walks[0].participants", ["1107"]), "walks[0].participants", "coordinator '1042'"),
        (_set("walks[0].participants", "1042"), "walks[0].participants", "a list"),
        (_set("walks[0].participants", ["1042", 1107]), "walks[0].participants[1]", "roster id"),
        (_set("walks[0].participants", ["1042", "1042"]), "walks[0].participants", "twice"),
        (_set("walks[0].locked", "no"), "walks[0].locked", "true or false"),
        (_set("shortfalls[0].required", -1), "shortfalls[0].required", "at least 0"),
        (_set("shortfalls[0].reason", ...), "shortfalls[0].reason", "missing"),
    ],
)
def test_bad_json_names_the_field(data: Any, field: str | None, message: str) -> None:
    with pytest.raises(InputError) as caught:
        plan_from_json(json.dumps(data), "plan.json")
    assert (caught.value.file, caught.value.field, caught.value.row) == ("plan.json", field, None)
    assert message in caught.value.message


def test_a_walk_id_used_twice_is_refused() -> None:
    data = _example()
    data["walks"].append(dict(data["walks"][0]))
    with pytest.raises(InputError) as caught:
        plan_from_json(json.dumps(data), "plan.json")
    assert caught.value.field == "walks[1].id"


def test_the_error_for_a_later_walk_names_its_index() -> None:
    data = _example()
    data["walks"] += [dict(data["walks"][0], id=f"w{i}") for i in range(3)]
    data["walks"][3]["start"] = "2026-12-03 14:00"
    with pytest.raises(InputError) as caught:
        plan_from_json(json.dumps(data), "plan.json")
    assert str(caught.value).startswith("plan.json, field 'walks[3].start': ")


def test_invalid_json_gives_its_line_as_row() -> None:
    text = '{"month": "2026-12",\n "timezone": "America/New_York",\n "walks": [,]}'
    with pytest.raises(InputError) as caught:
        plan_from_json(text, "plan.json")
    assert (caught.value.row, caught.value.field) == (3, None)
    assert "not valid JSON" in caught.value.message


# --- Plan CSV -----------------------------------------------------------------------------------


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
    }
    assert rows[2]["locked"] == "yes"


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


# --- iCalendar ----------------------------------------------------------------------------------


@dataclass
class Component:
    """A parsed iCalendar component: enough structure to check what calendars rely on."""

    name: str
    lines: list[tuple[str, str, str]] = field(default_factory=list)  # (name, params, value)
    children: list[Component] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        return [value for line_name, _, value in self.lines if line_name == name]

    def value(self, name: str) -> str:
        [value] = self.values(name)
        return value

    def params(self, name: str) -> list[str]:
        return [params for line_name, params, _ in self.lines if line_name == name]

    def all(self, name: str) -> list[Component]:
        return [child for child in self.children if child.name == name]


CONTENT_LINE = re.compile(r'([A-Z][A-Z0-9-]*)((?:;[A-Z-]+=(?:"[^"]*"|[^";:,]*))*):(.*)')


def unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def parse_ics(text: str) -> Component:
    """Parse strictly: CRLF only, balanced BEGIN/END, every line `NAME;PARAM=...:value`."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    stack = [Component("")]
    for line in unfold(text):
        match = CONTENT_LINE.fullmatch(line)
        assert match, f"not a content line: {line!r}"
        name, params, value = match.groups()
        if name == "BEGIN":
            stack.append(Component(value))
        elif name == "END":
            done = stack.pop()
            assert done.name == value, f"END:{value} closes {done.name}"
            stack[-1].children.append(done)
        else:
            stack[-1].lines.append((name, params, value))
    [root] = stack
    [calendar] = root.children
    assert calendar.name == "VCALENDAR"
    return calendar


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def december_ics(**changes: Any) -> str:
    arguments = {
        "people": PEOPLE,
        "walk_names": WALK_NAMES,
        "district_name": "Fifth District",
        "stamp": STAMP,
    }
    return plan_to_ics(changes.pop("plan", december_plan()), **(arguments | changes))


def test_ics_calendar_header() -> None:
    calendar = parse_ics(december_ics())
    assert calendar.value("VERSION") == "2.0"
    assert calendar.value("CALSCALE") == "GREGORIAN"
    assert calendar.value("METHOD") == "PUBLISH"
    assert calendar.value("PRODID")
    assert december_ics().startswith("BEGIN:VCALENDAR\r\nPRODID:")


def test_ics_uses_crlf_and_folds_every_line_to_75_octets() -> None:
    text = december_ics()
    physical = text.split("\r\n")
    assert physical[-1] == ""
    assert max(len(line.encode()) for line in physical) <= 75
    assert any(line.startswith(" ") for line in physical), "the description should have needed folding"


def test_ics_unfolding_gives_back_the_long_description() -> None:
    [first, *_] = parse_ics(december_ics()).all("VEVENT")
    description = unescape(first.value("DESCRIPTION"))
    assert description.splitlines()[:4] == [
        "Squad walk, 30 minutes, Fifth District.",
        "Coordinator: Nguyễn Văn An (1042, sergeant)",
        "Participants:",
        "- Nguyễn Văn An (1042, sergeant)",
    ]
    assert "- Иванова Мария (1107, officer)" in description
    assert 'Log the walk in CAD as call type "community walk"' in description
    assert len(first.value("DESCRIPTION").encode()) > 75


def test_ics_one_event_per_walk_with_stable_uids() -> None:
    events = parse_ics(december_ics()).all("VEVENT")
    assert [event.value("UID") for event in events] == [
        "w1-2026-12@beatwalk",
        "w2-2026-12@beatwalk",
        "w3-2026-12@beatwalk",
    ]
    assert [event.value("SUMMARY") for event in events] == [
        "Squad walk",
        "Community Policing Unit walk",
        "Squad walk",
    ]
    assert {event.value("DTSTAMP") for event in events} == {"20261120T120000Z"}


def test_ics_is_reproducible_with_a_fixed_stamp() -> None:
    assert december_ics() == december_ics()


def test_ics_dtstamp_defaults_to_now_in_utc() -> None:
    text = plan_to_ics(december_plan(), PEOPLE, WALK_NAMES, "Fifth District")
    stamp = parse_ics(text).all("VEVENT")[0].value("DTSTAMP")
    parsed = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs((datetime.now(UTC) - parsed).total_seconds()) < 60


def test_ics_times_are_local_with_tzid() -> None:
    events = parse_ics(december_ics()).all("VEVENT")
    assert events[1].params("DTSTART") == [";TZID=America/New_York"]
    assert events[1].value("DTSTART") == "20261204T101500"
    assert events[1].value("DTEND") == "20261204T110000"


def test_ics_summer_and_winter_walks_keep_their_local_times() -> None:
    events = parse_ics(december_ics(plan=march_plan())).all("VEVENT")
    assert [event.value("DTSTART") for event in events] == ["20260306T140000", "20260310T140000"]


def test_ics_the_repeated_hour_of_a_fall_back_day_is_written_in_utc() -> None:
    second = datetime(2026, 11, 1, 1, 30, tzinfo=NEW_YORK, fold=1)  # 01:30 EST, after 01:30 EDT
    plan = Plan(Month(2026, 11), "America/New_York", (walk("w1", second, "1042"),))
    [event] = parse_ics(december_ics(plan=plan)).all("VEVENT")
    assert (event.params("DTSTART"), event.value("DTSTART")) == ([""], "20261101T063000Z")
    assert event.value("DTEND") == "20261101T020000"


def test_ics_vtimezone_for_new_york_has_standard_and_daylight() -> None:
    [zone] = parse_ics(december_ics()).all("VTIMEZONE")
    assert zone.value("TZID") == "America/New_York"
    daylight = zone.all("DAYLIGHT")
    standard = zone.all("STANDARD")
    assert daylight and standard
    spring = next(part for part in daylight if part.value("DTSTART") == "20260308T020000")
    assert (spring.value("TZOFFSETFROM"), spring.value("TZOFFSETTO"), spring.value("TZNAME")) == (
        "-0500",
        "-0400",
        "EDT",
    )
    autumn = next(part for part in standard if part.value("DTSTART") == "20261101T020000")
    assert (autumn.value("TZOFFSETFROM"), autumn.value("TZOFFSETTO"), autumn.value("TZNAME")) == (
        "-0400",
        "-0500",
        "EST",
    )
    # a year either side of December 2026, plus the offset in force when the window opens
    starts = sorted(part.value("DTSTART") for part in daylight + standard)
    assert starts == [
        "20251201T000000",
        "20260308T020000",
        "20261101T020000",
        "20270314T020000",
        "20271107T020000",
    ]


def test_ics_vtimezone_for_phoenix_has_only_standard() -> None:
    plan = Plan(Month(2026, 7), "America/Phoenix", (walk("w1", datetime(2026, 7, 1, 9, tzinfo=UTC), "1042"),))
    calendar = parse_ics(december_ics(plan=plan))
    [zone] = calendar.all("VTIMEZONE")
    assert zone.value("TZID") == "America/Phoenix"
    assert zone.all("DAYLIGHT") == []
    [standard] = zone.all("STANDARD")
    assert (standard.value("TZOFFSETFROM"), standard.value("TZOFFSETTO"), standard.value("TZNAME")) == (
        "-0700",
        "-0700",
        "MST",
    )
    assert calendar.all("VEVENT")[0].value("DTSTART") == "20260701T020000"


def test_ics_every_tzid_used_is_defined() -> None:
    calendar = parse_ics(december_ics())
    defined = {zone.value("TZID") for zone in calendar.all("VTIMEZONE")}
    used = {
        params.removeprefix(";TZID=")
        for event in calendar.all("VEVENT")
        for params in event.params("DTSTART") + event.params("DTEND")
    }
    assert used == defined


def test_ics_attendees_are_the_participants_with_an_email() -> None:
    events = parse_ics(december_ics()).all("VEVENT")
    assert events[0].values("ATTENDEE") == [
        "mailto:an.nguyen@pd.example.org",
        "mailto:m.ivanova@pd.example.org",
    ]
    assert events[0].params("ATTENDEE") == [
        ";CN=Nguyễn Văn An;ROLE=REQ-PARTICIPANT",
        ";CN=Иванова Мария;ROLE=REQ-PARTICIPANT",
    ]
    # Ayşe Demir has no email: named in the description only
    assert events[1].values("ATTENDEE") == ["mailto:jo.muller@pd.example.org"]
    assert "- Ayşe Demir (1300, officer)" in unescape(events[1].value("DESCRIPTION"))


def test_ics_organizer_is_the_coordinator_when_they_have_an_email() -> None:
    events = parse_ics(december_ics()).all("VEVENT")
    assert (events[0].params("ORGANIZER"), events[0].values("ORGANIZER")) == (
        [";CN=Nguyễn Văn An"],
        ["mailto:an.nguyen@pd.example.org"],
    )
    assert events[1].values("ORGANIZER") == []  # Ayşe Demir coordinates, without email


def test_ics_an_email_that_would_break_the_file_is_left_out() -> None:
    people = PEOPLE | {"1042": replace(PEOPLE["1042"], email="x@y.org\r\nATTENDEE:mailto:evil@example.org")}
    [first, *_] = parse_ics(december_ics(people=people)).all("VEVENT")
    assert first.values("ATTENDEE") == ["mailto:m.ivanova@pd.example.org"]
    assert first.values("ORGANIZER") == []


def test_ics_escapes_commas_semicolons_backslashes_and_newlines() -> None:
    names = {"squad": 'Squad walk, "north"; east\\west\nline two'}
    [first, *_] = parse_ics(december_ics(walk_names=names)).all("VEVENT")
    assert first.value("SUMMARY") == 'Squad walk\\, "north"\\; east\\\\west\\nline two'
    assert unescape(first.value("SUMMARY")) == names["squad"]
    assert escape_text("a\r\nb\x07c") == "a\\nbc"


def test_ics_quotes_names_with_special_characters_in_cn() -> None:
    events = parse_ics(december_ics()).all("VEVENT")
    assert events[1].params("ATTENDEE") == [';CN="Müller, Jo; Jr.";ROLE=REQ-PARTICIPANT']
    people = PEOPLE | {"1107": replace(PEOPLE["1107"], name='Mary "Moe": Smith')}
    [first, *_] = parse_ics(december_ics(people=people)).all("VEVENT")
    assert first.params("ATTENDEE")[1] == ";CN=\"Mary 'Moe': Smith\";ROLE=REQ-PARTICIPANT"


@pytest.mark.parametrize("text", ["a" * 200, "Nguyễn " * 40, "Иванова " * 40, "日本語" * 60, "x" + "é" * 100])
def test_folding_counts_octets_and_never_splits_a_character(text: str) -> None:
    line = f"DESCRIPTION:{text}"
    folded = fold_line(line)
    physical = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert folded.replace("\r\n ", "") == line


def test_short_lines_are_not_folded() -> None:
    assert fold_line("x" * 75) == "x" * 75
    assert fold_line("x" * 76) == "x" * 75 + "\r\n x"


# --- write_plan ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "start"), [(".json", "{"), (".csv", "id,type,"), (".ICS", "BEGIN:VCALENDAR")]
)
def test_write_plan_chooses_the_format_by_suffix(tmp_path: Path, suffix: str, start: str) -> None:
    target = tmp_path / f"plan{suffix}"
    write_plan(december_plan(), target, PEOPLE, WALK_NAMES, "Fifth District")
    assert target.read_bytes().decode("utf-8").startswith(start)


def test_write_plan_json_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    write_plan(december_plan(), target, PEOPLE, WALK_NAMES, "Fifth District")
    assert plan_from_json(target.read_text(encoding="utf-8"), str(target)) == december_plan()


def test_write_plan_refuses_an_unknown_suffix_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "plan.txt"
    with pytest.raises(InputError) as caught:
        write_plan(december_plan(), target, PEOPLE, WALK_NAMES, "Fifth District")
    assert (caught.value.file, caught.value.field) == (str(target), "--out")
    assert caught.value.message == "output must end in .json, .csv or .ics"
    assert os.listdir(tmp_path) == []


def test_write_plan_into_a_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.json"
    with pytest.raises(InputError) as caught:
        write_plan(december_plan(), target, PEOPLE, WALK_NAMES, "Fifth District")
    assert caught.value.field == "--out"
    assert "cannot write" in caught.value.message
    assert os.listdir(tmp_path) == []
