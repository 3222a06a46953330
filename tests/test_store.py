"""The ledger in a real SQLite file and a real PostgreSQL server: ingest, idempotence,
versions, syndication, actors, filters, and the claims read back."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select
from typer.testing import CliRunner

from counterclaim.actors import load_base
from counterclaim.cli import app
from counterclaim.extract import extract_articles
from counterclaim.ingest import read
from counterclaim.model import Article
from counterclaim.store import ClaimFilter, StoreError, open_store, read_claims, read_stored, save_article
from counterclaim.store.schema import actors, articles, claims, mentions, metadata

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def examples() -> list[tuple[Article, list]]:
    found = list(read(EXAMPLES))
    return list(zip(found, extract_articles(found), strict=True))


def test_claims_read_back_equal_the_extracted_ones(ledger_url: str, examples) -> None:
    engine = open_store(ledger_url)
    for article, found in examples:
        assert save_article(engine, article, found, load_base().actors) is True
    stored = list(read_claims(engine))
    extracted = [c for _, found in examples for c in found]
    assert sorted(stored, key=_key) == sorted(extracted, key=_key)  # every field, actor and period included
    assert [(c, c.reasons) for c in stored][:3] == [(c, c.reasons) for c in examples[0][1][:3]]


def test_every_field_of_a_claim_has_its_column_and_its_export_column() -> None:
    # The row, the read-back and the CSV are made from Claim's fields: a new field needs
    # a column (a migration), nothing else.
    from counterclaim.export import CSV_FIELDS
    from counterclaim.model import CLAIM_FIELDS
    from counterclaim.store.db import STORED_FIELDS

    assert set(STORED_FIELDS) <= set(claims.c.keys())
    assert set(CLAIM_FIELDS) - set(STORED_FIELDS) == {"url", "id"}  # the article's, the row's own
    assert sorted(CSV_FIELDS) == sorted(CLAIM_FIELDS)


def test_an_article_stored_twice_is_stored_once(ledger_url: str, examples) -> None:
    article, found = examples[0]
    engine = open_store(ledger_url)
    assert save_article(engine, article, found) is True
    assert save_article(engine, article, found) is False
    assert len(list(read_claims(engine))) == len(found)


def test_the_schema_is_the_migrations(ledger_url: str) -> None:
    engine = open_store(ledger_url)
    tables = set(inspect(engine).get_table_names())
    assert set(metadata.tables) <= tables and "alembic_version" in tables
    for table in metadata.tables.values():
        stored = {c["name"] for c in inspect(engine).get_columns(table.name)}
        assert stored == set(table.columns.keys()), table.name
    open_store(ledger_url)  # opening again migrates nothing and fails nothing


def test_a_changed_page_is_a_new_version_of_the_old_one(ledger_url: str, examples) -> None:
    article, found = examples[0]
    engine = open_store(ledger_url)
    save_article(engine, article, found)
    changed = replace(article, id="changed-text", text=article.text + "\n\nCorrection: a figure was updated.")
    assert save_article(engine, changed, []) is True
    with engine.connect() as connection:
        version_of = connection.execute(select(articles.c.version_of).where(articles.c.id == "changed-text")).scalar()
    assert version_of == article.id


def test_wire_copy_republished_is_one_syndication_group(ledger_url: str, examples) -> None:
    article, found = examples[0]
    engine = open_store(ledger_url)
    save_article(engine, article, found)
    copy = replace(article, id="copy", url="https://other.example/wire-copy", outlet="Other Outlet",
                   text="Share this story\n\n" + article.text)
    other, other_found = examples[5]
    save_article(engine, copy, [replace(c, article="copy") for c in found])
    save_article(engine, other, other_found)
    groups = {s.claim.article: s.syndication for s in read_stored(engine)}
    assert groups["copy"] == groups[article.id] == article.id
    assert groups[other.id] == other.id


def test_actors_and_mentions_are_stored(ledger_url: str, examples) -> None:
    engine = open_store(ledger_url)
    for article, found in examples:
        save_article(engine, article, found)
    with engine.connect() as connection:
        stored_actors = connection.execute(select(func.count()).select_from(actors)).scalar()
        names = {row.name for row in connection.execute(select(mentions.c.name, mentions.c.reason))}
        orphans = connection.execute(
            select(func.count()).select_from(claims).where(claims.c.article.not_in(select(articles.c.id)))
        ).scalar()
    assert stored_actors and stored_actors > 3
    assert {"Abu Tamer", "Abu Tamir"} <= names  # two spellings, one provisional actor
    assert orphans == 0


def test_filters(ledger_url: str, examples) -> None:
    engine = open_store(ledger_url)
    for article, found in examples:
        save_article(engine, article, found)
    everything = list(read_claims(engine))
    killed = list(read_claims(engine, ClaimFilter(measure="killed")))
    assert killed and all(c.measure == "killed" for c in killed) and len(killed) < len(everything)
    later = list(read_claims(engine, ClaimFilter(since="2025-03-15")))
    assert later and all(c.date >= "2025-03-15" for c in later)
    tamer = list(read_claims(engine, ClaimFilter(claimant="tamer")))
    assert tamer and all("tamer" in c.claimant.lower() for c in tamer)
    searched = list(read_claims(engine, ClaimFilter(search="Bel Sar")))  # words, or their starts
    assert searched and all("bel sar" in f"{c.sentence} {c.counted} {c.claimant}".lower() for c in searched)
    assert {c.article for c in read_claims(engine, ClaimFilter(search="TAMIR"))} == {
        c.article for c in everything if "tamir" in f"{c.sentence} {c.claimant}".lower()}
    assert not list(read_claims(engine, ClaimFilter(search="zzyzx")))
    assert not list(read_claims(engine, ClaimFilter(search="%_ *")))  # no words: nothing, not everything


def test_ingest_twice_adds_nothing_the_second_time(tmp_path: Path, nlp: object) -> None:
    db = tmp_path / "counterclaim.db"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "12 new articles stored" in first.output
    second = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert second.exit_code == 0, second.output
    assert "0 new articles stored" in second.output and "12 already there (nothing new)" in second.output
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        stored, orphans = connection.execute(
            "SELECT (SELECT count(*) FROM articles),"
            " (SELECT count(*) FROM claims WHERE article NOT IN (SELECT id FROM articles))"
        ).fetchone()
    assert (stored, orphans) == (12, 0)
    listed = runner.invoke(app, ["claims", "--db", str(db), "--format", "jsonl", "--measure", "displaced"])
    assert listed.exit_code == 0
    assert 3 < len(listed.stdout.splitlines()) < 30


def test_claims_to_parquet(tmp_path: Path, nlp: object) -> None:
    import pandas as pd

    db = tmp_path / "counterclaim.db"
    CliRunner().invoke(app, ["ingest", str(EXAMPLES / "wire.jsonl"), "--db", str(db)])
    out = tmp_path / "claims.parquet"
    result = CliRunner().invoke(app, ["claims", "--db", str(db), "--format", "parquet", "--output", str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_parquet(out)
    assert len(frame) > 5 and {"value", "claimant", "claimant_id", "period_start"} <= set(frame.columns)
    missing = CliRunner().invoke(app, ["claims", "--db", str(db), "--format", "parquet"])
    assert missing.exit_code == 2 and "--output" in missing.output


def test_claims_of_a_missing_ledger_fail_with_a_hint(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["claims", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "counterclaim ingest" in result.output
    assert not (tmp_path / "none.db").exists()


def test_a_ledger_from_before_migrations_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE articles (id TEXT PRIMARY KEY)")
    with pytest.raises(StoreError, match="ingest again into a new ledger"):
        open_store(str(db))


def _key(claim: object) -> tuple:
    return (claim.article, claim.start, claim.end, claim.value or 0, claim.measure)  # type: ignore[attr-defined]


def test_ingest_the_seeds_twice_on_each_back_end(ledger_url: str, shared: Path) -> None:
    seeds = shared / "corpus" / "seeds"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(seeds), "--db", ledger_url])
    assert first.exit_code == 0, first.output
    assert "5 new articles stored" in first.output
    second = runner.invoke(app, ["ingest", str(seeds), "--db", ledger_url])
    assert second.exit_code == 0, second.output
    assert "0 new articles stored" in second.output and "(nothing new)" in second.output
    engine = open_store(ledger_url)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(articles)).scalar() == 5
