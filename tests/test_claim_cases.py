"""Annotated cases from other wars (tests/data/claim_cases.jsonl), scored as a whole and
one by one.

Each line of the data file is {id, text, article_date, claims, note} with `claims` in
the SCHEMA.md format. The scoring here is our own and needs nothing outside the
repository: per case, a system claim matches a gold claim with the same value,
value_high, unit and measure; its claimant is right when one name contains the other,
case-insensitively (gold claimant or any of its aliases). As in the shared scorer, a
first pass pairs claims that also agree on the claimant, optional gold claims are
neither rewarded nor punished, claims without a value are not scored, and a repeat of
a figure already matched is not an extra.

`claim_cases_passing.txt` lists the cases extracted fully right (every claim found with
its value, measure and claimant, nothing extra); each runs as its own test, so a
regression on any of them fails by name. Regenerate the list after an improvement:

    .venv/bin/python tests/test_claim_cases.py --write-passing
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from counterclaim.extract import extract_articles
from counterclaim.model import AUTHOR, Article, Claim

# Floors under the scores measured when they were set, so a drop fails the build:
# claim_cases.jsonl F1 0.951, attribution 0.994; heldout_articles.jsonl F1 0.937,
# attribution 0.958 (on 2026-12-07; scored by this file, not by ../shared/eval/score.py).
FLOOR = 0.94
ATTRIBUTION_FLOOR = 0.98
HELDOUT_FLOOR = 0.92
HELDOUT_ATTRIBUTION_FLOOR = 0.94

DATA = Path(__file__).parent / "data"
CASES = DATA / "claim_cases.jsonl"
# Forty whole articles annotated by a helper who never saw the rules: kept out of rule
# writing, so its score is the closest we have to unseen news.
HELDOUT = DATA / "heldout_articles.jsonl"
PASSING = DATA / "claim_cases_passing.txt"
UNSEEN = DATA / "claim_cases_unseen.jsonl"
UNSEEN_FLOOR = 0.95  # 0.963 on 2026-12-07
UNSEEN_ATTRIBUTION_FLOOR = 0.98  # 0.993


@dataclass
class CaseScore:
    """How one case came out: counts, and the claims behind them for a readable failure."""

    id: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    attributed: int = 0
    missed: list[dict] = field(default_factory=list)
    extra: list[Claim] = field(default_factory=list)
    misattributed: list[tuple[Claim, dict]] = field(default_factory=list)

    @property
    def fully_right(self) -> bool:
        return self.fp == 0 and self.fn == 0 and self.attributed == self.tp

    def explain(self) -> str:
        lines = [f"{self.id}: tp {self.tp} fp {self.fp} fn {self.fn} attributed {self.attributed}"]
        lines += [f"  missed {g['value']} {g['measure']} [{g['claimant']}] {g['text']!r}" for g in self.missed]
        lines += [f"  extra {c.value} {c.measure} [{c.claimant}] {c.text!r}" for c in self.extra]
        lines += [f"  claimant {c.claimant!r}, gold {g['claimant']!r} ({c.value} {c.measure})"
                  for c, g in self.misattributed]
        return "\n".join(lines)


def load_cases(path: Path = CASES) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def passing_ids() -> list[str]:
    if not PASSING.exists():
        return []
    return [line.strip() for line in PASSING.read_text(encoding="utf-8").splitlines() if line.strip()]


def extract_cases(cases: list[dict]) -> Iterator[tuple[dict, list[Claim]]]:
    """Each case with the claims extracted from its text (one pipeline run for all)."""
    articles = [
        Article(id=case["id"], doc=case["id"], text=case["text"], date=case.get("article_date"))
        for case in cases
    ]
    yield from zip(cases, extract_articles(articles), strict=True)


def _same_figure(claim: Claim, gold: dict) -> bool:
    def same(a: float | None, b: float | None) -> bool:
        if a is None or b is None:
            return a is None and b is None
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))

    return (
        same(claim.value, gold.get("value"))
        and same(claim.value_high, gold.get("value_high"))
        and claim.unit == (gold.get("unit") or "count")
        and claim.measure == gold.get("measure")
    )


def claimant_matches(claimant: str, gold: dict) -> bool:
    """One name contains the other, case-insensitively; @author only matches @author."""
    ours = claimant.strip().casefold()
    names = [gold.get("claimant") or "", *(gold.get("claimant_aliases") or [])]
    for name in (n.strip().casefold() for n in names):
        if not name or not ours:
            continue
        if AUTHOR in (ours, name):
            if ours == name:
                return True
            continue
        if ours in name or name in ours:
            return True
    return False


def score_case(case_id: str, golds: list[dict], claims: list[Claim]) -> CaseScore:
    """Match one case's claims against its gold, in two passes (see the module docstring)."""
    result = CaseScore(case_id)
    claims = [c for c in claims if c.value is not None]
    used = [False] * len(golds)
    match: list[int | None] = [None] * len(claims)
    for need_name in (True, False):
        for j, claim in enumerate(claims):
            if match[j] is not None:
                continue
            candidates = [i for i, g in enumerate(golds) if not used[i] and _same_figure(claim, g)
                          and (not need_name or claimant_matches(claim.claimant, g))]
            if candidates:
                best = min(candidates, key=lambda i: bool(golds[i].get("optional")))
                used[best], match[j] = True, best
    for j, claim in enumerate(claims):
        i = match[j]
        if i is None:
            if not any(used[k] and _same_figure(claim, g) for k, g in enumerate(golds)):
                result.fp += 1
                result.extra.append(claim)
            continue
        gold = golds[i]
        if gold.get("optional"):
            continue
        result.tp += 1
        if claimant_matches(claim.claimant, gold):
            result.attributed += 1
        else:
            result.misattributed.append((claim, gold))
    for i, gold in enumerate(golds):
        if not used[i] and not gold.get("optional"):
            result.fn += 1
            result.missed.append(gold)
    return result


def score_all(path: Path = CASES) -> dict[str, CaseScore]:
    return {case["id"]: score_case(case["id"], case["claims"], claims)
            for case, claims in extract_cases(load_cases(path))}


@dataclass(frozen=True)
class Totals:
    precision: float
    recall: float
    f1: float
    attribution: float
    line: str


def totals(scores: dict[str, CaseScore]) -> Totals:
    tp = sum(s.tp for s in scores.values())
    fp = sum(s.fp for s in scores.values())
    fn = sum(s.fn for s in scores.values())
    attributed = sum(s.attributed for s in scores.values())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    attribution = attributed / tp if tp else 0.0
    right = sum(s.fully_right for s in scores.values())
    line = (f"claim cases: P {p:.3f} R {r:.3f} F1 {f1:.3f} | attribution {attribution:.3f} | "
            f"tp {tp} fp {fp} fn {fn} | {right}/{len(scores)} cases fully right")
    return Totals(p, r, f1, attribution, line)


@pytest.fixture(scope="module")
def scores(nlp: object) -> dict[str, CaseScore]:
    return score_all()


def test_claim_cases_floor(scores: dict[str, CaseScore], capsys: pytest.CaptureFixture[str]) -> None:
    result = totals(scores)
    with capsys.disabled():
        print(f"\n  {result.line}")
    assert result.f1 >= FLOOR, f"{result.line}: F1 below the floor {FLOOR}"
    assert result.attribution >= ATTRIBUTION_FLOOR, f"{result.line}: attribution below {ATTRIBUTION_FLOOR}"


# Whole articles annotated by a helper who never saw the rules (HELDOUT), and 114 passages
# of the kinds unseen reporting holds (issue 21: equipment lists, shares, war-long totals,
# sources over paragraphs, phrases that are no sources, places), written from SCHEMA.md
# without the rules: F1 0.870, attribution 0.923 before any rule was written for them; the
# rules were then written against their misses.
SCORED_SETS = [("held-out articles", HELDOUT, HELDOUT_FLOOR, HELDOUT_ATTRIBUTION_FLOOR),
               ("unseen kinds", UNSEEN, UNSEEN_FLOOR, UNSEEN_ATTRIBUTION_FLOOR)]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "path", "floor", "attribution_floor"), SCORED_SETS, ids=["heldout", "unseen"])
def test_other_sets_floor(name: str, path: Path, floor: float, attribution_floor: float, nlp: object,
                          capsys: pytest.CaptureFixture[str]) -> None:
    result = totals(score_all(path))
    with capsys.disabled():
        print(f"\n  {name}: {result.line.removeprefix('claim cases: ')}")
    assert result.f1 >= floor, f"{result.line}: F1 below the floor {floor}"
    assert result.attribution >= attribution_floor, f"{result.line}: attribution below {attribution_floor}"


def test_passing_list_is_known() -> None:
    known = {case["id"] for case in load_cases()}
    unknown = [case_id for case_id in passing_ids() if case_id not in known]
    assert not unknown, f"ids in {PASSING.name} that are not in {CASES.name}: {unknown}"


@pytest.mark.parametrize("case_id", passing_ids())
def test_case_still_right(case_id: str, scores: dict[str, CaseScore]) -> None:
    score = scores[case_id]
    assert score.fully_right, score.explain()


def main(argv: list[str]) -> int:
    """Print the scores (and every case not fully right); --write-passing rewrites the list."""
    scores = score_all()
    for score in scores.values():
        if not score.fully_right:
            print(score.explain())
    print(totals(scores).line)
    if "--write-passing" in argv:
        ids = [case_id for case_id, score in scores.items() if score.fully_right]
        PASSING.write_text("".join(f"{case_id}\n" for case_id in ids), encoding="utf-8")
        print(f"wrote {len(ids)} ids to {PASSING}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
