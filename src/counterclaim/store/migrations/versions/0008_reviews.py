"""People's review: a verdict and corrections beside each claim, an append-only log of
every change, figures merged by a reviewer, and the extractor version of each claim

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

A ledger made before this revision keeps every claim as it was: no claim has a review,
and their extractor is unknown (None), so `counterclaim reextract` runs over all of them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The log is evidence of who changed what: the database itself refuses to change it.
SQLITE_APPEND_ONLY = [
    f"CREATE TRIGGER review_log_no_{verb.lower()} BEFORE {verb} ON review_log "
    f"BEGIN SELECT RAISE(ABORT, 'the review log is append-only'); END"
    for verb in ("UPDATE", "DELETE")
]
POSTGRES_APPEND_ONLY = [
    "CREATE FUNCTION review_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'the review log is append-only'; END $$",
    "CREATE TRIGGER review_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON review_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION review_log_append_only()",
]


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.add_column(sa.Column("review", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("extractor", sa.Text(), nullable=True))
        batch_op.create_index("ix_claims_review", ["review"], unique=False)
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("claim", sa.Integer(), nullable=True),
        sa.Column("article", sa.String(length=32), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("corrections", sa.Text(), nullable=False),
        sa.Column("machine", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("needs_look", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.UniqueConstraint("claim"),
    )
    op.create_index("ix_reviews_article", "reviews", ["article"], unique=False)
    op.create_table(
        "review_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("review", sa.Integer(), nullable=True),
        sa.Column("claim", sa.Integer(), nullable=True),
        sa.Column("figure", sa.Text(), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("before", sa.Text(), nullable=False),
        sa.Column("after", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
    )
    op.create_index("ix_review_log_review", "review_log", ["review"], unique=False)
    op.create_index("ix_review_log_figure", "review_log", ["figure"], unique=False)
    op.create_table(
        "figure_merges",
        sa.Column("figure", sa.Text(), primary_key=True),
        sa.Column("into", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.Text(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
    )
    op.create_index("ix_figure_merges_into", "figure_merges", ["into"], unique=False)
    statements = POSTGRES_APPEND_ONLY if op.get_bind().dialect.name == "postgresql" else SQLITE_APPEND_ONLY
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER review_log_append_only ON review_log")
        op.execute("DROP FUNCTION review_log_append_only()")
    op.drop_table("figure_merges")
    op.drop_table("review_log")
    op.drop_table("reviews")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_review")
        batch_op.drop_column("extractor")
        batch_op.drop_column("review")
