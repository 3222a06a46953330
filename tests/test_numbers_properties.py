"""Property tests of `numbers.parse`: round trips of integers, and robustness on any text."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from counterclaim.numbers import parse

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
         "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
         "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [(10**9, "billion"), (10**6, "million"), (10**3, "thousand")]


def _below_hundred(n: int, hyphen: bool) -> str:
    if n < 20:
        return UNITS[n]
    tens, unit = divmod(n, 10)
    return TENS[tens] + (("-" if hyphen else " ") + UNITS[unit] if unit else "")


def _below_thousand(n: int, british: bool, hyphen: bool) -> str:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words.append(UNITS[hundreds] + " hundred")
    if rest:
        if hundreds and british:
            words.append("and")
        words.append(_below_hundred(rest, hyphen))
    return " ".join(words)


def spell(n: int, british: bool = True, hyphen: bool = True) -> str:
    """English words for 0 <= n < 10**12: 1234 → "one thousand two hundred and thirty-four"."""
    if n == 0:
        return "zero"
    words = []
    for size, name in SCALES:
        if n >= size:
            words.append(_below_thousand(n // size, british, hyphen) + " " + name)
            n %= size
    if n:
        if words and n < 100 and british:
            words.append("and")
        words.append(_below_thousand(n, british, hyphen))
    return " ".join(words)


def test_spell_helper():
    assert spell(0) == "zero"
    assert spell(331) == "three hundred and thirty-one"
    assert spell(2_000_021, british=False) == "two million twenty-one"
    assert spell(999_999_999_999).startswith("nine hundred and ninety-nine billion")


integers = st.integers(min_value=0, max_value=10**12 - 1)


def _only_value(text: str) -> float | None:
    numbers = parse(text)
    assert len(numbers) == 1, (text, numbers)
    return numbers[0].value


@settings(max_examples=int(__import__("os").environ.get("NUMBERS_EXAMPLES", 300)), deadline=None)
@given(integers)
def test_plain_digits_round_trip(n):
    # A lone four-digit 1800-2099 reads as a year ("2024"), so it gets a noun to count.
    text = f"{n} people" if 1800 <= n <= 2099 else str(n)
    assert _only_value(text) == n


@settings(max_examples=int(__import__("os").environ.get("NUMBERS_EXAMPLES", 300)), deadline=None)
@given(integers)
def test_comma_grouped_round_trip(n):
    assert _only_value(f"{n:,}") == n


@settings(max_examples=int(__import__("os").environ.get("NUMBERS_EXAMPLES", 300)), deadline=None)
@given(integers, st.booleans(), st.booleans())
def test_words_round_trip(n, british, hyphen):
    assert _only_value(spell(n, british, hyphen)) == n


@settings(max_examples=int(__import__("os").environ.get("NUMBERS_EXAMPLES", 300)), deadline=None)
@given(st.text())
def test_never_raises_and_spans_hold(text):
    numbers = parse(text)
    last_end = -1
    for number in numbers:
        assert 0 <= number.start < number.end <= len(text)
        assert text[number.start:number.end] == number.text
        assert number.value is None or math.isfinite(number.value)
        assert number.value_high is None or math.isfinite(number.value_high)
        assert number.start >= last_end  # text order, no overlap
        last_end = number.end


@settings(max_examples=int(__import__("os").environ.get("NUMBERS_EXAMPLES", 300)), deadline=None)
@given(st.lists(st.sampled_from([
    "1,200", "twenty-three", " ", "\n", "-", "and", "a", "half", "dozen", "million", "$",
    "%", "per cent", "to", "between", "at least", "October", "7", "2024", "/", ".", "k",
    "m", "one", "of", "thirds", "over", "e", "^", "+", "3", "0", ",", "hundred", "bn",
]), max_size=14).map("".join))
def test_never_raises_on_number_soup(text):
    for number in parse(text):
        assert text[number.start:number.end] == number.text
        assert number.value is None or math.isfinite(number.value)
