"""Hostile input, property tests and concurrent use (issue 8)."""

from __future__ import annotations

import json
import math
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counterclaim import extract_claims
from counterclaim.numbers import parse
from counterclaim.web.app import create_app
from hostile import BROKEN_JSONL_LINES, write_hostile, write_hostile_entries

PLACES = "Ardel Berun Caslo Dovik Emmer Falun Gorsk Hadar Istel Jorva Kemmet Lusk".split()


def _good_articles(folder: Path, count: int, *, offset: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(offset, offset + count):
        place = PLACES[n % len(PLACES)]
        (folder / f"good-{n:05d}.txt").write_text(
            f" date 2025-03-{1 + n % 28:02d} https://demo.example/{n}\n\nShelling in {place}, report {n}\n\n"
            f"Officials in {place} said {n + 2} people were killed in shelling on the market, report {n}.\n",
            encoding="utf-8",
        )


@pytest.mark.slow
def test_a_folder_of_good_and_hostile_files(tmp_path: Path) -> None:
    corpus, db, errors = tmp_path / "corpus", tmp_path / "ledger.db", tmp_path / "errors.jsonl"
    _good_articles(corpus, 500)
    expected = write_hostile(corpus / "hostile") | write_hostile_entries(corpus / "entries", tmp_path / "elsewhere")
    done = subprocess.run([sys.executable, "-m", "counterclaim.cli", "ingest", str(corpus), "--db", str(db),
                           "--errors", str(errors)], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert "\x1b" not in done.stderr  # a file name's escape sequence is shown, never sent to the terminal
    listed = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert all(set(row) == {"path", "line", "reason"} and row["reason"] for row in listed)
    skipped_files = {Path(row["path"]).name for row in listed}
    assert skipped_files == {name for name, skipped in expected.items() if skipped}
    assert sum(Path(row["path"]).name == "broken.jsonl" for row in listed) == BROKEN_JSONL_LINES
    assert all(row["line"] for row in listed if row["path"].endswith(".jsonl"))
    reasons = {Path(row["path"]).name: row["reason"] for row in listed}
    assert reasons["nested.jsonl"] == "line 2: not JSON that can be read: nested too deep"
    assert reasons["huge-item.rss"].startswith("item 2: too large")
    assert reasons["newlines.jsonl.gz"].startswith("a gzip bomb")
    assert reasons["out-link.txt"].startswith("a symbolic link out of the folder (--follow-symlinks reads it)")
    assert reasons["pipe.txt"].startswith("not a regular file")
    assert f"see {errors}" in done.stderr
    with sqlite3.connect(db) as connection:
        good = connection.execute("SELECT count(*) FROM articles WHERE url LIKE 'https://demo.example/%'").fetchone()
        claims = connection.execute(
            "SELECT count(*) FROM claims JOIN articles ON claims.article = articles.id"
            " WHERE articles.url LIKE 'https://demo.example/%'").fetchone()
        read_odd = {Path(p).name for (p,) in connection.execute("SELECT source_path FROM articles")}
        docs = {doc for (doc,) in connection.execute("SELECT doc FROM articles")}
        secrets = connection.execute("SELECT count(*) FROM articles WHERE text LIKE '%secrets%'").fetchone()
    assert good == (500,) and claims == (500,)
    assert {name for name, skipped in expected.items() if not skipped} <= read_odd
    # The good lines and items beside the bad ones are stored.
    assert {"nested.jsonl:1", "nested.jsonl:3", "newlines.jsonl.gz:1", "https://x.example/feed/1",
            "https://x.example/feed/3"} <= docs
    assert secrets == (0,)
    strict = subprocess.run([sys.executable, "-m", "counterclaim.cli", "ingest", str(corpus / "hostile"),
                             "--db", str(db), "--strict"], capture_output=True, text=True, timeout=300)
    assert strict.returncode == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_numbers_parse_never_raises_and_slices(text: str) -> None:
    for number in parse(text):
        assert text[number.start:number.end] == number.text
        assert number.value is None or math.isfinite(number.value)


SENTENCE_PARTS = st.sampled_from(["Officials said", "at least", "more than", "12", "1,200", "dozens of", "people",
                                  "soldiers", "were killed", "wounded", "\u200f", "10^100", "NaN", "9" * 40, "“",
                                  "”", ".", ",", "\n", "\n\n", "according to the ministry", "–", "½"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SENTENCE_PARTS, max_size=30).map(" ".join))
def test_extract_claims_never_raises_and_offsets_slice(text: str) -> None:
    for claim in extract_claims(text):
        assert text[claim.start:claim.end] == claim.text
        assert claim.value is None or math.isfinite(claim.value)
        assert claim.value_high is None or math.isfinite(claim.value_high)


@pytest.mark.slow
def test_readers_answer_while_an_ingest_writes(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "ledger.db"
    _good_articles(corpus, 10)
    subprocess.run([sys.executable, "-m", "counterclaim.cli", "ingest", str(corpus), "--db", str(db)],
                   capture_output=True, check=True, timeout=300)
    _good_articles(corpus, 1000, offset=10)
    writer = subprocess.Popen([sys.executable, "-m", "counterclaim.cli", "ingest", str(corpus), "--db", str(db)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    client = TestClient(create_app(str(db)), base_url="http://127.0.0.1")
    failures: list[str] = []
    answered = [0]

    def read_pages() -> None:
        while writer.poll() is None:
            for url in ("/", "/claims", "/claims?search=shelling", "/figures", "/claims?format=jsonl&measure=killed"):
                response = client.get(url)
                answered[0] += 1
                if response.status_code >= 500 or "locked" in response.text[:2000]:
                    failures.append(f"{url}: {response.status_code} {response.text[:200]}")

    readers = [threading.Thread(target=read_pages) for _ in range(20)]
    for reader in readers:
        reader.start()
    _, stderr = writer.communicate(timeout=600)
    for reader in readers:
        reader.join(timeout=60)
    assert writer.returncode == 0, stderr[-2000:]
    assert "locked" not in stderr
    assert failures == []
    assert answered[0] > 20
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM articles").fetchone() == (1010,)
