"""Claims indexed for the claims page: by date and value, and by their words

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

Full-text search (`store/search.py`): an FTS5 table kept by triggers on SQLite, a GIN
index on a `simple` tsvector on PostgreSQL.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SEARCHED = "coalesce(sentence, '') || ' ' || coalesce(counted, '') || ' ' || coalesce(claimant, '')"


def upgrade() -> None:
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.create_index("ix_claims_date", ["date"], unique=False)
        batch_op.create_index("ix_claims_value", ["value"], unique=False)
    if op.get_context().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE claims_search USING fts5(sentence, counted, claimant, "
                   "content='claims', content_rowid='id', tokenize='unicode61 remove_diacritics 2')")
        op.execute("CREATE TRIGGER claims_search_insert AFTER INSERT ON claims BEGIN "
                   "INSERT INTO claims_search(rowid, sentence, counted, claimant) "
                   "VALUES (new.id, new.sentence, new.counted, new.claimant); END")
        op.execute("CREATE TRIGGER claims_search_delete AFTER DELETE ON claims BEGIN "
                   "INSERT INTO claims_search(claims_search, rowid, sentence, counted, claimant) "
                   "VALUES ('delete', old.id, old.sentence, old.counted, old.claimant); END")
        op.execute("INSERT INTO claims_search(claims_search) VALUES ('rebuild')")
    elif op.get_context().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX ix_claims_search ON claims USING gin (to_tsvector('simple', {SEARCHED}))")


def downgrade() -> None:
    if op.get_context().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS claims_search_insert")
        op.execute("DROP TRIGGER IF EXISTS claims_search_delete")
        op.execute("DROP TABLE IF EXISTS claims_search")
    elif op.get_context().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_claims_search")
    with op.batch_alter_table("claims", schema=None) as batch_op:
        batch_op.drop_index("ix_claims_value")
        batch_op.drop_index("ix_claims_date")
