"""Throughput of `counterclaim.numbers.parse` on the seed corpus, and of a peer for comparison.

Run: .venv/bin/python benchmarks/bench_numbers.py [--repeat 200] [--peer-python /tmp/rt/bin/python]

Reads ../shared/corpus/seeds/*.txt (relative to the repository root), splits each file
into lines (the unit the pipeline hands `parse`: a sentence or a short paragraph), and
parses every line `--repeat` times. Prints lines, characters and numbers per second.

For comparison it runs the same texts through Microsoft Recognizers-Text's
NumberRecognizer (`recognizers-text-suite`) in its own virtual environment, since that
package pins old dependencies. The environment is made once with
`python3.11 -m venv /tmp/rt && /tmp/rt/bin/pip install recognizers-text-suite`; when it
is missing or broken, a note is printed and the comparison skipped.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"

# Runs inside the peer's venv: reads {"lines": [...], "repeat": n} on stdin.
PEER_SCRIPT = """
import json, sys, time
from recognizers_number import NumberRecognizer
from recognizers_text import Culture
job = json.load(sys.stdin)
model = NumberRecognizer(Culture.English).get_number_model()
found = 0
start = time.perf_counter()
for _ in range(job["repeat"]):
    for line in job["lines"]:
        found += len(model.parse(line))
print(json.dumps({"seconds": time.perf_counter() - start, "numbers": found}))
"""


def load_lines() -> list[str]:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        sys.exit(f"no seed texts in {SEEDS}")
    lines = (line for f in files for line in f.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line.strip()]


def report(name: str, lines: list[str], repeat: int, seconds: float, numbers: int) -> None:
    chars = sum(map(len, lines)) * repeat
    print(
        f"{name:<28} {seconds:7.2f} s  {len(lines) * repeat / seconds:9,.0f} lines/s  "
        f"{chars / seconds / 1e6:6.2f} MB/s  {numbers / seconds:9,.0f} numbers/s  "
        f"({numbers // repeat} numbers per pass)"
    )


def bench_counterclaim(lines: list[str], repeat: int) -> None:
    from counterclaim.numbers import parse

    found = 0
    start = time.perf_counter()
    for _ in range(repeat):
        for line in lines:
            found += len(parse(line))
    report("counterclaim.numbers.parse", lines, repeat, time.perf_counter() - start, found)


def bench_peer(lines: list[str], repeat: int, python: Path) -> None:
    if not python.exists():
        print(f"note: {python} missing; make it with `python3.11 -m venv {python.parents[1]} && "
              f"{python.parent}/pip install recognizers-text-suite` to compare. Skipped.")
        return
    job = json.dumps({"lines": lines, "repeat": repeat})
    run = subprocess.run(
        [str(python), "-c", PEER_SCRIPT], input=job, capture_output=True, text=True, check=False
    )
    if run.returncode != 0:
        print("note: recognizers-text-suite failed to run, comparison skipped:")
        print(run.stderr[-800:])
        return
    result = json.loads(run.stdout.strip().splitlines()[-1])
    report("Recognizers-Text (Python)", lines, repeat, result["seconds"], result["numbers"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--peer-repeat", type=int, default=None, help="default: same as --repeat")
    ap.add_argument("--peer-python", type=Path, default=Path("/tmp/rt/bin/python"))
    args = ap.parse_args()
    lines = load_lines()
    print(f"{len(lines)} lines, {sum(map(len, lines)):,} characters from {SEEDS}")
    bench_counterclaim(lines, args.repeat)
    bench_peer(lines, args.peer_repeat or args.repeat, args.peer_python)


if __name__ == "__main__":
    main()
