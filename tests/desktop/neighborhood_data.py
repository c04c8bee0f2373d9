"""A small neighborhood to draw on: the demo's box (39.77-39.79 N, 84.21-84.18 W), two sectors,
a street grid and incidents clustered around two hot spots, all from a fixed seed."""

from __future__ import annotations

import json
import random
from pathlib import Path

from desktop.session import Session
from scheduler import actions
from scheduler.actions import Boundary, Landmark, MeetingPoint, NeighborhoodMap, Sector
from tests.desktop.conftest import NOW

WEST, SOUTH, EAST, NORTH = -84.21, 39.77, -84.18, 39.79
HOT_SPOTS = ((-84.200, 39.784), (-84.188, 39.774))


def box(west: float, south: float, east: float, north: float) -> Boundary:
    return Boundary(((((west, south), (east, south), (east, north), (west, north), (west, south)),),))


MAP = NeighborhoodMap(
    box(WEST, SOUTH, EAST, NORTH),
    (Sector("North", box(WEST, 39.78, EAST, NORTH)), Sector("South", box(WEST, SOUTH, EAST, 39.78))),
    (
        MeetingPoint("Library steps", 39.7885, -84.2010, "North"),
        MeetingPoint("Bus shelter, Wayne Ave", 39.7750, -84.1880, "South"),
    ),
    (Landmark("Water tower", 39.7830, -84.1950, "North"),),
)


def incident_positions(count: int, seed: int = 0) -> list[tuple[float, float]]:
    """(longitude, latitude): two thirds around the hot spots, the rest anywhere around the box."""
    chance = random.Random(seed)
    found = []
    for number in range(count):
        if number % 3 == 2:
            found.append(
                (chance.uniform(WEST - 0.005, EAST + 0.005), chance.uniform(SOUTH - 0.005, NORTH + 0.005))
            )
        else:
            longitude, latitude = HOT_SPOTS[number % 2]
            found.append((chance.gauss(longitude, 0.0015), chance.gauss(latitude, 0.0012)))
    return found


def write_incidents(path: Path, count: int) -> Path:
    lines = ["id,type,occurred_at,latitude,longitude,address"]
    for number, (longitude, latitude) in enumerate(incident_positions(count)):
        day = 1 + number % 28
        kind = "shooting" if number % 4 else "homicide"
        lines.append(f"C-{number},{kind},2026-10-{day:02d}T21:30,{latitude:.6f},{longitude:.6f},")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_streets(path: Path) -> Path:
    """A grid of streets every ~250 m, a little beyond the box."""
    lines = []
    for step in range(15):
        longitude = WEST - 0.006 + step * 0.003
        lines.append([[longitude, SOUTH - 0.006], [longitude, NORTH + 0.006]])
    for step in range(12):
        latitude = SOUTH - 0.006 + step * 0.0029
        lines.append([[WEST - 0.006, latitude], [EAST + 0.006, latitude]])
    features = [
        {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": line}}
        for line in lines
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def store_incidents(session: Session, folder: Path, count: int) -> None:
    path = write_incidents(folder / "incidents.csv", count)
    actions.import_incidents(session.db, district=session.district, path=path, now=NOW)
