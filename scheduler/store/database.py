"""Opening the department database: where it is, how it is configured, and keeping it up to date.

The default is an SQLite file in the user's data folder, so a captain needs no server; a department
shares one PostgreSQL database by giving its URL (`--db` or the `BEATWALK_DB` environment variable).
Opening always brings the schema to the newest revision (Alembic), after copying an SQLite file
aside, so an upgrade that goes wrong never costs the department its data.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import platformdirs
from sqlalchemy import URL, Engine, create_engine, event, inspect, make_url
from sqlalchemy.engine import Connection
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from scheduler.domain.errors import InputError, StoreError

if TYPE_CHECKING:
    from alembic.config import Config

APP_NAME = "beatwalk"
FILE_NAME = "beatwalk.sqlite3"
ENVIRONMENT_VARIABLE = "BEATWALK_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_TIMEOUT_SECONDS = 15  # how long a save waits for another program's save on the same file
_WRITE_OPTION = "beatwalk_write"
_MIGRATION_OPTION = "beatwalk_migration"


def default_url() -> str:
    """`BEATWALK_DB` if set, else the SQLite file in the user's data folder (per OS conventions)."""
    configured = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if configured:
        return configured
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return URL.create("sqlite", database=str(folder / FILE_NAME)).render_as_string()


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configured in code, with the migrations shipped inside this package (no alembic.ini)."""
    # Alembic is imported where a database is opened or migrated, not when the app starts.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


@dataclass
class Database:
    """An open database: the engine, and sessions for the service layer's units of work."""

    engine: Engine
    backup: Path | None = None  # the copy made before this open upgraded an SQLite file
    _reads: sessionmaker[Session] = field(init=False, repr=False)
    _writes: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._reads = sessionmaker(self.engine, expire_on_commit=False)
        writer = self.engine.execution_options(**{_WRITE_OPTION: True})
        self._writes = sessionmaker(writer, expire_on_commit=False)

    @property
    def url(self) -> str:
        """The URL without its password, fit for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextlib.contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """One unit of work: committed if the block ends normally, rolled back if it raises.

        `write=True` takes SQLite's write lock at the start (BEGIN IMMEDIATE), so a check made
        at the start of the block (such as a plan's version) still holds when the block writes.
        """
        factory = self._writes if write else self._reads
        with factory.begin() as session:
            yield session

    @contextlib.contextmanager
    def import_session(self, source: str) -> Iterator[Session]:
        """A write unit of work that imports the user's file `source`: a value the database refuses
        (too long, a duplicate) is the file's fault, so it ends as one line naming the file, and
        nothing of it is imported."""
        try:
            with self.session(write=True) as session:
                yield session
        except IntegrityError as error:
            message = f"nothing was imported: the database refused a value ({first_line(error)})"
            raise InputError(source, message) from None

    def close(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None) -> Database:
    """Open (creating if needed) and upgrade the database at `url` (default: `default_url()`).

    Raises StoreError with a one-line reason when the URL is wrong, the server cannot be reached,
    or the database was written by a newer Beatwalk.
    """
    target = _parse(url or default_url())
    sqlite_file = _sqlite_file(target)
    if sqlite_file is not None:
        _create_private_file(sqlite_file)
    engine = _engine(target)
    try:
        backup = _upgrade(engine, sqlite_file)
        if sqlite_file is not None:
            _use_write_ahead_log(engine)
    except SQLAlchemyError as error:
        engine.dispose()
        where = target.render_as_string(hide_password=True)
        raise StoreError(f"cannot open the database {where}: {first_line(error)}") from None
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, backup)


def _parse(text: str) -> URL:
    try:
        target = make_url(text)
    except ArgumentError:
        raise StoreError(
            f"{text!r} is not a database URL (expected e.g. sqlite:///path/beatwalk.sqlite3 "
            "or postgresql+psycopg://user@host/beatwalk)"
        ) from None
    if target.drivername == "postgresql":  # the plain scheme means psycopg2, which is not installed
        target = target.set(drivername="postgresql+psycopg")
    if target.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"{target.get_backend_name()} databases are not supported (use SQLite or PostgreSQL)"
        )
    return target


def _sqlite_file(target: URL) -> Path | None:
    if target.get_backend_name() != "sqlite" or target.database in (None, "", ":memory:"):
        return None
    return Path(target.database).expanduser()


def _create_private_file(path: Path) -> None:
    """Create the file readable by its owner only (0600): it holds names, schedules and photos.
    An existing file keeps its mode, in case a department shares it on purpose."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            os.chmod(path, 0o600)  # in case a umask took more than group and other bits
    except OSError as error:
        raise StoreError(f"cannot create the database file {path}: {error.strerror or error}") from None


def _engine(target: URL) -> Engine:
    if target.get_backend_name() != "sqlite":
        return create_engine(target, pool_pre_ping=True)
    engine = create_engine(target, connect_args={"timeout": SQLITE_TIMEOUT_SECONDS})
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _configure_sqlite_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    """Foreign keys are off in SQLite unless asked for. The driver's own transaction handling is
    switched off so that every unit of work, reads included, is one real transaction (SQLAlchemy's
    documented pysqlite recipe)."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _use_write_ahead_log(engine: Engine) -> None:
    """WAL lets the app read while another process writes. It is a property of the file, so it is
    set once the file is known to be ours and current: a database of a newer Beatwalk that is
    refused is left exactly as it was."""
    connection = engine.raw_connection()
    try:
        connection.driver_connection.execute("PRAGMA journal_mode = WAL")  # type: ignore[union-attr]
    finally:
        connection.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    options = connection.get_execution_options()
    if options.get(_MIGRATION_OPTION, False):  # only outside a transaction does this take effect
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
    immediate = options.get(_WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _upgrade(engine: Engine, sqlite_file: Path | None) -> Path | None:
    """Bring the schema to head; returns the backup made first, if any."""
    from alembic.runtime.migration import MigrationContext  # see alembic_config
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head:
            return None
        tables = set(inspect(connection).get_table_names())
    if current is not None:
        try:
            script.get_revision(current)
        except CommandError:
            raise StoreError(
                f"the database {engine.url.render_as_string(hide_password=True)} was written by a newer "
                f"Beatwalk (schema {current}); install that version to open it"
            ) from None
    elif tables - {"alembic_version"}:
        raise StoreError(
            f"the database {engine.url.render_as_string(hide_password=True)} already holds tables "
            "that are not Beatwalk's; give another database with --db"
        )
    backup = None
    if sqlite_file is not None and tables:
        backup = backup_sqlite(sqlite_file, current or "base")
    run_migrations(engine, "upgrade", "head")
    return backup


def run_migrations(engine: Engine, direction: Literal["upgrade", "downgrade"], target: str) -> None:
    """Migrate the schema to `target` in one write unit of work, so a second program opening the
    same SQLite file waits for it and then finds the schema current (PostgreSQL: the advisory lock
    in env.py).

    SQLite alters a table by copying it, and dropping the old copy with foreign keys on deletes
    every row that refers to it (ON DELETE CASCADE: a district's walk types, a walk type's roles).
    So on SQLite a migration runs with foreign keys off, checks them before it commits, and its
    connection is discarded afterwards rather than going back to the pool with them off."""
    from alembic import command  # see alembic_config

    options = {_WRITE_OPTION: True, _MIGRATION_OPTION: True}
    with engine.execution_options(**options).connect() as connection:
        try:
            with connection.begin():
                getattr(command, direction)(alembic_config(connection), target)
                if connection.dialect.name == "sqlite":
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise StoreError(
                            f"the {direction} to schema {target} left a broken reference in {broken[0]}"
                        )
        finally:
            if connection.dialect.name == "sqlite":
                connection.invalidate()


def backup_sqlite(path: Path, label: str) -> Path:
    """Copy an SQLite database (with what its WAL holds) next to it, readable by its owner only.

    Uses SQLite's online backup, which gives a consistent copy even while another program writes.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for attempt in range(100):
        suffix = f"-{attempt}" if attempt else ""
        target = path.with_name(f"{path.stem}.backup-{label}-{stamp}{suffix}{path.suffix}")
        try:
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            break
        except FileExistsError:
            continue
    else:
        raise StoreError(f"cannot find a free name for a backup of {path}")
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


def first_line(error: BaseException) -> str:
    """The first line of a database error, for a one-line message.

    Drivers put the useful part first and SQLAlchemy adds a link and the SQL below it."""
    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__
