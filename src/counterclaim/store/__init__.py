"""The ledger on disk: articles, claims, actors and mentions in SQLite or PostgreSQL.

>>> from counterclaim.store import open_store  # doctest: +SKIP
"""

from counterclaim.store.db import (
    ClaimFilter,
    StoredClaim,
    StoreError,
    open_store,
    read_claims,
    read_stored,
    save_article,
)

__all__ = ["ClaimFilter", "StoreError", "StoredClaim", "open_store", "read_claims", "read_stored", "save_article"]
