"""Talking points for the neighborhood: what officers can mention and where residents can turn.

The guide asks the agency to prepare talking points specific to the neighborhood: its places, the
groups residents can join, what is coming up, the services with their phone numbers, and what the
incident figures say, in sentences an officer can repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from scheduler.domain.incident_figures import IncidentFigures, incident_sentences
from scheduler.domain.neighborhood import Event, Group, Landmark, Profile, Resource

UPCOMING_DAYS = 30  # events from the reference day through this many days after it


@dataclass(frozen=True)
class TalkingPoints:
    neighborhood: str
    day: date  # the reference day: incident windows end the day before, events start on it
    landmarks: tuple[Landmark, ...]
    groups: tuple[Group, ...]
    events: tuple[Event, ...]  # upcoming, soonest first
    resources: tuple[Resource, ...]
    incidents: tuple[str, ...]  # sentences
    figures: IncidentFigures


def talking_points(
    neighborhood: str, profile: Profile, figures: IncidentFigures, upcoming_days: int = UPCOMING_DAYS
) -> TalkingPoints:
    """The talking points on `figures.day`: events of that day and of the `upcoming_days` after it
    (an event on the day of a walk is the first one worth mentioning)."""
    day = figures.day
    last = day + timedelta(days=upcoming_days)
    events = sorted((event for event in profile.events if day <= event.date <= last), key=lambda e: e.date)
    return TalkingPoints(
        neighborhood=neighborhood,
        day=day,
        landmarks=profile.landmarks,
        groups=profile.groups,
        events=tuple(events),
        resources=profile.resources,
        incidents=incident_sentences(figures),
        figures=figures,
    )
