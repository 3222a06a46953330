"""Where each claim's sentence begins in its article

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08

The evidence's place in its sentence was found again by searching the sentence for the
evidence's words, which a sentence may say twice; the offset is now kept. A ledger made
before this revision keeps its claims, with no sentence offset (None).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sentence_start", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_column("sentence_start")
