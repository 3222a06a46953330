"""The examples in docstrings are real output: each module's doctests run here."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "counterclaim.ingest.clean",
    "counterclaim.ingest.header",
    "counterclaim.ingest.outlets",
    "counterclaim.ingest.text",
    "counterclaim.nlp.sentences",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
