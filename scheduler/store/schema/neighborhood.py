"""The high-victimization neighborhood a district walks, and the incidents that happen in it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from scheduler.store.schema.base import Base, choices

if TYPE_CHECKING:
    from scheduler.store.schema.districts import DistrictRow
    from scheduler.store.schema.plans import WalkRow

PLACE_KINDS = ("landmark", "meeting_point")


class NeighborhoodRow(Base):
    """The high-victimization neighborhood a district walks: boundary, sectors and profile.

    `version` counts saves of any of it; SQLAlchemy checks it on every UPDATE (`version_id_col`),
    so an edit of the map or the profile made on an older version can never overwrite a
    colleague's save. Rows saved before it was kept start at 1, with nobody and no time.
    """

    __tablename__ = "neighborhoods"

    id: Mapped[int] = mapped_column(primary_key=True)
    district_id: Mapped[int] = mapped_column(ForeignKey("districts.id"), unique=True)
    name: Mapped[str]
    boundary_geojson: Mapped[str | None] = mapped_column(Text)  # Polygon or MultiPolygon, WGS 84
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(server_default="1")
    updated_at: Mapped[datetime | None]
    updated_by: Mapped[str | None]

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declared form

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
    __table_args__ = (CheckConstraint(choices("kind", PLACE_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    neighborhood_id: Mapped[int] = mapped_column(
        ForeignKey("neighborhoods.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str]
    name: Mapped[str]
    address: Mapped[str] = mapped_column(default="")
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    sector: Mapped[str | None]  # a sector's name (see SectorRow), if the profile gives one
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
    # When Beatwalk learnt of it (None: before it kept this): only an incident recorded within its
    # 24 hours owes a walk, so a file of past incidents does not fill old plans with shortfalls.
    recorded_at: Mapped[datetime | None]

    district: Mapped[DistrictRow] = relationship(back_populates="incidents")
    walks: Mapped[list[WalkRow]] = relationship(back_populates="incident")
