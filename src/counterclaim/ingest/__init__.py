"""Read article files into cleaned `Article`s: plain text, HTML, JSON Lines, web archives
(WARC) and news feeds (RSS, Atom).

>>> from counterclaim.ingest import iter_articles, read  # doctest: +SKIP
>>> for item in iter_articles(["corpus/"]):  # doctest: +SKIP
...     print(item)

Every input yields either `Article`s or `Skip`s (with a reason); nothing raises for a
bad file, so one broken file never stops a run. Files that hold many articles (JSON Lines,
WARC, feeds) are read as streams: memory holds one record, never a whole file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from counterclaim.ingest.feeds import read_feed
from counterclaim.ingest.html import read_html
from counterclaim.ingest.jsonl import read_jsonl
from counterclaim.ingest.text import read_text
from counterclaim.ingest.warc import read_warc
from counterclaim.model import Article, Skip

__all__ = ["iter_articles", "read", "READERS", "shown_name", "suffix_of"]

TEXT_SUFFIXES = frozenset({".txt", ""})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"})
WARC_SUFFIXES = frozenset({".warc", ".warc.gz"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})  # an .xml file is read only if it is a feed
READERS = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES  # the suffixes read at all
# Endings of two parts, which `Path.suffix` (".gz") cannot tell apart.
_DOUBLE_SUFFIXES = tuple(s for s in READERS if s.count(".") == 2)
# An article longer than this is reported and skipped: about 150,000 words, far beyond any
# news article, and it keeps one pathological file from stalling a run.
MAX_ARTICLE_CHARS = 1_000_000


def iter_articles(paths: Iterable[str | Path], *, follow_symlinks: bool = False) -> Iterator[Article | Skip]:
    """Read every article under `paths`, in a deterministic order.

    Args:
        paths: files or folders; folders are walked recursively in sorted order and
            files with an unknown suffix (or hidden files) in them are ignored, while a
            named file with an unknown suffix is a `Skip`.
        follow_symlinks: read what a symbolic link inside a folder points to even when it
            leads out of that folder (a link inside it is always read; a link out of it is
            otherwise a `Skip`, so a folder from elsewhere cannot make the ledger store, and
            the web app serve, a file such as /etc/passwd).

    Yields:
        One `Article` per text or HTML file, per good JSONL line, per HTML page in a WARC
        and per feed item; one `Skip` per file, line, record or item that cannot be read,
        with the reason (and the JSONL line, WARC record or feed item number), and one per
        entry of a folder that is not a readable regular file: a subfolder that cannot be
        listed, a FIFO or device, a broken link. Every path and reason is a printable string
        (`shown_name`), whatever bytes the file system holds.
    """
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for path, problem in _walk(root, follow_symlinks=follow_symlinks):
                if problem:
                    yield Skip(path=shown_name(str(path)), reason=shown_name(problem))
                else:
                    yield from _read_file(path, source_path=str(path))
        elif root.is_file():
            yield from _read_file(root, source_path=str(given))
        elif root.exists():
            yield Skip(path=shown_name(str(given)), reason="not a regular file")
        else:
            yield Skip(path=shown_name(str(given)), reason="no such file or folder")


def _walk(root: Path, *, follow_symlinks: bool) -> Iterator[tuple[Path, str | None]]:
    """The entries of `root` to read, depth first in name order, each with why it cannot be
    read (None when it can). Hidden entries and files of an unknown type are passed over."""
    inside = root.resolve()
    seen_folders = {inside}  # a link back up the tree must not walk it forever
    listings = [iter([root])]  # a stack of folder listings, the one being walked last
    while listings:
        path = next(listings[-1], None)
        if path is None:
            listings.pop()
            continue
        if path is not root and path.name.startswith("."):
            continue
        problem = None
        if path.is_symlink():
            target = Path(os.path.realpath(path))
            if not target.exists():
                problem = "a broken symbolic link"
            elif not follow_symlinks and not target.is_relative_to(inside):
                problem = f"a symbolic link out of the folder (--follow-symlinks reads it): to {target}"
            elif target.is_dir():
                if not follow_symlinks or target in seen_folders:
                    continue  # a link to a folder inside is walked where the folder is
                seen_folders.add(target)
        if problem is None and path.is_dir():
            try:
                listings.append(iter(sorted(Path(entry.path) for entry in os.scandir(path))))
            except OSError as error:
                yield path, f"unreadable folder: {error.strerror or error}"
        elif suffix_of(path) in READERS:
            yield path, problem or (None if path.is_file() else "not a regular file (a FIFO, socket or device)")


def read(path: str | Path) -> Iterator[Article]:
    """The articles under one path, skips dropped: a convenience for notebooks."""
    for item in iter_articles([path]):
        if isinstance(item, Article):
            yield item


def _read_file(path: Path, *, source_path: str) -> Iterator[Article | Skip]:
    printable = shown_name(source_path) != source_path
    for item in _read_any(path, source_path=source_path):
        if isinstance(item, Article) and len(item.text) > MAX_ARTICLE_CHARS:
            yield Skip(path=shown_name(item.source_path or source_path),
                       reason=f"too large: {len(item.text):,} characters (limit {MAX_ARTICLE_CHARS:,})",
                       line=_line_of(item))
        elif isinstance(item, Skip):
            yield replace(item, path=shown_name(item.path), reason=shown_name(item.reason))
        elif printable:  # a name the terminal, JSON and the ledger could not take as it is
            yield replace(item, doc=shown_name(item.doc), source_path=shown_name(source_path))
        else:
            yield item


def shown_name(name: str) -> str:
    """`name` as it can be stored, printed and written as JSON: bytes of a file name that
    are not UTF-8 as `\\xff`, control and format characters (a terminal escape, a
    right-to-left override) as `\\x1b`, `\\u202e`.

    >>> shown_name("bad\\udcffname.txt"), shown_name("red\\x1b[31m.txt"), shown_name("Léry.txt")
    ('bad\\\\xffname.txt', 'red\\\\x1b[31m.txt', 'Léry.txt')
    """
    if name.isprintable():
        return name
    text = os.fsencode(name).decode("utf-8", "backslashreplace")  # the file system's bytes, shown
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _line_of(article: Article) -> int | None:
    _, _, line = article.doc.rpartition(":")
    return int(line) if line.isdigit() else None


def suffix_of(path: Path) -> str:
    """The lower-case ending that names a file's type: ".warc.gz", ".txt", "" for none.

    >>> suffix_of(Path("crawl/2024-05.WARC.gz")), suffix_of(Path("a.b.html")), suffix_of(Path("notes"))
    ('.warc.gz', '.html', '')
    """
    name = path.name.lower()
    return next((s for s in _DOUBLE_SUFFIXES if name.endswith(s) and len(name) > len(s)), path.suffix.lower())


def _read_any(path: Path, *, source_path: str) -> Iterator[Article | Skip]:
    """Dispatch one file to its reader by suffix."""
    suffix = suffix_of(path)
    try:
        if suffix in TEXT_SUFFIXES:
            yield read_text(path, source_path=source_path)
        elif suffix in HTML_SUFFIXES:
            yield read_html(path, source_path=source_path)
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, source_path=source_path)
        elif suffix in WARC_SUFFIXES:
            yield from read_warc(path, source_path=source_path)
        elif suffix in FEED_SUFFIXES:
            yield from read_feed(path, source_path=source_path)
        else:
            yield Skip(path=source_path, reason=f"unknown file type {suffix!r}")
    except Exception as error:  # noqa: BLE001 - one bad file must not end a run
        yield Skip(path=source_path, reason=f"failed: {type(error).__name__}: {error}")
