"""The ledger in a real SQLite file: ingest, idempotence, and the claims read back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from counterclaim.cli import app
from counterclaim.extract import extract_articles
from counterclaim.ingest import read
from counterclaim.store import open_store, read_claims, save_article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_claims_read_back_equal_the_extracted_ones(tmp_path: Path, nlp: object) -> None:
    articles = list(read(EXAMPLES))
    extracted = list(extract_articles(articles))
    engine = open_store(str(tmp_path / "ledger.db"))
    for article, found in zip(articles, extracted, strict=True):
        assert save_article(engine, article, found) is True
    stored = list(read_claims(engine))
    assert sorted(stored, key=_key) == sorted((c for found in extracted for c in found), key=_key)
    assert [(c, c.reasons) for c in stored][:3] == [(c, c.reasons) for c in extracted[0][:3]]


def test_an_article_stored_twice_is_stored_once(tmp_path: Path, nlp: object) -> None:
    article = next(read(EXAMPLES))
    found = next(iter(extract_articles([article])))
    engine = open_store(str(tmp_path / "ledger.db"))
    assert save_article(engine, article, found) is True
    assert save_article(engine, article, found) is False
    assert len(list(read_claims(engine))) == len(found)


def test_ingest_twice_adds_nothing_the_second_time(tmp_path: Path, nlp: object) -> None:
    db = tmp_path / "counterclaim.db"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "12 new articles stored" in first.output
    second = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert "0 new articles stored" in second.output and "12 already there" in second.output
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        articles, orphans = connection.execute(
            "SELECT (SELECT count(*) FROM articles),"
            " (SELECT count(*) FROM claims WHERE article NOT IN (SELECT id FROM articles))"
        ).fetchone()
    assert (articles, orphans) == (12, 0)
    listed = runner.invoke(app, ["claims", "--db", str(db), "--format", "jsonl"])
    assert listed.exit_code == 0
    assert len(listed.stdout.splitlines()) > 50


def test_claims_of_a_missing_ledger_fail_with_a_hint(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["claims", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "counterclaim ingest" in result.output
    assert not (tmp_path / "none.db").exists()


def _key(claim: object) -> tuple:
    return (claim.article, claim.start, claim.end, claim.value or 0, claim.measure)  # type: ignore[attr-defined]
