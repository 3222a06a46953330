"""What a user waits for: whole processes from their start, one core each, beside their
floor or the peer in the same run.

Run: .venv/bin/python benchmarks/bench_startup.py      (or `make bench`)
     BENCH_E2E_ARTICLES=400 .venv/bin/python benchmarks/bench_startup.py   (a quick run)

Every command runs as its own process, pinned to one core with `taskset -c 0` where there
is one, timed from before the process starts to its exit (interpreter, imports, model,
indexes included), the median of RUNS runs after one run that fills an empty cache folder
(its time, the cold start of a new install, is printed too):

1. Start-up.
   - `counterclaim extract` of one short article, against its floor: a process that loads
     the same spaCy pipeline and parses the same text. Target: at most 1.5 times the floor.
   - `counterclaim claims` and `counterclaim compare` on a ledger of about ten claims, against
     a bare `python -c pass`. Target: at most 0.6 s.
   - The web app's first page: `counterclaim serve` is started and, once it answers
     /healthz, `/` is requested once. Target: at most 0.3 s.
   - A figure page's first load in Chromium (Debian's, through Playwright; skipped where
     either is missing), a new browser profile, so nothing is cached: time to the load
     event, and the bytes transferred. Target: at most 0.8 s.
2. End to end: `counterclaim extract FOLDER --format jsonl` over BENCH_E2E_ARTICLES
   (default "400,4000") article files (the seed and news corpora repeated), against the
   regex peer gdelt-regkg run as a user would run it: one process that imports it, reads
   the same files and counts (its virtual environment is bench_extract.py's). Targets:
   counterclaim's articles/s at least 1.5 times the peer's at 400 articles, 1.7 at 4,000.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import CORPORA, peer_python  # noqa: E402  (the sibling benchmark's peer)

RUNS = 5
E2E_COUNTS = [int(n) for n in os.environ.get("BENCH_E2E_ARTICLES", "400,4000").split(",") if n]
BIN = Path(sys.executable).parent
PIN = ["taskset", "-c", "0"] if shutil.which("taskset") else []
ARTICLE = ROOT / "examples" / "2025-03-18-voice-of-dorrin-casualties.txt"
PEER_SCRIPT = """
import sys
from pathlib import Path
from gdelt_regkg.fields.counts import analyze_counts, default_count_rules
rules = default_count_rules()
files = sorted(p for p in Path(sys.argv[1]).iterdir() if p.is_file())
found = sum(len(analyze_counts(p.read_text(encoding="utf-8"), rules=rules).mentions) for p in files)
print(len(files), found)
"""
FLOOR_SCRIPT = """
import sys
import spacy
from counterclaim.nlp.pipeline import DEFAULT_MODEL
nlp = spacy.load(DEFAULT_MODEL)
nlp(open(sys.argv[1], encoding="utf-8").read())
"""


def timed(command: list[str], **kwargs: object) -> float:
    """Seconds from before `command` starts to its exit (it must succeed)."""
    start = time.perf_counter()
    done = subprocess.run([*PIN, *command], capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return seconds


def median_of(command: list[str]) -> tuple[float, float]:
    """(the first run's seconds, the median of the RUNS after it)."""
    first = timed(command)
    return first, statistics.median(timed(command) for _ in range(RUNS))


def line(what: str, seconds: float, floor: float | None = None, target: str = "", met: bool | None = None) -> None:
    ratio = f", {seconds / floor:.2f}× the floor ({floor:.2f} s)" if floor else ""
    verdict = f"; target {target}: {'met' if met else 'MISSED'}" if target else ""
    print(f"  {what}: {seconds:.2f} s{ratio}{verdict}", flush=True)


def start_up(work: Path) -> None:
    print("1. start-up (whole processes, one core, median of "
          f"{RUNS} after a first run; the first run's time is a new install's)")
    counterclaim = str(BIN / "counterclaim")
    floor_first, floor = median_of([sys.executable, "-c", FLOOR_SCRIPT, str(ARTICLE)])
    first, extract = median_of([counterclaim, "extract", str(ARTICLE)])
    print(f"  ({len(ARTICLE.read_text(encoding='utf-8').split())}-word article; a first run, filling the empty "
          f"cache folder: extract {first:.2f} s, floor {floor_first:.2f} s)")
    line("extract of one article", extract, floor, "≤ 1.5× the floor", extract <= 1.5 * floor)
    db = work / "small.db"
    subprocess.run([counterclaim, "ingest", str(ARTICLE), "--db", str(db)], check=True, capture_output=True)
    bare = statistics.median(timed([sys.executable, "-c", "pass"]) for _ in range(RUNS))
    for command in ("claims", "compare"):
        _, seconds = median_of([counterclaim, command, "--db", str(db)])
        line(f"{command} on a ledger of {claims_in(db)} claims", seconds, bare, "≤ 0.6 s", seconds <= 0.6)
    first_page = web_first_page(db)
    line("the web app's first page after serve answers", first_page, None, "≤ 0.3 s", first_page <= 0.3)
    figure_page(db)


def claims_in(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as connection:
        return int(connection.execute("SELECT count(*) FROM claims").fetchone()[0])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serving(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`counterclaim serve` on a free port, once it answers."""
    import httpx

    port = free_port()
    server = subprocess.Popen([*PIN, str(BIN / "counterclaim"), "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return server, url
        except httpx.HTTPError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("counterclaim serve did not answer in 30 s")


def web_first_page(db: Path) -> float:
    import httpx

    times = []
    for _ in range(RUNS):
        server, url = serving(db)
        try:
            start = time.perf_counter()
            assert httpx.get(url + "/", timeout=60).status_code == 200
            times.append(time.perf_counter() - start)
        finally:
            server.terminate()
            server.wait()
    return statistics.median(times)


def figure_page(db: Path) -> None:
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        chromium = None
    if chromium is None:
        print("  figure page in Chromium: skipped (Debian's chromium or playwright is not installed)")
        return
    import httpx

    server, url = serving(db)
    try:
        figure = next(line.split('href="', 1)[1].split('"', 1)[0]
                      for line in httpx.get(url + "/figures").text.splitlines() if 'href="/figures/' in line)
        loads, transferred = [], 0
        with sync_playwright() as playwright:
            for _ in range(RUNS):
                browser = playwright.chromium.launch(executable_path=chromium,
                                                     args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_context().new_page()  # a new profile: nothing cached
                start = time.perf_counter()
                page.goto(url + figure, wait_until="load")
                loads.append(time.perf_counter() - start)
                transferred = page.evaluate(
                    "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                    ".reduce((sum, entry) => sum + entry.transferSize, 0)")
                browser.close()
        seconds = statistics.median(loads)
        line(f"a figure page's first load in Chromium ({transferred / 1e6:.2f} MB transferred)", seconds, None,
             "≤ 0.8 s", seconds <= 0.8)
    finally:
        server.terminate()
        server.wait()


def end_to_end(work: Path) -> None:
    print("2. end to end: extract a folder of articles (one process, one core) beside the peer, same files")
    texts = [p.read_text(encoding="utf-8") for corpus in CORPORA for p in sorted(corpus.iterdir()) if p.is_file()]
    if not texts:
        print(f"  skipped: no articles under {CORPORA[0].parent}")
        return
    python, where = peer_python()
    if python is None:
        print(f"  the peer is skipped: {where}")
    for count in E2E_COUNTS:
        folder = work / f"articles-{count}"
        folder.mkdir()
        for n in range(count):
            (folder / f"{n:05d}.txt").write_text(texts[n % len(texts)], encoding="utf-8")
        ours = count / timed([str(BIN / "counterclaim"), "extract", str(folder), "--format", "jsonl"])
        if python is None:
            print(f"  {count} articles: counterclaim {ours:.1f} articles/s")
            continue
        peer = count / timed([python, "-c", PEER_SCRIPT, str(folder)])
        target = 1.5 if count < 4000 else 1.7
        print(f"  {count} articles: counterclaim {ours:.1f} articles/s, gdelt-regkg {peer:.1f} articles/s: "
              f"{ours / peer:.2f}×; target ≥ {target}×: {'met' if ours / peer >= target else 'MISSED'}", flush=True)


def compiled() -> None:
    """Our modules as bytecode, as a user's install has them: pip compiles a package it
    installs, and Python writes the bytecode of an editable one at its first run, unless
    PYTHONDONTWRITEBYTECODE is set (as on this project's machines: then every process
    would compile all of counterclaim again, a tenth of a second no user waits for)."""
    import counterclaim

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(counterclaim.__file__).parent)], check=True)


def main() -> None:
    compiled()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        # A cache folder of its own, empty: the first run of each command is a new install's.
        os.environ["COUNTERCLAIM_CACHE"] = str(work / "cache")
        start_up(work)
        end_to_end(work)


if __name__ == "__main__":
    main()
