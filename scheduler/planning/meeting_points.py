"""A meeting point for every walk, rotated over the neighborhood's sectors so that a month's walks
cover all of it, and kept across re-plans so that nobody is sent somewhere new for nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from scheduler.domain import Plan, Walk
from scheduler.domain.neighborhood import MeetingPoint


def assign_meeting_points(
    walks: Sequence[Walk], points: Sequence[MeetingPoint], previous: Plan | None = None
) -> tuple[Walk, ...]:
    """`walks` (in their order) each with a meeting point of `points`.

    Walks are taken in start order; each takes the next sector in turn (sectors in the order the
    profile first names them; points without a sector form one more), and within a sector the next
    of its points. A walk that has a meeting point still in the profile keeps it, and so does a
    walk that keeps its id from `previous`; the rotation then goes on after that point, so that
    the walks planned around kept ones still move on through the neighborhood. Without points,
    the walks come back as they are.
    """
    if not points:
        return tuple(walks)
    rotation = _Rotation(points)
    earlier = {walk.id: walk.meeting_point for walk in previous.walks} if previous else {}
    chosen: dict[str, str] = {}
    for walk in sorted(walks, key=lambda walk: (walk.start, walk.id)):
        kept = next(
            (name for name in (walk.meeting_point, earlier.get(walk.id)) if name in rotation.names), None
        )
        chosen[walk.id] = rotation.after(kept) if kept else rotation.next()
    return tuple(replace(walk, meeting_point=chosen[walk.id]) for walk in walks)


class _Rotation:
    """Cursors over the sectors and, within each, over its points."""

    def __init__(self, points: Sequence[MeetingPoint]):
        self.sectors: dict[str | None, list[str]] = {}
        for point in points:
            self.sectors.setdefault(point.sector, []).append(point.name)
        self.order = list(self.sectors)
        self.names = {point.name: point.sector for point in points}
        self.sector = 0  # index into `order` of the next sector
        self.within = dict.fromkeys(self.order, 0)  # per sector: index of its next point

    def next(self) -> str:
        sector = self.order[self.sector % len(self.order)]
        names = self.sectors[sector]
        name = names[self.within[sector] % len(names)]
        return self.after(name)

    def after(self, name: str) -> str:
        """Move the cursors past `name` and return it."""
        sector = self.names[name]
        self.sector = self.order.index(sector) + 1
        self.within[sector] = self.sectors[sector].index(name) + 1
        return name
