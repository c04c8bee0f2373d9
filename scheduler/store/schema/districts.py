"""A district's calendar settings and its walk-type rules."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheduler.store.schema.base import Base, choices, utc_now

if TYPE_CHECKING:
    from scheduler.store.schema.logs import OutcomeRow, WalkLogRow
    from scheduler.store.schema.neighborhood import IncidentRow, NeighborhoodRow
    from scheduler.store.schema.people import DistrictPersonRow, PartnerRow
    from scheduler.store.schema.plans import PlanRow

PERIODS = ("work_week", "month", "workday", "incident")
CREWS = ("anyone", "own_squad", "own_shift")


class DistrictRow(Base):
    """One district: its calendar settings; its walk-type rules are `walk_types`.

    `version` counts saves of the settings, rules and holidays; SQLAlchemy checks it on every
    UPDATE (`version_id_col`), so walk rules edited on an older version can never overwrite a
    colleague's. Districts stored before it was kept start at 1, saved by nobody known.
    """

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
    post_incident_delay_hours: Mapped[int] = mapped_column(server_default="2")
    post_incident_minutes: Mapped[int] = mapped_column(server_default="60")
    agency: Mapped[str] = mapped_column(server_default="")
    # Names the district's calendar events (UIDs), so two districts, or two databases, never share one.
    calendar_id: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid.uuid4()))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    updated_by: Mapped[str | None]
    version: Mapped[int] = mapped_column(server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declared form

    neighborhood: Mapped[NeighborhoodRow | None] = relationship(back_populates="district")
    walk_types: Mapped[list[WalkTypeRow]] = relationship(
        back_populates="district", cascade="all, delete-orphan", order_by="WalkTypeRow.position"
    )
    holidays: Mapped[list[HolidayRow]] = relationship(
        back_populates="district", cascade="all, delete-orphan", order_by="HolidayRow.day"
    )
    people: Mapped[list[DistrictPersonRow]] = relationship(back_populates="district")
    partners: Mapped[list[PartnerRow]] = relationship(back_populates="district")
    plans: Mapped[list[PlanRow]] = relationship(back_populates="district")
    incidents: Mapped[list[IncidentRow]] = relationship(back_populates="district")
    walk_logs: Mapped[list[WalkLogRow]] = relationship(back_populates="district")
    outcomes: Mapped[list[OutcomeRow]] = relationship(back_populates="district")


class HolidayRow(Base):
    """A day off for the whole district: no walk is planned on it (post-incident walks aside), and
    it is not a workday. One row per day, so an import adds days without rewriting the others."""

    __tablename__ = "holidays"
    __table_args__ = (UniqueConstraint("district_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id", ondelete="CASCADE"))
    day: Mapped[date]

    district: Mapped[DistrictRow] = relationship(back_populates="holidays")


class WalkTypeRow(Base):
    __tablename__ = "walk_types"
    __table_args__ = (
        UniqueConstraint("district_id", "key"),
        CheckConstraint("minutes >= 1", name="minutes"),
        CheckConstraint("minimum >= 0", name="minimum"),
        CheckConstraint(choices("per", PERIODS), name="per"),
        CheckConstraint(choices("crew", CREWS), name="crew"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id", ondelete="CASCADE"))
    position: Mapped[int]
    key: Mapped[str]
    name: Mapped[str]
    minutes: Mapped[int]
    minimum: Mapped[int]
    per: Mapped[str] = mapped_column(String(20))
    crew: Mapped[str] = mapped_column(String(20), default="anyone")

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
