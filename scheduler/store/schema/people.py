"""The agency's people and the partners from outside it.

People are never deleted (walks and logs refer to them); an import marks them inactive instead.
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
    """A member of the agency. `external_id` is the roster's id (badge number); `position` keeps
    the roster's order, which the planner's reproducibility depends on."""

    __tablename__ = "people"
    __table_args__ = (
        UniqueConstraint("district_id", "external_id"),
        CheckConstraint(choices("rank", RANKS), name="rank"),
        CheckConstraint(choices("unit", UNITS), name="unit"),
        CheckConstraint(choices("engagement", ENGAGEMENTS), name="engagement"),
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
