"""Plans carry their quality breakdown: what the plan pays for each rule, and the solver's bound.

Plans saved before have no rows here and come back without a breakdown.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plan_quality_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("weight", sa.BigInteger(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plans.id"],
            name=op.f("fk_plan_quality_terms_plan_id_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_quality_terms")),
    )
    with op.batch_alter_table("plan_quality_terms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_quality_terms_plan_id"), ["plan_id"], unique=False)
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quality_bound", sa.Double(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_column("quality_bound")
    with op.batch_alter_table("plan_quality_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_quality_terms_plan_id"))
    op.drop_table("plan_quality_terms")
