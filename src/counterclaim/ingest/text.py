"""Plain-text articles: decoding, the header line, and building an `Article`.

`article_from_text` is the shared last step of every reader (text, HTML, JSON Lines):
clean, then fill the metadata by precedence, then hash.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from counterclaim.ingest.clean import clean_text
from counterclaim.ingest.header import split_header
from counterclaim.ingest.outlets import outlet_for_url
from counterclaim.model import Article, Skip

# C0 control characters other than tab, newlines and form feed: not in a text file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DecodeError(ValueError):
    """Bytes that are not a text file; the message is the skip reason."""


def decode(data: bytes) -> str:
    """Decode a text file's bytes: UTF-8 (BOM allowed), else UTF-16 with BOM, else cp1252.

    cp1252 is only taken when the bytes are not UTF-8, decode strictly as cp1252 and
    hold no control characters; charset detection proper is future work.

    Raises:
        DecodeError: empty, binary (NUL bytes), or undecodable input.

    >>> decode("\\ufeffcafé".encode("utf-8"))
    'café'
    >>> decode("café".encode("cp1252"))
    'café'
    """
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise DecodeError(f"not UTF-16 despite its byte-order mark: {error.reason}") from None
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise DecodeError(utf8_error) from None
    if _CONTROL.search(text):
        raise DecodeError(utf8_error)
    return text


def article_id(text: str) -> str:
    """The article id: the first 16 hex digits of the SHA-256 of the cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def article_from_text(
    text: str,
    *,
    doc: str,
    source_path: str,
    start: int = 0,
    title: str | None = None,
    date: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    line: int | None = None,
) -> Article | Skip:
    """Clean `text[start:]` and build an `Article`, or a `Skip` if nothing is left.

    Metadata given by the caller (a header, HTML meta, JSONL fields) wins over what the
    text itself says; the outlet comes from the URL host, else from a byline or dateline.
    """
    cleaned = clean_text(text, start=start)
    if not cleaned.text:
        return Skip(path=source_path, reason="no text after cleaning", line=line)
    registered = outlet_for_url(url)
    return Article(
        id=article_id(cleaned.text),
        doc=doc,
        text=cleaned.text,
        title=title or cleaned.title,
        date=date or cleaned.date,
        url=url,
        outlet=outlet or (registered.name if registered else None) or cleaned.outlet,
        source_path=source_path,
        segments=cleaned.segments,
    )


def read_decoded(path: Path, *, source_path: str) -> str | Skip:
    """The text of a file, or a `Skip` saying why it cannot be read as text."""
    try:
        return decode(path.read_bytes())
    except DecodeError as error:
        return Skip(path=source_path, reason=str(error))
    except OSError as error:
        return Skip(path=source_path, reason=f"unreadable: {error.strerror or error}")


def read_text(path: Path, *, source_path: str) -> Article | Skip:
    """Read one plain-text article file (with the optional ` date … URL` header)."""
    text = read_decoded(path, source_path=source_path)
    if isinstance(text, Skip):
        return text
    header = split_header(text)
    return article_from_text(
        text,
        doc=path.name,
        source_path=source_path,
        start=header.body_start,
        date=header.date,
        url=header.url,
    )
