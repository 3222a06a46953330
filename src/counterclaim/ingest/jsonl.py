"""JSON Lines: one article per line, `{"text": …, "url"?, "date"?, "title"?, "outlet"?, "id"?}`.

Read as a stream, one line at a time, plain or gzip-compressed (`.jsonl`, `.ndjson`,
`.jsonl.gz`, `.ndjson.gz`): memory holds one line, never the file, however many articles
it has.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import zlib
from collections.abc import Iterator
from pathlib import Path

from counterclaim.ingest.header import normalise_date
from counterclaim.ingest.text import DecodeError, article_from_text, decode, gzip_bomb
from counterclaim.model import Article, Skip

_GZIP_MAGIC = b"\x1f\x8b"
# A record this long cannot hold an article under the article limit (1,000,000 characters)
# even written as \uXXXX escapes; it is skipped unread rather than held in memory.
MAX_LINE_BYTES = 16_000_000
_SNIFF_BYTES = 8192  # enough of the start to tell a binary file from JSON Lines
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BLOCK = 65_536
_BLANK = b" \t\r\n"


def read_jsonl(path: Path, *, source_path: str) -> Iterator[Article | Skip]:
    """Read a JSON Lines file: an `Article` per good line, a `Skip` per bad one.

    Blank lines are ignored. A line is bad when it is not text, not JSON, not an object,
    or has no non-empty string `text`; the skip names the line (1-based) in `reason` and
    `line`. A line that is not UTF-8 is decoded like a text file (`decode`), on its own.
    The text is cleaned like a plain-text body (there is no header line to read). A gzip
    file (told by its first bytes, whatever its name) is decompressed as it is read; if it
    is cut short or corrupt, the lines before the damage are read and one `Skip` for the
    file says where it stopped.

    Yields:
        `Article` (doc: the record's `id`, else "FILE:LINE", FILE the name as given, such
        as `news.jsonl.gz`) or `Skip`, in line order.
    """
    number = 0
    try:
        with path.open("rb") as raw:
            compressed = raw.read(2) == _GZIP_MAGIC
            raw.seek(0)
            stream: io.BufferedReader | gzip.GzipFile = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
            start = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
            if b"\x00" in start and not start.startswith(_UTF16_BOMS):
                # A misnamed binary file: one skip, not one per "line" of bytes.
                yield Skip(path=source_path, reason="binary file (NUL bytes)")
                return
            lines = _utf16_lines(stream) if start.startswith(_UTF16_BOMS) else _lines(stream)
            packed = os.fstat(raw.fileno()).st_size
            seen = False
            for number, line in lines:
                if compressed and (bomb := gzip_bomb(stream.tell(), packed)):
                    yield Skip(path=source_path, reason=f"{bomb}; stopped at line {number:,}")
                    return
                if line is not None and not line.strip():
                    continue
                seen = True
                yield _record_bytes(line, number=number, path=path, source_path=source_path)
            if not seen:
                yield Skip(path=source_path, reason="empty file")
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        yield Skip(path=source_path, reason=f"corrupt or truncated gzip after line {number}: {error}")
    except UnicodeDecodeError as error:  # only a UTF-16 file is decoded as a whole
        yield Skip(path=source_path, reason=f"not UTF-16 despite its byte-order mark after line {number}: "
                                            f"{error.reason}")
    except OSError as error:
        yield Skip(path=source_path, reason=f"unreadable: {error.strerror or error}")


def _lines(stream: io.BufferedReader | gzip.GzipFile) -> Iterator[tuple[int, bytes | None]]:
    """The lines of `stream`, numbered from 1; None for a line over MAX_LINE_BYTES, whose
    bytes are passed over a block at a time instead of held. Runs of blank lines are passed
    over a block at a time too (an empty line is yielded for each run, to count): a file of
    gigabytes of newlines takes seconds, not a Python step per line."""
    number = 0
    while True:
        passed, ended = _blank_run(stream)
        if passed:
            number += ended
            yield number, b""
            continue
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _blank_run(stream: io.BufferedReader | gzip.GzipFile) -> tuple[int, int]:
    """Read past the blanks and line ends at the stream's position, a block at most: how
    many bytes that passed and how many lines it ended."""
    ahead = stream.peek(_BLOCK)[:_BLOCK]
    run = len(ahead) - len(ahead.lstrip(_BLANK))
    stream.read(run)
    return run, ahead.count(b"\n", 0, run)


def _utf16_lines(stream: io.BufferedReader | gzip.GzipFile) -> Iterator[tuple[int, bytes | None]]:
    """The lines of a UTF-16 file (the default of some Windows tools), as UTF-8 bytes."""
    # newline="\n": lines end where they do in the UTF-8 reading, and a stray "\r" stays.
    text = io.TextIOWrapper(stream, encoding="utf-16", newline="\n")
    for number, line in enumerate(text, start=1):
        yield number, line.encode("utf-8")


def _record_bytes(line: bytes | None, *, number: int, path: Path, source_path: str) -> Article | Skip:
    """One line's bytes as an `Article` or a `Skip`: decoded here, then read as a record."""
    if line is None:
        return Skip(path=source_path, reason=f"line {number}: too large: over {MAX_LINE_BYTES:,} bytes",
                    line=number)
    try:
        # utf-8-sig: a byte-order mark may open the first line.
        raw = line.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        try:  # the line alone: one badly encoded record must not cost the file
            raw = decode(line)
        except DecodeError as error:
            return Skip(path=source_path, reason=f"line {number}: {error}", line=number)
    return _record(raw, number=number, path=path, source_path=source_path)


def _record(raw: str, *, number: int, path: Path, source_path: str) -> Article | Skip:
    """One JSON Lines record as an `Article`, or a `Skip` saying what is wrong with it."""

    def skip(why: str) -> Skip:
        return Skip(path=source_path, reason=f"line {number}: {why}", line=number)

    try:
        record = json.loads(raw)
    except json.JSONDecodeError as error:
        return skip(f"not JSON: {error.msg} at column {error.colno}")
    except RecursionError:  # the C parser recurses per level: a line nested 100,000 deep
        return skip("not JSON that can be read: nested too deep")
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
