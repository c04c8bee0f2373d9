"""What every table shares: the declarative base, its naming convention and the UTC time type.

Choices that matter beyond this package:
- Times are stored in UTC (`UTCDateTime`), so an instant means the same on every computer.
- Closed vocabularies (rank, unit, plan status...) are short strings with CHECK constraints rather
  than database enums: adding a value later is a one-line migration on both backends.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import DateTime, Dialect, LargeBinary, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

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


def choices(column: str, values: tuple[str, ...]) -> str:
    """A CHECK expression limiting `column` to `values` (all plain identifiers, never user text)."""
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        str: String(),
        bytes: LargeBinary(),
    }
