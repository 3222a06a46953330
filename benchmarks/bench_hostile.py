"""Memory and time of one ingest of a hostile folder, measured as a user meets it.

Run: .venv/bin/python benchmarks/bench_hostile.py      (or `make bench`)

Writes BENCH_HOSTILE_GOOD (default 200) good articles beside every hostile file of
tests/hostile.py at full size (a gzip of 2 GB of blank lines, a feed item of 100 MB, a
50 MB text file, a JSON line nested 200,000 deep, a name that is not UTF-8, a terminal
escape in a name, a link out of the folder, a broken link, a FIFO), then runs
`counterclaim ingest` on it under `/usr/bin/time -v`, one process from its start, and the
same ingest of the good articles alone (the floor) in the same run. Prints each run's peak
resident memory and wall time, and checks: exit status 0, every good article stored, every
hostile entry listed in --errors. Target: peak under 600 MB.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hostile import write_hostile, write_hostile_entries  # noqa: E402

GOOD = int(os.environ.get("BENCH_HOSTILE_GOOD", "200"))
TARGET_MB = 600
COUNTERCLAIM = str(Path(sys.executable).with_name("counterclaim"))


def write_good(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"good-{n:04d}.txt").write_text(
            f" date 2025-03-{1 + n % 28:02d} https://demo.example/{n}\n\nShelling in Varn, report {n}\n\n"
            f"Officials in Varn said {n + 2} people were killed in shelling on the market, report {n}.\n",
            encoding="utf-8")


def ingest(folder: Path, db: Path, errors: Path) -> tuple[int, float, float, str]:
    """(exit status, peak MB, wall seconds, stderr) of one `counterclaim ingest` process."""
    done = subprocess.run(["/usr/bin/time", "-v", COUNTERCLAIM, "ingest", str(folder), "--db", str(db),
                           "--errors", str(errors)], capture_output=True, text=True, timeout=3600)
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)[1])  # type: ignore[index]
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    assert clock is not None
    wall = int(clock[1] or 0) * 3600 + int(clock[2]) * 60 + float(clock[3])
    return done.returncode, peak_kb / 1024, wall, done.stderr


def main() -> None:
    if not Path("/usr/bin/time").exists():
        print("skipped: /usr/bin/time (Debian's `time` package) is not installed")
        return
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        good, hostile = base / "good", base / "hostile"
        write_good(good, GOOD)
        write_good(hostile / "good", GOOD)
        expected = write_hostile(hostile / "files", bomb_megabytes=2048, item_megabytes=100)
        expected |= write_hostile_entries(hostile / "entries", base / "elsewhere")
        status, floor_mb, floor_s, _ = ingest(good, base / "floor.db", base / "floor-errors.jsonl")
        assert status == 0
        status, peak_mb, wall_s, stderr = ingest(hostile, base / "hostile.db", base / "errors.jsonl")
        assert status == 0, stderr[-2000:]
        listed = {Path(json.loads(line)["path"]).name for line in (base / "errors.jsonl").read_text().splitlines()}
        assert listed == {name for name, skipped in expected.items() if skipped}, listed
        with sqlite3.connect(base / "hostile.db") as connection:
            stored = connection.execute(
                "SELECT count(*) FROM articles WHERE url LIKE 'https://demo.example/%'").fetchone()[0]
        assert stored == GOOD, stored
    print(f"{GOOD} good articles alone (the floor): peak {floor_mb:,.0f} MB, {floor_s:.1f} s")
    print(f"the same beside every hostile file ({len(listed)} listed as skipped): "
          f"peak {peak_mb:,.0f} MB, {wall_s:.1f} s; target: under {TARGET_MB} MB — "
          + ("met" if peak_mb < TARGET_MB else "MISSED"))


if __name__ == "__main__":
    main()
