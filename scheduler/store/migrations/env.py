"""Alembic's entry point for Beatwalk's migrations.

`scheduler.store.database` runs it with a live connection in `config.attributes["connection"]`, so
migrations use the same engine settings (SQLite pragmas) as the app. Without one, the URL comes
from the `sqlalchemy.url` option, as `scheduler.store.revision` sets it for writing a new revision.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import create_engine, pool
from sqlalchemy.engine import Connection

from scheduler.store.schema import Base, UTCDateTime

# Any fixed number: PostgreSQL advisory lock so that two computers starting Beatwalk on the same
# out-of-date database at once upgrade it one after the other, not both at the same time.
UPGRADE_LOCK = 0x62656174

config = context.config
target_metadata = Base.metadata


def render_item(kind: str, item: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write the UTC type as a plain DateTime, so migrations never import the app's code."""
    if kind == "type" and isinstance(item, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(**options: Any) -> None:
    context.configure(
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite can alter a table only by copying it; batch mode does that
        compare_type=True,
        render_item=render_item,
        **options,
    )


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({UPGRADE_LOCK})")
        context.run_migrations()


def main() -> None:
    if context.is_offline_mode():  # `--sql`: write the SQL for a database administrator to run
        _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "", poolclass=pool.NullPool)
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


main()
