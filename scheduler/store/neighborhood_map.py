"""What a map of the neighborhood shows from the store: its name, boundary and sectors."""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.formats.boundary import Boundary, parse_boundary
from scheduler.store.database import Database
from scheduler.store.neighborhood import _boundary, _neighborhood
from scheduler.store.queries import district_row


@dataclass(frozen=True)
class Sector:
    """A named part of the neighborhood that walks rotate over."""

    name: str
    boundary: Boundary | None  # None: the sector is named (by meeting points) but not drawn


@dataclass(frozen=True)
class NeighborhoodMap:
    name: str  # the neighborhood's name (the district's, unless one was given)
    boundary: Boundary | None  # None until a boundary is imported
    sectors: tuple[Sector, ...] = ()


def load_neighborhood_map(db: Database, district_id: int) -> NeighborhoodMap:
    with db.session() as session:
        district = district_row(session, district_id)
        row = _neighborhood(session, district)
        if row is None:
            return NeighborhoodMap(district.name, None)
        sectors = tuple(
            Sector(
                sector.name,
                parse_boundary(sector.boundary_geojson, f"sector {sector.name} of {district.name}")
                if sector.boundary_geojson
                else None,
            )
            for sector in row.sectors
        )
        return NeighborhoodMap(row.name or district.name, _boundary(session, district), sectors)
