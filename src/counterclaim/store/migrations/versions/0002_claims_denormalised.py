"""Claims carry their article's date, outlet and syndication group, and their party

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Filled for the claims already stored, from their articles.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("outlet", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("syndication", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("party", sa.Text(), nullable=True))
        batch_op.create_index(
            "ix_claims_figure_party", ["measure", "counted_group", "party", "date", "value", "cumulative"], unique=False
        )
        batch_op.create_index("ix_claims_figure_sources", ["measure", "counted_group", "syndication"], unique=False)
    for column in ("date", "outlet", "syndication"):
        op.execute(
            f"UPDATE claims SET {column} = (SELECT articles.{column} FROM articles WHERE articles.id = claims.article)"
        )
    op.execute(
        "UPDATE claims SET party = CASE WHEN claimant_party IS NOT NULL THEN claimant_party"
        " WHEN claimant = '@author' THEN COALESCE('outlet: ' || outlet, 'outlet') ELSE 'unlinked' END"
    )


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_figure_sources")
        batch_op.drop_index("ix_claims_figure_party")
        batch_op.drop_column("party")
        batch_op.drop_column("syndication")
        batch_op.drop_column("outlet")
        batch_op.drop_column("date")
