"""What an edit on the map makes of the whole map: plain functions from one `NeighborhoodMap` to
the next, so the page only turns gestures into calls of these and saves what they return."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar, cast

from scheduler import actions
from scheduler.actions import Boundary, NeighborhoodMap, Place, Sector

Position = tuple[float, float]
Ring = tuple[Position, ...]
P = TypeVar("P", bound=Place)


def shape_name(owner: str) -> str:
    """How messages and undo steps name an area: "the boundary" or "sector North"."""
    return "the boundary" if owner == "boundary" else f"sector {owner}"


def with_boundary(neighborhood: NeighborhoodMap, boundary: Boundary) -> NeighborhoodMap:
    """The map with a new boundary, its sectors clipped to it (those left outside go): a
    redrawn line means the sectors end where it does. InputError if the boundary is not one (it
    crosses itself, a hole crosses its line): then there is nothing to clip to."""
    actions.check_neighborhood_map(NeighborhoodMap(boundary))
    after = replace(neighborhood, boundary=boundary)
    for sector in neighborhood.sectors:
        if not actions.sector_inside(boundary, sector.area):
            area = actions.clip_to_boundary(boundary, sector.area)
            if area is None:
                after = actions.without_sector(after, sector.name)
            else:
                after = replace(
                    after,
                    sectors=tuple(
                        Sector(s.name, area) if s.name == sector.name else s for s in after.sectors
                    ),
                )
    return after


def with_hole(neighborhood: NeighborhoodMap, ring: Ring) -> NeighborhoodMap:
    """The map with a hole cut in the boundary (in its polygon that holds the hole; the first, if
    none does, which is then refused as `with_boundary` refuses) and out of the sectors it reaches
    into."""
    boundary = neighborhood.boundary
    assert boundary is not None
    hole = Boundary(((ring,),))
    part = next(
        (
            number
            for number, polygon in enumerate(boundary.polygons)
            if actions.sector_inside(Boundary(((polygon[0],),)), hole)
        ),
        0,
    )
    polygons = list(boundary.polygons)
    polygons[part] = (*polygons[part], ring)
    return with_boundary(neighborhood, Boundary(tuple(polygons)))


def with_ring_edited(
    neighborhood: NeighborhoodMap, owner: str, part: int, ring: int, points: Ring
) -> NeighborhoodMap:
    """The map with one ring (the outer one, or a hole) of the boundary (`owner` "boundary") or
    of a sector replaced; the other shapes' corners that lay on a moved corner move with it, so a
    shared border stays shared and the sectors stay inside the line."""
    if owner == "boundary":
        assert neighborhood.boundary is not None
        moved = _moved_corners(neighborhood.boundary.polygons[part][ring], points)
        return replace(
            neighborhood,
            boundary=_with_ring(neighborhood.boundary, part, ring, points),
            sectors=tuple(
                replace(sector, area=_corners_moved(sector.area, moved)) for sector in neighborhood.sectors
            ),
        )
    edited = next(sector for sector in neighborhood.sectors if sector.name == owner)
    moved = _moved_corners(edited.area.polygons[part][ring], points)
    return replace(
        neighborhood,
        sectors=tuple(
            Sector(owner, _with_ring(sector.area, part, ring, points))
            if sector is edited
            else replace(sector, area=_corners_moved(sector.area, moved))
            for sector in neighborhood.sectors
        ),
    )


def without_hole(neighborhood: NeighborhoodMap, owner: str, part: int, ring: int) -> NeighborhoodMap:
    """The map with one hole of the boundary (`owner` "boundary") or of a sector filled in."""

    def filled(area: Boundary) -> Boundary:
        polygons = list(area.polygons)
        polygons[part] = polygons[part][:ring] + polygons[part][ring + 1 :]
        return Boundary(tuple(polygons))

    if owner == "boundary":
        assert neighborhood.boundary is not None
        return replace(neighborhood, boundary=filled(neighborhood.boundary))
    return replace(
        neighborhood,
        sectors=tuple(
            Sector(owner, filled(sector.area)) if sector.name == owner else sector
            for sector in neighborhood.sectors
        ),
    )


def each_place(neighborhood: NeighborhoodMap, change: Callable[[Place], Place | None]) -> NeighborhoodMap:
    """The map with `change` applied to every meeting point and landmark (None removes it).
    `change` keeps a place's kind, since it works with `dataclasses.replace`."""

    def each(places: tuple[P, ...]) -> tuple[P, ...]:
        changed = (change(place) for place in places)
        return tuple(cast(P, place) for place in changed if place is not None)

    return replace(
        neighborhood, meeting_points=each(neighborhood.meeting_points), landmarks=each(neighborhood.landmarks)
    )


def _with_ring(area: Boundary, part: int, ring: int, points: Ring) -> Boundary:
    """The area with one ring of one part replaced, its other rings kept."""
    polygons = list(area.polygons)
    rings = list(polygons[part])
    rings[ring] = points
    polygons[part] = tuple(rings)
    return Boundary(tuple(polygons))


def _moved_corners(old: Ring, new: Ring) -> dict[Position, Position]:
    """The corners a drag moved (old position: new one); none when corners were added or deleted."""
    if len(old) != len(new):
        return {}
    return {before: after for before, after in zip(old, new, strict=True) if before != after}


def _corners_moved(area: Boundary, moved: dict[Position, Position]) -> Boundary:
    """The area with its corners that lay on a moved corner moved with it."""
    if not moved:
        return area
    return Boundary(
        tuple(
            tuple(tuple(moved.get(point, point) for point in ring) for ring in polygon)
            for polygon in area.polygons
        )
    )
