"""The neighborhood in the store: its boundary, and the incidents in and around it.

Whether an incident lies outside the neighborhood is worked out from the boundary stored now,
each time incidents are read, rather than stored with the incident: a captain who redraws the
boundary then sees every incident, old ones included, against the new line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from scheduler.domain import Month, Plan, Walk
from scheduler.domain.incidents import WITHIN, Incident
from scheduler.formats.boundary import Boundary, is_outside, parse_boundary, to_geojson
from scheduler.store.convert import walk_from_row
from scheduler.store.database import Database
from scheduler.store.plans import StoredPlan, as_stored, plan_save, store_plan
from scheduler.store.queries import department_person_ids, district_row
from scheduler.store.schema import DistrictRow, IncidentRow, NeighborhoodRow, PlanRow, WalkRow, utc_now
from scheduler.store.versions import touch


@dataclass(frozen=True)
class IncidentImport:
    new: tuple[Incident, ...]  # the incidents that were not stored yet, flagged against the boundary
    already_there: int  # incidents whose id was stored already: kept as they were
    has_boundary: bool  # False: no boundary is stored, so none could be flagged as outside

    @property
    def added(self) -> int:
        return len(self.new)

    @property
    def outside(self) -> int:
        return sum(incident.outside for incident in self.new)


# --- The boundary ---------------------------------------------------------------------------------


def save_boundary(db: Database, district_id: int, boundary: Boundary) -> bool:
    """Make `boundary` the district's neighborhood boundary; returns whether it replaced one.

    It is stored as a plain GeoJSON geometry, whatever wrapping the file had.
    """
    with db.session(write=True) as session:
        district = district_row(session, district_id)
        row = _neighborhood(session, district)
        if row is None:
            row = NeighborhoodRow(district_id=district.id, name=district.name)
            session.add(row)
        replaced = row.boundary_geojson is not None
        row.boundary_geojson = to_geojson(boundary)
        touch(row, None)
        return replaced


def load_boundary(db: Database, district_id: int) -> Boundary | None:
    """The district's neighborhood boundary, or None if none was imported."""
    with db.session() as session:
        return _boundary(session, district_row(session, district_id))


def _neighborhood(session: Session, district: DistrictRow) -> NeighborhoodRow | None:
    query = select(NeighborhoodRow).where(NeighborhoodRow.district_id == district.id)
    return session.scalars(query).one_or_none()


def _boundary(session: Session, district: DistrictRow) -> Boundary | None:
    row = _neighborhood(session, district)
    if row is None or row.boundary_geojson is None:
        return None
    return parse_boundary(row.boundary_geojson, f"the boundary stored for {district.name}")


# --- Incidents ------------------------------------------------------------------------------------


def import_incidents(
    db: Database,
    district_id: int,
    incidents: Sequence[Incident],
    source_file: str,
    recorded_at: datetime | None = None,
) -> IncidentImport:
    """Store the incidents whose id is new, all or nothing. The id (the CAD number) identifies an
    incident, so importing the same file again adds nothing and a stored incident is never changed.
    Incidents outside the boundary are kept: they come back flagged `outside`.

    `source_file` names where the incidents came from, for messages; `recorded_at` is when the
    district learnt of them (default: now), which decides whether they owe a walk.
    """
    with db.import_session(source_file) as session:
        district = district_row(session, district_id)
        boundary = _boundary(session, district)
        query = select(IncidentRow.external_id).where(IncidentRow.district_id == district.id)
        known = set(session.scalars(query))
        new = []
        for incident in incidents:
            if incident.id in known:
                continue
            known.add(incident.id)
            session.add(_incident_row(district.id, incident, recorded_at))
            new.append(_flagged(incident, boundary))
        session.flush()
    return IncidentImport(tuple(new), len(incidents) - len(new), boundary is not None)


def incidents(db: Database, district_id: int, month: Month) -> tuple[Incident, ...]:
    """The incidents that occurred in `month` (the district's local time), oldest first, in local
    time and flagged against the stored boundary."""
    return incidents_between(db, district_id, month.first_day, month.next().first_day)


def incidents_between(db: Database, district_id: int, first: date, end: date) -> tuple[Incident, ...]:
    """The incidents that occurred from local day `first` up to, not including, local day `end`,
    oldest first, in local time and flagged against the stored boundary."""
    with db.session() as session:
        district = district_row(session, district_id)
        zone = ZoneInfo(district.timezone)
        query = (
            select(IncidentRow)
            .where(
                IncidentRow.district_id == district.id,
                IncidentRow.occurred_at >= datetime.combine(first, time(0), zone),
                IncidentRow.occurred_at < datetime.combine(end, time(0), zone),
            )
            .order_by(IncidentRow.occurred_at, IncidentRow.external_id)
        )
        boundary = _boundary(session, district)
        return tuple(_incident_from_row(row, zone, boundary) for row in session.scalars(query))


def district_incidents(db: Database, district_id: int) -> tuple[Incident, ...]:
    """Every incident of the district, newest first, in local time and flagged against the boundary."""
    with db.session() as session:
        district = district_row(session, district_id)
        query = (
            select(IncidentRow)
            .where(IncidentRow.district_id == district.id)
            .order_by(IncidentRow.occurred_at.desc(), IncidentRow.external_id)
        )
        zone, boundary = ZoneInfo(district.timezone), _boundary(session, district)
        return tuple(_incident_from_row(row, zone, boundary) for row in session.scalars(query))


def month_incidents(
    db: Database, district_id: int, month: Month
) -> tuple[tuple[Incident, ...], dict[str, str]]:
    """The incidents whose post-incident walk the month's plan holds or owes, and the month's
    post-incident walk ids with the ids of their incidents.

    A walk is owed by the month an incident occurred in when the incident needs one (a homicide or
    shooting inside the boundary), has none in any month's plan, and was recorded within its 24
    hours: one recorded later (a file of past incidents) could never have had its walk planned.
    """
    with db.session() as session:
        district = district_row(session, district_id)
        zone = ZoneInfo(district.timezone)
        boundary = _boundary(session, district)
        linked = session.execute(
            select(WalkRow.key, IncidentRow)
            .join(PlanRow, WalkRow.plan_id == PlanRow.id)
            .join(IncidentRow, WalkRow.incident_id == IncidentRow.id)
            .where(PlanRow.district_id == district.id, PlanRow.month == str(month))
            .order_by(WalkRow.position)
        ).all()
        walks = {key: row.external_id for key, row in linked}
        owed = (
            select(IncidentRow)
            .where(
                IncidentRow.district_id == district.id,
                IncidentRow.occurred_at >= datetime.combine(month.first_day, time(0), zone),
                IncidentRow.occurred_at < datetime.combine(month.next().first_day, time(0), zone),
                IncidentRow.recorded_at.is_not(None),
                ~IncidentRow.walks.any(),
            )
            .order_by(IncidentRow.occurred_at, IncidentRow.external_id)
        )
        found = {row.external_id: _incident_from_row(row, zone, boundary) for _, row in linked}
        for row in session.scalars(owed):
            incident = _incident_from_row(row, zone, boundary)
            assert row.recorded_at is not None
            if incident.needs_walk and row.recorded_at < row.occurred_at + WITHIN:
                found.setdefault(incident.id, incident)
        return tuple(found.values()), walks


def get_incident(db: Database, district_id: int, incident_id: str) -> Incident | None:
    """The stored incident with this id (CAD number), or None."""
    with db.session() as session:
        district = district_row(session, district_id)
        row = _incident_by_id(session, district, incident_id)
        if row is None:
            return None
        return _incident_from_row(row, ZoneInfo(district.timezone), _boundary(session, district))


def post_incident_walk(db: Database, district_id: int, incident_id: str) -> Walk | None:
    """The walk stored for the incident with this id, or None if it has none (yet)."""
    with db.session() as session:
        district = district_row(session, district_id)
        query = (
            select(WalkRow)
            .join(IncidentRow, WalkRow.incident_id == IncidentRow.id)
            .where(IncidentRow.district_id == district.id, IncidentRow.external_id == incident_id)
            .order_by(WalkRow.start)
        )
        row = session.scalars(query).first()
        if row is None:
            return None
        external = {internal: external for external, internal in department_person_ids(session).items()}
        return walk_from_row(row, external, ZoneInfo(row.plan.timezone))


def save_post_incident(
    db: Database,
    district_id: int,
    incident: Incident,
    plan: Plan,
    expected_version: int | None,
    walk_id: str,
    user: str,
    recorded_at: datetime | None = None,
) -> StoredPlan:
    """Save the re-planned month with the incident's walk `walk_id` in it, as `save_plan` does
    (same version check, PlanConflict), recording the incident if it is new and linking the walk
    to it, all in one unit of work: a refused save records nothing."""
    if all(walk.id != walk_id for walk in plan.walks):
        raise ValueError(f"walk {walk_id} is not in the plan of {plan.month}")
    with plan_save(db, district_id, plan.month, expected_version) as session:
        district = district_row(session, district_id)
        incident_row = _incident_by_id(session, district, incident.id)
        if incident_row is None:
            incident_row = _incident_row(district.id, incident, recorded_at)
            session.add(incident_row)
        row = store_plan(session, district_id, plan, expected_version, user, "solver")
        walk_row = next(walk for walk in row.walks if walk.key == walk_id)
        walk_row.incident = incident_row
        return StoredPlan(as_stored(plan, row), row.version, row.updated_by, row.updated_at)


def _incident_by_id(session: Session, district: DistrictRow, incident_id: str) -> IncidentRow | None:
    query = select(IncidentRow).where(
        IncidentRow.district_id == district.id, IncidentRow.external_id == incident_id
    )
    return session.scalars(query).one_or_none()


def _incident_row(district_id: int, incident: Incident, recorded_at: datetime | None) -> IncidentRow:
    return IncidentRow(
        recorded_at=recorded_at or utc_now(),
        district_id=district_id,
        external_id=incident.id,
        kind=incident.kind,
        occurred_at=incident.occurred_at,
        latitude=incident.latitude,
        longitude=incident.longitude,
        address=incident.address,
    )


def _incident_from_row(row: IncidentRow, zone: ZoneInfo, boundary: Boundary | None) -> Incident:
    incident = Incident(
        id=row.external_id,
        kind=row.kind,
        occurred_at=row.occurred_at.astimezone(zone),
        address=row.address,
        latitude=row.latitude,
        longitude=row.longitude,
    )
    return _flagged(incident, boundary)


def _flagged(incident: Incident, boundary: Boundary | None) -> Incident:
    return replace(incident, outside=is_outside(boundary, incident.latitude, incident.longitude))
