"""Figures from the neighborhood's incidents for talking points, and the sentences officers say.

Officers on a walk are asked "is it getting worse?": the figures answer with counts by incident
type over the last 30 and 90 days, the change against the 30 or 90 days before, and the sectors
where incidents happened. A window is made of whole local days before the reference day; the day
itself is left out, since a briefing sheet is printed before that day's incidents are known.

Incident types are the agency's own words ("shots fired", "vandalism"), so sentences use them as
labels ("4 shooting incidents") rather than guessing their plurals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from shapely import Point, prepare

from scheduler.domain.incidents import INCIDENT_KINDS, Incident
from scheduler.domain.neighborhood import SectorArea

WINDOWS = (30, 90)  # days
TOP_KINDS = 3  # kinds besides homicides and shootings that get a sentence of their own


@dataclass(frozen=True)
class SectorCount:
    sector: str
    count: int


@dataclass(frozen=True)
class KindFigures:
    """One incident type in one window: `previous` counts the same number of days just before."""

    kind: str
    count: int
    previous: int
    sectors: tuple[SectorCount, ...] = ()  # most incidents first; incidents in no sector left out


@dataclass(frozen=True)
class WindowFigures:
    """The `days` whole days from `first` to `last`, and the same number of days before them."""

    days: int
    first: date
    last: date
    count: int
    previous: int
    kinds: tuple[KindFigures, ...]  # every type seen in either period: most incidents first
    sectors: tuple[SectorCount, ...]  # most incidents first; sectors without incidents left out

    def kind(self, kind: str) -> KindFigures:
        found = next((figures for figures in self.kinds if figures.kind == kind), None)
        return found or KindFigures(kind, 0, 0)


@dataclass(frozen=True)
class IncidentFigures:
    day: date  # the reference day: windows end the day before
    windows: tuple[WindowFigures, ...]
    has_sectors: bool  # False: the neighborhood has no sectors, so none is named

    def window(self, days: int) -> WindowFigures:
        return next(window for window in self.windows if window.days == days)


def incident_figures(
    incidents: Iterable[Incident],
    sectors: Sequence[SectorArea],
    day: date,
    timezone: str,
    windows: Sequence[int] = WINDOWS,
) -> IncidentFigures:
    """The figures of the incidents inside the neighborhood (those flagged `outside` do not count)
    for each window ending the day before `day`, days taken in the district's `timezone`."""
    zone = ZoneInfo(timezone)
    for sector in sectors:
        prepare(sector.area)  # many points are tested against the same few polygons
    placed = [
        (incident.occurred_at.astimezone(zone).date(), incident.kind, _sector_of(incident, sectors))
        for incident in incidents
        if not incident.outside
    ]
    return IncidentFigures(day, tuple(_window(placed, day, days) for days in windows), bool(sectors))


def incident_sentences(figures: IncidentFigures) -> tuple[str, ...]:
    """What an officer can say: for the shortest window a sentence on homicides, on shootings and on
    each of the most frequent other types; for each longer window one summary with the commonest
    types and the sectors."""
    shortest, *longer = sorted(figures.windows, key=lambda window: window.days)
    others = [kind for kind in shortest.kinds if kind.kind not in INCIDENT_KINDS and kind.count > 0]
    named = [shortest.kind(kind) for kind in INCIDENT_KINDS] + others[:TOP_KINDS]
    sentences = [_kind_sentence(kind, shortest.days, figures.has_sectors) for kind in named]
    sentences += [_summary(window) for window in longer]
    return tuple(sentences)


def incidents_phrase(count: int, kind: str = "") -> str:
    """'1 shooting incident', '4 incidents'."""
    noun = "incident" if count == 1 else "incidents"
    return f"{count} {kind} {noun}" if kind else f"{count} {noun}"


# --- Counting -------------------------------------------------------------------------------------

Placed = tuple[date, str, str | None]  # local day, kind, sector


def _sector_of(incident: Incident, sectors: Sequence[SectorArea]) -> str | None:
    """The first sector holding the incident (a point on a shared edge goes to the first), or
    None when it has no coordinates or lies in no sector."""
    if incident.latitude is None or incident.longitude is None:
        return None
    point = Point(incident.longitude, incident.latitude)
    for sector in sectors:
        if sector.area.covers(point):
            return sector.name
    return None


def _window(placed: Sequence[Placed], day: date, days: int) -> WindowFigures:
    first, before = day - timedelta(days=days), day - timedelta(days=2 * days)
    recent = [item for item in placed if first <= item[0] < day]
    earlier = Counter(kind for when, kind, _ in placed if before <= when < first)
    by_kind = Counter(kind for _, kind, _ in recent)
    kinds = sorted(by_kind.keys() | earlier.keys(), key=lambda kind: (-by_kind[kind], -earlier[kind], kind))
    return WindowFigures(
        days=days,
        first=first,
        last=day - timedelta(days=1),
        count=len(recent),
        previous=earlier.total(),
        kinds=tuple(
            KindFigures(kind, by_kind[kind], earlier[kind], _by_sector(s for _, k, s in recent if k == kind))
            for kind in kinds
        ),
        sectors=_by_sector(sector for _, _, sector in recent),
    )


def _by_sector(sectors: Iterable[str | None]) -> tuple[SectorCount, ...]:
    counts = Counter(sector for sector in sectors if sector is not None)
    return tuple(SectorCount(sector, count) for sector, count in sorted(counts.items(), key=_most_first))


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


# --- Sentences ------------------------------------------------------------------------------------


def _kind_sentence(figures: KindFigures, days: int, has_sectors: bool) -> str:
    opening = _opening(figures.count, figures.previous, days, figures.kind)
    where = _where(figures) if has_sectors and figures.count else ""
    return f"{opening}{'; ' + where if where else ''}."


def _opening(count: int, previous: int, days: int, kind: str) -> str:
    """How many incidents (of `kind`, or of any type) and the change, without the full stop."""
    before = f"in the {days} days before"
    if count == 0:
        down = f", down from {previous} {before}" if previous else ""
        return f"No {kind + ' ' if kind else ''}incidents were recorded in the last {days} days{down}"
    if count == previous:
        change = f"the same number as {before}"
    else:
        change = f"{abs(count - previous)} {'more' if count > previous else 'fewer'} than {before}"
    verb = "was" if count == 1 else "were"
    phrase = incidents_phrase(count, kind)
    return f"In the last {days} days there {verb} {phrase} in the neighborhood, {change}"


def _where(figures: KindFigures) -> str:
    """Where most incidents of the type were: '' when none has a sector."""
    if not figures.sectors:
        return ""
    top = figures.sectors[0].count
    names = [sector.sector for sector in figures.sectors if sector.count == top]
    if figures.count == 1:
        return f"it was in sector {names[0]}"
    if top == figures.count:
        return f"all of them were in sector {names[0]}"
    if len(names) > 1:
        return f"{top} each in sectors {_listed(names)}"
    return f"{top} of them {'was' if top == 1 else 'were'} in sector {names[0]}"


def _summary(window: WindowFigures) -> str:
    common = [kind for kind in window.kinds if kind.count > 0][:TOP_KINDS]
    only = common[0].kind if len(common) == 1 else ""  # one type: say it in the first sentence
    sentences = [_opening(window.count, window.previous, window.days, only) + "."]
    if len(common) > 1:
        sentences.append(f"The most common types were {_listed(_counted(common))}.")
    if window.sectors:
        sentences.append(f"By sector: {_listed([f'{s.count} in {s.sector}' for s in window.sectors])}.")
    return " ".join(sentences)


def _counted(kinds: Sequence[KindFigures]) -> list[str]:
    return [f"{kind.kind} ({kind.count})" for kind in kinds]


def _listed(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
