"""Web archives (WARC, plain or gzip): every news page a crawl fetched, as an article.

Read as a stream with warcio, one record at a time, so a crawl of any size takes the memory
of one page. A page is a `response` record with HTTP status 200 and an HTML content type,
or a `resource` record of HTML; everything else a crawl holds (requests, redirects, errors,
images, metadata, revisits) is passed over without a skip, since a crawl is mostly that.
Each page goes through the HTML reader (`article_from_html`); a plain-text page or
resource (`text/plain`) through the text reader, as a .txt file would.
"""

from __future__ import annotations

import gzip
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from counterclaim.ingest.html import article_from_html
from counterclaim.ingest.text import MAX_FILE_BYTES, DecodeError, decode, gzip_bomb, plain_article
from counterclaim.model import Article, Skip

_GZIP_MAGIC = b"\x1f\x8b"
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPE = "text/plain"
_CHARSET = re.compile(r""";\s*charset\s*=\s*["']?([\w.:-]+)""", re.I)
_BLOCK = 65_536
_RECORD_END = b"\r\n\r\n"


class _Damaged(Exception):
    """The file ends inside a record, or its bytes are no WARC: the rest cannot be read."""


@dataclass(frozen=True)
class _Page:
    """The parts of an HTML record the reader uses."""

    uri: str
    record_id: str
    body: bytes | None  # None: larger than one page can be
    charset: str | None
    unreadable: str | None = None  # why the body cannot be read, if it cannot
    plain_text: bool = False  # text/plain rather than HTML


def read_warc(path: Path, *, source_path: str) -> Iterator[Article | Skip]:
    """Read a WARC file: an `Article` per HTML page fetched, a `Skip` per page without text.

    A gzip file (told by its first bytes) is decompressed as it is read. A file cut short
    or corrupt gives the pages before the damage and then one `Skip` for the rest.

    Yields:
        `Article` (doc: the WARC-Record-ID, else the target URI; url: the page's canonical
        URL, else the WARC-Target-URI) or `Skip` (naming the record number and URI), in
        record order.
    """
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]  # only WARC input needs it

    done = 0  # records read whole
    try:
        with path.open("rb") as raw:
            compressed = raw.peek(2)[:2] == _GZIP_MAGIC
            stream: Any = _GzipStream(raw) if compressed else raw
            records = _whole_records(ArchiveIterator(stream), plain=None if compressed else raw)
            while True:
                # warcio reports a damaged file with anything from its own ArchiveLoadFailed
                # to an AttributeError on a half-parsed header; only its calls are guarded.
                try:
                    record = next(records, None)
                    if record is None:
                        break
                    page = _page(record)
                    _drain(record)
                except Exception as error:  # noqa: BLE001 - a damaged file ends its reading, not the run
                    why = str(error) if isinstance(error, _Damaged) else f"{type(error).__name__}: {error}"
                    where = f"after record {done}" if done else "at its start"
                    yield Skip(path=source_path, reason=f"corrupt or truncated WARC {where}: {why}")
                    return
                done += 1
                if page is not None:
                    yield _article(page, number=done, source_path=source_path)
    except OSError as error:
        yield Skip(path=source_path, reason=f"unreadable: {error.strerror or error}")


def _whole_records(archive: Any, *, plain: BinaryIO | None) -> Iterator[Any]:
    """The records of a WARC, raising `_Damaged` where warcio would quietly stop or guess.

    `plain` is the file of an uncompressed WARC, whose end is checked: every record ends
    with a blank line (CRLF CRLF), so a file cut anywhere but between two records, in a
    header or in the blank line itself, does not end with one. (A gzip WARC cut short
    fails in the gzip stream.)"""
    for record in archive:
        if record.format != "warc":  # warcio reads any text it cannot parse as an old ARC file
            raise _Damaged(f"not a WARC record (warcio reads it as {record.format!r})")
        yield record
    # A file that ends inside a record's header ends warcio's iteration as if it were
    # whole; then the last record it read ends short of the bytes it has read.
    if archive.offset < archive.fh.tell():
        raise _Damaged(f"the file ends inside the header of the record at byte {archive.offset:,}")
    if plain is not None:
        size = plain.seek(0, io.SEEK_END)
        plain.seek(max(0, size - len(_RECORD_END)))
        if size and not plain.read().endswith(_RECORD_END):
            raise _Damaged(f"the file ends inside a record (its last {len(_RECORD_END)} bytes are not "
                           "the blank line that ends one)")


def _page(record: Any) -> _Page | None:
    """The HTML page a record holds, or None if it holds none."""
    headers = record.rec_headers
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            return None
        content_type = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = headers.get_header("Content-Type") or ""
    else:
        return None
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in _HTML_TYPES and media_type != _TEXT_TYPE:
        return None
    uri = headers.get_header("WARC-Target-URI") or ""
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<> ")
    charset = match[1] if (match := _CHARSET.search(content_type)) else None
    encoding = record.http_headers.get_header("Content-Encoding") if record.http_headers else None
    if encoding and not _decompressible(encoding):
        return _Page(uri, record_id, None, charset, unreadable=f"compressed as {encoding!r}, which is not read")
    body = record.content_stream().read(MAX_FILE_BYTES + 1)
    return _Page(uri, record_id, body if len(body) <= MAX_FILE_BYTES else None, charset,
                 plain_text=media_type == _TEXT_TYPE)


def _decompressible(encoding: str) -> bool:
    from warcio.bufferedreaders import BufferedReader  # type: ignore[import-untyped]

    return encoding.strip().lower() in ("identity", *BufferedReader.get_supported_decompressors())


def _drain(record: Any) -> None:
    """Read the rest of a record, so a record cut short is told from a whole one."""
    stream = record.raw_stream
    while stream.read(_BLOCK):
        pass
    # warcio reads a record through a reader limited to its Content-Length: bytes still
    # owed when the stream is dry mean the file ends inside the record.
    if getattr(stream, "limit", 0) > 0:
        raise _Damaged(f"the file ends {stream.limit:,} bytes before the end of record {record.rec_type!r}")


def _article(page: _Page, *, number: int, source_path: str) -> Article | Skip:
    """One page as an `Article`, or a `Skip` naming its record and URI."""

    def skip(why: str) -> Skip:
        return Skip(path=source_path, reason=f"record {number} ({page.uri or 'no URI'}): {why}", line=number)

    if page.unreadable:
        return skip(page.unreadable)
    if page.body is None:
        return skip(f"too large: over {MAX_FILE_BYTES:,} bytes (limit for one page)")
    try:
        html = _decoded(page.body, page.charset)
    except DecodeError as error:
        return skip(str(error))
    doc = page.record_id or page.uri or f"{Path(source_path).name}:{number}"
    reader = plain_article if page.plain_text else article_from_html
    result = reader(html, doc=doc, source_path=source_path, url=page.uri or None)
    return skip(result.reason) if isinstance(result, Skip) else result


def _decoded(body: bytes, charset: str | None) -> str:
    """A page's text in the charset its HTTP header names, else as a text file is decoded.

    Raises:
        DecodeError: the body is empty, binary or no text in any encoding.
    """
    if charset and body.strip():
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset in the header: let the bytes tell
    return decode(body)


class _GzipStream:
    """The decompressed bytes of a gzip WARC, as warcio reads them.

    warcio decompresses by itself, but takes a gzip stream that stops early for the end of
    the archive, and reads EOFError the same way; here a cut-off file raises `_Damaged`.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self._file = gzip.GzipFile(fileobj=raw, mode="rb")
        self._packed = os.fstat(raw.fileno()).st_size

    def read(self, size: int = -1) -> bytes:
        if size <= 0:
            return b"".join(iter(lambda: self.read(_BLOCK), b""))
        try:
            block = self._file.read1(size)
        except EOFError as error:
            raise _Damaged(f"the gzip stream ends early ({error})") from None
        if bomb := gzip_bomb(self._file.tell(), self._packed):
            raise _Damaged(bomb)
        return block
