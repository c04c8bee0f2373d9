"""What was really done: walks as logged in CAD, their photos, and each month's outcome measures.

Photos are bytes in `photos`, so copying or backing up the database takes them along.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheduler.store.schema.base import Base, utc_now

if TYPE_CHECKING:
    from scheduler.store.schema.districts import DistrictRow
    from scheduler.store.schema.people import PersonRow
    from scheduler.store.schema.plans import WalkRow


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
