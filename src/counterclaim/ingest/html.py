"""HTML pages: main text and metadata through trafilatura, then the usual cleaning.

Limitation: `Segment`s (and so `Article.original_offset`) map into the text trafilatura
extracted from the page, not into the HTML source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from counterclaim.ingest.header import normalise_date
from counterclaim.ingest.outlets import outlet_for_url
from counterclaim.ingest.text import article_from_text, read_decoded
from counterclaim.model import Article, Skip

# Dates only from the page's metadata, never from a search of the running text:
# a date named in an article is not the date it was published.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(path: Path, *, source_path: str) -> Article | Skip:
    """Read one HTML article: text, title, date, URL (canonical/og:url) and site name."""
    page = read_decoded(path, source_path=source_path)
    if isinstance(page, Skip):
        return page
    meta = extract_html(page)
    text = meta.get("text") or ""
    if not text.strip():
        return Skip(path=source_path, reason="no text after cleaning")
    url = meta.get("url") or None
    sitename = meta.get("sitename") or None
    registered = outlet_for_url(url)
    return article_from_text(
        text,
        doc=path.name,
        source_path=source_path,
        title=meta.get("title") or None,
        date=normalise_date(meta.get("date")),
        url=url,
        outlet=registered.name if registered else sitename,
    )


def extract_html(page: str) -> dict[str, Any]:
    """trafilatura's main text and metadata for a page, as a dict (empty if none)."""
    import trafilatura  # slow to import; only HTML input needs it

    result = trafilatura.bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if result is None:
        return {}
    if isinstance(result, dict):  # trafilatura < 1.9 returned a dict
        return dict(result)
    return dict(result.as_dict())
