"""The plan as an RFC 5545 calendar that Outlook and Google Calendar import, one event per walk.

Built with the `icalendar` library, which escapes, quotes and folds every line; what is ours is which
events a calendar program sees as the same: an event's UID names the district's calendar id, the
month and the walk id, so a re-exported month updates the events people imported before (walk ids
are kept across re-plans), and its SEQUENCE (stored per walk) rises whenever the walk's time,
meeting point or people change, which is what makes Outlook and Google take the update.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from scheduler.domain import Month, Partner, Person, Plan, Walk
from scheduler.domain.neighborhood import MeetingPoint
from scheduler.formats.times import aware, local, local_end

if TYPE_CHECKING:  # the library itself is imported where a file is written: it slowed the app's start
    from icalendar import Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress

DEFAULT_CALL_TYPE = "community walk"
PRODID = "-//Beatwalk//Beatwalk community walk planner//EN"

# Calendar ids of plans made from files (no database to keep a random one) are derived from the
# district's name in this namespace: the same name gives the same UIDs on every run and machine.
FILE_CALENDARS = uuid.UUID("5b0c3c1e-8f2d-4a57-9d0e-6a1f0b7c2e44")


def file_calendar_id(district_name: str) -> str:
    """The calendar id of a district planned from files: stable for its name (see FILE_CALENDARS)."""
    return str(uuid.uuid5(FILE_CALENDARS, district_name.strip().casefold()))


@dataclass(frozen=True)
class CalendarDetails:
    """What a calendar shows beyond the plan and the people.

    `calendar_id` is the district's id (a UUID stored with it in the database; None: derived from
    the district's name, for plans made from files); `meeting_points` give LOCATION its coordinates;
    `stamp` is the export run's DTSTAMP (None: now).
    """

    calendar_id: str | None = None
    call_type: str = DEFAULT_CALL_TYPE
    meeting_points: Sequence[MeetingPoint] = ()
    stamp: datetime | None = None


def plan_to_ics(
    plan: Plan,
    people: Mapping[str, Person],
    walk_names: Mapping[str, str],
    district_name: str,
    stamp: datetime | None = None,
    call_type: str = DEFAULT_CALL_TYPE,
    *,
    calendar_id: str | None = None,
    meeting_points: Sequence[MeetingPoint] = (),
    partners: Sequence[Partner] = (),
) -> str:
    """An RFC 5545 calendar, one event per walk, that Outlook and Google Calendar import.

    `stamp` (DTSTAMP) defaults to now; pass it to get the same bytes from the same plan.
    """
    zone = ZoneInfo(plan.timezone)
    stamp = datetime.now(UTC) if stamp is None else aware(stamp).astimezone(UTC)
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", clean_text(f"{district_name} walks {plan.month}"))
    calendar.add("x-wr-timezone", plan.timezone)
    calendar.add_component(_vtimezone(plan.timezone, _covered_months(plan, zone)))
    context = _Context(
        plan=plan,
        zone=zone,
        people=people,
        walk_names=walk_names,
        district_name=district_name,
        calendar_id=calendar_id or file_calendar_id(district_name),
        call_type=call_type,
        places={point.name: point for point in meeting_points},
        partners={partner.name: partner for partner in partners},
        stamp=stamp,
    )
    for walk in plan.walks:
        calendar.add_component(context.event(walk))
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")


def walk_uid(calendar_id: str, month: Month, walk: Walk) -> str:
    """Unique across districts and databases (the calendar id), stable across re-plans (walk ids
    are kept) and exports."""
    return f"{calendar_id}-{month}-{walk.id}@beatwalk"


def clean_text(value: str) -> str:
    """TEXT may not hold control characters other than newlines (the library escapes the rest)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value)


def _param(value: str) -> str:
    """A parameter value such as CN: no control characters, and a double quote (which Outlook does
    not read in RFC 6868's ^' form) becomes a single one; the library quotes ; : and ,"""
    return re.sub(r"[\x00-\x1f\x7f]", " ", value).replace('"', "'")


_EMAIL = re.compile(r"[^\s@<>\"(),:;\\]+@[^\s@<>\"(),:;\\]+\.[^\s@<>\"(),:;\\]+")


def _mailto(email: str) -> str | None:
    """Only a plausible address becomes a calendar address: a roster typo must not break the file."""
    return f"mailto:{email.strip()}" if _EMAIL.fullmatch(email.strip()) else None


def _address(name: str, email: str, **params: str) -> vCalAddress | None:
    mailto = _mailto(email)
    if mailto is None:
        return None
    from icalendar import vCalAddress

    address = vCalAddress(mailto)
    address.params["CN"] = _param(name)
    for key, value in params.items():
        address.params[key.upper()] = value
    return address


@dataclass(frozen=True)
class _Context:
    """Everything an event is built from besides its walk."""

    plan: Plan
    zone: ZoneInfo
    people: Mapping[str, Person]
    walk_names: Mapping[str, str]
    district_name: str
    calendar_id: str
    call_type: str
    places: Mapping[str, MeetingPoint]
    partners: Mapping[str, Partner]
    stamp: datetime

    def event(self, walk: Walk) -> Event:
        from icalendar import Event

        event = Event()
        event.add("uid", walk_uid(self.calendar_id, self.plan.month, walk))
        event.add("dtstamp", self.stamp)
        event.add("sequence", walk.sequence)
        event.add("dtstart", _ics_time(walk.start, self.zone))
        event.add("dtend", _ics_time(local_end(walk, self.zone), self.zone))
        event.add("summary", clean_text(self.type_name(walk)))
        if walk.meeting_point:
            event.add("location", clean_text(walk.meeting_point))
            point = self.places.get(walk.meeting_point)
            if point is not None:
                event.add("geo", (point.latitude, point.longitude))
        event.add("description", clean_text(self.description(walk)))
        organizer = self.person_address(walk.coordinator)
        if organizer is not None:
            event.add("organizer", organizer, encode=False)
        for attendee in self.attendees(walk):
            event.add("attendee", attendee, encode=False)
        return event

    def type_name(self, walk: Walk) -> str:
        return self.walk_names.get(walk.type, walk.type)

    def label(self, walk: Walk, person_id: str) -> str:
        person = self.people.get(person_id)
        text = f"{person.name} ({person.id}, {person.rank})" if person else person_id
        return text + (" - called in off duty" if person_id in walk.called_in else "")

    def description(self, walk: Walk) -> str:
        lines = [
            f"{self.type_name(walk)}, {walk.minutes} minutes, {self.district_name}.",
            *([f"Meeting point: {walk.meeting_point}"] if walk.meeting_point else []),
            f"Coordinator: {self.label(walk, walk.coordinator)}",
            "Participants:",
            *(f"- {self.label(walk, person_id)}" for person_id in walk.participants),
        ]
        if walk.partners:
            lines += ["Invited partners:", *(f"- {self.partner_label(name)}" for name in walk.partners)]
        return "\n".join(
            [
                *lines,
                "",
                "Walk and talk with residents: positive contact, not investigative or field contacts.",
                f'Log the walk in CAD as call type "{self.call_type}", with at least one photo.',
            ]
        )

    def partner_label(self, name: str) -> str:
        partner = self.partners.get(name)
        return f"{name} ({partner.organization})" if partner and partner.organization else name

    def person_address(self, person_id: str, **params: str) -> vCalAddress | None:
        """ORGANIZER and ATTENDEE need an address; without one a person is named in DESCRIPTION only."""
        person = self.people.get(person_id)
        return None if person is None else _address(person.name, person.email, **params)

    def attendees(self, walk: Walk) -> Iterator[vCalAddress]:
        for person_id in walk.participants:
            address = self.person_address(person_id, role="REQ-PARTICIPANT")
            if address is not None:
                yield address
        for name in walk.partners:
            partner = self.partners.get(name)
            address = (
                None if partner is None else _address(partner.name, partner.email, role="OPT-PARTICIPANT")
            )
            if address is not None:
                yield address


def _ics_time(moment: datetime, zone: ZoneInfo) -> datetime:
    """The local time (written with TZID), or UTC for the repeated hour of a fall-back day.

    RFC 5545 reads an ambiguous local time as its first occurrence, so the second one is only
    unambiguous in UTC.
    """
    here = local(moment, zone)
    return moment.astimezone(UTC) if here.fold else here


def _covered_months(plan: Plan, zone: ZoneInfo) -> list[Month]:
    starts = [local(walk.start, zone).date() for walk in plan.walks]
    return [plan.month, *(Month(day.year, day.month) for day in starts)]


# --- VTIMEZONE ----------------------------------------------------------------------------------


def _vtimezone(zone_name: str, months: Sequence[Month]) -> Timezone:
    """A VTIMEZONE listing the zone's real offset changes from a year before to a year after `months`.

    Listing the transitions themselves (no RRULE) is exact even where a zone changed its rules; the
    first observance states the offset at the window's start, so a zone without DST gets one STANDARD.
    """
    zone = ZoneInfo(zone_name)
    first, after = min(months), max(months).next()
    start = datetime(first.year - 1, first.month, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(after.year + 1, after.month, 1, tzinfo=zone).astimezone(UTC)
    from icalendar import Timezone

    timezone = Timezone()
    timezone.add("tzid", zone_name)
    timezone.add_component(_observance(zone, start, _offset(zone, start)))
    for change in _offset_changes(zone, start, end):
        timezone.add_component(_observance(zone, change, _offset(zone, change - timedelta(seconds=1))))
    return timezone


def _offset_changes(zone: ZoneInfo, start: datetime, end: datetime) -> Iterator[datetime]:
    """The UTC instants in [start, end) at which the zone's UTC offset changes."""
    moment = start
    while moment < end:
        following = min(moment + timedelta(days=1), end)
        if _offset(zone, moment) != _offset(zone, following):
            yield _first_instant_of_new_offset(zone, moment, following)
        moment = following


def _first_instant_of_new_offset(zone: ZoneInfo, before: datetime, after: datetime) -> datetime:
    """Bisect to the second; offsets change at most once a day, so one change lies in between."""
    low, high = int(before.timestamp()), int(after.timestamp())
    old = _offset(zone, before)
    while high - low > 1:
        middle = (low + high) // 2
        if _offset(zone, datetime.fromtimestamp(middle, UTC)) == old:
            low = middle
        else:
            high = middle
    return datetime.fromtimestamp(high, UTC)


def _observance(
    zone: ZoneInfo, moment: datetime, offset_before: timedelta
) -> TimezoneStandard | TimezoneDaylight:
    """STANDARD or DAYLIGHT from `moment` on; DTSTART is the wall-clock time just before the change."""
    here = moment.astimezone(zone)
    from icalendar import TimezoneDaylight, TimezoneStandard

    observance = TimezoneDaylight() if here.dst() else TimezoneStandard()
    observance.add("dtstart", (moment.astimezone(UTC) + offset_before).replace(tzinfo=None))
    observance.add("tzoffsetfrom", offset_before)
    observance.add("tzoffsetto", _offset(zone, moment))
    observance.add("tzname", here.tzname() or zone.key)
    return observance


def _offset(zone: ZoneInfo, moment: datetime) -> timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None  # a ZoneInfo always has one
    return offset
