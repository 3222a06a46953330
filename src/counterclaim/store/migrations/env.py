"""Alembic's entry point for the ledger's migrations, run by `store.db.open_store`.

The connection comes from the caller (`config.attributes["connection"]`), so a migration
runs inside the same engine the ledger uses, SQLite or PostgreSQL alike.
"""

from __future__ import annotations

from alembic import context

from counterclaim.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
