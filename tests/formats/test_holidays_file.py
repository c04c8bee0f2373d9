"""Holidays from iCalendar text: whole days, Outlook's midnight-to-midnight events, durations,
yearly repeats with their exceptions, and cancelled events."""

from __future__ import annotations

from datetime import date

import pytest

from scheduler.domain.errors import InputError
from scheduler.formats.holidays import parse_holidays

THROUGH = date(2030, 12, 31)


def days(*events: str) -> list[date]:
    text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//t//EN", *events, "END:VCALENDAR"])
    return sorted(parse_holidays(text, "holidays.ics", repeat_through=THROUGH))


def event(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VEVENT", "SUMMARY:Holiday", *lines, "END:VEVENT"])


def test_an_all_day_event_without_an_end_is_one_day():
    assert days(event("DTSTART;VALUE=DATE:20261225")) == [date(2026, 12, 25)]


def test_dtend_is_exclusive_and_duration_counts_too():
    assert days(event("DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261226")) == [
        date(2026, 12, 24),
        date(2026, 12, 25),
    ]
    assert days(event("DTSTART;VALUE=DATE:20261224", "DURATION:P3D")) == [
        date(2026, 12, 24),
        date(2026, 12, 25),
        date(2026, 12, 26),
    ]


def test_outlooks_midnight_to_midnight_events_are_whole_days():
    outlook = event(
        "DTSTART;TZID=America/New_York:20261225T000000", "DTEND;TZID=America/New_York:20261226T000000"
    )
    assert days(outlook) == [date(2026, 12, 25)]


def test_a_yearly_event_repeats_through_the_last_day_less_its_exceptions():
    yearly = event("DTSTART;VALUE=DATE:20261225", "RRULE:FREQ=YEARLY", "EXDATE;VALUE=DATE:20281225")
    assert days(yearly) == [date(year, 12, 25) for year in (2026, 2027, 2029, 2030)]
    counted = event("DTSTART;VALUE=DATE:20270101", "RRULE:FREQ=YEARLY;COUNT=2")
    assert days(counted) == [date(2027, 1, 1), date(2028, 1, 1)]


def test_cancelled_events_are_left_out():
    cancelled = event("DTSTART;VALUE=DATE:20261224", "STATUS:CANCELLED")
    assert days(cancelled, event("DTSTART;VALUE=DATE:20261225")) == [date(2026, 12, 25)]
    with pytest.raises(InputError, match="only cancelled events"):
        days(cancelled)


@pytest.mark.parametrize(
    ("lines", "field", "message"),
    [
        (("DTSTART;VALUE=DATE:20260101", "DTEND;VALUE=DATE:20260301"), "DTEND", "lasts 59 days"),
        (("DTSTART;VALUE=DATE:20261225", "RRULE:FREQ=WEEKLY"), "RRULE", "repeats WEEKLY"),
        (("DTSTART;VALUE=DATE:22010101",), None, "year 2201 is outside 1900 to 2200"),
    ],
)
def test_mistakes_are_one_line_naming_the_file(lines, field, message):
    with pytest.raises(InputError, match=message) as info:
        days(event(*lines))
    assert (info.value.file, info.value.field) == ("holidays.ics", field)
    assert "\n" not in str(info.value)
