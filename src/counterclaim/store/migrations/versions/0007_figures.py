"""Each claim's conflict, scope and figure, decided at ingest; its group as category and owner

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07

A ledger made before this revision keeps its claims; their new columns stay empty until
the articles are ingested again into a new ledger (the figure needs the parse).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = ("group_category", "group_owner", "conflict", "scope", "figure", "part_of")
OLD_INDEXES = {
    "ix_claims_figure_party": ["measure", "counted_group", "place_id", "party", "date", "value", "cumulative"],
    "ix_claims_figure_sources": ["measure", "counted_group", "place_id", "syndication"],
}
# A figure is one stored id: its numbers are a GROUP BY along these.
NEW_INDEXES = {
    "ix_claims_figure_party": ["figure", "party", "date", "value"],
    "ix_claims_figure_sources": ["figure", "syndication"],
    "ix_claims_conflict": ["conflict", "measure", "date"],
}


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.add_column(sa.Column(column, sa.Text(), nullable=True))
        for name in OLD_INDEXES:
            batch_op.drop_index(name)
        for name, columns in NEW_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        for name in NEW_INDEXES:
            batch_op.drop_index(name)
        for name, columns in OLD_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
        for column in reversed(COLUMNS):
            batch_op.drop_column(column)
