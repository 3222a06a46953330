"""The dependency parser's and the entity recogniser's greedy decoding, stepped from Python.

spaCy's transition parsers decode in one C loop that runs with the GIL released. spaCy
3.8's wheels are built with Cython 3, whose code outside the GIL takes the GIL back after
each call of a parser state's methods that may return -1, to ask Python whether that -1
was an exception; "no token there" is -1, the usual answer early in a sentence. Measured
with `perf` on the parser alone, taking and dropping the GIL was over half of its time.
With the GIL held the same checks cost next to nothing, so `decode` takes the same steps
as spaCy's loop, one Python call per step for all the unfinished sentences of a batch:

1. each state's context tokens (spaCy's `get_token_ids`);
2. their precomputed hidden features summed, plus the bias, through the maxout
   (spaCy's `precompute_hiddens`: the same C function as the loop);
3. the scores, through BLIS's sgemm as the loop computes them (not numpy's: a matrix
   product summed in another order may differ in its last bit and turn a near tie);
4. unseen classes at the lowest score; the best valid transition taken (spaCy's C).

Batches are sorted and cut as spaCy's own `pipe` does. The parses and entities are the
same as spaCy's (tests/test_fast_path.py compares every sentence of the corpora and the
case files); a parser this cannot drive (a beam, a GPU, no output layer) runs spaCy's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from blis.py import gemm  # type: ignore[import-untyped]
from spacy.pipeline.transition_parser import Parser  # type: ignore[import-not-found]
from spacy.tokens import Doc
from thinc.api import NumpyOps


def greedy_decoder(component: object) -> Callable[[list[Doc], int], list[Doc]] | None:
    """`decode` for `component`, if it is a greedy transition parser on the CPU whose
    model has an output layer; else None."""
    if not isinstance(component, Parser) or component.cfg.get("beam_width", 1) != 1:
        return None
    model = component.model
    if not isinstance(model.ops, NumpyOps) or not model.attrs.get("has_upper"):
        return None
    return partial(decode, component)


def decode(parser: Parser, docs: list[Doc], batch_size: int = 256) -> list[Doc]:
    """`parser.pipe(docs)`: `docs`, annotated by `parser`."""
    for start in range(0, len(docs), batch_size):
        by_length = sorted(docs[start:start + batch_size], key=len)
        size = max(batch_size // 4, 2)
        for cut in range(0, len(by_length), size):
            part = by_length[cut:cut + size]
            parser.set_annotations(part, _states(parser, part))
    return docs


def _states(parser: Parser, docs: list[Doc]) -> list[Any]:
    """The final parser state of each of `docs` (`Parser.greedy_parse`)."""
    if any(len(doc) for doc in docs):
        parser._ensure_labels_are_added(docs)
    states: list[Any] = parser.moves.init_batch(docs)
    if not any(len(doc) for doc in docs):
        return states
    model = parser.model.predict(docs)  # the batch's token vectors, their hidden features precomputed
    weights = model.vec2scores.get_param("W")
    bias = model.vec2scores.get_param("b")
    unseen = model._class_mask == 0
    unfinished = [state for state in states if not state.is_final()]
    while unfinished:
        hidden = model.state2vec.predict(model.get_token_ids(unfinished))
        scores = gemm(hidden, weights, trans2=True, beta=0.0)
        scores += bias
        if unseen.any():
            scores[:, unseen] = scores.min()
        unfinished = parser.transition_states(unfinished, scores)
    model.clear_memory()
    return states

