"""Holidays from an iCalendar file (RFC 5545), as agencies and cities publish them.

A holiday is an all-day event (`DTSTART;VALUE=DATE`); one spanning several days covers each of
them (`DTEND` is exclusive, as in every calendar program). Outlook writes all-day events as
midnight-to-midnight times, so those count as whole days too; an event at another time of day is
refused, since half a day off is not a holiday the planner can honour. Yearly repeating events
(`RRULE:FREQ=YEARLY`, with `EXDATE` and `RDATE`) are expanded up to a given last day: an
open-ended rule has no last occurrence to store. Cancelled events are left out. Any problem stops
the import with one line naming the file and the event, so the import is all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from dateutil.rrule import rrulestr

from scheduler.domain.errors import InputError
from scheduler.domain.months import check_year
from scheduler.formats.files import read_text

if TYPE_CHECKING:  # the library itself is imported where a file is read: it slowed the app's start
    from icalendar import Event, vRecur

MAX_EVENT_DAYS = 31  # a longer "holiday" is a mistake in the file: it would stop all walks for months


def load_holidays(path: str | Path, *, repeat_through: date) -> frozenset[date]:
    """The days off the file's events cover; repeating events up to `repeat_through`."""
    return parse_holidays(read_text(path), str(path), repeat_through=repeat_through)


def parse_holidays(text: str, file: str, *, repeat_through: date) -> frozenset[date]:
    """The days off of iCalendar `text`; `file` only names the source in error messages."""
    from icalendar import Calendar

    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except ValueError as error:
        raise InputError(file, f"is not an iCalendar file ({_first_line(error)})") from None
    events = [event for calendar in calendars for event in calendar.events]
    if not events:
        raise InputError(file, "holds no events (VEVENT): there is no holiday to import")
    days: set[date] = set()
    for event in events:
        if str(event.get("STATUS", "")).upper() != "CANCELLED":
            days.update(_event_days(event, file, repeat_through))
    if not days:
        raise InputError(file, "holds only cancelled events: there is no holiday to import")
    for day in days:
        try:
            check_year(day.year)
        except ValueError as error:
            raise InputError(file, f"holiday {day.isoformat()}: {error}") from None
    return frozenset(days)


def _event_days(event: Event, file: str, repeat_through: date) -> Iterator[date]:
    name = _name(event)
    try:
        start, end = event.start, event.end
    except ValueError as error:  # no DTSTART, or a date that is not one
        raise InputError(file, f"{name}: {_first_line(error)}", field="DTSTART") from None
    first, length = _whole_days(start, end, name, file)
    for occurrence in _occurrences(event, first, name, file, repeat_through):
        yield from (occurrence + timedelta(days=i) for i in range(length))


def _whole_days(start: date, end: date, name: str, file: str) -> tuple[date, int]:
    """The event's first day and how many days it covers."""
    if isinstance(start, datetime) or isinstance(end, datetime):
        if not (
            isinstance(start, datetime)
            and isinstance(end, datetime)
            and start.time() == end.time() == time(0, 0)
        ):
            message = (
                f"{name} starts at {start.isoformat()}: a holiday is an all-day event (DTSTART;VALUE=DATE)"
            )
            raise InputError(file, message, field="DTSTART")
        start, end = start.date(), end.date()
    length = (end - start).days
    if length < 1:
        raise InputError(file, f"{name} ends before it starts", field="DTEND")
    if length > MAX_EVENT_DAYS:
        message = f"{name} lasts {length} days; a holiday lasts at most {MAX_EVENT_DAYS} (is DTEND right?)"
        raise InputError(file, message, field="DTEND")
    return start, length


def _occurrences(event: Event, first: date, name: str, file: str, repeat_through: date) -> Iterator[date]:
    """The first day of each occurrence: the event's own, its yearly repeats up to `repeat_through`
    and its RDATEs, less its EXDATEs."""
    excluded = {_day(moment) for moment in event.exdates}
    starts = {first, *(_day(moment[0]) for moment in event.rdates)}
    for rule in event.rrules:
        starts.update(_yearly(rule, first, name, file, repeat_through))
    yield from sorted(starts - excluded)


def _yearly(rule: vRecur, first: date, name: str, file: str, repeat_through: date) -> Iterator[date]:
    frequency = [str(value).upper() for value in rule.get("FREQ", [])]
    if frequency != ["YEARLY"]:
        shown = "/".join(frequency) or "no FREQ"
        message = f"{name} repeats {shown}: only holidays repeating yearly (FREQ=YEARLY) can be imported"
        raise InputError(file, message, field="RRULE")
    from icalendar import vRecur

    plain = vRecur(dict(rule))
    if "UNTIL" in plain:  # dateutil wants UNTIL as naive as DTSTART: the day is what counts
        plain["UNTIL"] = [_day(until) for until in plain["UNTIL"]]
    rule_text: Callable[[], bytes] = plain.to_ical  # the library leaves this one method unannotated
    try:
        recurrence = rrulestr(rule_text().decode(), dtstart=datetime.combine(first, time(0, 0)))
    except (ValueError, TypeError) as error:
        raise InputError(file, f"{name}: {_first_line(error)}", field="RRULE") from None
    for moment in recurrence:
        day = moment.date()
        if day > repeat_through:
            return
        yield day


def _day(moment: date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def _name(event: Event) -> str:
    summary = str(event.get("SUMMARY", "")).strip()
    return f"event {summary[:60]!r}" if summary else "an event without SUMMARY"


def _first_line(error: Exception) -> str:
    """The library's message, short and on one line (it may quote the file's text)."""
    text = str(error).strip()
    line = text.splitlines()[0] if text else type(error).__name__
    return line if len(line) <= 120 else line[:117] + "..."
