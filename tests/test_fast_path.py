"""The fast path (parse only the sentences with a number, and what their attribution
reads) gives exactly the claims of the full parse, on every corpus we have."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.pipeline import AttributeRuler

from counterclaim.extract import ExtractOptions, _plan, extract_articles
from counterclaim.ingest import read
from counterclaim.model import Article
from counterclaim.nlp import pipeline
from counterclaim.nlp.attribute_index import AttributeIndex, _ruled
from counterclaim.nlp.context import ArticleContext
from counterclaim.nlp.greedy import decode
from counterclaim.nlp.lemmas import _lemmatized
from counterclaim.nlp.sentences import find_quotations, split_sentences

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT / "examples", ROOT.parent / "shared" / "corpus" / "seeds", ROOT.parent / "shared" / "corpus" / "news"]


# The demo corpus is the largest: `make check` leaves it to `make test`.
@pytest.mark.parametrize("corpus", [pytest.param(CORPORA[0], marks=pytest.mark.slow), *CORPORA[1:]],
                         ids=lambda p: p.name)
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


def _corpus_sentences() -> list[str]:
    texts = [s.text for corpus in CORPORA if corpus.exists() for a in read(corpus) for s in split_sentences(a.text)]
    return texts + [
        "I ain't gonna say it, y'all know nothin' about it.",  # the ruler's multi-token rules
        "There is a dog.  \n It is there and it was seen.",  # spaces, expletives, pronouns
        "Did you see it? I do, and I'd have told him if I had.",
    ]


def _case_sentences() -> list[str]:
    """Every sentence of the case files and held-out articles: the phrasings of many wars
    and outlets."""
    texts = []
    data = ROOT / "tests" / "data"
    for path in [*sorted(data.glob("*cases*.jsonl")), data / "heldout_articles.jsonl"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line) if line.strip() else {}
            texts += [s.text for s in split_sentences(case.get("text", ""))]
    return texts


def test_the_pipelines_steps_are_the_faster_equivalents() -> None:
    names = {name: annotate for name, annotate in pipeline.load().annotators}
    assert {names[name].func for name in ("parser", "ner", "attribute_ruler", "lemmatizer")} == {  # type: ignore[attr-defined]
        decode, _ruled, _lemmatized}


def test_attribute_index_finds_the_matches_of_the_matcher(nlp) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    index = AttributeIndex(ruler)
    docs = nlp.pipe(_corpus_sentences(), disable=["attribute_ruler", "lemmatizer", "ner"])
    for doc in docs:
        assert index(doc) == AttributeRuler.match(ruler, doc), doc.text


@pytest.mark.slow
def test_parse_writes_what_spacys_own_components_write(nlp) -> None:
    # Every annotation of `parse` (the parsers stepped from Python, the ruler's index, the
    # kept lemmas) against spaCy's own pipeline, on the corpora and every case sentence.
    sentences = list(dict.fromkeys(_corpus_sentences() + _case_sentences()))
    assert len(sentences) > 1500
    ours = pipeline.load().parse(sentences, entities=True)
    for fast, plain in zip(ours, nlp.pipe(sentences), strict=True):
        written = [[(t.tag, t.pos, t.morph.key, t.lemma, t.dep, t.head.i, t.ent_iob, t.ent_type) for t in d]
                   for d in (fast, plain)]
        assert written[0] == written[1], plain.text


@pytest.mark.slow
def test_entities_added_later_are_those_of_a_full_parse() -> None:
    texts = _corpus_sentences()
    full = pipeline.load().parse(texts, entities=True)
    later = pipeline.load().parse(texts)
    assert not any(doc.has_annotation("ENT_IOB") for doc in later)
    for with_entities, without in zip(full, later, strict=True):
        expected = [(e.start, e.end, e.label_) for e in with_entities.ents]
        assert [(e.start, e.end, e.label_) for e in pipeline.entities(without)] == expected
    assert sum(len(doc.ents) for doc in full) > 100


def test_numbers_that_measure_time_or_size_are_not_parsed_for() -> None:
    text = (
        "Talks on a six-week truce went on for 72 hours.\n\n"
        "The army said 40 soldiers were killed in two days of fighting, half of them conscripts, "
        "and a convoy of 12 trucks turned back 30 km from the border."
    )
    plan = _plan(Article(id="t", doc="t", text=text), full_parse=False)
    # The first sentence holds only a duration and a length of time: nothing to parse.
    assert plan.ahead == [1]
    assert [n.text for n in plan.numbers[1]] == ["40", "12"]
