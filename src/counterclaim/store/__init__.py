"""The ledger on disk: articles, claims, actors and mentions in SQLite or PostgreSQL.

>>> from counterclaim.store import open_store  # doctest: +SKIP
"""

from counterclaim.store.db import (
    FACETS,
    SORTABLE,
    ArticleRow,
    ClaimFilter,
    LedgerSummary,
    StoredClaim,
    StoreError,
    claims_page,
    facet_counts,
    ledger_conflicts,
    ledger_version,
    list_articles,
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
    "FACETS", "SORTABLE", "ArticleRow", "ClaimFilter", "LedgerSummary", "StoreError", "StoredClaim", "claims_page",
    "facet_counts", "ledger_conflicts", "list_articles",
    "ledger_version", "open_store", "read_actor", "read_article", "read_claims", "read_stored", "read_term_uses",
    "save_article", "save_articles", "shown_url", "summarise",
]
