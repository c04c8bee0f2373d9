"""People belong to the department: one row per roster id in the whole database, linked to each
district they serve (`district_people`, with the roster position and the active flag per district).

The same id imported into two districts under the same name (spacing and letter case aside) becomes
one person: walks, walk logs, leave and district links move to the row updated last, whose details
come from the newest roster. The same id under two different names is two people whom the rosters
gave one id: the upgrade is refused with a line naming both, and nothing changes (the README says
how to resolve it). A downgrade needs every person in one district only.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from scheduler.domain.errors import StoreError

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Rows that name a person, and the column that does (leave is moved apart: it may repeat).
REFERENCES = (
    ("walks", "coordinator_id"),
    ("walk_participants", "person_id"),
    ("walk_log_participants", "person_id"),
    ("district_people", "person_id"),
)


def upgrade() -> None:
    op.create_table(
        "district_people",
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["districts.id"],
            name=op.f("fk_district_people_district_id_districts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_district_people_person_id_people")
        ),
        sa.PrimaryKeyConstraint("district_id", "person_id", name=op.f("pk_district_people")),
    )
    op.create_index(op.f("ix_district_people_person_id"), "district_people", ["person_id"])
    op.execute(
        "INSERT INTO district_people (district_id, person_id, position, active) "
        "SELECT district_id, id, position, active FROM people"
    )
    _merge_people(op.get_bind())
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_constraint("uq_people_district_id_external_id", type_="unique")
        batch_op.drop_constraint("fk_people_district_id_districts", type_="foreignkey")
        batch_op.drop_column("district_id")
        batch_op.drop_column("position")
        batch_op.drop_column("active")
        batch_op.create_unique_constraint(batch_op.f("uq_people_external_id"), ["external_id"])


def _merge_people(connection: sa.Connection) -> None:
    """One row per roster id; refuses (StoreError) an id that two districts gave different names."""
    rows = connection.execute(
        sa.text(
            "SELECT people.id, people.external_id, people.name, districts.name FROM people "
            "JOIN districts ON districts.id = people.district_id "
            "ORDER BY people.updated_at DESC, people.id DESC"
        )
    ).all()
    by_id: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for row_id, external_id, name, district in rows:
        by_id[external_id].append((row_id, name, district))
    for external_id, found in sorted(by_id.items()):
        (keep, name, district), *others = found
        for _, other_name, other_district in others:
            if _same_name(name, other_name):
                continue
            raise StoreError(
                f"roster id {external_id!r} is {name!r} in {district} but {other_name!r} in "
                f"{other_district}: one id must name one person (see the README, 'People in several "
                "districts'); nothing was changed"
            )
        for row_id, _, _ in others:
            _repoint(connection, row_id, keep)


def _same_name(first: str, second: str) -> bool:
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def _repoint(connection: sa.Connection, old: int, new: int) -> None:
    """Everything that named `old` names `new`; `old` is deleted. Leave `new` already has is not
    copied twice."""
    ids = {"old": old, "new": new}
    for table, column in REFERENCES:
        connection.execute(sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old"), ids)
    connection.execute(
        sa.text(
            "DELETE FROM leave_periods WHERE person_id = :old AND EXISTS "
            "(SELECT 1 FROM leave_periods AS kept WHERE kept.person_id = :new "
            "AND kept.first_day = leave_periods.first_day "
            "AND kept.last_day = leave_periods.last_day)"
        ),
        ids,
    )
    connection.execute(sa.text("UPDATE leave_periods SET person_id = :new WHERE person_id = :old"), ids)
    connection.execute(sa.text("DELETE FROM people WHERE id = :old"), ids)


def downgrade() -> None:
    connection = op.get_bind()
    shared = connection.execute(
        sa.text(
            "SELECT people.external_id FROM district_people "
            "JOIN people ON people.id = district_people.person_id "
            "GROUP BY people.external_id HAVING count(*) > 1 ORDER BY people.external_id"
        )
    ).first()
    if shared is not None:
        raise StoreError(
            f"roster id {shared[0]!r} is in several districts, which the older schema cannot hold; "
            "nothing was changed"
        )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_constraint("uq_people_external_id", type_="unique")
        batch_op.add_column(sa.Column("district_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("active", sa.Boolean(), nullable=True))
    for column in ("district_id", "position", "active"):
        op.execute(
            f"UPDATE people SET {column} = (SELECT district_people.{column} FROM district_people "
            "WHERE district_people.person_id = people.id)"
        )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.alter_column("district_id", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("position", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column("active", existing_type=sa.Boolean(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_people_district_id_districts"), "districts", ["district_id"], ["id"]
        )
        batch_op.create_unique_constraint(
            batch_op.f("uq_people_district_id_external_id"), ["district_id", "external_id"]
        )
    op.drop_index(op.f("ix_district_people_person_id"), table_name="district_people")
    op.drop_table("district_people")
