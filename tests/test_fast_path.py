"""The fast path (parse only the sentences with a number, and what their attribution
reads) gives exactly the claims of the full parse, on every corpus we have."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.extract import ExtractOptions, extract_articles
from counterclaim.ingest import read
from counterclaim.nlp.context import ArticleContext
from counterclaim.nlp.sentences import find_quotations, split_sentences

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "examples", ROOT.parent / "shared" / "corpus" / "seeds", ROOT.parent / "shared" / "corpus" / "news"]


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_fast_path_equals_full_parse(corpus: Path) -> None:
    if not corpus.exists():
        pytest.skip(f"{corpus} is not here")
    articles = list(read(corpus))
    fast = list(extract_articles(articles, options=ExtractOptions()))
    full = list(extract_articles(articles, options=ExtractOptions(full_parse=True)))
    assert sum(map(len, fast)) > 0
    for article, fast_claims, full_claims in zip(articles, fast, full, strict=True):
        # Claims are frozen dataclasses: every field, offsets and reasons included.
        assert [(c, c.reasons) for c in fast_claims] == [(c, c.reasons) for c in full_claims], article.doc


def test_fast_path_skips_sentences_without_numbers(nlp) -> None:
    text = (
        "The ministry said 40 soldiers were killed.\n\nThe weather was cold.\n\n"
        "Talks went on in the capital.\n\nIt added that 12 more were wounded."
    )
    sentences = split_sentences(text)
    parsed_ahead = {0: nlp(sentences[0].text), 3: nlp(sentences[3].text)}
    context = ArticleContext(sentences, find_quotations(text), lambda s: nlp(s.text), parsed_ahead)
    # "It added" reads back through the sentences before for a source: the two sentences
    # without a number have no reporting word, so they are never parsed.
    assert [r.source.name for r in context.reporters(3)] == ["ministry"]
    assert context.parsed == frozenset({0, 3})
