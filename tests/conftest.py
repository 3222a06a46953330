"""Shared fixtures: the spaCy pipeline, loaded once per session, and ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from counterclaim.nlp import pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The default pipeline, loaded once for the whole session."""
    return pipeline.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The project's shared folder (corpus, gold, scorer) beside the repository."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not there: clone the repository with ../shared beside it")
    return SHARED
