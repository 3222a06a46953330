"""The bars of issue 2, run exactly as the issue states them.

`counterclaim extract CORPUS --format jsonl > OUT`, then
`python3 ../shared/eval/score.py GOLD OUT --docs DOCS --json`; the metrics it prints
must clear the bars below. The gold is the project's shared gold in ../shared/gold.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Bar:
    corpus: str
    min_f1: float
    min_attribution: float
    min_qualifier: float | None = None


BARS = [
    Bar("seeds", min_f1=0.90, min_attribution=0.90, min_qualifier=0.95),
    Bar("news", min_f1=0.85, min_attribution=0.85),
]


def extract_command() -> list[str]:
    """The installed console script, else the CLI module run by this interpreter."""
    script = Path(sys.executable).with_name("counterclaim")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "counterclaim.cli"]


def parse_scores(output: str) -> tuple[dict, str]:
    """The JSON metrics and the summary line of `score.py --json`, wherever they sit."""
    start = output.index("{")
    metrics, _ = json.JSONDecoder().raw_decode(output[start:])
    lines = [line for line in output.splitlines() if line.startswith("claims P")]
    return metrics, lines[-1] if lines else ""


@pytest.mark.gold
@pytest.mark.parametrize("bar", BARS, ids=[b.corpus for b in BARS])
def test_gold_bars(bar: Bar, shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = shared / "corpus" / bar.corpus
    gold = shared / "gold" / f"{bar.corpus}.claims.jsonl"
    docs = shared / "gold" / f"{bar.corpus}.docs.jsonl"
    scorer = shared / "eval" / "score.py"
    for needed in (corpus, gold, docs, scorer):
        if not needed.exists():
            pytest.skip(f"{needed} is missing")

    out = tmp_path / f"{bar.corpus}.jsonl"
    with out.open("w", encoding="utf-8") as f:
        run = subprocess.run([*extract_command(), "extract", str(corpus), "--format", "jsonl"],
                             stdout=f, stderr=subprocess.PIPE, text=True)
    assert run.returncode == 0, run.stderr
    scored = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(out), "--docs", str(docs), "--json"],
        capture_output=True, text=True,
    )
    assert scored.returncode == 0, scored.stdout + scored.stderr
    metrics, line = parse_scores(scored.stdout)
    with capsys.disabled():
        print(f"\n  {bar.corpus}: {line}")

    f1 = metrics["claims"]["f1"]
    attribution = metrics["attribution_accuracy"]
    qualifier = metrics["qualifier_accuracy"]
    assert f1 >= bar.min_f1, f"{bar.corpus}: claim F1 {f1} < {bar.min_f1} ({line})"
    assert attribution >= bar.min_attribution, (
        f"{bar.corpus}: attribution {attribution} < {bar.min_attribution} ({line})"
    )
    if bar.min_qualifier is not None:
        assert qualifier >= bar.min_qualifier, (
            f"{bar.corpus}: qualifier {qualifier} < {bar.min_qualifier} ({line})"
        )
