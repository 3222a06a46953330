"""The lemmatizer's answers, read by word form, part of speech and morphology at once.

spaCy's rule lemmatizer keeps its answer for each (word, part of speech, morphology) but
still visits every token as a Python object, reads those three through it and writes the
lemma back as a string: a fifth of the cost of a parse past the models. `cache_lemmas`
gives a loaded pipeline's lemmatizer a `pipe` that reads the three of all tokens as one
array, asks the lemmatizer only for a combination it has not seen, and writes the lemmas
in one `Doc.from_array`. The lemmatizer's rules read nothing else of a token, so the
lemmas are the same (tests/test_fast_path.py compares every token of the corpora).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from typing import cast

from spacy.attrs import LEMMA, MORPH, ORTH, POS  # type: ignore[import-not-found]
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

MAX_FORMS = 200_000  # kept answers, forgotten all at once beyond this


def cache_lemmas(nlp: Language, name: str = "lemmatizer") -> bool:
    """Give the rule lemmatizer `name` of `nlp` the array `pipe`; False where there is none
    (a lookup lemmatizer, or one that overwrites the attribute ruler's lemmas)."""
    if name not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(name)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule" or lemmatizer.overwrite:
        return False
    lemmatizer._validate_tables()  # what its own first call checks
    lemmatizer.pipe = partial(_pipe, lemmatizer, {})  # type: ignore[method-assign]
    return True


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


def _pipe(
    lemmatizer: Lemmatizer, known: dict[tuple[int, int, int], int], docs: Iterable[Doc], batch_size: int = 128,
) -> Iterator[Doc]:
    error_handler = lemmatizer.get_error_handler()
    for doc in docs:  # as spaCy's own Pipe.pipe
        try:
            doc = lemmatize(lemmatizer, known, doc)
            yield doc
        except Exception as e:
            error_handler(lemmatizer.name, lemmatizer, [doc], e)
