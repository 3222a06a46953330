"""Throughput and memory at scale: one process, worker processes and a Dask LocalCluster.

Run: .venv/bin/python benchmarks/bench_scale.py     (or `make bench`)
     BENCH_SCALE_ARTICLES=2000 .venv/bin/python benchmarks/bench_scale.py   (a quicker run)

Writes the seed corpus (../shared/corpus/seeds), repeated and perturbed, to one JSON Lines
file of BENCH_SCALE_ARTICLES articles (default 20,000): every copy has its numbers moved
by up to a fifth and one sentence naming its copy number, so each is a new article to
the ledger (a new id) while staying a real news text. Then runs, one after the other,
each as its own `counterclaim` command (model loading included, as a user sees it):

  (a)  bare `nlp.pipe` over the article texts, same model: the reference, on the first
       BENCH_BARE_ARTICLES articles (default 2,000; its rate per article does not change
       with the count, and a bare parse of 20,000 would take half an hour here);
  (b)  `counterclaim extract FILE --format jsonl` in one process;
  (b1) `counterclaim ingest FILE --db …` in one process: (b) plus framing terms and
       storing, the same work as (c) and (d);
  (m)  (b1) again on the first 2,000 articles, for peak memory at 2,000 vs at the full count;
  (c)  `counterclaim ingest FILE --db … --workers 2`;
  (d)  `counterclaim ingest FILE --db … --dask local:2`.

Peak memory is the largest sum of the resident sets of the command and all its
descendants (workers, Dask's nanny and scheduler), sampled every 0.2 s with psutil.
Prints articles/s, words/s and peak MB of each, and the ratios of issue 9.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
BIN = Path(sys.executable).parent
NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})*\b")
SMALL_RUN = 2_000


def write_corpus(path: Path, count: int) -> int:
    """The seeds, repeated and perturbed, as JSON Lines; their number of words."""
    from counterclaim.ingest import read

    seeds = list(read(SEEDS))
    if not seeds:
        sys.exit(f"no articles under {SEEDS}")
    rng = random.Random(9)
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            seed = seeds[n % len(seeds)]
            text = NUMBER.sub(lambda m: _moved(m.group(0), rng), seed.text) + f"\n\nThis is copy {n} of the story."
            words += len(text.split())
            out.write(json.dumps({"id": f"copy-{n}", "text": text, "title": seed.title, "date": seed.date,
                                  "url": seed.url, "outlet": seed.outlet}, ensure_ascii=False) + "\n")
    return words


def _moved(number: str, rng: random.Random) -> str:
    value = int(number.replace(",", ""))
    if value < 10 or 1900 <= value <= 2100:  # small counts and years stay as they are
        return number
    return f"{max(1, round(value * rng.uniform(0.8, 1.2))):,}"


def run(command: list[str]) -> tuple[float, float, str]:
    """Seconds, peak MB of the process tree, and the last line of standard error."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        watched = psutil.Process(process.pid)
        peak = 0
        while process.poll() is None:
            try:
                tree = [watched, *watched.children(recursive=True)]
                peak = max(peak, sum(_rss(p) for p in tree))
            except psutil.NoSuchProcess:
                pass
            time.sleep(0.2)
        seconds = time.perf_counter() - start
        errors.seek(0)
        lines = errors.read().decode("utf-8", "replace").strip().splitlines()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}): {lines[-3:]}")
    return seconds, peak / 2**20, lines[-1] if lines else ""


def _rss(process: psutil.Process) -> int:
    try:
        return int(process.memory_info().rss)
    except psutil.NoSuchProcess:
        return 0


def bare(path: Path, count: int) -> tuple[float, float]:
    """(a): seconds and peak MB of a bare nlp.pipe over the first `count` texts, timed inside."""
    script = (
        "import json, sys, time, resource\n"
        "from counterclaim.nlp import pipeline\n"
        "nlp = pipeline.load(None).nlp\n"
        f"texts = [json.loads(line)['text'] for _, line in zip(range({count}), open({str(path)!r}))]\n"
        "start = time.perf_counter()\n"
        "for _ in nlp.pipe(texts): pass\n"
        "print(json.dumps([time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    seconds, peak = json.loads(done.stdout.strip().splitlines()[-1])
    return float(seconds), float(peak)


def main() -> None:
    count = int(os.environ.get("BENCH_SCALE_ARTICLES", "20000"))
    bare_count = min(count, int(os.environ.get("BENCH_BARE_ARTICLES", str(SMALL_RUN))))
    counterclaim = str(BIN / "counterclaim")
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        words = write_corpus(corpus, count)
        small = Path(folder) / "small.jsonl"
        small_words = write_corpus(small, min(SMALL_RUN, count))
        print(f"{count:,} articles ({words:,} words) from {SEEDS} repeated and perturbed; "
              f"{psutil.cpu_count()} CPUs, load average {', '.join(f'{x:.2f}' for x in os.getloadavg())} at start",
              flush=True)
        results: dict[str, dict[str, Any]] = {}

        def report(key: str, label: str, seconds: float, peak: float, articles: int, text_words: int) -> None:
            results[key] = {"rate": articles / seconds, "peak": peak}
            print(f"{label:<34} {seconds:8.1f} s {articles / seconds:8.1f} articles/s "
                  f"{text_words / seconds:9,.0f} words/s {peak:8.0f} MB peak", flush=True)

        seconds, peak = bare(corpus, bare_count)
        report("a", f"(a) bare nlp.pipe ({bare_count:,})", seconds, peak, bare_count,
               round(words * bare_count / count))
        seconds, peak, _ = run([counterclaim, "extract", str(corpus), "--format", "jsonl"])
        report("b", "(b) extract, one process", seconds, peak, count, words)
        runs = (("b1", "(b1) ingest, one process", corpus, count, words, []),
                ("m", f"(m) ingest, one process ({min(SMALL_RUN, count):,})", small, min(SMALL_RUN, count),
                 small_words, []),
                ("c", "(c) ingest --workers 2", corpus, count, words, ["--workers", "2"]),
                ("d", "(d) ingest --dask local:2", corpus, count, words, ["--dask", "local:2"]))
        for key, label, source, articles, text_words, options in runs:
            db = Path(folder) / f"{key}.db"
            seconds, peak, _ = run([counterclaim, "ingest", str(source), "--db", str(db), *options])
            report(key, label, seconds, peak, articles, text_words)
            db.unlink()
    r = results
    print(f"extraction overhead over the bare parse: {r['a']['rate'] / r['b']['rate'] - 1:+.0%} (target <= +15%)")
    print(f"--workers 2 / ingest one process: {r['c']['rate'] / r['b1']['rate']:.2f}x (target >= 1.7); "
          f"/ extract one process: {r['c']['rate'] / r['b']['rate']:.2f}x")
    print(f"--dask local:2 / ingest one process: {r['d']['rate'] / r['b1']['rate']:.2f}x (target >= 1.6); "
          f"/ extract one process: {r['d']['rate'] / r['b']['rate']:.2f}x")
    print(f"peak memory of ingest, one process: {r['b1']['peak']:.0f} MB at {count:,} articles vs "
          f"{r['m']['peak']:.0f} MB at {min(SMALL_RUN, count):,} ({r['b1']['peak'] / r['m']['peak'] - 1:+.1%}; "
          "target within 10%)")


if __name__ == "__main__":
    main()
