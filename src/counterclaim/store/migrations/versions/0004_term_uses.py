"""The words articles use for actors (framing)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "term_uses",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("term_class", sa.Text(), nullable=False),
        sa.Column("quoted", sa.Boolean(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["article"], ["articles.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("term_uses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_term_uses_article"), ["article"], unique=False)
        batch_op.create_index("ix_term_uses_actor_outlet", ["actor", "outlet", "term"], unique=False)


def downgrade() -> None:
    op.drop_table("term_uses")
