"""The examples in docstrings are real output: the doctests of every module that has them
run here (a new module with examples is found, not listed)."""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import pytest

import counterclaim

# Alembic's scripts run only inside a migration (`context.config` exists only there).
NOT_IMPORTABLE = ("counterclaim.store.migrations",)


def _with_examples() -> list[str]:
    names = ["counterclaim", *(m.name for m in pkgutil.walk_packages(counterclaim.__path__, "counterclaim."))]
    found = []
    for name in names:
        if name.startswith(NOT_IMPORTABLE):
            continue
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin and ">>> " in Path(spec.origin).read_text(encoding="utf-8"):
            found.append(name)
    return found


MODULES = _with_examples()


def test_the_modules_with_examples_are_found() -> None:
    assert {"counterclaim", "counterclaim.export", "counterclaim.numbers", "counterclaim.nlp.sentences"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
