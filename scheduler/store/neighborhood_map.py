"""The neighborhood map in the store: boundary, sectors and places, saved as a whole by each edit
on the Neighborhood page (one edit is one undo step, and undo saves the map as it was)."""

from __future__ import annotations

from sqlalchemy import select

from scheduler.formats.boundary import parse_boundary, to_geojson
from scheduler.formats.neighborhood_map import NeighborhoodMap, Sector
from scheduler.store.database import Database
from scheduler.store.neighborhood import _neighborhood
from scheduler.store.profile import neighborhood_row, set_places, stored_places
from scheduler.store.queries import district_row
from scheduler.store.schema import IncidentRow, SectorRow


def save_map(db: Database, district_id: int, neighborhood: NeighborhoodMap) -> None:
    """Make the map the district's: boundary, sectors and places replaced, the rest of the profile
    (groups, events, resources) kept."""
    with db.session(write=True) as session:
        row = neighborhood_row(session, district_id)
        row.boundary_geojson = None if neighborhood.boundary is None else to_geojson(neighborhood.boundary)
        row.sectors = []
        session.flush()  # the old sectors go before new ones of the same name arrive
        row.sectors = [
            SectorRow(name=sector.name, boundary_geojson=to_geojson(sector.area))
            for sector in neighborhood.sectors
        ]
        set_places(row, neighborhood.meeting_points, neighborhood.landmarks)


def load_map(db: Database, district_id: int) -> NeighborhoodMap:
    with db.session() as session:
        district = district_row(session, district_id)
        row = _neighborhood(session, district)
        if row is None:
            return NeighborhoodMap()
        where = f"the neighborhood stored for {district.name}"
        boundary = None if row.boundary_geojson is None else parse_boundary(row.boundary_geojson, where)
        sectors = tuple(
            Sector(sector.name, parse_boundary(sector.boundary_geojson, f"{where}, sector {sector.name}"))
            for sector in row.sectors
            if sector.boundary_geojson is not None
        )
        meeting_points, landmarks = stored_places(row)
        return NeighborhoodMap(boundary, sectors, meeting_points, landmarks)


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
