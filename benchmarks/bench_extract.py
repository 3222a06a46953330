"""Throughput of claim extraction against a bare spaCy parse of the same articles.

Run: .venv/bin/python benchmarks/bench_extract.py      (or `make bench`)
     BENCH_ARTICLES=200 .venv/bin/python benchmarks/bench_extract.py   (a quick run)

Reads the seed corpus (../shared/corpus/seeds, beside the repository) through
`counterclaim.ingest.read` and repeats it to BENCH_ARTICLES articles (default 2,000).
Times, with the same model and after a warm-up:

  (a) a bare parse: `nlp.pipe` over the full article texts;
  (b) extraction: `counterclaim.extract.extract_articles` over the same articles.

Prints articles per second of each and the ratio, i.e. what extraction costs on top of
the parse. Target (issue 2): at most 25% over the bare parse.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from pathlib import Path

from counterclaim.extract import ExtractOptions, extract_articles
from counterclaim.ingest import read
from counterclaim.model import Article
from counterclaim.nlp import pipeline

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
DEFAULT_ARTICLES = 2000
TARGET_OVERHEAD = 0.25
WARM_UP = 5  # articles parsed and extracted once before timing


def article_count() -> int:
    raw = os.environ.get("BENCH_ARTICLES", str(DEFAULT_ARTICLES))
    try:
        count = int(raw)
    except ValueError:
        sys.exit(f"BENCH_ARTICLES must be a whole number, not {raw!r}")
    if count < 1:
        sys.exit(f"BENCH_ARTICLES must be at least 1, not {count}")
    return count


def load_articles(count: int) -> list[Article]:
    seeds = list(read(SEEDS))
    if not seeds:
        sys.exit(f"no seed articles under {SEEDS}")
    return list(itertools.islice(itertools.cycle(seeds), count))


def bench_parse(articles: list[Article], model: str | None) -> float:
    nlp = pipeline.load(model)
    start = time.perf_counter()
    for _ in nlp.pipe(a.text for a in articles):
        pass
    return time.perf_counter() - start


def bench_extract(articles: list[Article], model: str | None) -> tuple[float, int]:
    options = ExtractOptions(model=model)
    claims = 0
    start = time.perf_counter()
    for found in extract_articles(articles, options=options):
        claims += len(found)
    return time.perf_counter() - start, claims


def main() -> None:
    count = article_count()
    articles = load_articles(count)
    model = pipeline.resolve_model_name(os.environ.get("BENCH_MODEL") or None)
    chars = sum(len(a.text) for a in articles)
    print(f"{count:,} articles ({chars / 1e6:.1f} M characters) from {SEEDS}, model {model}")

    # Load the model and warm both paths up, so neither timing pays for loading.
    bench_parse(articles[:WARM_UP], model)
    bench_extract(articles[:WARM_UP], model)

    parse_s = bench_parse(articles, model)
    extract_s, claims = bench_extract(articles, model)
    ratio = extract_s / parse_s
    print(f"(a) bare nlp.pipe         {parse_s:7.2f} s  {count / parse_s:8.1f} articles/s")
    print(f"(b) extract_articles      {extract_s:7.2f} s  {count / extract_s:8.1f} articles/s"
          f"  ({claims:,} claims)")
    verdict = "within" if ratio - 1 <= TARGET_OVERHEAD else "over"
    print(f"ratio extract/parse {ratio:.2f}: extraction overhead {ratio - 1:+.0%} "
          f"({verdict} the target of +{TARGET_OVERHEAD:.0%})")


if __name__ == "__main__":
    main()
