"""Incidents in and around the neighborhood, and which of them call for a post-incident walk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

INCIDENT_KINDS = ("homicide", "shooting")
POST_INCIDENT = "post_incident"  # the walk type's key
WITHIN = timedelta(hours=24)  # the guide: a walk within 24 hours of every homicide and shooting


@dataclass(frozen=True)
class Incident:
    """An incident in or near the neighborhood. Any kind can be recorded (an incidents file holds
    whatever the agency tracks); homicides and shootings inside the boundary need a walk."""

    id: str  # the CAD incident number: unique in a district
    kind: str  # lower case: homicide, shooting, or the agency's own word
    occurred_at: datetime  # aware
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    outside: bool = False  # its location is outside the neighborhood boundary

    @property
    def needs_walk(self) -> bool:
        return self.kind in INCIDENT_KINDS and not self.outside
