"""The ledger for notebooks: claims and figures as pandas DataFrames.

>>> from counterclaim import Ledger                      # doctest: +SKIP
>>> ledger = Ledger("counterclaim.db")                   # doctest: +SKIP
>>> ledger.claims(measure="killed", party="israel")      # doctest: +SKIP
>>> ledger.figures(about="soldiers")                     # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pandas as pd

from counterclaim.compare import figures
from counterclaim.store import ClaimFilter, open_store, read_claims


class Ledger:
    """A ledger (an SQLite path or a database URL), read with the filters of `ClaimFilter`:
    measure, claimant, party, outlet, since, until, search, counted_group, place, country,
    conflict, figure."""

    def __init__(self, db: str = "counterclaim.db") -> None:
        self.db = db
        self.engine = open_store(db)

    def claims(self, **filters: Any) -> pd.DataFrame:
        """One row per claim, every field of `Claim`."""
        rows = [asdict(claim) for claim in read_claims(self.engine, ClaimFilter(**filters))]
        return pd.DataFrame.from_records(rows)

    def figures(self, about: str | None = None, **filters: Any) -> pd.DataFrame:
        """One row per figure and party: the party's latest value, its range, and the
        figure's spread and number of independent sources. The outlets' own voices and
        unattributed claims are rows too, their `party` "outlet: X" and "unattributed".

        >>> ledger.figures(conflict="israel-hamas")             # doctest: +SKIP
        """
        rows = []
        for figure in figures(self.engine, ClaimFilter(**filters), about=about, with_claims=False):
            for party, view in {**figure.by_party, **figure.voices}.items():
                rows.append({
                    "figure": figure.figure, "label": figure.label, "conflict": figure.conflict,
                    "measure": figure.measure, "counted_group": figure.counted_group, "scope": figure.scope,
                    "part_of": figure.part_of, "place": figure.place, "cumulative": figure.cumulative,
                    "party": party, "latest": view.latest, "latest_high": view.latest_high,
                    "latest_date": view.latest_date, "low": view.low, "high": view.high,
                    "party_claims": view.claims, "spread": figure.spread,
                    "independent_sources": figure.independent_sources,
                })
        return pd.DataFrame.from_records(rows)
