"""Plain-text articles: decoding, the header line, and building an `Article`.

`article_from_text` is the shared last step of every reader (text, HTML, JSON Lines):
clean, then fill the metadata by precedence, then hash.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from charset_normalizer import from_bytes

from counterclaim.ingest.clean import clean_text
from counterclaim.ingest.header import split_header
from counterclaim.ingest.outlets import outlet_for_url
from counterclaim.model import Article, Skip

_DETECT_BYTES = 200_000  # enough of a file to tell its encoding
MAX_FILE_BYTES = 10_000_000  # a text or HTML file holds one article: far larger is no news page
# Text, news included, compresses 3 to 10 times; a gzip file that unpacks to a hundred times
# its size (and to more than 64 MB) is a bomb, such as gigabytes of blank lines, not a corpus.
MAX_GZIP_RATIO = 100
GZIP_BOMB_FLOOR = 64_000_000
_CHAOS_TIE = 0.01  # charset-normalizer "mess" ratios this close are equally good
# Legacy encodings of news text, in order of preference among equally good fits.
_COMMON_ENCODINGS = ("cp1251", "cp1250", "iso8859_2", "cp1256", "cp1253", "cp1254", "koi8_r", "iso8859_15",
                     "cp1255", "cp1257", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_9")
# C0 control characters other than tab, newlines and form feed: not in a text file.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def gzip_bomb(unpacked: int, packed: int) -> str | None:
    """Why a gzip stream that has unpacked `unpacked` bytes of a `packed`-byte file is a bomb;
    None while it is not."""
    if unpacked > max(GZIP_BOMB_FLOOR, MAX_GZIP_RATIO * packed):
        return (f"a gzip bomb: {packed:,} bytes unpack to over {unpacked:,} "
                f"(more than {MAX_GZIP_RATIO} times; news compresses far less)")
    return None


class DecodeError(ValueError):
    """Bytes that are not a text file; the message is the skip reason."""


def decode(data: bytes) -> str:
    """Decode a text file's bytes: UTF-8 (BOM allowed), else UTF-16 with BOM, else the
    encoding charset-normalizer detects, else cp1252; never text with control characters.

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
    for text in (_detected(data), _cp1252(data)):
        if text is not None and not _CONTROL.search(text):
            return text
    raise DecodeError(f"{utf8_error}, and no other text encoding fits")


def _detected(data: bytes) -> str | None:
    """The text in the encoding charset-normalizer finds least garbled; among equally good
    ones, the commonest in news (cp1252 first: Western text decodes the same in several)."""
    found = from_bytes(data[:_DETECT_BYTES])
    if not found:
        return None
    least = min(match.chaos for match in found)
    tied = [match.encoding for match in found if match.chaos <= least + _CHAOS_TIE]
    western = _cp1252(data)
    if "cp1252" in tied or any(_decodes_as(data, encoding, western) for encoding in tied):
        return western
    encoding = next((e for e in _COMMON_ENCODINGS if e in tied), None)
    if encoding is None:
        return None  # an exotic code page (EBCDIC, DOS) fits bytes that are no text at all
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decodes_as(data: bytes, encoding: str, text: str | None) -> bool:
    try:
        return text is not None and data.decode(encoding) == text
    except (UnicodeDecodeError, LookupError):
        return False


def _cp1252(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


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


def read_decoded(path: Path, *, source_path: str, limit: int | None = MAX_FILE_BYTES) -> str | Skip:
    """The text of a file, or a `Skip` saying why it cannot be read as text (or is larger
    than `limit` bytes: one article per file never is)."""
    try:
        size = path.stat().st_size
        if limit is not None and size > limit:
            return Skip(path=source_path, reason=f"too large: {size:,} bytes (limit {limit:,} for one article)")
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
    return plain_article(text, doc=path.name, source_path=source_path)


def plain_article(text: str, *, doc: str, source_path: str, url: str | None = None) -> Article | Skip:
    """A plain-text article, read like a .txt file: the header line's URL wins over `url`."""
    header = split_header(text)
    return article_from_text(
        text,
        doc=doc,
        source_path=source_path,
        start=header.body_start,
        date=header.date,
        url=header.url or url,
    )
