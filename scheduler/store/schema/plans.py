"""A district's monthly plans, their walks and who saved which version.

`plans.version` counts saves; SQLAlchemy checks it on every UPDATE (`version_id_col`), so a save
based on an older version than the stored one can never overwrite it.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheduler.store.schema.base import Base, choices, utc_now

if TYPE_CHECKING:
    from scheduler.store.schema.districts import DistrictRow
    from scheduler.store.schema.neighborhood import IncidentRow
    from scheduler.store.schema.people import PartnerRow, PersonRow

PLAN_STATUSES = ("draft", "published")
WALK_SOURCES = ("solver", "manual", "post_incident")


class PlanRow(Base):
    """A district's plan for one month. `version` goes up by one on every save."""

    __tablename__ = "plans"
    __table_args__ = (
        UniqueConstraint("district_id", "month"),
        CheckConstraint(choices("status", PLAN_STATUSES), name="status"),
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
    quality_bound: Mapped[float | None]  # the solver's bound on the plan's cost, if a solver made it

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
    quality_terms: Mapped[list[QualityTermRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="QualityTermRow.position"
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


class QualityTermRow(Base):
    """What the plan pays for one rule (see `scheduler.domain.QualityTerm`); a plan without rows
    has no quality breakdown (edited by hand, or saved before plans carried one)."""

    __tablename__ = "plan_quality_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    rule: Mapped[str] = mapped_column(String(40))
    amount: Mapped[int]
    weight: Mapped[int] = mapped_column(BigInteger)
    detail: Mapped[str] = mapped_column(Text)

    plan: Mapped[PlanRow] = relationship(back_populates="quality_terms")


class WalkRow(Base):
    """A planned walk. `key` is the plan's walk id ("w17"); `source` says who put it there."""

    __tablename__ = "walks"
    __table_args__ = (
        UniqueConstraint("plan_id", "key"),
        CheckConstraint("minutes >= 1", name="minutes"),
        CheckConstraint(choices("source", WALK_SOURCES), name="source"),
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
    # The calendar event's SEQUENCE: raised by the save whenever time, meeting point or people change.
    sequence: Mapped[int] = mapped_column(default=0)
    # A meeting point's name from the profile; a name, not a key, so a new profile leaves it standing.
    meeting_point: Mapped[str | None]

    plan: Mapped[PlanRow] = relationship(back_populates="walks")
    coordinator: Mapped[PersonRow] = relationship()
    participants: Mapped[list[WalkParticipantRow]] = relationship(
        back_populates="walk", cascade="all, delete-orphan", order_by="WalkParticipantRow.position"
    )
    partners: Mapped[list[WalkPartnerRow]] = relationship(
        back_populates="walk", cascade="all, delete-orphan", order_by="WalkPartnerRow.partner_id"
    )
    incident: Mapped[IncidentRow | None] = relationship(back_populates="walks")


class WalkParticipantRow(Base):
    __tablename__ = "walk_participants"

    walk_id: Mapped[int] = mapped_column(ForeignKey("walks.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    position: Mapped[int]
    called_in: Mapped[bool] = mapped_column(default=False, server_default=false())  # off duty (post-incident)

    walk: Mapped[WalkRow] = relationship(back_populates="participants")
    person: Mapped[PersonRow] = relationship()


class WalkPartnerRow(Base):
    """A partner from outside the agency invited on a walk (post-incident walks)."""

    __tablename__ = "walk_partners"

    walk_id: Mapped[int] = mapped_column(ForeignKey("walks.id", ondelete="CASCADE"), primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id"), primary_key=True, index=True)

    walk: Mapped[WalkRow] = relationship(back_populates="partners")
    partner: Mapped[PartnerRow] = relationship()
