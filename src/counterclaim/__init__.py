"""counterclaim: a sourced ledger of the quantitative claims in conflict news.

>>> import counterclaim
>>> [c.value for c in counterclaim.extract_claims("Officials said 12 soldiers were killed.")]
[12.0]
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path

from counterclaim.model import Article, Claim

__all__ = ["extract_claims", "read", "Article", "Claim", "Ledger"]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def extract_claims(
    text: str,
    *,
    doc: str = "<text>",
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    model: str | None = None,
) -> list[Claim]:
    """The claims of one article's text, with the metadata given."""
    from counterclaim.extract import ExtractOptions, extract_article

    article = Article(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        doc=doc, text=text, title=title, date=date, url=url, outlet=outlet,
    )
    return extract_article(article, options=ExtractOptions(model=model))


def read(path: str | Path) -> Iterator[Article]:
    """The articles in a file or folder (text, HTML, JSON Lines); unreadable ones skipped."""
    from counterclaim.ingest import read as read_path

    return read_path(path)


def __getattr__(name: str) -> object:
    # `counterclaim.Ledger` brings pandas; import it only for those who ask.
    if name == "Ledger":
        from counterclaim.ledger import Ledger

        return Ledger
    raise AttributeError(f"module 'counterclaim' has no attribute {name!r}")
