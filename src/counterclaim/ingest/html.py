"""HTML pages: main text and metadata through trafilatura, then the usual cleaning.

`article_from_html` is the step every HTML source shares: a page read from a file
(`read_html`), a page from a web archive (`warc.py`) and HTML inside a feed item (`feeds.py`,
through `text_of_fragment`).

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
    return article_from_html(page, doc=path.name, source_path=source_path)


def article_from_html(page: str, *, doc: str, source_path: str, url: str | None = None) -> Article | Skip:
    """One page's text as an `Article`, or a `Skip` if no text is left after cleaning.

    Args:
        page: the decoded HTML.
        doc: the article's `doc` (a file name, a WARC record id).
        source_path: the file the page came from, for the article and any skip.
        url: where the page was fetched from; the page's own canonical URL wins over it.
    """
    meta = extract_html(page)
    text = meta.get("text") or ""
    if not text.strip():
        return Skip(path=source_path, reason="no text after cleaning")
    # A canonical URL drops the tracking parameters and mirrors a crawl's URL may carry.
    found_url = meta.get("url") or url or None
    sitename = meta.get("sitename") or None
    registered = outlet_for_url(found_url)
    return article_from_text(
        text,
        doc=doc,
        source_path=source_path,
        title=meta.get("title") or None,
        date=normalise_date(meta.get("date")),
        url=found_url,
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


def text_of_fragment(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's body), furniture removed where
    trafilatura finds it; "" if it holds no text.

    >>> text_of_fragment("<p>Officials in Varn said <b>7</b> people were killed.</p>")
    'Officials in Varn said 7 people were killed.'
    """
    import trafilatura

    # trafilatura looks for a page's main block and finds none in a bare fragment:
    # inside <article> it is that block.
    page = f"<html><body><article>{fragment}</article></body></html>"
    text = extract_html(page).get("text") or ""
    # Too short for trafilatura to call it content is still the item's text.
    return text.strip() or trafilatura.html2txt(page).strip()
