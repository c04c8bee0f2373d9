"""The neighborhood's profile in the store: meeting points and landmarks (`places`), community
groups, events and resources, replaced as a whole by each import."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, time
from typing import TypeVar

from sqlalchemy.orm import Session

from scheduler.domain.neighborhood import Event, Group, Landmark, MeetingPoint, Place, Profile, Resource
from scheduler.store.database import Database
from scheduler.store.neighborhood import _neighborhood
from scheduler.store.neighborhood_saves import checked_save
from scheduler.store.queries import district_row
from scheduler.store.schema import (
    CommunityEventRow,
    CommunityGroupRow,
    CommunityResourceRow,
    NeighborhoodRow,
    PlaceRow,
)
from scheduler.store.versions import Versioned, touch

MEETING_POINT, LANDMARK = "meeting_point", "landmark"
P = TypeVar("P", bound=Place)


def save_profile(db: Database, district_id: int, profile: Profile, source_file: str) -> bool:
    """Make `profile` the district's neighborhood profile, all or nothing; returns whether it
    replaced one. The boundary and sectors stay as they are."""
    with db.import_session(source_file) as session:
        row = neighborhood_row(session, district_id)
        replaced = bool(row.places or row.community_groups or row.community_events)
        replaced = replaced or bool(row.community_resources)
        set_places(row, profile.meeting_points, profile.landmarks)
        _set_community(row, profile)
        touch(row, None)
        session.flush()
        return replaced


def save_community(
    db: Database, district_id: int, profile: Profile, expected_version: int | None, user: str
) -> int:
    """Make the profile's groups, events and resources the district's; its places stay as stored
    (the map edits those). Returns the new version; NeighborhoodConflict if the stored one is not
    `expected_version`."""
    return checked_save(db, district_id, expected_version, user, lambda _, row: _set_community(row, profile))


def neighborhood_row(session: Session, district_id: int) -> NeighborhoodRow:
    """The district's neighborhood row, added if it has none yet."""
    district = district_row(session, district_id)
    row = _neighborhood(session, district)
    if row is None:
        row = NeighborhoodRow(district_id=district.id, name=district.name)
        session.add(row)
    return row


def set_places(row: NeighborhoodRow, meeting_points: Iterable[Place], landmarks: Iterable[Place]) -> None:
    row.places = [
        *(_place_row(MEETING_POINT, point) for point in meeting_points),
        *(_place_row(LANDMARK, landmark) for landmark in landmarks),
    ]


def _set_community(row: NeighborhoodRow, profile: Profile) -> None:
    row.community_groups = [
        CommunityGroupRow(name=group.name, contact=group.contact, phone=group.phone)
        for group in profile.groups
    ]
    row.community_events = [
        CommunityEventRow(name=event.name, starts_at=_day_start(event), location=event.place)
        for event in profile.events
    ]
    row.community_resources = [
        CommunityResourceRow(name=resource.name, kind=resource.service, phone=resource.phone)
        for resource in profile.resources
    ]


def load_profile(db: Database, district_id: int) -> Profile:
    """The district's neighborhood profile, in the order it was imported (empty if none was)."""
    return stored_profile(db, district_id).value


def stored_profile(db: Database, district_id: int) -> Versioned[Profile]:
    """The profile and the version to save an edit of it against."""
    with db.session() as session:
        row = _neighborhood(session, district_row(session, district_id))
        if row is None:
            return Versioned(Profile(), None)
        meeting_points, landmarks = stored_places(row)
        profile = Profile(
            meeting_points=meeting_points,
            landmarks=landmarks,
            groups=tuple(Group(group.name, group.contact, group.phone) for group in row.community_groups),
            events=tuple(
                Event(event.name, event.starts_at.astimezone(UTC).date(), event.location)
                for event in row.community_events
                if event.starts_at is not None
            ),
            resources=tuple(
                Resource(resource.name, resource.kind, resource.phone) for resource in row.community_resources
            ),
        )
        return Versioned(profile, row.version)


def sector_names(db: Database, district_id: int) -> tuple[str, ...]:
    """The names of the neighborhood's stored sectors (none until a boundary with sectors is stored)."""
    with db.session() as session:
        row = _neighborhood(session, district_row(session, district_id))
        return () if row is None else tuple(sector.name for sector in row.sectors)


def stored_places(row: NeighborhoodRow) -> tuple[tuple[MeetingPoint, ...], tuple[Landmark, ...]]:
    """The meeting points and the landmarks, in the order they were stored."""
    return (
        tuple(_place(MeetingPoint, place) for place in row.places if place.kind == MEETING_POINT),
        tuple(_place(Landmark, place) for place in row.places if place.kind == LANDMARK),
    )


def _place_row(kind: str, place: Place) -> PlaceRow:
    return PlaceRow(
        kind=kind, name=place.name, latitude=place.latitude, longitude=place.longitude, sector=place.sector
    )


def _place(kind: type[P], row: PlaceRow) -> P:
    """Profile imports always give coordinates; a place stored without them sits at 0, 0."""
    return kind(row.name, row.latitude or 0.0, row.longitude or 0.0, row.sector)


def _day_start(event: Event) -> datetime:
    """An event's day is kept as midnight UTC of that date, so it reads back as the same date
    whatever the district's time zone (the column holds instants)."""
    return datetime.combine(event.date, time(0), UTC)
