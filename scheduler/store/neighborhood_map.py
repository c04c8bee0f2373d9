"""The neighborhood map in the store: boundary, sectors and places, saved as a whole by each edit
on the Neighborhood page (one edit is one undo step, and undo saves the map as it was), each save
checked against the version the map was read at (see `neighborhood_saves`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduler.formats.boundary import parse_boundary, to_geojson
from scheduler.formats.neighborhood_map import NeighborhoodMap, Sector
from scheduler.store.database import Database
from scheduler.store.neighborhood import _neighborhood
from scheduler.store.neighborhood_saves import checked_save
from scheduler.store.profile import set_places, stored_places
from scheduler.store.queries import district_row
from scheduler.store.schema import IncidentRow, NeighborhoodRow, SectorRow
from scheduler.store.versions import Versioned


def save_map(
    db: Database, district_id: int, neighborhood: NeighborhoodMap, expected_version: int | None, user: str
) -> int:
    """Make the map the district's: boundary, sectors and places replaced, the rest of the profile
    (groups, events, resources) kept. Returns the new version; NeighborhoodConflict if the stored
    one is not `expected_version`."""

    def change(session: Session, row: NeighborhoodRow) -> None:
        row.boundary_geojson = None if neighborhood.boundary is None else to_geojson(neighborhood.boundary)
        row.sectors = []
        session.flush()  # the old sectors go before new ones of the same name arrive
        row.sectors = [
            SectorRow(name=sector.name, boundary_geojson=to_geojson(sector.area))
            for sector in neighborhood.sectors
        ]
        set_places(row, neighborhood.meeting_points, neighborhood.landmarks)

    return checked_save(db, district_id, expected_version, user, change)


def load_map(db: Database, district_id: int) -> NeighborhoodMap:
    return stored_map(db, district_id).value


def stored_map(db: Database, district_id: int) -> Versioned[NeighborhoodMap]:
    """The map and the version to save an edit of it against."""
    with db.session() as session:
        district = district_row(session, district_id)
        row = _neighborhood(session, district)
        if row is None:
            return Versioned(NeighborhoodMap(), None)
        where = f"the neighborhood stored for {district.name}"
        boundary = None if row.boundary_geojson is None else parse_boundary(row.boundary_geojson, where)
        sectors = tuple(
            Sector(sector.name, parse_boundary(sector.boundary_geojson, f"{where}, sector {sector.name}"))
            for sector in row.sectors
            if sector.boundary_geojson is not None
        )
        meeting_points, landmarks = stored_places(row)
        return Versioned(NeighborhoodMap(boundary, sectors, meeting_points, landmarks), row.version)


def incident_locations(db: Database, district_id: int) -> tuple[tuple[float, float], ...]:
    """Where every stored incident with coordinates happened, as (latitude, longitude): the map's
    incident and hot-spot layers show all of them, not one month's."""
    with db.session() as session:
        district = district_row(session, district_id)
        query = select(IncidentRow.latitude, IncidentRow.longitude).where(
            IncidentRow.district_id == district.id,
            IncidentRow.latitude.is_not(None),
            IncidentRow.longitude.is_not(None),
        )
        return tuple((lat, lon) for lat, lon in session.execute(query) if lat is not None and lon is not None)


def neighborhood_name(db: Database, district_id: int) -> str:
    """The neighborhood's name for printed documents: the district's, unless one was given."""
    with db.session() as session:
        district = district_row(session, district_id)
        row = _neighborhood(session, district)
        return (row.name if row is not None else None) or district.name
