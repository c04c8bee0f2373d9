"""The agency's people and the partners from outside it.

A person belongs to the department, not to one district: one row per roster id in the whole
database, linked to each district they serve (`DistrictPersonRow`), so the districts' plans see
the same person and never book them twice. People are never deleted (walks and logs refer to
them); an import marks their link to the district inactive instead.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheduler.store.schema.base import Base, choices, utc_now

if TYPE_CHECKING:
    from scheduler.store.schema.districts import DistrictRow

RANKS = ("officer", "detective", "sergeant", "lieutenant", "captain", "commander", "chief", "civilian")
UNITS = ("patrol", "investigations", "community_policing", "specialized", "support", "administration")
ENGAGEMENTS = ("natural", "developing", "")


class PersonRow(Base):
    """A member of the agency. `external_id` is the roster's id (badge number), unique in the
    department.

    `version` counts saves of the person's values (leave included); SQLAlchemy checks it on every
    UPDATE (`version_id_col`), so an edit made on an older version can never overwrite a
    colleague's. People stored before it was kept start at 1, saved by nobody known.
    """

    __tablename__ = "people"
    __table_args__ = (
        UniqueConstraint("external_id"),
        CheckConstraint(choices("rank", RANKS), name="rank"),
        CheckConstraint(choices("unit", UNITS), name="unit"),
        CheckConstraint(choices("engagement", ENGAGEMENTS), name="engagement"),
        CheckConstraint("shift_hours > 0 AND shift_hours <= 24", name="shift_hours"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str]
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
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(default=utc_now, onupdate=utc_now)
    updated_by: Mapped[str | None]
    version: Mapped[int] = mapped_column(server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declared form

    districts: Mapped[list[DistrictPersonRow]] = relationship(back_populates="person")
    leave: Mapped[list[LeaveRow]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="LeaveRow.id"
    )


class DistrictPersonRow(Base):
    """A person on a district's roster. `position` keeps that roster's order, which the planner's
    reproducibility depends on; `active` is false once the district's roster no longer lists them."""

    __tablename__ = "district_people"

    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    position: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)

    district: Mapped[DistrictRow] = relationship(back_populates="people")
    person: Mapped[PersonRow] = relationship(back_populates="districts")


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
