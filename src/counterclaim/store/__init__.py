"""The ledger on disk: articles and their claims in SQLite (a URL picks another database).

>>> from counterclaim.store import open_store  # doctest: +SKIP
"""

from counterclaim.store.db import StoreError, open_store, read_claims, save_article

__all__ = ["StoreError", "open_store", "read_claims", "save_article"]
