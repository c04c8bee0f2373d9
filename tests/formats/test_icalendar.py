"""iCalendar for calendar programs, parsed strictly: folding, time zones, attendees, escaping."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import icalendar
import pytest

from scheduler.domain import Month, Partner, Plan
from scheduler.domain.neighborhood import MeetingPoint
from scheduler.formats.icalendar import clean_text, file_calendar_id, plan_to_ics
from tests.formats.plan_examples import NEW_YORK, PEOPLE, STAMP, WALK_NAMES, december_plan, march_plan, walk


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
    assert december_ics().startswith("BEGIN:VCALENDAR\r\n")


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
    calendar = file_calendar_id("Fifth District")  # planned from files: derived from the name
    assert [event.value("UID") for event in events] == [
        f"{calendar}-2026-12-w1@beatwalk",
        f"{calendar}-2026-12-w2@beatwalk",
        f"{calendar}-2026-12-w3@beatwalk",
    ]
    assert file_calendar_id("Fifth District") != file_calendar_id("Sixth District")
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
        ';CN="Nguyễn Văn An";ROLE=REQ-PARTICIPANT',  # the library quotes non-ASCII values
        ';CN="Иванова Мария";ROLE=REQ-PARTICIPANT',
    ]
    # Ayşe Demir has no email: named in the description only
    assert events[1].values("ATTENDEE") == ["mailto:jo.muller@pd.example.org"]
    assert "- Ayşe Demir (1300, officer)" in unescape(events[1].value("DESCRIPTION"))


def test_ics_organizer_is_the_coordinator_when_they_have_an_email() -> None:
    events = parse_ics(december_ics()).all("VEVENT")
    assert (events[0].params("ORGANIZER"), events[0].values("ORGANIZER")) == (
        [';CN="Nguyễn Văn An"'],
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
    assert clean_text("a\r\nb\x07c") == "a\nbc"


def test_ics_quotes_names_with_special_characters_in_cn() -> None:
    events = parse_ics(december_ics()).all("VEVENT")
    assert events[1].params("ATTENDEE") == [';CN="Müller, Jo; Jr.";ROLE=REQ-PARTICIPANT']
    people = PEOPLE | {"1107": replace(PEOPLE["1107"], name='Mary "Moe": Smith')}
    [first, *_] = parse_ics(december_ics(people=people)).all("VEVENT")
    assert first.params("ATTENDEE")[1] == ";CN=\"Mary 'Moe': Smith\";ROLE=REQ-PARTICIPANT"


@pytest.mark.parametrize("text", ["a" * 200, "Nguyễn " * 40, "Иванова " * 40, "日本語" * 60, "x" + "é" * 100])
def test_folding_counts_octets_and_never_splits_a_character(text: str) -> None:
    names = {"squad": text}
    ics = december_ics(walk_names=names)
    physical = ics.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in physical)
    [first, *_] = parse_ics(ics).all("VEVENT")
    assert first.value("SUMMARY") == text


# --- Read back with the icalendar library, as calendar programs read it ---------------------------

MARKET = MeetingPoint("Plaza; Market, North", 39.2904, -76.6122, sector="North")


def library_events(text: str) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def test_ics_location_is_the_meeting_point_with_its_coordinates() -> None:
    plan = december_plan()
    walks = (
        replace(plan.walks[0], meeting_point=MARKET.name),
        replace(plan.walks[1], meeting_point="Old Mill"),
    )
    text = december_ics(plan=replace(plan, walks=(*walks, plan.walks[2])), meeting_points=(MARKET,))
    first, second, third = library_events(text)
    assert str(first["LOCATION"]) == "Plaza; Market, North"
    assert (first["GEO"].latitude, first["GEO"].longitude) == (39.2904, -76.6122)
    assert str(second["LOCATION"]) == "Old Mill" and "GEO" not in second  # no coordinates known
    assert "LOCATION" not in third
    assert "Meeting point: Plaza; Market, North" in str(first["DESCRIPTION"])


def test_ics_description_uses_the_call_type_and_marks_called_in_people_and_partners() -> None:
    plan = december_plan()
    partners = (
        Partner("Rev. Ada Okafor", organization="Eastside Churches", email="ada@churches.example.org"),
        Partner("City Council Office"),  # no email: listed, not invited by mail
    )
    incident_walk = replace(
        plan.walks[0], called_in=("1107",), partners=("Rev. Ada Okafor", "City Council Office")
    )
    text = december_ics(
        plan=replace(plan, walks=(incident_walk,)), call_type="Walk & Talk", partners=partners
    )
    [event] = library_events(text)
    description = str(event["DESCRIPTION"])
    assert 'Log the walk in CAD as call type "Walk & Talk"' in description
    assert "- Иванова Мария (1107, officer) - called in off duty" in description
    assert "- Nguyễn Văn An (1042, sergeant)\n" in description  # on duty: not marked
    assert "Invited partners:\n- Rev. Ada Okafor (Eastside Churches)\n- City Council Office" in description
    attendees = [str(address) for address in event["ATTENDEE"]]
    assert attendees == [
        "mailto:an.nguyen@pd.example.org",
        "mailto:m.ivanova@pd.example.org",
        "mailto:ada@churches.example.org",
    ]


def test_ics_uid_and_sequence_read_back() -> None:
    plan = december_plan()
    walks = (replace(plan.walks[0], sequence=3), *plan.walks[1:])
    events = library_events(december_ics(plan=replace(plan, walks=walks), calendar_id="d-1"))
    assert [str(event["UID"]) for event in events] == [
        "d-1-2026-12-w1@beatwalk",
        "d-1-2026-12-w2@beatwalk",
        "d-1-2026-12-w3@beatwalk",
    ]
    assert [event["SEQUENCE"] for event in events] == [3, 0, 0]


def test_ics_round_trips_a_non_ascii_name_with_commas_and_semicolons() -> None:
    name = "Zoë O'Brien-Núñez, Jr.; Иванова \\ 日本"
    people = PEOPLE | {"1042": replace(PEOPLE["1042"], name=name)}
    names = {"squad": "Squad walk, north; east"}
    [first, *_] = library_events(december_ics(people=people, walk_names=names))
    assert str(first["SUMMARY"]) == "Squad walk, north; east"
    assert f"Coordinator: {name} (1042, sergeant)" in str(first["DESCRIPTION"])
    assert first["ORGANIZER"].params["CN"] == name
