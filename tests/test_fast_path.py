"""The fast path (parse only the sentences with a number, and what their attribution
reads) gives exactly the claims of the full parse, on every corpus we have."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.pipeline import AttributeRuler, Lemmatizer

from counterclaim.extract import ExtractOptions, _plan, extract_articles
from counterclaim.ingest import read
from counterclaim.model import Article
from counterclaim.nlp import pipeline
from counterclaim.nlp.attribute_index import AttributeIndex
from counterclaim.nlp.context import ArticleContext
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


def test_attribute_index_finds_the_matches_of_the_matcher(nlp) -> None:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, AttributeIndex)  # installed by pipeline.load
    docs = nlp.pipe(_corpus_sentences(), disable=["attribute_ruler", "lemmatizer", "ner"])
    for doc in docs:
        assert ruler.match(doc) == AttributeRuler.match(ruler, doc), doc.text


@pytest.mark.slow
def test_ruler_and_lemmatizer_write_what_spacys_own_write(nlp) -> None:
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    sentences = _corpus_sentences()
    fast = nlp.pipe(sentences, disable=["ner"])  # through the index, the array writes and kept lemmas
    plain = nlp.pipe(sentences, disable=["attribute_ruler", "lemmatizer", "ner"])
    for ours, doc in zip(fast, plain, strict=True):
        AttributeRuler.set_annotations(ruler, doc, AttributeRuler.match(ruler, doc))  # spaCy's own
        Lemmatizer.__call__(lemmatizer, doc)
        written = [[(t.tag, t.pos, t.morph.key, t.lemma, t.dep) for t in d] for d in (ours, doc)]
        assert written[0] == written[1], doc.text


@pytest.mark.slow
def test_entities_added_later_are_those_of_a_full_parse(nlp) -> None:
    texts = _corpus_sentences()
    full = pipeline.parse(nlp, texts, entities=True)
    later = pipeline.parse(nlp, texts)
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
