"""Where the fast path spends its time: a py-spy profile, summed by stage.

Run: .venv/bin/python benchmarks/profile_extract.py      (or `make bench`)
     PROFILE_ARTICLES=600 .venv/bin/python benchmarks/profile_extract.py

Runs itself again under `py-spy record` (a sampling profiler that reads the Python stack
from outside, so time inside spaCy's compiled code is charged to the Python call that
entered it; pyinstrument loses those stacks). The child extracts the seed and news
corpora, repeated to PROFILE_ARTICLES (default 240), after a warm-up. Each sample of the
timed run is charged to the outermost stage on its stack (the entity recogniser to
itself wherever it runs), and the share of each stage is printed.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = (ROOT.parent / "shared" / "corpus" / "seeds", ROOT.parent / "shared" / "corpus" / "news")
TIMED = "timed_run"  # the function whose samples count
# The claim rules run in greenlets (nlp/batching.py), whose stacks py-spy shows from their
# own first frame: those count too (the five warm-up articles' among them).
GREENLET_ROOT = "_claim_list"
RECOGNISER = "entity recogniser, where rules read names"
# (label, function name as py-spy prints it, file ending)
STAGES = (
    (RECOGNISER, "recognise", "nlp/pipeline.py"),
    ("parses asked for by the rules, batched across articles", "run_together", "nlp/batching.py"),
    ("batched parse of the sentences with a number", "parse", "nlp/pipeline.py"),
    ("plan: sentences, quotations, number grammar", "_plan", "extract.py"),
    ("actor linking and counted groups", "link_claims", "actors/__init__.py"),
    ("periods", "_with_period", "extract.py"),
    ("places", "_with_place", "extract.py"),
    ("places", "article_country", "places.py"),
)
OTHER = "claim rules (counted, measures, attribution) and the rest"


def timed_run(articles: list) -> int:  # type: ignore[type-arg]
    from counterclaim.extract import extract_articles

    return sum(len(found) for found in extract_articles(articles))


def work() -> None:
    from counterclaim.ingest import read

    count = int(os.environ.get("PROFILE_ARTICLES", "240"))
    base = [article for corpus in CORPORA for article in read(corpus)]
    if not base:
        sys.exit(f"no articles under {' or '.join(map(str, CORPORA))}")
    articles = (base * math.ceil(count / len(base)))[:count]
    from counterclaim.extract import extract_articles

    list(extract_articles(articles[:5]))  # load the model and the actor base: not counted
    print(f"{len(articles)} articles, {timed_run(articles)} claims")


def stage_of(stack: str) -> str:
    found = None
    for frame in stack.split(";"):
        name, _, where = frame.partition(" (")
        for label, function, ending in STAGES:
            if name == function and where.split(":")[0].endswith(ending):
                if found is None or label == RECOGNISER:
                    found = label
                break
    return found or OTHER


def main() -> None:
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(spy).exists():
        sys.exit("py-spy is not installed: .venv/bin/pip install -e '.[bench]'")
    with tempfile.TemporaryDirectory(prefix="counterclaim-profile-") as folder:
        raw = Path(folder) / "stacks.txt"
        done = subprocess.run([spy, "record", "--rate", "200", "--format", "raw", "--output", str(raw), "--",
                               sys.executable, __file__, "--work"], capture_output=True, text=True)
        if done.returncode != 0 or not raw.exists():
            sys.exit(f"py-spy failed: {(done.stderr or done.stdout).strip().splitlines()[-1:]}")
        samples: Counter[str] = Counter()
        for line in raw.read_text(encoding="utf-8").splitlines():
            stack, _, count = line.rpartition(" ")
            if f"{TIMED} (" in stack or stack.startswith(f"{GREENLET_ROOT} ("):
                samples[stage_of(stack)] += int(count)
    total = sum(samples.values())
    ran = [line for line in done.stdout.splitlines() if line.strip() and not line.startswith("py-spy>")]
    print(f"profile of the fast path (py-spy, {total} samples at 200/s): {ran[-1] if ran else ''}")
    for label, count in samples.most_common():
        print(f"  {count / total:6.1%}  {label}")


if __name__ == "__main__":
    work() if "--work" in sys.argv else main()
