"""The web app under load, over real HTTP on 127.0.0.1: parallel downloads and a stampede
of first requests, with the server's peak memory.

Run: .venv/bin/python benchmarks/bench_web_load.py      (or `make bench`)
     BENCH_LOAD_CLAIMS=5000 .venv/bin/python benchmarks/bench_web_load.py

Loads BENCH_LOAD_CLAIMS (default 20,000) synthetic claims into an SQLite ledger (the
loader of bench_store.py), starts `counterclaim serve` as its own process on a free
loopback port, then:

1. 20 parallel downloads of the whole ledger, half CSV and half JSONL;
2. on a fresh server (nothing computed yet), 20 concurrent first requests to `/`.

Prints, for each, the 5xx count, the median and p95 latency and the server's peak
resident memory (VmHWM of /proc/PID/status). Targets: no 5xx, peak memory under 800 MB.
Every request has a 60 s timeout, so a run ends within a few minutes at worst; nothing
leaves the machine.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import _load_synthetic, count  # noqa: E402  (the sibling benchmark's loader)

PARALLEL = 20
REQUEST_TIMEOUT_S = 60
TARGET_PEAK_MB = 800


def main() -> None:
    from counterclaim.store import open_store

    claims = count("BENCH_LOAD_CLAIMS", 20_000)
    with tempfile.TemporaryDirectory(prefix="counterclaim-bench-") as folder:
        db = str(Path(folder) / "load.db")
        _load_synthetic(open_store(db), claims)
        print(f"web app under load over {claims:,} claims (SQLite), `counterclaim serve` on 127.0.0.1, "
              f"{PARALLEL} clients at once:")
        downloads = [f"/claims?format={'csv' if n % 2 else 'jsonl'}" for n in range(PARALLEL)]
        run("downloads (whole ledger)", db, downloads)
        run("first requests to /", db, ["/"] * PARALLEL)


def run(label: str, db: str, paths: list[str]) -> None:
    """`paths` requested all at once from a new server; prints what came back and the peak memory."""
    import httpx

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "counterclaim.cli", "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(url, server)
        start_mb = _peak_mb(server.pid)

        def fetch(path: str) -> tuple[int, float, int]:
            began = time.perf_counter()
            try:
                response = httpx.get(url + path, timeout=REQUEST_TIMEOUT_S)
                return response.status_code, time.perf_counter() - began, len(response.content)
            except httpx.HTTPError:
                return 599, time.perf_counter() - began, 0  # counted as a failure, like a 5xx

        with ThreadPoolExecutor(len(paths)) as pool:
            answers = list(pool.map(fetch, paths))
        peak_mb = _peak_mb(server.pid)
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    seconds = [s for _, s, _ in answers]
    failed = sum(status >= 500 for status, _, _ in answers)
    p95 = statistics.quantiles(seconds, n=20)[18]
    verdict = "meets" if failed == 0 and peak_mb < TARGET_PEAK_MB else "misses"
    print(f"  {label:<25} 5xx {failed:2d}/{len(answers)}   median {statistics.median(seconds):5.2f} s   "
          f"p95 {p95:5.2f} s   {sum(n for _, _, n in answers) / 1e6:6.1f} MB sent   server peak memory "
          f"{peak_mb:4.0f} MB (at start {start_mb:.0f})   ({verdict} the targets: no 5xx, < {TARGET_PEAK_MB} MB)")
    if failed and errors.strip():
        print("    server said: " + errors.strip().splitlines()[-1][:300])


def _peak_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")  # not Linux: no /proc


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(url: str, server: subprocess.Popen[str]) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped: {server.communicate()[1][-2000:]}")
        try:
            if httpx.get(url + "/healthz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    sys.exit(f"the server at {url} did not answer within 60 s")


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
