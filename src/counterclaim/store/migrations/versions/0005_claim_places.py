"""Claims carry the place of the counted event

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("place", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("place_id", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("country", sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column("lat", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("lon", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("place_link", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_claims_place_id"), ["place_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_claims_country"), ["country"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claims_country"))
        batch_op.drop_index(batch_op.f("ix_claims_place_id"))
        for column in ("place_link", "lon", "lat", "country", "place_id", "place"):
            batch_op.drop_column(column)
