"""Every measure, qualifier and number kind the word lists and rules name is one of
`model.py` (issue 22): a misspelt "kiled" in a lexicon or a rule fails here, not as a
claim no one can filter.

The lexicons are read as data (counterclaim/vocabulary); the rules (nlp/measures.py,
numbers.py) are read as source, for the names they write as string literals: the first
argument of every `Measure(...)`, every string a measure function returns or compares a
`name` with, every qualifier and kind of a `_Quantity(...)`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from counterclaim import model, numbers
from counterclaim.extract import QUALIFIER_RANK
from counterclaim.nlp.measures import CASUALTY_PAIR
from counterclaim.vocabulary import measures as words

SRC = Path(__file__).resolve().parents[1] / "src" / "counterclaim"
MEASURE_TABLES = {
    "VERB_MEASURES": words.VERB_MEASURES, "THING_MEASURES": words.THING_MEASURES,
    "PARTICLE_VERBS": words.PARTICLE_VERBS, "SUBJECT_VERBS": words.SUBJECT_VERBS,
    "PREDICATE_MEASURES": words.PREDICATE_MEASURES, "NOUN_MEASURES": words.NOUN_MEASURES,
    "TOLL_MODIFIERS": words.TOLL_MODIFIERS, "CAPTIVE_MEASURES": words.CAPTIVE_MEASURES,
}


@pytest.mark.parametrize("table", list(MEASURE_TABLES))
def test_lexicon_values_are_measures(table: str) -> None:
    wrong = {word: name for word, name in MEASURE_TABLES[table].items() if name not in model.MEASURES}
    assert not wrong, f"{table}: not in model.MEASURES: {wrong}"


def _strings(node: ast.AST) -> list[str]:
    """The string literals of an expression: "a", ("a", "b"), {"a", "b"}."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [s for element in node.elts for s in _strings(element)]
    return []


def _measure_literals(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, name) of every measure name written in a rule module."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Measure" and node.args:
            found += [(node.lineno, s) for s in _strings(node.args[0])]
        elif isinstance(node, ast.Compare):  # name == "aid", measure.name in ("killed", …)
            left = node.left
            is_name = (isinstance(left, ast.Name) and left.id in ("name", "other", "found")) or (
                isinstance(left, ast.Attribute) and left.attr == "name")
            if is_name:
                found += [(node.lineno, s) for c in node.comparators for s in _strings(c)]
        elif isinstance(node, ast.FunctionDef) and node.returns is not None and ast.unparse(node.returns) in (
            "str | None", "str"):
            found += [(r.lineno, s) for r in ast.walk(node) if isinstance(r, ast.Return) and r.value is not None
                      for s in _strings(r.value)]
    return found


def test_rule_measures_are_measures() -> None:
    tree = ast.parse((SRC / "nlp" / "measures.py").read_text(encoding="utf-8"))
    found = _measure_literals(tree)
    assert len(found) > 30  # the walk still sees the rules
    wrong = [(line, name) for line, name in found if name not in model.MEASURES]
    assert not wrong, f"nlp/measures.py names measures not in model.MEASURES: {wrong}"
    assert set(CASUALTY_PAIR) <= set(model.MEASURES)


def test_qualifiers_are_qualifiers() -> None:
    named = {name for name, _ in numbers.QUALIFIERS} | {name for name, _ in numbers.SUFFIX_QUALIFIERS}
    assert named <= set(model.QUALIFIERS)
    assert set(QUALIFIER_RANK) == set(model.QUALIFIERS)
    tree = ast.parse((SRC / "numbers.py").read_text(encoding="utf-8"))
    quantities = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
                  and isinstance(node.func, ast.Name) and node.func.id == "_Quantity"]
    assert quantities
    for call in quantities:
        kinds, qualifiers = _strings(call.args[2]), _strings(call.args[5])
        assert set(kinds) <= set(model.NUMBER_KINDS), ast.unparse(call)
        assert set(qualifiers) <= {"", *model.QUALIFIERS}, ast.unparse(call)
