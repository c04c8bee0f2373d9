"""Calendar updates that land, and a meeting point for every walk.

Districts get a calendar id (a UUID; existing districts get a fresh one each) that makes event UIDs
unique across districts and databases; walks get their calendar SEQUENCE (0 for walks saved
before) and their meeting point's name; places get the sector they lie in.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("districts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("calendar_id", sa.String(length=36), nullable=True))
    districts = sa.table("districts", sa.column("id", sa.Integer()), sa.column("calendar_id", sa.String()))
    connection = op.get_bind()
    for (district_id,) in connection.execute(sa.select(districts.c.id)).all():
        connection.execute(
            districts.update().where(districts.c.id == district_id).values(calendar_id=str(uuid.uuid4()))
        )
    with op.batch_alter_table("districts", schema=None) as batch_op:
        batch_op.alter_column("calendar_id", existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_districts_calendar_id"), ["calendar_id"])
    with op.batch_alter_table("walks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sequence", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("meeting_point", sa.String(), nullable=True))
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sector", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("places", schema=None) as batch_op:
        batch_op.drop_column("sector")
    with op.batch_alter_table("walks", schema=None) as batch_op:
        batch_op.drop_column("meeting_point")
        batch_op.drop_column("sequence")
    with op.batch_alter_table("districts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_districts_calendar_id"), type_="unique")
        batch_op.drop_column("calendar_id")
