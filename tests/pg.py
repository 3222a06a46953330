"""A throwaway PostgreSQL server from the installed Debian packages, for the tests
(`conftest.py`) and benchmarks/bench_store.py: `with throwaway_postgres() as url:` gives `postgresql://postgres@127.0.0.1:PORT`
(add a database name) and removes the cluster afterwards. Runs as the `postgres` user
when started as root, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class NoPostgres(RuntimeError):
    """PostgreSQL's server programs are not installed here."""


def postgres_binaries() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin with an initdb, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    binaries = postgres_binaries()
    if binaries is None:
        raise NoPostgres("no PostgreSQL server here: apt-get install postgresql")
    root = Path(tempfile.mkdtemp(prefix="counterclaim-pg-"))
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", _free_port()
    pg_ctl = [*as_postgres, str(binaries / "pg_ctl"), "-D", str(data)]
    try:
        subprocess.run([*as_postgres, str(binaries / "initdb"), "-D", str(data), "-U", "postgres",
                        "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True, cwd="/")
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"
        subprocess.run([*pg_ctl, "-l", str(root / "log"), "-w", "-t", "60", "-o", options, "start"],
                       check=True, capture_output=True, cwd="/")
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True, cwd="/")
        shutil.rmtree(root, ignore_errors=True)


def create_database(server: str, name: str) -> str:
    """Create database `name` on `server`; its URL."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
