"""Throughput of claim extraction: fast path, full parse, a bare parse and the regex peer.

Run: .venv/bin/python benchmarks/bench_extract.py      (or `make bench`)
     BENCH_ARTICLES=300 .venv/bin/python benchmarks/bench_extract.py   (a quick run)

Reads the seed and news corpora (../shared/corpus/seeds and ../shared/corpus/news, beside
the repository) through `counterclaim.ingest.read` and repeats them, whole, to at least
BENCH_ARTICLES articles (default 2,000). Then times, one after the other, each in its own
process (the model loaded and warmed up before the clock starts; peak RSS read at the end):

  bare  `nlp.pipe` over the full article texts, same model: a reference, not a target;
  (a)   the fast path: `extract_articles(articles)`, which parses only the sentences
        with a number and, on demand, what their attribution reads;
  (b)   the full parse: `extract_articles(articles, options=ExtractOptions(full_parse=True))`;
  (c)   the peer gdelt-regkg (PyPI), a regex re-implementation of GDELT's COUNTS field:
        `analyze_counts(text, rules=rules)` over the same texts, with the default count
        rules loaded once, as its own pipeline does.

(c) needs Python >= 3.12, so it runs in its own virtual environment, made once under
$XDG_CACHE_HOME/counterclaim-bench/gdelt-venv (default ~/.cache/...) with
`pip install gdelt-regkg` and reused after; it is timed inside that process. With no
Python >= 3.12, or when the install fails, the peer is skipped with the reason printed.

Prints articles/s and words/s (whitespace-separated words of the article texts) of each,
peak RSS in MB, and the ratios a/c (target >= 1.0, issue 10) and a/b.

This file is also the worker: `--part bare|fast|full N` measures one part on the first
corpus repeat of at least N articles, and `--peer TEXTS.json` (run by the peer's
interpreter) measures the peer; each prints one JSON line. It imports counterclaim only
inside the counterclaim parts, so the peer's interpreter can run it without the package.
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = (ROOT.parent / "shared" / "corpus" / "seeds", ROOT.parent / "shared" / "corpus" / "news")
DEFAULT_ARTICLES = 2000
WARM_UP = 5  # articles run once through each part before timing
PEER_PACKAGE = "gdelt-regkg"
PEER_MIN_PYTHON = (3, 12)
TARGET_A_OVER_C = 1.0
PARTS = {
    "bare": "bare nlp.pipe (reference)",
    "fast": "(a) fast path",
    "full": "(b) full_parse=True",
}


# --- workers: one per process -------------------------------------------------------


def peak_rss_mb() -> float:
    """Peak resident set size of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def load_articles(count: int) -> list[Any]:
    """The corpora, repeated whole until there are at least `count` articles."""
    from counterclaim.ingest import read

    base = [article for corpus in CORPORA for article in read(corpus)]
    if not base:
        sys.exit(f"no articles under {' or '.join(map(str, CORPORA))}")
    return base * math.ceil(count / len(base))


def run_part(part: str, count: int) -> dict[str, Any]:
    """Time one counterclaim part in this process."""
    from counterclaim.extract import ExtractOptions, extract_articles
    from counterclaim.nlp import pipeline

    articles = load_articles(count)
    model = pipeline.resolve_model_name(os.environ.get("BENCH_MODEL") or None)
    claims = 0
    if part == "bare":
        nlp = pipeline.load(model).nlp
        for _ in nlp.pipe(a.text for a in articles[:WARM_UP]):
            pass
        start = time.perf_counter()
        for _ in nlp.pipe(a.text for a in articles):
            pass
        seconds = time.perf_counter() - start
    else:
        options = ExtractOptions(model=model, full_parse=part == "full")
        for _ in extract_articles(articles[:WARM_UP], options=options):
            pass
        start = time.perf_counter()
        for found in extract_articles(articles, options=options):
            claims += len(found)
        seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "found": claims,
        "rss_mb": peak_rss_mb(),
        "model": model,
    }


def run_peer(texts_path: str) -> dict[str, Any]:
    """Time gdelt-regkg's analyze_counts over the texts in a JSON list (peer's interpreter)."""
    from gdelt_regkg.fields.counts import analyze_counts, default_count_rules

    texts = json.loads(Path(texts_path).read_text(encoding="utf-8"))
    rules = default_count_rules()  # loaded once, as gdelt_regkg.pipeline does via Resources
    for text in texts[:WARM_UP]:
        analyze_counts(text, rules=rules)
    mentions = 0
    start = time.perf_counter()
    for text in texts:
        mentions += len(analyze_counts(text, rules=rules).mentions)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "found": mentions,
        "rss_mb": peak_rss_mb(),
        "model": f"{rules.name}, Python {sys.version.split()[0]}",
    }


# --- the peer's environment -----------------------------------------------------------


def find_python312() -> str | None:
    """A Python >= 3.12 on this machine: PATH first, then pyenv's versions."""
    candidates = [shutil.which(f"python3.{minor}") for minor in range(12, 16)]
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    candidates += sorted(glob.glob(str(pyenv / "versions" / "3.1[2-9]*" / "bin" / "python3.1[2-9]")))
    check = f"import sys; sys.exit(sys.version_info < {PEER_MIN_PYTHON!r})"
    for candidate in filter(None, candidates):
        try:
            if subprocess.run([candidate, "-c", check], capture_output=True, timeout=60).returncode == 0:
                return candidate
        except (OSError, subprocess.SubprocessError):
            continue
    return None


def peer_python() -> tuple[str | None, str]:
    """The peer venv's interpreter, made and installed on first use; else None and why."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    venv = cache / "counterclaim-bench" / "gdelt-venv"
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import gdelt_regkg.fields.counts"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return str(python), f"{venv}"
    base = find_python312()
    if base is None:
        return None, "no Python >= 3.12 found (PATH or pyenv)"
    print(f"   making the peer's venv at {venv} with {base} (once) ...", flush=True)
    steps = [[base, "-m", "venv", "--clear", str(venv)], [str(python), "-m", "pip", "install", "-q", PEER_PACKAGE]]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True)
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            return None, f"`{' '.join(step)}` failed: {tail[0]}"
    if subprocess.run(probe, capture_output=True).returncode != 0:
        return None, f"{PEER_PACKAGE} installed but gdelt_regkg.fields.counts does not import"
    return str(python), f"{venv} (new)"


# --- the driver -----------------------------------------------------------------------


def article_count() -> int:
    raw = os.environ.get("BENCH_ARTICLES", str(DEFAULT_ARTICLES))
    try:
        count = int(raw)
    except ValueError:
        sys.exit(f"BENCH_ARTICLES must be a whole number, not {raw!r}")
    if count < 1:
        sys.exit(f"BENCH_ARTICLES must be at least 1, not {count}")
    return count


def measure(command: list[str]) -> tuple[dict[str, Any] | None, str]:
    """Run one worker process; its last stdout line is its JSON result."""
    done = subprocess.run(command, capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        return None, f"exit {done.returncode}: {tail[0]}"
    return json.loads(lines[-1]), ""


def report(label: str, result: dict[str, Any], found: str) -> None:
    seconds = result["seconds"]
    print(
        f"{label:<28} {seconds:8.2f} s {result['articles'] / seconds:9.1f} articles/s "
        f"{result['words'] / seconds:10,.0f} words/s {result['rss_mb']:7.0f} MB peak RSS"
        + (f"  {result['found']:,} {found}" if found else "")
    )


def main() -> None:
    count = article_count()
    me = str(Path(__file__).resolve())
    articles = load_articles(count)
    words = sum(len(a.text.split()) for a in articles)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"{len(articles):,} articles ({words:,} words) from {', '.join(str(c) for c in CORPORA)}"
        f" repeated; {os.cpu_count()} CPUs, load average {load} at start"
    )

    results: dict[str, dict[str, Any]] = {}
    for part, label in PARTS.items():
        result, why = measure([sys.executable, me, "--part", part, str(count)])
        if result is None:
            print(f"{label:<28} failed: {why}")
            continue
        results[part] = result
        report(label, result, "claims" if part != "bare" else "")
    if "bare" in results:
        print(f"   model {results['bare']['model']}")

    python, where = peer_python()
    if python is None:
        print(f"(c) {PEER_PACKAGE:<24} skipped: {where}")
    else:
        with tempfile.TemporaryDirectory(prefix="counterclaim-bench-") as tmp:
            texts = Path(tmp) / "texts.json"
            texts.write_text(json.dumps([a.text for a in articles]), encoding="utf-8")
            result, why = measure([python, me, "--peer", str(texts)])
        if result is None:
            print(f"(c) {PEER_PACKAGE:<24} failed: {why}")
        else:
            results["peer"] = result
            report(f"(c) {PEER_PACKAGE} counts", result, "count mentions")
            print(f"   {result['model']}, venv {where}")

    def speed(part: str) -> float:
        return results[part]["articles"] / results[part]["seconds"]

    if "fast" in results and "peer" in results:
        ratio = speed("fast") / speed("peer")
        verdict = "meets" if ratio >= TARGET_A_OVER_C else "misses"
        print(f"a/c {ratio:.2f}  (fast path / regex peer; {verdict} the target >= {TARGET_A_OVER_C:.1f})")
    if "fast" in results and "full" in results:
        print(f"a/b {speed('fast') / speed('full'):.2f}  (fast path / full parse)")
    if "fast" in results and "bare" in results:
        print(f"a/bare {speed('fast') / speed('bare'):.2f}  (fast path / bare nlp.pipe of whole texts)")


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--part", nargs=2, metavar=("PART", "ARTICLES"), help="worker: bare, fast or full")
    parser.add_argument("--peer", metavar="TEXTS_JSON", help="worker: gdelt-regkg over a JSON list of texts")
    args = parser.parse_args()
    if args.part:
        part, count = args.part
        if part not in PARTS:
            parser.error(f"--part must be one of {', '.join(PARTS)}")
        print(json.dumps(run_part(part, int(count))))
    elif args.peer:
        print(json.dumps(run_peer(args.peer)))
    else:
        main()


if __name__ == "__main__":
    cli()
