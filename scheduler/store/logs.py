"""Walk logs (what was really done) and their photos, in the store.

Reading the agency's CAD export into `WalkLog` values is the log import's job; this module keeps
and returns them. Photos are stored as bytes in the database (table `photos`) rather than as files
beside it: copying, backing up or moving the database takes them along, and a photo can never
point at a file that is gone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from scheduler.domain import Month
from scheduler.domain.errors import InputError, NotFound
from scheduler.store.database import Database
from scheduler.store.queries import district_row, person_ids
from scheduler.store.schema import DistrictRow, PhotoRow, PlanRow, WalkLogParticipantRow, WalkLogRow, WalkRow

MAX_PHOTO_BYTES = 20 * 1024 * 1024  # a phone photo is a few MB; more is a video or a mistake


@dataclass(frozen=True)
class WalkLog:
    """One walk as logged in CAD."""

    number: str  # the CAD incident number: unique in a district, so re-importing adds nothing
    call_type: str
    start: datetime  # aware
    minutes: int
    officers: tuple[str, ...]  # roster ids
    planned_walk: str | None = None  # id of the matched walk in the plan of the month it starts in
    walk_type: str | None = None  # given by hand to an unmatched (ad hoc) walk
    residents_contacted: int | None = None
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    notes: str = ""


@dataclass(frozen=True)
class Photo:
    filename: str
    media_type: str  # e.g. image/jpeg
    data: bytes


def add_walk_logs(db: Database, district_id: int, logs: Sequence[WalkLog], source: str) -> int:
    """Store the logs whose CAD number is new, all or nothing; returns how many were added.

    `source` names the file the logs came from, for messages.
    """
    with db.import_session(source) as session:
        district = district_row(session, district_id)
        known = set(
            session.scalars(select(WalkLogRow.cad_number).where(WalkLogRow.district_id == district.id))
        )
        people = person_ids(session, district.id)
        walks = _WalkFinder(session, district)
        added = 0
        for index, log in enumerate(logs):
            if log.number in known:
                continue
            known.add(log.number)
            session.add(_log_row(log, district.id, people, walks, source, index))
            added += 1
        session.flush()
    return added


def _log_row(
    log: WalkLog, district_id: int, people: dict[str, int], walks: _WalkFinder, source: str, index: int
) -> WalkLogRow:
    unknown = [officer for officer in log.officers if officer not in people]
    if unknown:
        message = f"log {log.number} names {', '.join(unknown)}, who are not on the district's roster"
        raise InputError(source, message, row=index + 2, field="officers")
    return WalkLogRow(
        district_id=district_id,
        walk_id=walks.find(log, source, index) if log.planned_walk else None,
        cad_number=log.number,
        call_type=log.call_type,
        started_at=log.start,
        minutes=log.minutes,
        walk_type=log.walk_type,
        residents_contacted=log.residents_contacted,
        address=log.address,
        latitude=log.latitude,
        longitude=log.longitude,
        notes=log.notes,
        participants=[
            WalkLogParticipantRow(person_id=people[officer], position=position)
            for position, officer in enumerate(dict.fromkeys(log.officers))
        ],
    )


class _WalkFinder:
    """Finds planned walks by month and walk id, one query per month."""

    def __init__(self, session: Session, district: DistrictRow):
        self.session, self.district = session, district
        self.zone = ZoneInfo(district.timezone)
        self.months: dict[str, dict[str, int]] = {}

    def find(self, log: WalkLog, source: str, index: int) -> int:
        month = log.start.astimezone(self.zone).strftime("%Y-%m")
        if month not in self.months:
            query = (
                select(WalkRow.key, WalkRow.id)
                .join(PlanRow)
                .where(PlanRow.district_id == self.district.id, PlanRow.month == month)
            )
            self.months[month] = {key: walk_id for key, walk_id in self.session.execute(query)}
        walk_id = self.months[month].get(log.planned_walk or "")
        if walk_id is None:
            message = (
                f"log {log.number} is matched to walk {log.planned_walk}, which is not in the plan of {month}"
            )
            raise InputError(source, message, row=index + 2, field="planned_walk")
        return walk_id


def walk_logs(db: Database, district_id: int, month: Month) -> tuple[WalkLog, ...]:
    """The logs of walks that started in `month` (the district's local time), oldest first."""
    with db.session() as session:
        district = district_row(session, district_id)
        zone = ZoneInfo(district.timezone)
        start = datetime.combine(month.first_day, time(0), zone)
        end = datetime.combine(month.next().first_day, time(0), zone)
        query = (
            select(WalkLogRow)
            .where(
                WalkLogRow.district_id == district.id,
                WalkLogRow.started_at >= start,
                WalkLogRow.started_at < end,
            )
            .options(selectinload(WalkLogRow.participants), selectinload(WalkLogRow.walk))
            .order_by(WalkLogRow.started_at, WalkLogRow.cad_number)
        )
        rows = list(session.scalars(query))
        external = {internal: external for external, internal in person_ids(session, district.id).items()}
        return tuple(_log_from_row(row, external, zone) for row in rows)


def _log_from_row(row: WalkLogRow, external: dict[int, str], zone: ZoneInfo) -> WalkLog:
    return WalkLog(
        number=row.cad_number,
        call_type=row.call_type,
        start=row.started_at.astimezone(zone),
        minutes=row.minutes,
        officers=tuple(external[item.person_id] for item in row.participants),
        planned_walk=row.walk.key if row.walk is not None else None,
        walk_type=row.walk_type,
        residents_contacted=row.residents_contacted,
        address=row.address,
        latitude=row.latitude,
        longitude=row.longitude,
        notes=row.notes,
    )


def add_photo(db: Database, district_id: int, number: str, photo: Photo) -> None:
    """Attach a photo to the logged walk with CAD number `number`."""
    if not photo.data:
        raise InputError(photo.filename, "is empty")
    if len(photo.data) > MAX_PHOTO_BYTES:
        raise InputError(photo.filename, f"is larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB")
    with db.session(write=True) as session:
        log = _log_row_by_number(session, district_id, number)
        position = session.scalar(select(func.count()).where(PhotoRow.log_id == log.id)) or 0
        session.add(
            PhotoRow(
                log_id=log.id,
                position=position,
                filename=photo.filename,
                media_type=photo.media_type,
                size=len(photo.data),
                data=photo.data,
            )
        )


def photo_names(db: Database, district_id: int, number: str) -> tuple[str, ...]:
    with db.session() as session:
        log = _log_row_by_number(session, district_id, number)
        query = select(PhotoRow.filename).where(PhotoRow.log_id == log.id).order_by(PhotoRow.position)
        return tuple(session.scalars(query))


def load_photo(db: Database, district_id: int, number: str, filename: str) -> Photo:
    with db.session() as session:
        log = _log_row_by_number(session, district_id, number)
        query = select(PhotoRow).where(PhotoRow.log_id == log.id, PhotoRow.filename == filename)
        row = session.scalars(query.order_by(PhotoRow.position)).first()
        if row is None:
            raise NotFound(f"walk log {number} has no photo {filename!r}", what="photo")
        return Photo(row.filename, row.media_type, row.data)


def _log_row_by_number(session: Session, district_id: int, number: str) -> WalkLogRow:
    district = district_row(session, district_id)
    query = select(WalkLogRow).where(WalkLogRow.district_id == district.id, WalkLogRow.cad_number == number)
    row = session.scalars(query).one_or_none()
    if row is None:
        raise NotFound(f"{district.name} has no walk log with CAD number {number!r}", what="walk log")
    return row
