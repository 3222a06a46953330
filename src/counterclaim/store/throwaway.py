"""Left only for tests/test_web_hardening.py's import of `create_database`: the throwaway
PostgreSQL server is in tests/pg.py now. Delete this module once that file imports
`create_database` from `pg` (as tests/conftest.py does).
"""

from __future__ import annotations


def create_database(server: str, name: str) -> str:
    """Create database `name` on `server`; its URL."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"
