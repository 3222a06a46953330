"""Read article files into cleaned `Article`s: plain text, HTML and JSON Lines.

>>> from counterclaim.ingest import iter_articles, read  # doctest: +SKIP
>>> for item in iter_articles(["corpus/"]):  # doctest: +SKIP
...     print(item)

Every input yields either `Article`s or `Skip`s (with a reason); nothing raises for a
bad file, so one broken file never stops a run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from counterclaim.ingest.html import read_html
from counterclaim.ingest.jsonl import read_jsonl
from counterclaim.ingest.text import read_text
from counterclaim.model import Article, Skip

__all__ = ["iter_articles", "read", "READERS"]

TEXT_SUFFIXES = frozenset({".txt", ""})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
READERS = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES  # the suffixes read at all
# An article longer than this is reported and skipped: about 150,000 words, far beyond any
# news article, and it keeps one pathological file from stalling a run.
MAX_ARTICLE_CHARS = 1_000_000


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | Skip]:
    """Read every article under `paths`, in a deterministic order.

    Args:
        paths: files or folders; folders are walked recursively in sorted order and
            files with an unknown suffix (or hidden files) in them are ignored, while a
            named file with an unknown suffix is a `Skip`.

    Yields:
        One `Article` per text or HTML file and per good JSONL line; one `Skip` per
        file or line that cannot be read, with the reason (and the JSONL line number).
    """
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                relative = path.relative_to(root).parts
                if path.suffix.lower() in READERS and not any(
                    part.startswith(".") for part in relative
                ):
                    yield from _read_file(path, source_path=str(path))
        elif root.is_file():
            yield from _read_file(root, source_path=str(given))
        elif root.exists():
            yield Skip(path=str(given), reason="not a regular file")
        else:
            yield Skip(path=str(given), reason="no such file or folder")


def read(path: str | Path) -> Iterator[Article]:
    """The articles under one path, skips dropped: a convenience for notebooks."""
    for item in iter_articles([path]):
        if isinstance(item, Article):
            yield item


def _read_file(path: Path, *, source_path: str) -> Iterator[Article | Skip]:
    for item in _read_any(path, source_path=source_path):
        if isinstance(item, Article) and len(item.text) > MAX_ARTICLE_CHARS:
            yield Skip(path=item.source_path or source_path,
                       reason=f"too large: {len(item.text):,} characters (limit {MAX_ARTICLE_CHARS:,})",
                       line=_line_of(item))
        else:
            yield item


def _line_of(article: Article) -> int | None:
    _, _, line = article.doc.rpartition(":")
    return int(line) if line.isdigit() else None


def _read_any(path: Path, *, source_path: str) -> Iterator[Article | Skip]:
    """Dispatch one file to its reader by suffix."""
    suffix = path.suffix.lower()
    try:
        if suffix in TEXT_SUFFIXES:
            yield read_text(path, source_path=source_path)
        elif suffix in HTML_SUFFIXES:
            yield read_html(path, source_path=source_path)
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, source_path=source_path)
        else:
            yield Skip(path=source_path, reason=f"unknown file type {suffix!r}")
    except Exception as error:  # noqa: BLE001 - one bad file must not end a run
        yield Skip(path=source_path, reason=f"failed: {type(error).__name__}: {error}")
