"""Times in exported files: always aware, shown in the plan's zone, ends computed in real time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import Walk


def aware(moment: datetime) -> datetime:
    """A naive time would silently be read in the computer's zone, not the district's."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"time {moment.isoformat()} has no time zone")
    return moment


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    return aware(moment).astimezone(zone)


def local_end(walk: Walk, zone: ZoneInfo) -> datetime:
    """Add the minutes in UTC: wall-clock arithmetic would be an hour off across a DST change."""
    return (aware(walk.start).astimezone(UTC) + timedelta(minutes=walk.minutes)).astimezone(zone)
