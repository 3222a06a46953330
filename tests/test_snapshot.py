"""The claims of examples/, ../shared/corpus/seeds and ../shared/corpus/news, every field
of every claim (reasons included), against a snapshot taken when they were last checked:
a refactoring must leave them identical (issue 22).

A rule changed on purpose changes the snapshot too; look at the difference the test
prints, then regenerate it and commit it with the rule:

    .venv/bin/python tests/test_snapshot.py --write

The snapshot is `tests/data/claims_snapshot.jsonl`: one line per claim, in the order
`extract_articles` gives them, with the corpus and the article's file name in front.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from counterclaim.extract import extract_articles
from counterclaim.ingest import iter_articles
from counterclaim.model import Article, Claim

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "data" / "claims_snapshot.jsonl"
# Where each corpus is, relative to the repository; ../shared may be missing.
CORPORA = {"examples": ROOT / "examples", "seeds": ROOT.parent / "shared" / "corpus" / "seeds",
           "news": ROOT.parent / "shared" / "corpus" / "news"}
FIELDS = [f.name for f in dataclasses.fields(Claim)]


def snapshot_records(corpus: str) -> Iterator[dict[str, object]]:
    """Every claim of one corpus as a JSON object: corpus, doc, then every field of Claim."""
    articles = [a for a in iter_articles([CORPORA[corpus]]) if isinstance(a, Article)]
    for article, claims in zip(articles, extract_articles(articles), strict=True):
        for claim in claims:
            record: dict[str, object] = {"corpus": corpus, "doc": article.doc}
            record.update({name: getattr(claim, name) for name in FIELDS})
            # Through JSON and back, as the snapshot file was: tuples become lists.
            yield json.loads(json.dumps(record, ensure_ascii=False))


def load_snapshot(corpus: str) -> list[dict[str, object]]:
    with SNAPSHOT.open(encoding="utf-8") as f:
        return [r for r in map(json.loads, f) if r["corpus"] == corpus]


@pytest.mark.slow
@pytest.mark.parametrize("corpus", list(CORPORA))
def test_claims_identical_to_snapshot(corpus: str, nlp: object) -> None:
    if not CORPORA[corpus].is_dir():
        pytest.skip(f"{CORPORA[corpus]} is not there: clone the repository with ../shared beside it")
    expected = load_snapshot(corpus)
    found = list(snapshot_records(corpus))
    differences = [
        f"{want['doc']} claim {i} {want['text']!r}: {name} {want.get(name)!r} -> {got.get(name)!r}"
        for i, (want, got) in enumerate(zip(expected, found, strict=False))
        for name in ("corpus", "doc", *FIELDS)
        if want.get(name) != got.get(name)
    ]
    assert not differences, "claims differ from the snapshot:\n" + "\n".join(differences[:40])
    assert len(found) == len(expected), f"{len(found)} claims, the snapshot has {len(expected)}"


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    with SNAPSHOT.open("w", encoding="utf-8") as out:
        for name in CORPORA:
            out.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in snapshot_records(name))
    print(f"wrote {SNAPSHOT}")
