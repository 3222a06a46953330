"""Shared fixtures: the spaCy pipeline, loaded once per session, ../shared, ledgers of the
demo corpus and of the news corpus, and a throwaway PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from counterclaim.nlp import pipeline
from pg import create_database, postgres_binaries, throwaway_postgres

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default spaCy pipeline, loaded once for the whole session (spaCy's own
    components: `pipeline.load().parse` runs the faster equivalents)."""
    return pipeline.load().nlp


@pytest.fixture(scope="session")
def examples_ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo corpus of examples/ ingested, with no actor file, into an SQLite ledger made
    once for the session: read it, or copy it to change it."""
    from typer.testing import CliRunner

    from counterclaim.cli import app

    db = tmp_path_factory.mktemp("examples") / "ledger.db"
    result = CliRunner().invoke(app, ["ingest", str(ROOT / "examples"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return str(db)


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared folder (corpus, gold, scorer) beside the repository."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not there: clone the repository with ../shared beside it")
    return SHARED


@pytest.fixture(scope="session")
def news_ledger(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    """An SQLite ledger of ../shared/corpus/news (articles from several wars, with places),
    made by `counterclaim ingest` once per session; tests only read it."""
    from typer.testing import CliRunner

    from counterclaim.cli import app

    db = tmp_path_factory.mktemp("news") / "news.db"
    result = CliRunner().invoke(app, ["ingest", str(shared / "corpus" / "news"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


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
    if postgres_binaries() is None:
        pytest.skip("no PostgreSQL here: apt-get install postgresql (as .ci/run does) or set " + PG_URL_ENV)
    with throwaway_postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty ledger: an SQLite file, then a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return create_database(request.getfixturevalue("postgres_server"), f"ledger_{uuid.uuid4().hex[:12]}")
