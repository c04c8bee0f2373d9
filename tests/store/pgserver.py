"""A throwaway PostgreSQL server for the store's tests and benchmark.

`initdb` makes a cluster in a temporary folder and `pg_ctl` starts it on a free loopback port, with
its Unix socket in the same folder, so nothing touches a PostgreSQL the machine may already run.
PostgreSQL refuses to run as root; as root, the server runs as the `postgres` system user.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
from psycopg import sql

PREFERRED = Path("/usr/lib/postgresql/15/bin")
SERVER_USER = "postgres"
ROLE = "beatwalk"


def find_binaries() -> Path | None:
    """PostgreSQL 15's folder if installed, else the newest other version's, else `initdb` on PATH."""
    candidates = [PREFERRED, *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    return None


def unavailable_reason() -> str | None:
    """Why no throwaway server can be started here, or None if one can."""
    if find_binaries() is None:
        return (
            "no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or on PATH; "
            "install postgresql-15 to run the PostgreSQL tests"
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root, and there is no {SERVER_USER!r} user to run PostgreSQL as"
        if shutil.which("runuser") is None:
            return "running as root, and runuser is missing to run PostgreSQL as another user"
    return None


class PostgresServer:
    """Start with `start()`, stop and delete with `stop()` (or use it as a context manager)."""

    def __init__(self, *, durable: bool = False):
        """`durable=False` turns fsync off: faster tests, same behaviour as long as the machine stays up.
        The benchmark passes True, to measure what a real server costs."""
        bindir = find_binaries()
        if bindir is None:
            raise RuntimeError(unavailable_reason())
        self.bindir, self.durable = bindir, durable
        self.folder = Path(tempfile.mkdtemp(prefix="beatwalk-pg-"))
        self.port = 0

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        if os.geteuid() == 0:
            account = pwd.getpwnam(SERVER_USER)
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        data = self.folder / "data"
        self._run("initdb", "-D", str(data), "-U", ROLE, "--auth=trust", "-E", "UTF8", "--locale=C", "-N")
        self.port = _free_port()
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            "pg_ctl", "-D", str(data), "-l", str(self.folder / "server.log"), "-o", options, "-w", "start"
        )

    def stop(self) -> None:
        if (self.folder / "data" / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.CalledProcessError):
                self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{ROLE}@127.0.0.1:{self.port}/{database}"

    def create_database(self, template: str = "template1") -> str:
        """A new database, a copy of `template` (by default empty); returns its name."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}")
        with self._admin() as connection:
            connection.execute(statement.format(sql.Identifier(name), sql.Identifier(template)))
        return name

    def drop_database(self, name: str) -> None:
        with self._admin() as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def _admin(self) -> psycopg.Connection:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=ROLE, dbname="postgres", autocommit=True
        )

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.folder, check=False)
        if result.returncode != 0:
            log = self.folder / "server.log"
            detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(
                f"{program} failed: {result.stderr.strip() or result.stdout.strip()}\n{detail}"
            )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
