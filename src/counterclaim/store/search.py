"""Full-text search of the claims: every word given, as a word or the start of one, in the
claim's sentence, counted phrase or claimant.

SQLite answers from an FTS5 index (`claims_search`, kept by triggers) and PostgreSQL from
a GIN index on a `simple` tsvector; both are built by migration 0003. The condition is one
SQL construct that compiles to the right form for each database.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Boolean, Table
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, bindparam

SEARCHED = "coalesce(sentence, '') || ' ' || coalesce(counted, '') || ' ' || coalesce(claimant, '')"


class WordSearch(ColumnElement[bool]):
    """True for the claims of `table` that hold every word of `text` (as word prefixes)."""

    inherit_cache = True
    type = Boolean()

    def __init__(self, table: Table | Any, text: str) -> None:
        self.table = table
        self.words = tuple(re.findall(r"\w+", text.lower()))


def word_search(table: Table | Any, text: str) -> WordSearch:
    return WordSearch(table, text)


@compiles(WordSearch, "sqlite")
def _sqlite(element: WordSearch, compiler: Any, **kw: Any) -> str:
    if not element.words:
        return "0 = 1"
    query = " AND ".join(f'"{word}"*' for word in element.words)
    param = compiler.process(bindparam(None, query, unique=True), **kw)
    column = compiler.process(element.table.c.id, **kw)
    return f"{column} IN (SELECT rowid FROM claims_search WHERE claims_search MATCH {param})"


@compiles(WordSearch, "postgresql")
def _postgresql(element: WordSearch, compiler: Any, **kw: Any) -> str:
    if not element.words:
        return "false"
    param = compiler.process(bindparam(None, " & ".join(f"{word}:*" for word in element.words), unique=True), **kw)
    searched = SEARCHED.replace("coalesce(", f"coalesce({compiler.preparer.quote(element.table.name)}.")
    return f"to_tsvector('simple', {searched}) @@ to_tsquery('simple', {param})"


@compiles(WordSearch)
def _other(element: WordSearch, compiler: Any, **kw: Any) -> str:
    # Any other database: every word as a substring, without an index.
    parts = [f"lower({compiler.process(element.table.c.sentence, **kw)}) LIKE "
             f"{compiler.process(bindparam(None, f'%{word}%', unique=True), **kw)}" for word in element.words]
    return " AND ".join(parts) or "1 = 0"
