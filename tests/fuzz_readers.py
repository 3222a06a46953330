"""Fuzz the three readers (text, HTML, JSON Lines): `make fuzz`.

For FUZZ_SECONDS (default 60) per reader, mutates real inputs (the demo corpus and the
hostile files of tests/hostile.py, cut to 64 KB) by flipping, inserting, deleting and
repeating bytes and splicing inputs together, writes each mutant to a file and reads it
through `iter_articles`. A reader must yield Articles or Skips and never raise; the first
input that makes it raise is saved under tests/fuzz-crashes/ and the run fails.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from counterclaim.ingest import iter_articles  # noqa: E402
from hostile import write_hostile  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CRASHES = ROOT / "tests" / "fuzz-crashes"
READERS = {".txt": "text", ".html": "HTML", ".jsonl": "JSON Lines"}
MAX_SEED = 64 * 1024


def seeds(folder: Path) -> list[bytes]:
    write_hostile(folder)
    found = [p.read_bytes()[:MAX_SEED] for p in sorted((ROOT / "examples").iterdir()) if p.is_file()]
    return found + [p.read_bytes()[:MAX_SEED] for p in sorted(folder.iterdir()) if p.is_file()]


def mutate(data: bytes, pool: list[bytes], rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        at = rng.randint(0, len(buffer)) if buffer else 0
        if choice < 0.25 and buffer:
            buffer[min(at, len(buffer) - 1)] = rng.randrange(256)
        elif choice < 0.45:
            buffer[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif choice < 0.6 and buffer:
            del buffer[at:at + rng.randint(1, 64)]
        elif choice < 0.75:
            buffer[at:at] = rng.choice([b"<", b">", b"&#x0;", b"\\u0000", b'"', b"{", b"}", b"\n", b"\r\n",
                                        b"\xef\xbb\xbf", b"\xff\xfe", b"<div>" * 50, b"1,2,3", b"10^100"])
        else:
            other = rng.choice(pool)
            buffer[at:at] = other[: rng.randint(0, len(other))]
    return bytes(buffer)


def fuzz(suffix: str, seconds: float, pool: list[bytes], folder: Path) -> int:
    rng = random.Random(hash(suffix) & 0xFFFF)
    target = folder / f"mutant{suffix}"
    runs = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        data = mutate(rng.choice(pool), pool, rng)
        target.write_bytes(data)
        try:
            for _ in iter_articles([target]):
                pass
        except Exception:  # noqa: BLE001 - any exception is the finding
            CRASHES.mkdir(exist_ok=True)
            saved = CRASHES / f"crash-{int(time.time())}{suffix}"
            saved.write_bytes(data)
            print(f"{READERS[suffix]} reader raised on {saved}:\n{traceback.format_exc()}")
            return -1
        runs += 1
    return runs


def main() -> None:
    seconds = float(os.environ.get("FUZZ_SECONDS", "60"))
    with tempfile.TemporaryDirectory(prefix="counterclaim-fuzz-") as folder:
        pool = seeds(Path(folder) / "seeds")
        for suffix, name in READERS.items():
            runs = fuzz(suffix, seconds, pool, Path(folder))
            if runs < 0:
                sys.exit(1)
            print(f"{name:<10} reader: {runs:,} mutated inputs in {seconds:.0f} s, no exception")


if __name__ == "__main__":
    main()
