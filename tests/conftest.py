"""Shared fixtures: the spaCy pipeline, loaded once per session, and ../shared."""

from __future__ import annotations

import functools
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from spacy.language import Language

from counterclaim.nlp import pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default pipeline, loaded once for the whole session."""
    return pipeline.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared folder (corpus, gold, scorer) beside the repository."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not there: clone the repository with ../shared beside it")
    return SHARED


# --- PostgreSQL: a throwaway cluster for the store suite -------------------------------

PG_URL_ENV = "COUNTERCLAIM_TEST_POSTGRES"  # a server URL to use instead of starting one


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server URL (without database): $COUNTERCLAIM_TEST_POSTGRES, else a
    cluster started from Debian's packages for this session (`.ci/run` installs them)."""
    given = os.environ.get(PG_URL_ENV)
    if given:
        yield given.rstrip("/")
        return
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not binaries:
        pytest.skip("no PostgreSQL here: apt-get install postgresql (as .ci/run does) or set " + PG_URL_ENV)
    bin_dir = Path(binaries[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="counterclaim-pg-"))  # pytest's own tmp is closed to postgres
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", _free_port()
    run = functools.partial(subprocess.run, check=True, capture_output=True, cwd="/")
    run([*as_postgres, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
         "-E", "UTF8", "--locale=C.UTF-8"])
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"
    run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60",
         "-o", options, "start"])
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"],
                       capture_output=True, cwd="/")
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty ledger: an SQLite file, then a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    server = request.getfixturevalue("postgres_server")
    name = f"ledger_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
