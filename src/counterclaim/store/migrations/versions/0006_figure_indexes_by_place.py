"""The figure indexes hold the place: a local count is a figure of its own

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BY_PLACE = {
    "ix_claims_figure_party": ["measure", "counted_group", "place_id", "party", "date", "value", "cumulative"],
    "ix_claims_figure_sources": ["measure", "counted_group", "place_id", "syndication"],
}
WITHOUT_PLACE = {name: [c for c in columns if c != "place_id"] for name, columns in BY_PLACE.items()}


def upgrade() -> None:
    _replace_indexes(BY_PLACE)


def downgrade() -> None:
    _replace_indexes(WITHOUT_PLACE)


def _replace_indexes(indexes: dict[str, list[str]]) -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        for name, columns in indexes.items():
            batch_op.drop_index(name)
            batch_op.create_index(name, columns, unique=False)
