"""JSON Lines: one article per line, `{"text": …, "url"?, "date"?, "title"?, "outlet"?, "id"?}`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from counterclaim.ingest.header import normalise_date
from counterclaim.ingest.text import article_from_text, read_decoded
from counterclaim.model import Article, Skip


def read_jsonl(path: Path, *, source_path: str) -> Iterator[Article | Skip]:
    """Read a JSON Lines file: an `Article` per good line, a `Skip` per bad one.

    Blank lines are ignored. A line is bad when it is not JSON, not an object, or has
    no non-empty string `text`; the skip names the line (1-based) in `reason` and `line`.
    The text is cleaned like a plain-text body (there is no header line to read).

    Yields:
        `Article` (doc: the record's `id`, else "FILE:LINE") or `Skip`, in line order.
    """
    content = read_decoded(path, source_path=source_path, limit=None)  # many articles: no file limit
    if isinstance(content, Skip):
        yield content
        return
    for number, raw in enumerate(content.splitlines(), start=1):
        if not raw.strip():
            continue
        yield _record(raw, number=number, path=path, source_path=source_path)


def _record(raw: str, *, number: int, path: Path, source_path: str) -> Article | Skip:
    """One JSON Lines record as an `Article`, or a `Skip` saying what is wrong with it."""

    def skip(why: str) -> Skip:
        return Skip(path=source_path, reason=f"line {number}: {why}", line=number)

    try:
        record = json.loads(raw)
    except json.JSONDecodeError as error:
        return skip(f"not JSON: {error.msg} at column {error.colno}")
    if not isinstance(record, dict):
        return skip(f"not a JSON object but {type(record).__name__}")
    if "text" not in record:
        return skip("missing 'text'")
    text = record["text"]
    if not isinstance(text, str):
        return skip(f"'text' is {type(text).__name__}, not a string")
    if not text.strip():
        return skip("empty 'text'")
    result = article_from_text(
        text,
        doc=str(record["id"]) if record.get("id") not in (None, "") else f"{path.name}:{number}",
        source_path=source_path,
        title=_string(record.get("title")),
        date=normalise_date(record.get("date")),
        url=_string(record.get("url")),
        outlet=_string(record.get("outlet")),
        line=number,
    )
    if isinstance(result, Skip):
        return skip(result.reason)
    return result


def _string(value: object) -> str | None:
    """A metadata field as a stripped string, or None if absent, empty or not a string."""
    return value.strip() or None if isinstance(value, str) else None
