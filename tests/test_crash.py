"""A crash midway through an ingest loses nothing and duplicates nothing (issue 5).

An ingest of 2,000 articles runs in a subprocess and is killed with SIGKILL once part of
them is stored; a second run finishes the job. Every article is then stored exactly once,
each with all its claims, and no claim is left without its article.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ARTICLES = 2000
PLACES = "Ardel Berun Caslo Dovik Emmer Falun Gorsk Hadar Istel Jorva Kemmet Lusk".split()


def _write_corpus(folder: Path) -> None:
    folder.mkdir()
    for i in range(ARTICLES):
        place = PLACES[i % len(PLACES)]
        (folder / f"{i:05d}.txt").write_text(
            f"Strike on {place} number {i}\n\n"
            f"Officials in {place} said {i + 3} people were killed on the road to {PLACES[(i * 7) % 12]} "
            f"in report {i}.\n",
            encoding="utf-8",
        )


def _count(db: Path, query: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=30) as connection:
            return int(connection.execute(query).fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0


@pytest.mark.slow
def test_sigkill_midway_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "ledger.db"
    _write_corpus(corpus)
    command = [sys.executable, "-m", "counterclaim.cli", "ingest", str(corpus), "--db", str(db)]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while _count(db, "SELECT count(*) FROM articles") < ARTICLES // 4 and time.monotonic() < deadline:
        assert first.poll() is None, "the first ingest ended before it could be killed"
        time.sleep(0.2)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    stored_at_kill = _count(db, "SELECT count(*) FROM articles")
    assert 0 < stored_at_kill < ARTICLES

    second = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stderr
    assert f"{ARTICLES - stored_at_kill} new articles stored" in second.stderr
    assert _count(db, "SELECT count(*) FROM articles") == ARTICLES
    assert _count(db, "SELECT count(DISTINCT doc) FROM articles") == ARTICLES
    assert _count(db, "SELECT count(*) FROM claims WHERE article NOT IN (SELECT id FROM articles)") == 0
    # each article's one claim, exactly once
    assert _count(db, "SELECT count(*) FROM claims") == ARTICLES
    assert _count(db, "SELECT count(*) FROM (SELECT article FROM claims GROUP BY article HAVING count(*) != 1)") == 0
