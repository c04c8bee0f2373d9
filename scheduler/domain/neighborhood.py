"""The neighborhood's own facts, from its profile: where walks meet, what residents know, who to
call. Talking points, briefings and the calendar read them; the planner rotates walks over the
meeting points."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shapely import MultiPolygon, Polygon


@dataclass(frozen=True)
class Place:
    """A named point in the neighborhood (WGS 84); `sector` names one of the boundary's sectors."""

    name: str
    latitude: float
    longitude: float
    sector: str | None = None


@dataclass(frozen=True)
class MeetingPoint(Place):
    """Where a walk starts."""


@dataclass(frozen=True)
class Landmark(Place):
    """A place residents know, to talk about and to find one's way by."""


@dataclass(frozen=True)
class SectorArea:
    """A sector of the neighborhood as an area to test points against (WGS 84: x is longitude, y
    latitude): talking points say in which sector incidents happened."""

    name: str
    area: Polygon | MultiPolygon


@dataclass(frozen=True)
class Group:
    """A community group officers can name and contact."""

    name: str
    contact: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Event:
    """An upcoming community event: when and where."""

    name: str
    date: date
    place: str = ""


@dataclass(frozen=True)
class Resource:
    """A service officers can point residents to, with its phone number."""

    name: str
    service: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Profile:
    """Everything the district's neighborhood profile says; empty until one is imported."""

    meeting_points: tuple[MeetingPoint, ...] = ()
    landmarks: tuple[Landmark, ...] = ()
    groups: tuple[Group, ...] = ()
    events: tuple[Event, ...] = ()
    resources: tuple[Resource, ...] = ()
