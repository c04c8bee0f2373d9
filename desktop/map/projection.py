"""From WGS 84 degrees to the map's flat scene and back, knowing no Qt.

An equirectangular projection around the neighborhood's centre: at a neighborhood's few kilometres
it is off by far less than a street's width, needs no library, and keeps scene units in metres,
so zoom steps and the hot-spot cell size read in metres too. Scene y grows southwards, as a
screen's does, so north is up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

EARTH_RADIUS = 6_371_008.8  # metres, the mean radius


@dataclass(frozen=True)
class Projection:
    longitude: float  # of the centre, degrees
    latitude: float

    @classmethod
    def around(cls, positions: Iterable[tuple[float, float]]) -> Projection:
        """Centred on the box around the (longitude, latitude) positions; at 0, 0 if none."""
        longitudes, latitudes = [], []
        for longitude, latitude in positions:
            longitudes.append(longitude)
            latitudes.append(latitude)
        if not longitudes:
            return cls(0.0, 0.0)
        return cls((min(longitudes) + max(longitudes)) / 2, (min(latitudes) + max(latitudes)) / 2)

    def to_scene(self, longitude: float, latitude: float) -> tuple[float, float]:
        x = math.radians(longitude - self.longitude) * EARTH_RADIUS * math.cos(math.radians(self.latitude))
        y = -math.radians(latitude - self.latitude) * EARTH_RADIUS
        return x, y

    def to_degrees(self, x: float, y: float) -> tuple[float, float]:
        """(longitude, latitude) of a scene point."""
        longitude = self.longitude + math.degrees(x / (EARTH_RADIUS * math.cos(math.radians(self.latitude))))
        latitude = self.latitude - math.degrees(y / EARTH_RADIUS)
        return longitude, latitude
