"""The attribute ruler's matches, found through an index instead of spaCy's Matcher.

The English pipelines map each fine-grained tag to its part of speech and morphology, and
fix a few words, with an attribute ruler of some 180 one-token patterns. spaCy's Matcher
tries every pattern at every token, which costs a quarter of the parse of a sentence. The
patterns only test a token's tag, lower-case form, dependency label and whether it is a
space, so an index on the tag and the lower-case form finds the same matches, in the same
order, for a fraction of the time. The ruler itself still sets the attributes.

`indexed_ruler` gives `pipeline.py` an annotator through the index for a loaded pipeline's
ruler, unless a pattern uses anything else (then spaCy's ruler runs); the tests check both
give the same matches.

A token's matches that start at it depend on nothing but its tag, word, label and space
flag (a longer pattern's later tokens aside), so they are worked out once per such
signature and kept. The ruler's attributes are then written in one `Doc.from_array`,
each token taking the values of its matches in the ruler's order, instead of one Span
and one assignment per match: the same values (tests/test_fast_path.py compares every
token of the corpora with spaCy's own ruler).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any, cast

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG  # type: ignore[import-not-found]
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc, Token
from thinc.types import Ints2d

Test = Callable[[Token], bool]
Rule = tuple[int, int, list[Test]]  # (rule number, match id, a test per token)
Match = tuple[int, int, int, int]  # (rule number, match id, start, end), as the ruler sorts them

TOKEN_VALUES: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}
INDEXED = ("LOWER", "TAG", "DEP", "IS_SPACE")  # a pattern is filed under the first it fixes
SIGNATURE = [TAG, LOWER, DEP, IS_SPACE]  # all a pattern's token may test
WRITTEN = (POS, MORPH, LEMMA, TAG, DEP)  # what the ruler's rules may set, all token-level
MAX_SIGNATURES = 200_000  # kept signatures, forgotten all at once beyond this


class Unsupported(ValueError):
    """A pattern the index cannot reproduce exactly."""


class AttributeIndex:
    """The patterns of one attribute ruler, filed for lookup by a token's tag, word and
    dependency label.

    Most patterns are one token with a fixed tag, word or both: those are looked up, not
    tried. The others are filed under each tag, word or label their first token allows
    and tried only there; the few that fix none of these are tried everywhere, with a
    cache on the word for the ones that test nothing else.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self._fixed: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
        self._tested: dict[tuple[str, int] | None, list[Rule]] = defaultdict(list)
        self._by_word: list[Rule] = []
        self._word_rules: dict[int, list[Rule]] = {}
        # (tag, word, label, space) -> the matches starting at a token with those
        self._starting: dict[tuple[int, ...], tuple[list[tuple[int, int]], list[Rule]]] = {}
        # The ruler files its i-th rule in its Matcher under the string "i".
        for number in range(len(ruler.attrs)):
            key = strings.add(str(number))
            for pattern in ruler.matcher.get(key)[1]:
                fixed = _fixed_tag_and_word(pattern)
                if fixed is not None:
                    tag, word = (strings.add(v) if v is not None else 0 for v in fixed)
                    self._fixed[(tag, word)].append((number, key))
                    continue
                tests = [_compile(token) for token in pattern]
                if set(pattern[0]) == {"LOWER"} and _filed_under(pattern[0]) == [None]:
                    self._by_word.append((number, key, tests))  # "^n[ou]thin'$"
                    continue
                for filed in _filed_under(pattern[0]):
                    where = None if filed is None else (filed[0], _as_id(strings, filed[1]))
                    self._tested[where].append((number, key, tests))

    def __call__(self, doc: Doc) -> list[Match]:
        matches: list[Match] = []
        rows = doc.to_array(SIGNATURE).tolist()
        for start, row in enumerate(rows):
            signature = tuple(row)
            starting = self._starting.get(signature)
            if starting is None:
                if len(self._starting) >= MAX_SIGNATURES:
                    self._starting.clear()
                starting = self._starting[signature] = self._starting_at(row, doc[start])
            single, longer = starting
            matches.extend((number, key, start, start + 1) for number, key in single)
            for number, key, tests in longer:
                end = start + len(tests)
                if end <= len(doc) and all(test(doc[start + i]) for i, test in enumerate(tests) if i):
                    matches.append((number, key, start, end))
        matches.sort()
        return matches

    def _starting_at(self, row: list[int], token: Token) -> tuple[list[tuple[int, int]], list[Rule]]:
        """The one-token patterns that match `token`, and the longer ones whose first token
        it matches (their other tokens are tested in place)."""
        tag, word, dep, space = row
        fixed, tested = self._fixed, self._tested
        single: list[tuple[int, int]] = []
        longer: list[Rule] = []
        for found in (fixed.get((tag, 0)), fixed.get((0, word)), fixed.get((tag, word))):
            single.extend(found or ())
        filed = (
            tested.get(("LOWER", word)),
            tested.get(("TAG", tag)),
            tested.get(("DEP", dep)),
            tested.get(("IS_SPACE", space)),
            self._for_word(word, token),
            tested.get(None, []),
        )
        for rules in filed:
            for number, key, tests in rules or ():
                if tests[0](token):
                    (single.append((number, key)) if len(tests) == 1 else longer.append((number, key, tests)))
        return single, longer

    def _for_word(self, word: int, token: Token) -> list[Rule]:
        """The word-only patterns whose first token `word` passes, tested once per word."""
        if word not in self._word_rules:
            self._word_rules[word] = [rule for rule in self._by_word if rule[2][0](token)]
        return self._word_rules[word]


def annotate(ruler: AttributeRuler, doc: Doc, matches: list[Match]) -> None:
    """What `AttributeRuler.set_annotations` does, written in one call: each matched
    token takes the attributes of its matches in their order, the last one winning."""
    if not matches:
        return
    written: dict[int, dict[int, int]] = {}
    for number, _, start, end in matches:
        index = ruler.indices[number]
        target = start + index if index >= 0 else end + index
        if not start <= target < end:
            AttributeRuler.set_annotations(ruler, doc, matches)  # raises the ruler's own error
            return
        written.setdefault(target, {}).update(ruler.attrs[number])
    columns = [attr for attr in WRITTEN if any(attr in attrs for attrs in written.values())]
    if any(set(attrs) - set(columns) for attrs in written.values()):
        AttributeRuler.set_annotations(ruler, doc, matches)  # an attribute this does not write
        return
    values = cast(Ints2d, doc.to_array(columns))
    position = {attr: column for column, attr in enumerate(columns)}
    for target, attrs in written.items():
        for attr, value in attrs.items():
            values[target, position[attr]] = value
    doc.from_array(columns, values)


def indexed_ruler(component: object) -> Callable[[list[Doc], int], list[Doc]] | None:
    """An annotator that does what `component` does, its matches found through the index;
    None where `component` is no attribute ruler, or has a pattern the index cannot
    reproduce."""
    if not isinstance(component, AttributeRuler):
        return None
    try:
        index = AttributeIndex(component)
    except Unsupported:
        return None
    return partial(_ruled, component, index)


def _ruled(ruler: AttributeRuler, index: AttributeIndex, docs: list[Doc], batch_size: int) -> list[Doc]:
    for doc in docs:
        annotate(ruler, doc, index(doc))
    return docs


def _as_id(strings: StringStore, value: str | int) -> int:
    return value if isinstance(value, int) else strings.add(value)


def _fixed_tag_and_word(pattern: list[dict[str, Any]]) -> tuple[str | None, str | None] | None:
    """(tag, word) of a one-token pattern that only fixes those, else None."""
    if len(pattern) != 1 or not pattern[0] or set(pattern[0]) - {"TAG", "LOWER"}:
        return None
    tag, word = pattern[0].get("TAG"), pattern[0].get("LOWER")
    if not all(value is None or isinstance(value, str) for value in (tag, word)):
        return None
    return (tag, word)


def _filed_under(first: dict[str, Any]) -> list[tuple[str, str | int] | None]:
    """Every (attribute, value) the first token may have, on the most selective attribute."""
    for attr in INDEXED:
        spec = first.get(attr)
        if isinstance(spec, bool):
            return [(attr, int(spec))]
        if isinstance(spec, str):
            return [(attr, spec)]
        if isinstance(spec, dict) and set(spec) == {"IN"}:
            return [(attr, value) for value in spec["IN"]]
    return [None]


def _compile(token_pattern: dict[str, Any]) -> Test:
    tests = [_compile_one(attr, spec) for attr, spec in token_pattern.items()]
    return lambda token: all(test(token) for test in tests)


def _compile_one(attr: str, spec: Any) -> Test:
    if attr not in TOKEN_VALUES:
        raise Unsupported(f"attribute {attr}")
    value_of = TOKEN_VALUES[attr]
    if not isinstance(spec, dict):
        return lambda token: bool(value_of(token) == spec)
    if len(spec) != 1:
        raise Unsupported(f"{attr}: {spec}")
    (operator, argument), = spec.items()
    if operator == "IN":
        allowed = frozenset(argument)
        return lambda token: value_of(token) in allowed
    if operator == "NOT_IN":
        # The ruler matches with allow_missing: an unset value reads as "", as here.
        refused = frozenset(argument)
        return lambda token: value_of(token) not in refused
    if operator == "REGEX":
        pattern = re.compile(argument)
        return lambda token: pattern.search(value_of(token)) is not None
    raise Unsupported(f"{attr}: {operator}")
