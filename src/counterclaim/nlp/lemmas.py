"""The lemmatizer's answers, read by word form, part of speech and morphology at once.

spaCy's rule lemmatizer keeps its answer for each (word, part of speech, morphology) but
still visits every token as a Python object, reads those three through it and writes the
lemma back as a string: a fifth of the cost of a parse past the models. The annotator of
`cached_lemmatizer` reads the three of all tokens as one array, asks the lemmatizer only
for a combination it has not seen, and writes the lemmas in one `Doc.from_array`. The
lemmatizer's rules read nothing else of a token, so the lemmas are the same
(tests/test_fast_path.py compares every token of the corpora and the case files).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import cast

from spacy.attrs import LEMMA, MORPH, ORTH, POS  # type: ignore[import-not-found]
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

MAX_FORMS = 200_000  # kept answers, forgotten all at once beyond this


def cached_lemmatizer(component: object) -> Callable[[list[Doc], int], list[Doc]] | None:
    """An annotator that lemmatizes as `component` does, through the kept answers; None
    where `component` is no rule lemmatizer, or one that overwrites the attribute
    ruler's lemmas."""
    if not isinstance(component, Lemmatizer) or component.mode != "rule" or component.overwrite:
        return None
    component._validate_tables()  # what its own first call checks
    return partial(_lemmatized, component, {})


def lemmatize(lemmatizer: Lemmatizer, known: dict[tuple[int, int, int], int], doc: Doc) -> Doc:
    """`lemmatizer(doc)`: a lemma for each token the attribute ruler left without one."""
    rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
    lemmas = cast(Ints2d, rows[:, 3:].copy())
    strings = doc.vocab.strings
    for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
        if lemma == 0:
            found = known.get((orth, pos, morph))
            if found is None:
                if len(known) >= MAX_FORMS:
                    known.clear()
                found = known[(orth, pos, morph)] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i, 0] = found
    doc.from_array([LEMMA], lemmas)
    return doc


def _lemmatized(
    lemmatizer: Lemmatizer, known: dict[tuple[int, int, int], int], docs: list[Doc], batch_size: int,
) -> list[Doc]:
    return [lemmatize(lemmatizer, known, doc) for doc in docs]
