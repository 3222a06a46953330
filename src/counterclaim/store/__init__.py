"""The ledger on disk: articles, claims, actors and mentions in SQLite or PostgreSQL.

>>> from counterclaim.store import open_store  # doctest: +SKIP
"""

from counterclaim.store.db import (
    SORTABLE,
    ClaimFilter,
    LedgerSummary,
    StoredClaim,
    StoreError,
    claims_page,
    ledger_conflicts,
    ledger_version,
    open_store,
    read_actor,
    read_article,
    read_claims,
    read_stored,
    read_term_uses,
    save_article,
    save_articles,
    shown_url,
    summarise,
)

__all__ = [
    "SORTABLE", "ClaimFilter", "LedgerSummary", "StoreError", "StoredClaim", "claims_page", "ledger_conflicts",
    "ledger_version", "open_store", "read_actor", "read_article", "read_claims", "read_stored", "read_term_uses",
    "save_article", "save_articles", "shown_url", "summarise",
]
