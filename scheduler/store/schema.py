"""The department database's tables, as SQLAlchemy 2 typed ORM classes.

Only the store package touches these classes: the planner, reports and GUI get plain domain values
(`scheduler.model`) from the service layer, converted in `scheduler.store.convert`. Every type is
portable, so one schema serves the embedded SQLite file and a department's shared PostgreSQL.

Choices that matter beyond this file:
- Times are stored in UTC (`UTCDateTime`), so an instant means the same on every computer.
- Closed vocabularies (rank, unit, plan status...) are short strings with CHECK constraints rather
  than database enums: adding a value later is a one-line migration on both backends.
- People are never deleted (walks and logs refer to them); an import marks them inactive instead.
- Photos are bytes in `photos`, so copying or backing up the database takes them along.
- `plans.version` counts saves; SQLAlchemy checks it on every UPDATE (`version_id_col`), so a save
  based on an older version than the stored one can never overwrite it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any, ClassVar

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Fixed constraint names: Alembic needs them to alter or drop a constraint later, and SQLite
# batch migrations cannot find unnamed ones.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every backend.

    SQLite has no time-zone type: it would keep the wall-clock digits and silently drop the offset.
    Converting to UTC on the way in (and refusing naive values) keeps instants exact everywhere.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"time {value.isoformat()} has no time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC)


def _choices(column: str, values: tuple[str, ...]) -> str:
    """A CHECK expression limiting `column` to `values` (all plain identifiers, never user text)."""
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


RANKS = ("officer", "detective", "sergeant", "lieutenant", "captain", "commander", "chief", "civilian")
UNITS = ("patrol", "investigations", "community_policing", "specialized", "support", "administration")
ENGAGEMENTS = ("natural", "developing", "")
PERIODS = ("work_week", "month", "workday", "incident")
PLAN_STATUSES = ("draft", "published")
WALK_SOURCES = ("solver", "manual", "post_incident")
PLACE_KINDS = ("landmark", "meeting_point")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        str: String(),
        bytes: LargeBinary(),
    }


# --- Districts and their neighborhood -------------------------------------------------------------


class DistrictRow(Base):
    """One district: its calendar settings; its walk-type rules are `walk_types`."""

    __tablename__ = "districts"
    __table_args__ = (
        CheckConstraint("week_start BETWEEN 0 AND 6", name="week_start"),
        CheckConstraint("walk_start < walk_end", name="walk_hours"),
        CheckConstraint("max_walking_per_squad >= 1", name="max_walking"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)
    timezone: Mapped[str]
    week_start: Mapped[int]
    walk_start: Mapped[time]
    walk_end: Mapped[time]
    workdays: Mapped[str]  # weekday digits, 0 = Monday: "01234"
    max_walking_per_squad: Mapped[int]
    walk_call_type: Mapped[str]
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    neighborhood: Mapped[NeighborhoodRow | None] = relationship(back_populates="district")
    walk_types: Mapped[list[WalkTypeRow]] = relationship(
        back_populates="district", cascade="all, delete-orphan", order_by="WalkTypeRow.position"
    )
    people: Mapped[list[PersonRow]] = relationship(back_populates="district")
    partners: Mapped[list[PartnerRow]] = relationship(back_populates="district")
    plans: Mapped[list[PlanRow]] = relationship(back_populates="district")
    incidents: Mapped[list[IncidentRow]] = relationship(back_populates="district")
    walk_logs: Mapped[list[WalkLogRow]] = relationship(back_populates="district")
    outcomes: Mapped[list[OutcomeRow]] = relationship(back_populates="district")


class NeighborhoodRow(Base):
    """The high-victimization neighborhood a district walks: boundary, sectors and profile."""

    __tablename__ = "neighborhoods"

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"), unique=True)
    name: Mapped[str]
    boundary_geojson: Mapped[str | None] = mapped_column(Text)  # Polygon or MultiPolygon, WGS 84
    notes: Mapped[str] = mapped_column(Text, default="")

    district: Mapped[DistrictRow] = relationship(back_populates="neighborhood")
    sectors: Mapped[list[SectorRow]] = relationship(
        back_populates="neighborhood", cascade="all, delete-orphan", order_by="SectorRow.id"
    )
    places: Mapped[list[PlaceRow]] = relationship(
        back_populates="neighborhood", cascade="all, delete-orphan", order_by="PlaceRow.id"
    )
    community_groups: Mapped[list[CommunityGroupRow]] = relationship(
        back_populates="neighborhood", cascade="all, delete-orphan", order_by="CommunityGroupRow.id"
    )
    community_events: Mapped[list[CommunityEventRow]] = relationship(
        back_populates="neighborhood", cascade="all, delete-orphan", order_by="CommunityEventRow.id"
    )
    community_resources: Mapped[list[CommunityResourceRow]] = relationship(
        back_populates="neighborhood", cascade="all, delete-orphan", order_by="CommunityResourceRow.id"
    )


class SectorRow(Base):
    __tablename__ = "sectors"
    __table_args__ = (UniqueConstraint("neighborhood_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighborhood_id: Mapped[int] = mapped_column(ForeignKey("neighborhoods.id", ondelete="CASCADE"))
    name: Mapped[str]
    boundary_geojson: Mapped[str | None] = mapped_column(Text)

    neighborhood: Mapped[NeighborhoodRow] = relationship(back_populates="sectors")


class PlaceRow(Base):
    """A landmark residents know, or a meeting point where walks start."""

    __tablename__ = "places"
    __table_args__ = (CheckConstraint(_choices("kind", PLACE_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighborhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighborhoods.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str]
    name: Mapped[str]
    address: Mapped[str] = mapped_column(default="")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    notes: Mapped[str] = mapped_column(Text, default="")

    neighborhood: Mapped[NeighborhoodRow] = relationship(back_populates="places")


class CommunityGroupRow(Base):
    __tablename__ = "community_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighborhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighborhoods.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str]
    contact: Mapped[str] = mapped_column(default="")
    phone: Mapped[str] = mapped_column(default="")
    email: Mapped[str] = mapped_column(default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    neighborhood: Mapped[NeighborhoodRow] = relationship(back_populates="community_groups")


class CommunityEventRow(Base):
    __tablename__ = "community_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighborhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighborhoods.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str]
    starts_at: Mapped[datetime | None]
    location: Mapped[str] = mapped_column(default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    neighborhood: Mapped[NeighborhoodRow] = relationship(back_populates="community_events")


class CommunityResourceRow(Base):
    """Services officers can point residents to (shelters, counseling...), with a phone number."""

    __tablename__ = "community_resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    neighborhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighborhoods.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str]
    kind: Mapped[str] = mapped_column(default="")
    phone: Mapped[str] = mapped_column(default="")
    address: Mapped[str] = mapped_column(default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    neighborhood: Mapped[NeighborhoodRow] = relationship(back_populates="community_resources")


# --- People and partners --------------------------------------------------------------------------


class PersonRow(Base):
    """A member of the agency. `external_id` is the roster's id (badge number); `position` keeps
    the roster's order, which the planner's reproducibility depends on."""

    __tablename__ = "people"
    __table_args__ = (
        UniqueConstraint("district_id", "external_id"),
        CheckConstraint(_choices("rank", RANKS), name="rank"),
        CheckConstraint(_choices("unit", UNITS), name="unit"),
        CheckConstraint(_choices("engagement", ENGAGEMENTS), name="engagement"),
        CheckConstraint("shift_hours > 0 AND shift_hours <= 24", name="shift_hours"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    external_id: Mapped[str]
    position: Mapped[int]
    name: Mapped[str]
    rank: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str] = mapped_column(String(30))
    responsible: Mapped[bool]
    squad: Mapped[str]
    shift_start: Mapped[time]
    shift_hours: Mapped[float]
    workdays: Mapped[str]  # weekday digits, 0 = Monday
    rotation: Mapped[str]  # 0/1 characters, or empty for fixed weekdays
    rotation_start: Mapped[date | None]
    engagement: Mapped[str] = mapped_column(String(20))
    email: Mapped[str]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)

    district: Mapped[DistrictRow] = relationship(back_populates="people")
    leave: Mapped[list[LeaveRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="LeaveRow.id"
    )


class LeaveRow(Base):
    __tablename__ = "leave_periods"
    __table_args__ = (CheckConstraint("first_day <= last_day", name="order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    first_day: Mapped[date]
    last_day: Mapped[date]

    person: Mapped[PersonRow] = relationship(back_populates="leave")


class PartnerRow(Base):
    """Someone outside the agency (city official, social services, counselor) invited to
    post-incident walks; never scheduled by shift."""

    __tablename__ = "partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"), index=True)
    name: Mapped[str]
    organization: Mapped[str] = mapped_column(default="")
    kind: Mapped[str] = mapped_column(default="")
    phone: Mapped[str] = mapped_column(default="")
    email: Mapped[str] = mapped_column(default="")
    active: Mapped[bool] = mapped_column(default=True)

    district: Mapped[DistrictRow] = relationship(back_populates="partners")


# --- Walk-type rules ------------------------------------------------------------------------------


class WalkTypeRow(Base):
    __tablename__ = "walk_types"
    __table_args__ = (
        UniqueConstraint("district_id", "key"),
        CheckConstraint("minutes >= 1", name="minutes"),
        CheckConstraint("minimum >= 0", name="minimum"),
        CheckConstraint(_choices("per", PERIODS), name="per"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id", ondelete="CASCADE"))
    position: Mapped[int]
    key: Mapped[str]
    name: Mapped[str]
    minutes: Mapped[int]
    minimum: Mapped[int]
    per: Mapped[str] = mapped_column(String(20))

    district: Mapped[DistrictRow] = relationship(back_populates="walk_types")
    roles: Mapped[list[WalkRoleRow]] = relationship(
        back_populates="walk_type", cascade="all, delete-orphan", order_by="WalkRoleRow.position"
    )


class WalkRoleRow(Base):
    """One place on a walk; rank and unit sets are comma-separated values (empty admits any)."""

    __tablename__ = "walk_roles"
    __table_args__ = (CheckConstraint("count >= 1", name="count"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    walk_type_id: Mapped[int] = mapped_column(ForeignKey("walk_types.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    key: Mapped[str]
    label: Mapped[str]
    count: Mapped[int]
    ranks: Mapped[str]
    units: Mapped[str]
    exclude_units: Mapped[str]
    responsible: Mapped[bool]

    walk_type: Mapped[WalkTypeRow] = relationship(back_populates="roles")


# --- Plans and walks ------------------------------------------------------------------------------


class PlanRow(Base):
    """A district's plan for one month. `version` goes up by one on every save."""

    __tablename__ = "plans"
    __table_args__ = (
        UniqueConstraint("district_id", "month"),
        CheckConstraint(_choices("status", PLAN_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    timezone: Mapped[str]
    status: Mapped[str] = mapped_column(String(20), default="draft")
    version: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    created_by: Mapped[str]
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_by: Mapped[str]

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declared form

    district: Mapped[DistrictRow] = relationship(back_populates="plans")
    walks: Mapped[list[WalkRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="WalkRow.position"
    )
    shortfalls: Mapped[list[ShortfallRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="ShortfallRow.position"
    )
    changes: Mapped[list[PlanChangeRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanChangeRow.id"
    )


class PlanChangeRow(Base):
    """Who saved which version of a plan, when, and what the save changed."""

    __tablename__ = "plan_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column()
    changed_at: Mapped[datetime] = mapped_column(default=utc_now)
    changed_by: Mapped[str]
    summary: Mapped[str] = mapped_column(Text)

    plan: Mapped[PlanRow] = relationship(back_populates="changes")


class ShortfallRow(Base):
    __tablename__ = "shortfalls"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    type: Mapped[str]
    period: Mapped[str]
    required: Mapped[int]
    planned: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)

    plan: Mapped[PlanRow] = relationship(back_populates="shortfalls")


class WalkRow(Base):
    """A planned walk. `key` is the plan's walk id ("w17"); `source` says who put it there."""

    __tablename__ = "walks"
    __table_args__ = (
        UniqueConstraint("plan_id", "key"),
        CheckConstraint("minutes >= 1", name="minutes"),
        CheckConstraint(_choices("source", WALK_SOURCES), name="source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    position: Mapped[int]
    key: Mapped[str]
    type: Mapped[str]
    start: Mapped[datetime]
    minutes: Mapped[int]
    coordinator_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    locked: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(20), default="solver")
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )

    plan: Mapped[PlanRow] = relationship(back_populates="walks")
    coordinator: Mapped[PersonRow] = relationship()
    participants: Mapped[list[WalkParticipantRow]] = relationship(
        back_populates="walk", cascade="all, delete-orphan", order_by="WalkParticipantRow.position"
    )
    partners: Mapped[list[WalkPartnerRow]] = relationship(back_populates="walk", cascade="all, delete-orphan")
    incident: Mapped[IncidentRow | None] = relationship(back_populates="walks")


class WalkParticipantRow(Base):
    __tablename__ = "walk_participants"

    walk_id: Mapped[int] = mapped_column(ForeignKey("walks.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    position: Mapped[int]

    walk: Mapped[WalkRow] = relationship(back_populates="participants")
    person: Mapped[PersonRow] = relationship()


class WalkPartnerRow(Base):
    """A partner from outside the agency invited on a walk (post-incident walks)."""

    __tablename__ = "walk_partners"

    walk_id: Mapped[int] = mapped_column(ForeignKey("walks.id", ondelete="CASCADE"), primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), primary_key=True, index=True)

    walk: Mapped[WalkRow] = relationship(back_populates="partners")
    partner: Mapped[PartnerRow] = relationship()


class IncidentRow(Base):
    """A homicide or shooting in the neighborhood; `external_id` is its CAD incident number."""

    __tablename__ = "incidents"
    __table_args__ = (UniqueConstraint("district_id", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    external_id: Mapped[str]
    kind: Mapped[str]
    occurred_at: Mapped[datetime]
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    address: Mapped[str] = mapped_column(default="")

    district: Mapped[DistrictRow] = relationship(back_populates="incidents")
    walks: Mapped[list[WalkRow]] = relationship(back_populates="incident")


# --- What was really done -------------------------------------------------------------------------


class WalkLogRow(Base):
    """A walk as logged in CAD. `walk_id` is the planned walk it was matched to, if any;
    `walk_type` is set by hand for an unmatched (ad hoc) walk."""

    __tablename__ = "walk_logs"
    __table_args__ = (
        UniqueConstraint("district_id", "cad_number"),
        Index("ix_walk_logs_district_id_started_at", "district_id", "started_at"),
        CheckConstraint("minutes >= 0", name="minutes"),
        CheckConstraint("residents_contacted >= 0", name="residents"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    walk_id: Mapped[int | None] = mapped_column(ForeignKey("walks.id", ondelete="SET NULL"), index=True)
    cad_number: Mapped[str]
    call_type: Mapped[str]
    started_at: Mapped[datetime]
    minutes: Mapped[int]
    walk_type: Mapped[str | None]
    residents_contacted: Mapped[int | None]
    address: Mapped[str] = mapped_column(default="")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = mapped_column(default=utc_now)

    district: Mapped[DistrictRow] = relationship(back_populates="walk_logs")
    walk: Mapped[WalkRow | None] = relationship()
    participants: Mapped[list[WalkLogParticipantRow]] = relationship(
        back_populates="log", cascade="all, delete-orphan", order_by="WalkLogParticipantRow.position"
    )
    photos: Mapped[list[PhotoRow]] = relationship(
        back_populates="log", cascade="all, delete-orphan", order_by="PhotoRow.position"
    )


class WalkLogParticipantRow(Base):
    __tablename__ = "walk_log_participants"

    log_id: Mapped[int] = mapped_column(ForeignKey("walk_logs.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    position: Mapped[int]

    log: Mapped[WalkLogRow] = relationship(back_populates="participants")
    person: Mapped[PersonRow] = relationship()


class PhotoRow(Base):
    """A walk photo's bytes, kept in the database so that they move and back up with it.
    `data` is loaded only when asked for, so listing logs stays fast."""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    log_id: Mapped[int] = mapped_column(ForeignKey("walk_logs.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    filename: Mapped[str]
    media_type: Mapped[str]
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(deferred=True)
    added_at: Mapped[datetime] = mapped_column(default=utc_now)

    log: Mapped[WalkLogRow] = relationship(back_populates="photos")


class OutcomeRow(Base):
    """A month's outcome measures for the evaluation; survey shares are 0 to 1 of respondents."""

    __tablename__ = "outcome_measures"
    __table_args__ = (
        UniqueConstraint("district_id", "month"),
        CheckConstraint("partnerships >= 0 AND tips >= 0 AND complaints >= 0", name="counts"),
        CheckConstraint("survey_feel_safe BETWEEN 0 AND 1", name="feel_safe"),
        CheckConstraint("survey_trust BETWEEN 0 AND 1", name="trust"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"))
    month: Mapped[str] = mapped_column(String(7))
    partnerships: Mapped[int] = mapped_column(default=0)
    tips: Mapped[int] = mapped_column(default=0)
    complaints: Mapped[int] = mapped_column(default=0)
    survey_responses: Mapped[int | None]
    survey_feel_safe: Mapped[float | None]
    survey_trust: Mapped[float | None]
    notes: Mapped[str] = mapped_column(Text, default="")

    district: Mapped[DistrictRow] = relationship(back_populates="outcomes")
