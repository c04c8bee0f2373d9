"""When a post-incident walk may start, and which incidents still owe one: stated once for the
placement, the planner's shortfalls and the validator.

The guide asks for a walk within 24 hours of every homicide and shooting. Not straight away: the
district waits `post_incident_delay_hours` (the scene is worked first), and a walk at 23:00 meets
nobody, so the walk starts inside the district's walk hours wherever the 24 hours allow it. Only
when no start inside walk hours is left in the window may it start outside them. Holidays and
workdays do not matter: the walk follows the incident, not the calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import District, PlanningProblem, Shortfall, Walk
from scheduler.domain.availability import at_minutes
from scheduler.domain.incidents import POST_INCIDENT, WITHIN, Incident
from scheduler.rules.hard_rules import STEP_MINUTES, start_minutes


@dataclass(frozen=True)
class Window:
    """Where the walk after one incident may go: [earliest, latest] for its start (aware, UTC)."""

    earliest: datetime
    latest: datetime

    def holds(self, start: datetime) -> bool:
        return self.earliest <= start.astimezone(UTC) <= self.latest


def window(district: District, incident: Incident, not_before: datetime | None = None) -> Window:
    """From the delay after the incident (or `not_before`, if later) to the last start that still
    ends within 24 real hours of it, even across a clock change."""
    occurred = incident.occurred_at.astimezone(UTC)
    earliest = occurred + timedelta(hours=district.post_incident_delay_hours)
    if not_before is not None:
        earliest = max(earliest, not_before.astimezone(UTC))
    latest = occurred + WITHIN - timedelta(minutes=district.post_incident_minutes)
    return Window(earliest, latest)


def humane_starts(
    district: District, incident: Incident, not_before: datetime | None = None
) -> list[datetime]:
    """Quarter-hour starts inside walk hours within the window, earliest first (local time)."""
    tz = ZoneInfo(district.timezone)
    span = window(district, incident, not_before)
    first = incident.occurred_at.astimezone(tz).date()
    return [
        start
        for offset in range(3)  # the window touches the incident's day and the two after it
        for minute in start_minutes(district, district.post_incident_minutes)
        if span.holds(start := at_minutes(first + timedelta(days=offset), minute, tz))
    ]


def any_starts(district: District, incident: Incident, not_before: datetime | None = None) -> list[datetime]:
    """Every quarter-hour start (of the UTC clock) within the window, earliest first: the fall-back
    when no start inside walk hours is left."""
    tz = ZoneInfo(district.timezone)
    span = window(district, incident, not_before)
    step = timedelta(minutes=STEP_MINUTES)
    start = span.earliest.replace(second=0, microsecond=0)
    start += timedelta(minutes=-start.minute % STEP_MINUTES)
    if start < span.earliest:
        start += step
    starts = []
    while start <= span.latest:
        starts.append(start.astimezone(tz))
        start += step
    return starts


def incident_period(incident: Incident) -> str:
    """The shortfall period that names a missing walk: one walk per incident."""
    return f"incident {incident.id}"


def unwalked(problem: PlanningProblem, walks: Iterable[Walk]) -> list[Incident]:
    """The problem's incidents that none of `walks` follows."""
    walked = {problem.incident_walks.get(walk.id) for walk in walks if walk.type == POST_INCIDENT}
    return [incident for incident in problem.incidents if incident.id not in walked]


def missing_walk(incident: Incident, timezone: str) -> Shortfall:
    """The shortfall of an incident without its walk; it is listed in every plan of the month
    until the walk exists."""
    when = incident.occurred_at.astimezone(ZoneInfo(timezone))
    reason = (
        f"post-incident walk after {incident.kind} {incident.id} of {when:%Y-%m-%d %H:%M}: "
        "no walk is planned (nobody who can coordinate it could come within its 24 hours)"
    )
    return Shortfall(POST_INCIDENT, incident_period(incident), 1, 0, reason)
