"""The ledger for a server of many threads: a connection pool sized for them, and a time
limit on the statements a request runs.

`open_reader` migrates the ledger like `open_store`, then opens it again with a pool of
`connections` and no overflow: a request that finds every connection taken waits at most
`wait_s` and fails as a timeout (`is_timeout`), instead of the 30 s wait and the
"QueuePool limit … reached" error of SQLAlchemy's default pool of 5 + 10.

`time_limit(seconds)` bounds every statement run in its block, in this thread (or task):
SQLite through a progress handler that interrupts a statement past the deadline,
PostgreSQL through `SET LOCAL statement_timeout` before each statement. A statement cut
short raises the usual `StoreError`, for which `is_timeout` is true.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import TimeoutError as PoolTimeout

from counterclaim.store.db import new_engine, open_store

# How many SQLite VM instructions run between two looks at the clock: a look costs a
# context-variable read, and 1,000 instructions take well under a millisecond.
PROGRESS_EVERY = 1_000

_DEADLINE: ContextVar[float | None] = ContextVar("counterclaim_statement_deadline", default=None)


def open_reader(db: str, *, connections: int, wait_s: float = 10.0) -> Engine:
    """The ledger at `db`, migrated, with a pool of `connections` and statement time limits.

    Raises:
        StoreError: when the database cannot be opened, created or migrated.
    """
    migrated = open_store(db)
    url = migrated.url
    migrated.dispose()
    engine = new_engine(url, pool_size=connections, max_overflow=0, pool_timeout=wait_s)
    if url.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_progress_handler)
    elif url.get_backend_name() == "postgresql":
        event.listen(engine, "before_cursor_execute", _postgresql_timeout)
    return engine


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Statements run in this block stop with an error once `seconds` have passed."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


@contextmanager
def no_time_limit() -> Iterator[None]:
    """Statements run in this block have no time limit, whatever block this one is in."""
    token = _DEADLINE.set(None)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def is_timeout(error: BaseException) -> bool:
    """True when `error` (or what caused it) is a statement cut short by `time_limit`, or a
    wait for a pooled connection that ran out."""
    seen: BaseException | None = error
    for _ in range(8):  # a chain of causes is short; a cycle must not hang a request
        if seen is None:
            return False
        if isinstance(seen, PoolTimeout):
            return True
        if isinstance(seen, sqlite3.OperationalError) and "interrupted" in str(seen):
            return True
        if type(seen).__name__ == "QueryCanceled":  # psycopg.errors.QueryCanceled, without importing psycopg
            return True
        seen = seen.__cause__ or getattr(seen, "orig", None)
    return False


def _sqlite_progress_handler(connection: Any, _record: object) -> None:
    def past_deadline() -> int:
        deadline = _DEADLINE.get()
        return 1 if deadline is not None and time.monotonic() > deadline else 0

    connection.set_progress_handler(past_deadline, PROGRESS_EVERY)


def _postgresql_timeout(_connection: Any, cursor: Any, _statement: str, _parameters: Any, _context: Any,
                        _executemany: bool) -> None:
    deadline = _DEADLINE.get()
    if deadline is None:
        return
    left_ms = max(1, int((deadline - time.monotonic()) * 1000))
    # SET LOCAL lasts to the end of the transaction that the read is in, and goes with it. Sent
    # on the connection, not `cursor`, which may be a server-side cursor that only takes a query.
    cursor.connection.execute(f"SET LOCAL statement_timeout = {left_ms}")
