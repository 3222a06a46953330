"""`numbers.parse` on war-reporting sentences (tests/data/number_specs.jsonl) and edge cases.

Each spec line is {"text": ..., "expected": [{text, value, value_high, qualifier, unit,
kind}, ...]}: the numbers `parse` must return, in order, and nothing else. The
sentences are invented, in the style of reporting on Ukraine, Sudan, Gaza, Myanmar,
Yemen, Syria, DR Congo and the Sahel.
"""

from __future__ import annotations

import doctest
import json
import math
from pathlib import Path

import pytest

from counterclaim import numbers
from counterclaim.model import Number
from counterclaim.numbers import parse

SPECS = Path(__file__).parent / "data" / "number_specs.jsonl"
FIELDS = ("text", "value", "value_high", "qualifier", "unit", "kind")


def _specs() -> list[dict]:
    with SPECS.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _row(n: Number | dict) -> tuple:
    get = n.get if isinstance(n, dict) else lambda k: getattr(n, k)
    row = []
    for k in FIELDS:
        v = get(k)
        # values compared to 12 significant digits: 2/3 is written as 0.666...67 in JSON
        number = isinstance(v, float | int) and not isinstance(v, bool)
        row.append(float(f"{v:.12g}") if number else v)
    return tuple(row)


def test_enough_specs():
    assert len(_specs()) >= 150


@pytest.mark.parametrize("spec", _specs(), ids=lambda s: s["text"][:60])
def test_spec(spec):
    got = parse(spec["text"])
    assert [_row(n) for n in got] == [_row(e) for e in spec["expected"]]
    for n in got:
        assert spec["text"][n.start:n.end] == n.text


def test_doctests():
    result = doctest.testmod(numbers)
    assert result.attempted >= 4 and result.failed == 0


def test_empty_and_wordless_texts():
    assert parse("") == []
    assert parse("The convoy reached the border crossing at dawn.") == []


def test_offsets_point_into_the_text():
    text = "Officials said about 1,200 were killed\nand 3,400 wounded; dozens missing."
    for n in parse(text):
        assert text[n.start:n.end] == n.text


def test_values_are_floats():
    (n,) = parse("12 soldiers")
    assert isinstance(n.value, float) and n.value == 12.0


def test_large_and_small_values():
    (n,) = parse("1,674,200.5 M")
    assert math.isclose(n.value, 1674200500000)
    (n,) = parse("a hundred trillionths")
    assert math.isclose(n.value, 1e-10)


def test_superscript_digits_are_no_numbers() -> None:
    # str.isdigit() is true for "¹" and "²", which float() refuses: "0 .¹" once raised ValueError.
    assert [n.value for n in parse("0 .¹")] == [0.0]
    assert [n.value for n in parse("killed .5 and ².")] == [0.5]
