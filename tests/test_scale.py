"""Scale-out (issue 9): worker processes and a real Dask LocalCluster store exactly what one
process stores; a WARC of the demo corpus reads to the same claims as its files."""

from __future__ import annotations

import io
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from counterclaim.cli import app
from counterclaim.extract import ExtractOptions
from counterclaim.ingest import iter_articles, read
from counterclaim.model import Article, Extracted
from counterclaim.parallel import extract_here, extract_in_pool, open_pool

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ACTORS = EXAMPLES / "actors.yaml"
OPTIONS = ExtractOptions(actor_files=(ACTORS,))


def _claims_of(db: Path) -> list[str]:
    """The ledger's claims as sorted JSON, without row ids: two ledgers compared as sets."""
    result = CliRunner().invoke(app, ["claims", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [{k: v for k, v in json.loads(line).items() if k != "id"} for line in result.stdout.splitlines()]
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


def _ingest(db: Path, *options: str) -> None:
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "--actors", str(ACTORS), *options])
    assert result.exit_code == 0, result.output


def _as_records(found: list[Extracted]) -> list[dict]:
    return [asdict(item) for item in found]


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("scale") / "one.db"
    _ingest(db)
    return db


@pytest.mark.slow
def test_dask_local_cluster_stores_the_claims_of_one_process(one_process: Path, tmp_path: Path) -> None:
    _ingest(tmp_path / "dask.db", "--dask", "local:2")
    claims = _claims_of(one_process)
    assert len(claims) > 100
    assert _claims_of(tmp_path / "dask.db") == claims


@pytest.mark.slow
def test_two_worker_processes_store_the_claims_of_one_process(one_process: Path, tmp_path: Path) -> None:
    _ingest(tmp_path / "workers.db", "--workers", "2")
    assert _claims_of(tmp_path / "workers.db") == _claims_of(one_process)


@pytest.mark.slow
def test_chunks_spread_over_dask_workers_give_the_one_process_result() -> None:
    """Two articles per chunk, so every worker sees some articles and none sees all; the
    claims, terms and provisional actors still equal those of one process."""
    articles = list(read(EXAMPLES))
    expected = _as_records(list(extract_here(articles, OPTIONS)))
    with open_pool(dask="local:2") as (pool, workers):
        assert workers == 2
        pids = set(pool.client.run(os.getpid).values())  # type: ignore[union-attr]
        assert len(pids) == 2 and os.getpid() not in pids  # two processes, not this one
        found = list(extract_in_pool(articles, pool, OPTIONS, workers=workers, articles_per_chunk=2))  # type: ignore[arg-type]
    assert _as_records(found) == expected


def test_an_unknown_name_keeps_its_first_spelling_across_workers() -> None:
    """Provisional actors are per worker; the writer makes them run-wide in input order."""
    texts = ["Colonel Dragan Mohammedov of the Varn militia said 12 fighters were killed on Monday.",
             "Colonel Dragan Muhammadov said 30 houses were destroyed in the shelling.",
             "Dragan Mohammedov said 4 more fighters were wounded on Tuesday."]
    articles = [Article(id=f"p{i}", doc=f"p{i}.txt", text=text, date="2025-03-0" + str(i + 1))
                for i, text in enumerate(texts)]
    expected = list(extract_here(articles, ExtractOptions()))
    with ProcessPoolExecutor(max_workers=2) as executor:
        found = list(extract_in_pool(articles, executor, ExtractOptions(), workers=2, articles_per_chunk=1))
    ids = [c.claimant_id for item in found for c in item.claims]
    assert ids == [c.claimant_id for item in expected for c in item.claims]
    assert len(set(ids)) == 1 and ids[0].startswith("~") and "mohammedov" in ids[0]


def test_a_bad_dask_address_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(tmp_path / "x.db"), "--dask", "local:x"])
    assert result.exit_code != 0
    assert "local:N needs a number of workers" in result.output


@pytest.mark.slow
def test_a_warc_of_the_demo_corpus_reads_to_the_claims_of_its_files(tmp_path: Path) -> None:
    """Each demo file as a crawled page with its own bytes: the HTML pages as text/html,
    the text articles as text/plain (the JSON Lines file is no page, and stays out)."""
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".html", ".txt") and p.name != "README.md")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for path in files:
        kind = "text/html" if path.suffix == ".html" else "text/plain"
        headers = StatusAndHeaders("200 OK", [("Content-Type", f"{kind}; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://demo.example/{path.name}", "response",
                                                      payload=io.BytesIO(path.read_bytes()), http_headers=headers))
    (tmp_path / "crawl.warc.gz").write_bytes(buffer.getvalue())
    crawled = [item for item in iter_articles([tmp_path / "crawl.warc.gz"]) if isinstance(item, Article)]
    read_one_by_one = [item for item in iter_articles(files) if isinstance(item, Article)]
    assert len(crawled) == len(files) == len(read_one_by_one) >= 9

    def claims(articles: list[Article]) -> list[str]:
        fields = ("value", "value_high", "qualifier", "measure", "counted", "claimant", "claimant_id", "text",
                  "sentence", "start", "end", "date", "period_start", "period_end", "place", "outlet")
        return sorted(json.dumps([getattr(c, f) for f in fields]) for item in extract_here(articles, OPTIONS)
                      for c in item.claims)

    assert claims(crawled) == claims(read_one_by_one)
