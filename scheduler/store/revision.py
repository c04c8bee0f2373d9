"""Write a new migration for a change to the schema (`scheduler/store/schema/`):
`python -m scheduler.store.revision "what changed"`.

Alembic compares the ORM with a scratch SQLite database upgraded to the newest revision and writes
the difference into `migrations/versions/`, numbered 0001, 0002... so the files sort in order. Read
the result before committing it: Alembic cannot tell a renamed column from a dropped and an added
one, and SQLite-made revisions need a look for PostgreSQL (the tests upgrade both).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import URL

from scheduler.store.database import alembic_config, open_database


def write_revision(message: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = URL.create("sqlite", database=str(Path(folder) / "scratch.sqlite3")).render_as_string()
        open_database(url).close()
        config = alembic_config()
        config.set_main_option("sqlalchemy.url", url)
        number = len(list(ScriptDirectory.from_config(config).walk_revisions())) + 1
        command.revision(config, message=message, autogenerate=True, rev_id=f"{number:04d}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit('usage: python -m scheduler.store.revision "what changed"')
    write_revision(sys.argv[1])
