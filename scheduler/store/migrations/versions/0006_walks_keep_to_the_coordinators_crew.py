"""Walk types say who may walk with the coordinator (`crew`): a squad walk takes the sergeant's own
squad, a shift walk the lieutenant's own shift.

Existing districts get the guide's rule for their `squad` and `shift` types, as a new district
does; every other type takes anyone, as before. A district relaxes it in its settings
(`crew = "anyone"`).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("walk_types", schema=None) as batch_op:
        batch_op.add_column(sa.Column("crew", sa.String(length=20), nullable=False, server_default="anyone"))
        batch_op.create_check_constraint("crew", "crew IN ('anyone', 'own_squad', 'own_shift')")
    op.execute("UPDATE walk_types SET crew = 'own_squad' WHERE key = 'squad'")
    op.execute("UPDATE walk_types SET crew = 'own_shift' WHERE key = 'shift'")


def downgrade() -> None:
    with op.batch_alter_table("walk_types", schema=None) as batch_op:
        batch_op.drop_constraint("crew", type_="check")
        batch_op.drop_column("crew")
