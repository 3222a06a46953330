"""Latency of the claims page of the web app over a ledger of 100,000 claims.

Run: .venv/bin/python benchmarks/bench_web.py      (or `make bench`)
     BENCH_WEB_CLAIMS=20000 .venv/bin/python benchmarks/bench_web.py

Loads BENCH_WEB_CLAIMS (default 100,000) synthetic claims into an SQLite ledger (the
loader of bench_store.py), then requests `/claims` REQUESTS times each, unfiltered and
with filters (a party; a measure and a date range; a text search; page 50), through the
app in this process (FastAPI's test client: the app's own time, rendering included, no
network). Prints the median and p95 of each; target p95 < 150 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import _load_synthetic  # noqa: E402  (the sibling benchmark's loader)

REQUESTS = 40
TARGET_P95_MS = 150
QUERIES = {
    "unfiltered": "/claims",
    "party": "/claims?party=party-3",
    "measure + dates": "/claims?measure=killed&since=2024-03-01&until=2024-06-30",
    "text search": "/claims?search=xyz",
    "page 50, sorted by value": "/claims?sort=value&page=50",
}


def main() -> None:
    from fastapi.testclient import TestClient

    from counterclaim.store import open_store
    from counterclaim.web.app import create_app

    claims = int(os.environ.get("BENCH_WEB_CLAIMS", "100000"))
    with tempfile.TemporaryDirectory(prefix="counterclaim-bench-") as folder:
        db = str(Path(folder) / "web.db")
        _load_synthetic(open_store(db), claims)
        client = TestClient(create_app(db), base_url="http://127.0.0.1")
        print(f"claims page over {claims:,} claims (SQLite), {REQUESTS} requests each, in-process:")
        for label, url in QUERIES.items():
            assert client.get(url).status_code == 200  # warm up
            times = []
            for _ in range(REQUESTS):
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
            p95 = statistics.quantiles(times, n=20)[18]
            verdict = "meets" if p95 < TARGET_P95_MS else "misses"
            print(f"  {label:<26} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms  "
                  f"({verdict} the target < {TARGET_P95_MS} ms)")


if __name__ == "__main__":
    main()
