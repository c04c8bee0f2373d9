"""Post-incident walks: a district's delay and walk length, people called in off duty, and when an
incident was recorded (only one recorded within its 24 hours owes a walk).

Existing districts get the defaults (2 hours, 60 minutes); existing participants were on duty;
existing incidents have no recording time and owe no walk.

Revision ID: 0004
Revises: 0003 (the integrator chains it after 0003)
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("districts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("post_incident_delay_hours", sa.Integer(), server_default="2", nullable=False)
        )
        batch_op.add_column(
            sa.Column("post_incident_minutes", sa.Integer(), server_default="60", nullable=False)
        )
    with op.batch_alter_table("walk_participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("called_in", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_column("recorded_at")
    with op.batch_alter_table("walk_participants", schema=None) as batch_op:
        batch_op.drop_column("called_in")
    with op.batch_alter_table("districts", schema=None) as batch_op:
        batch_op.drop_column("post_incident_minutes")
        batch_op.drop_column("post_incident_delay_hours")
