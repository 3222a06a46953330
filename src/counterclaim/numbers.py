"""Find the number expressions of an English text: `parse(text) -> list[Number]`.

A number is anything that states a quantity: digits ("1,200", "1.2 million", "10k"),
words ("three hundred and thirty one", "half a dozen"), fractions ("two thirds", "4/5"),
percentages ("67 per cent"), money ("US$ 3m", "500 million dollars"), ranges
("between 20 and 30"), and vague amounts ("dozens"), each with the qualifier
written before it ("more than 1,200"). Dates, clock times, years, identifiers
("F-16", "Resolution 2334"), IP addresses and phone numbers are not quantities and
are never returned, and neither are ordinals ("the 4th", "a third attack").

The cascade, top to bottom:

1. `_has_candidate`: a text with no digit and no number word gives [] at once (a digit
   search, then a set lookup of its words).
2. `_tokenize`: digit groups, letter runs and single symbols, with their offsets.
3. `_masked`: the tokens inside URLs, e-mail addresses, IP addresses, phone numbers,
   clock times, dates and list markers ("1. "); no number starts or runs there.
4. Left to right, `_number_at` tries at each token: a qualifier phrase ("at least"),
   then a range ("between X and Y", "X to Y", "X-Y") of two quantities, or one
   quantity (`_quantity`: money, percent, a plain amount, or a vague word).
   An amount (`_amount`) is a cardinal read by `_cardinal` (this module's own word
   grammar over digit and word atoms, so "3 hundred and 21" and "1,674.5 million"
   are one number), then a fraction, decimal ("point five") or ratio ("one over
   three") built on it.

Number words are read by the grammar here, not by `text_to_num`: text2num reads a
whole string and knows no fractions, dozens, lakh or mixed digits and words, and
offsets into the text are needed for every piece.

Values are floats; a percentage keeps its number (60% has value 60.0); money is in
the currency's main unit (50 cents is 0.5 USD); a bare "$" is USD.

>>> [(n.text, n.value, n.qualifier, n.unit) for n in parse("More than 1,200 were killed.")]
[('More than 1,200', 1200.0, 'over', 'count')]
>>> [(n.text, n.value, n.value_high, n.kind) for n in parse("between 20 and 30 per cent")]
[('between 20 and 30 per cent', 20.0, 30.0, 'percent')]
>>> [(n.text, n.value, n.unit) for n in parse("a pledge of US$ 3m on May 4")]
[('US$ 3m', 3000000.0, 'USD')]
>>> [(n.text, n.value, n.kind) for n in parse("dozens of homes, half a dozen tanks")]
[('dozens', None, 'vague'), ('half a dozen', 6.0, 'fraction')]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from counterclaim.model import Number
from counterclaim.vocabulary.number_words import (  # the grammar's words, as data
    CHANGE_VERBS,
    COUNT_NOUNS,
    CURRENCY_PREFIXES,
    CURRENCY_SUFFIXES,
    DIGIT_SCALES,
    DOZENS,
    IDENTIFIER_ANY_CASE,
    IDENTIFIER_BEFORE,
    MONTH,
    NOT_PLURALS,
    ONE_IDIOMS,
    ONE_PRONOUN_AFTER,
    ONE_PRONOUN_BEFORE,
    ORDINALS,
    PERCENT_SUFFIX,
    QUALIFIERS,
    SCALES,
    SPACED_DIGIT_SCALES,
    SUFFIX_QUALIFIERS,
    TEENS,
    TENS,
    TIME_UNITS,
    UNIT_ORDINALS,
    UNITS,
    VAGUE,
    YEAR_CUES,
)

__all__ = ["parse"]

# ---------------------------------------------------------------------------
# Compiled patterns
# ---------------------------------------------------------------------------

# Words that can make a number on their own; a text with none of them and no digit
# holds no number. A set lookup is 15 times faster here than one regex alternation.
_NUMBER_WORDS = frozenset(
    set(UNITS) | set(TEENS) | set(TENS) | set(SCALES) | {"hundred"} | set(DOZENS)
    | set(ORDINALS) | {o + "s" for o in ORDINALS if not o.endswith("s")}
    | {"several", "few", "numerous", "number", "handful", "countless", "scores", "tens",
       "hundreds", "thousands", "millions", "billions", "couple"}
)
# Tokens at which a number expression may begin (a number word, a qualifier's first
# word, a currency prefix, a sign); the scan tries no other word.
_STARTERS = _NUMBER_WORDS | {
    "a", "an", "half", "quarter", "minus", "negative", "between", "from", "per", "percent",
    "percents", "about", "approximately", "approx", "around", "roughly", "nearly", "almost",
    "some", "close", "circa", "ca", "c", "estimated", "more", "upwards", "in", "exceeding",
    "well", "just", "over", "above", "at", "no", "not", "less", "fewer", "under", "below",
    "up", "as", "us", "u", "can", "hk", "nz", "mex", "au", "r", "rs", "sfr",
}
_SYMBOL_STARTERS = "-−.$€£¥₹₴₽₪₦~₺"
_DIGIT_RE = re.compile(r"[0-9]")
_LETTERS_RE = re.compile(r"[a-z]+")

_TOKEN_RE = re.compile(
    r"[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3}(?![0-9]))+(?:\.[0-9]+)?"  # 1 234 567
    r"|[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?"  # 1,234,567.89
    r"|[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9])(?:,[0-9]+)?"  # 1.234.567,89
    r"|(?<![0-9,])[0-9]+,[0-9]{1,2}(?![0-9,])"  # 5,00 · 1,3 (decimal comma)
    r"|[0-9]+(?:\.[0-9]+)?"
    r"|[^\W\d_]+"
    r"|\S"
)

# Spans that hold no quantity.
_MASK_RE = re.compile(
    r"(?=[0-9+hwJFMASOND]|[\w.+-]+@)(?:"  # a cheap first look before the alternation
    + "|".join([
        r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+",  # URL, e-mail
        r"(?<![0-9.])[0-9]{1,3}(?:\.[0-9]{1,3}){3}(?![0-9.])",  # IP address
        r"\+[0-9]{1,3}(?:[ -][0-9]{2,4}){2,}|(?<![0-9])[0-9]+(?:-[0-9]+){2,}(?:/[0-9]+)?",
        r"(?<![0-9])[0-9]{1,2}(?:[:.][0-9]{2})?\s?(?i:[ap]\.?m\b\.?)",  # 2.15pm, 10 a.m.
        r"(?<![0-9])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9])",  # 10:47
        r"(?<![0-9])[0-2][0-9][0-5][0-9]\s?(?:GMT|UTC|hrs\b|hours\b)",  # 0600 GMT
        r"(?<![0-9])[0-9]{1,4}([/.-])[0-9]{1,2}\1[0-9]{2,4}(?![0-9])",  # 20/11/2023
        r"\b" + MONTH + r"\s+[0-9]{1,2}(?:st|nd|rd|th)?(?:\s?[-–]\s?[0-9]{1,2}(?:st|nd|rd|th)?)?"
        r"(?:,?\s+[0-9]{4})?(?![0-9])",  # October 7, January 25-26, July 9, 2024
        r"(?<![0-9])[0-9]{1,2}(?:st|nd|rd|th)?(?:\s?[-–]\s?[0-9]{1,2}(?:st|nd|rd|th)?)?"
        r"\s+(?:of\s+)?" + MONTH + r"(?:,?\s+[0-9]{4})?(?![0-9])",  # 7 October (2023)
        r"\b" + MONTH + r",?\s+(?:of\s+)?(?:1[89]|20)[0-9]{2}(?![0-9])",  # October 2023
        r"(?<![0-9])(?:1[89]|20)[0-9]{2}\s?[-–/]\s?(?:(?:1[89]|20)[0-9]{2}|[0-9]{2})(?![0-9])",
    ])
    + ")"
)

_LIST_MARKER_RE = re.compile(r"^[ \t]*([0-9]{1,2})[.)](?=[ \t])", re.M)  # "1. Ceasefire talks"
_QUALIFIER_RE = re.compile(
    r"(?i:" + "|".join(f"(?P<{name}>(?:{pat}))" for name, pat in QUALIFIERS)
    + r")(?:(?<=~)|(?<=\.)\s*|\s+)"
)
_SUFFIX_QUALIFIER_RE = re.compile(
    "(?i:" + "|".join(f"(?P<{name}>{pat})" for name, pat in SUFFIX_QUALIFIERS) + ")"
)
_CURRENCY_PREFIX_RE = re.compile(
    "|".join(f"(?P<c{k}>{pat})" for k, (_, pat) in enumerate(CURRENCY_PREFIXES))
    + r"(?:\s?(?=[0-9.]|[a-zA-Z]))"
)
_CURRENCY_SUFFIX_RE = re.compile(
    r"(?:\s*-\s*|\s*)(?:"
    + "|".join(f"(?P<c{k}>{pat})" for k, (_, _, pat) in enumerate(CURRENCY_SUFFIXES))
    + r")(?![^\W\d_])",
    re.I,
)
_PERCENT_RE = re.compile(r"(?i:" + PERCENT_SUFFIX + r")(?![^\W\d_])")
_PERCENT_OF_RE = re.compile(r"(?i:percents?|per\s?cent)\s+of\s+")
_VAGUE_RE = re.compile(r"(?i:" + VAGUE + r")\b")
_BLANK_LINE_RE = re.compile(r"\n\s*\n")


# ---------------------------------------------------------------------------
# Intermediate values (immutable, local to one call)
# ---------------------------------------------------------------------------


class _Tok(NamedTuple):
    start: int
    end: int
    kind: str  # "n" digits, "w" letters, "s" any other single character
    text: str
    low: str


class _Ctx(NamedTuple):
    text: str
    toks: list[_Tok]
    masked: frozenset[int]


class _Atom(NamedTuple):
    """One piece of a cardinal: digits, a number word, or "and"; `total` is the value so far."""

    kind: str  # digits, unit, teen, tens, hundred, scale, dozen, and
    value: float
    tok: int  # index of its last token
    total: float


class _Amount(NamedTuple):
    value: float
    end: int  # index of the token after the amount
    kind: str  # cardinal or fraction
    scale: float  # the scale word that multiplied it (1 if none): ranges share it
    digits: str  # the digit string of a lone integer token ("2014"), else ""


class _Quantity(NamedTuple):
    value: float | None
    end: int
    kind: str  # a Number kind
    unit: str
    scale: float
    qualifier: str  # "" unless the quantity itself implies one ("a couple": approx)
    high: float | None = None


# ---------------------------------------------------------------------------
# 1-3: pre-check, tokens, masks
# ---------------------------------------------------------------------------


def _has_candidate(text: str) -> bool:
    """Whether the text holds a digit or a number word: most sentences stop here."""
    return _DIGIT_RE.search(text) is not None or not _NUMBER_WORDS.isdisjoint(
        _LETTERS_RE.findall(text.lower())
    )


def _tokenize(text: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN_RE.finditer(text):
        s = m.group()
        c = s[0]
        kind = "n" if "0" <= c <= "9" else ("w" if c.isalpha() else "s")
        toks.append(_Tok(m.start(), m.end(), kind, s, s.lower()))
    return toks


def _masked(text: str, toks: list[_Tok]) -> frozenset[int]:
    """Indices of the tokens inside dates, times, URLs, IP addresses and phone numbers."""
    if _DIGIT_RE.search(text) is None:
        return frozenset()  # every mask holds a digit
    spans = [m.span() for m in _MASK_RE.finditer(text)]
    spans += [m.span(1) for m in _LIST_MARKER_RE.finditer(text)]
    spans.sort()
    if not spans:
        return frozenset()
    out = set()
    k = 0
    for i, t in enumerate(toks):
        while k < len(spans) and spans[k][1] <= t.start:
            k += 1
        if k < len(spans) and spans[k][0] <= t.start < spans[k][1]:
            out.add(i)
    return frozenset(out)


# ---------------------------------------------------------------------------
# Token helpers
# ---------------------------------------------------------------------------


def _glued(ctx: _Ctx, i: int) -> bool:
    """Whether token i touches token i+1 (no space between)."""
    toks = ctx.toks
    return i + 1 < len(toks) and toks[i].end == toks[i + 1].start


def _joinable(ctx: _Ctx, i: int) -> bool:
    """Whether words i and i+1 may belong to one number: blank space, no blank line."""
    toks = ctx.toks
    if i + 1 >= len(toks) or (i + 1) in ctx.masked:
        return False
    gap = ctx.text[toks[i].end:toks[i + 1].start]
    return gap.isspace() and (gap.count("\n") < 2 or not _BLANK_LINE_RE.search(gap))


def _hyphen_after(ctx: _Ctx, i: int) -> int:
    """The index after a hyphen that follows token i ("twenty-three", "fifty - two"), or -1."""
    toks = ctx.toks
    j = i + 1
    if j + 1 < len(toks) and toks[j].text in "-‐–" and toks[j].kind == "s":
        gap1 = ctx.text[toks[i].end:toks[j].start]
        gap2 = ctx.text[toks[j].end:toks[j + 1].start]
        if (gap1 == "" or gap1.isspace()) and (gap2 == "" or gap2.isspace()):
            return j + 1
    return -1


def _next_word(ctx: _Ctx, i: int, hyphen: bool = True) -> int:
    """Index of the word after token i, across a space or a hyphen; -1 if none."""
    nxt = i + 1
    if nxt < len(ctx.toks) and ctx.toks[nxt].kind == "w" and (_joinable(ctx, i) or _glued(ctx, i)):
        return nxt
    if hyphen:
        return _hyphen_after(ctx, i)
    return -1


def _word(ctx: _Ctx, i: int) -> str:
    return ctx.toks[i].low if 0 <= i < len(ctx.toks) and ctx.toks[i].kind == "w" else ""


def _ends_clause(ctx: _Ctx, i: int) -> bool:
    """Whether token i is the end of the text or not a word (punctuation)."""
    return i >= len(ctx.toks) or ctx.toks[i].kind == "s"


def _is_plural_noun(word: str) -> bool:
    return word in COUNT_NOUNS or (
        len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word not in NOT_PLURALS
    )


def _tok_at(ctx: _Ctx, pos: int, start: int) -> int:
    """The index of the first token at or after character `pos`, searching from `start`."""
    toks = ctx.toks
    j = start
    while j < len(toks) and toks[j].start < pos:
        j += 1
    return j


# ---------------------------------------------------------------------------
# Digits
# ---------------------------------------------------------------------------


def _digits_value(s: str) -> float:
    """The value of one digit token: "1,234.5", "1.234.567", "5,00", "40 000"."""
    s = s.replace(" ", "").replace("\u00a0", "").replace("\u2009", "").replace("\u202f", "")
    if "," in s and "." in s:  # 1,234.5 or 1.234,5: the last separator is the decimal point
        if s.index(",") < s.index("."):
            s = s.replace(",", "")
        else:
            s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        head, _, tail = s.partition(",")
        s = head + "." + tail if len(tail) <= 2 and "," not in tail else s.replace(",", "")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    return float(s)


def _times(a: float, b: float) -> float:
    """a * b without binary noise: 16.4 million is 16400000.0, not 16399999.999999998."""
    return float(f"{a * b:.15g}")


def _signed_int(ctx: _Ctx, j: int) -> tuple[int, int] | None:
    """An exponent after "e" or "^": signs then digits, all glued ("+14", "--23")."""
    toks = ctx.toks
    sign = 1
    while j < len(toks) and toks[j].text in "+-" and _glued(ctx, j):
        sign = -sign if toks[j].text == "-" else sign
        j += 1
    if j < len(toks) and toks[j].kind == "n" and toks[j].text.isdecimal() and len(toks[j].text) <= 2:
        return sign * int(toks[j].text), j + 1  # at most 10^±99: no overflow
    return None


def _digit_atom(ctx: _Ctx, i: int) -> tuple[float, int, str] | None:
    """A digit token with what is glued to it: "1e10", "1.1^23", "3/4", "1 4/5", ".08".

    Returns (value, index after, kind) or None when the digits are not a quantity
    (glued to letters: "M113", "F-16", "29km", "4th", "1980s"; "9/11").
    """
    toks = ctx.toks
    t = toks[i]
    prev = toks[i - 1] if i else None
    # Glued on the left to letters, "#" or "letters-": an identifier.
    if prev is not None and prev.end == t.start:
        if prev.kind == "w" or prev.text in "#№":
            return None
        before = toks[i - 2] if i >= 2 and toks[i - 2].end == prev.start else None
        if before is not None and prev.text in "-‐" and before.kind == "w":
            return None  # F-16, Su-25, COVID-19
        if before is not None and prev.text in "/_." and before.kind == "n":
            return None  # the second half of "9/11", "24/7", "1.2.3"
    value = _digits_value(t.text)
    j = i + 1
    kind = "cardinal"
    if j < len(toks) and _glued(ctx, i):
        nxt = toks[j]
        if nxt.text in ("e", "E") and _glued(ctx, j):  # 1e10, 12.32e+14
            exp = _signed_int(ctx, j + 1)
            if exp is not None:
                return _times(value, 10.0 ** exp[0]), exp[1], kind
        if nxt.text == "^" and _glued(ctx, j):  # 1.1^23
            exp = _signed_int(ctx, j + 1)
            if exp is not None and value > 0 and abs(exp[0] * math.log10(value)) < 300:
                return value ** exp[0], exp[1], kind
        if nxt.text == "/" and _glued(ctx, j) and j + 1 < len(toks) and toks[j + 1].kind == "n":
            den = _digits_value(toks[j + 1].text)
            if not (0 < value < den) or _glued(ctx, j + 1) and toks[j + 2].kind != "s":
                return None  # 9/11, 24/7: no fraction
            return value / den, j + 2, "fraction"
    # "1 4/5": a whole number then a fraction.
    if (
        _joinable(ctx, i) and t.text.isdecimal() and j + 2 < len(toks)
        and toks[j].kind == "n" and toks[j + 1].text == "/" and _glued(ctx, j)
        and _glued(ctx, j + 1) and toks[j + 2].kind == "n"
    ):
        num, den = _digits_value(toks[j].text), _digits_value(toks[j + 2].text)
        if 0 < num < den:
            return value + num / den, j + 3, "fraction"
    return value, j, kind


def _digit_scale(ctx: _Ctx, i: int, money: bool) -> tuple[float, int] | None:
    """An abbreviated scale after the digits that end at token i: "10k", "2 bn", "3m"."""
    toks = ctx.toks
    j = i + 1
    if j >= len(toks) or j in ctx.masked or toks[j].kind != "w":
        return None
    s = toks[j].text
    glued = toks[i].end == toks[j].start
    if not glued and not _joinable(ctx, i):
        return None
    # "47 M23 rebels": a letter glued to digits is a name, not a scale.
    if toks[j].end < len(ctx.text) and ctx.text[toks[j].end].isalnum():
        return None
    if s.lower() in SCALES:
        return SCALES[s.lower()], j + 1
    if s in DIGIT_SCALES and (glued or s in SPACED_DIGIT_SCALES):
        return DIGIT_SCALES[s], j + 1
    low = s.lower()
    if low in ("bn", "mn", "mln", "bln", "tn", "tln", "trn", "mil") and (glued or low != "mil"):
        return DIGIT_SCALES[low], j + 1
    if s == "m" and glued and (money or _is_plural_noun(_word(ctx, _next_word(ctx, j, False)))):
        return 1e6, j + 1
    return None


def _glued_word_after(ctx: _Ctx, end: int) -> bool:
    """Whether letters touch the number ending before token `end` ("29km", "4th", "3D").

    A currency or percent sign written there ("100元") is allowed.
    """
    toks = ctx.toks
    if end >= len(toks) or toks[end - 1].end != toks[end].start or toks[end].kind != "w":
        return False
    return _CURRENCY_SUFFIX_RE.match(ctx.text, toks[end].start) is None


# ---------------------------------------------------------------------------
# Cardinals: the word grammar
# ---------------------------------------------------------------------------


def _word_kind(low: str) -> tuple[str, float] | None:
    if low in UNITS:
        return "unit", UNITS[low]
    if low in TEENS:
        return "teen", TEENS[low]
    if low in TENS:
        return "tens", TENS[low]
    if low == "hundred":
        return "hundred", 100
    if low in SCALES:
        return "scale", SCALES[low]
    if low in DOZENS:
        return "dozen", 12
    return None


def _one_is_pronoun(ctx: _Ctx, i: int) -> bool:
    """ "The one who", "which one", "no one", "one another", "one-off": not a count."""
    before = _word(ctx, i - 1)
    if before in ONE_PRONOUN_BEFORE:
        return True
    if before in ("only", "last", "same", "other", "first", "right", "wrong", "new", "old") and (
        _word(ctx, i - 2) in ("the", "this", "that")
    ):
        return True
    after = _word(ctx, i + 1) if _joinable(ctx, i) else ""
    if after in ONE_PRONOUN_AFTER or before == "at" and after in ("point", "stage"):
        return True
    h = _hyphen_after(ctx, i)
    return h > 0 and _word(ctx, h) in ONE_IDIOMS


@dataclass(slots=True)
class _Reading:
    """A cardinal being read, atom by atom (`_cardinal`)."""

    atoms: list[_Atom] = field(default_factory=list)
    total: float = 0.0  # the finished scale groups
    group: float = 0.0  # the group being read
    small: float = 0.0  # the part of the group after "hundred"
    last_scale: float = math.inf
    prev: str = ""  # kind of the previous atom


_FAIL = -1  # no cardinal starts here
_DONE = -2  # the cardinal is complete: nothing joins it


def _cardinal(ctx: _Ctx, i: int, money: bool = False) -> list[_Atom]:
    """The longest cardinal starting at token i, as atoms ([] if none).

    Grammar: digits or number words, combined the English way: "twenty-one", "three
    hundred and two", "4 thousand 3 hundred and 21", "1.2 million", "three lakh crore",
    "three dozens". "and" joins only where English puts it (after a hundred or a scale,
    and "twenty and three").

    1. the first atom: digits (with a scale written on them), "a" before a hundred, a
       scale or a dozen, or a unit, teen or tens word (`_first_atom`);
    2. then each next word across a space, a hyphen or "and" while the grammar lets it
       join (`_next_atom`).
    """
    reading = _Reading()
    j = _first_atom(ctx, i, money, reading)
    if j == _FAIL:
        return []
    while j >= 0 and j < len(ctx.toks) and j not in ctx.masked:
        j = _next_atom(ctx, reading)
    return reading.atoms


def _first_atom(ctx: _Ctx, j: int, money: bool, reading: _Reading) -> int:
    """Step 1 of `_cardinal`: read the first atom at token j into `reading`; the index to
    go on from, `_FAIL` where no cardinal starts, `_DONE` where nothing may join it."""
    toks = ctx.toks
    if j >= len(toks) or j in ctx.masked:
        return _FAIL
    t = toks[j]
    if t.kind == "n":
        return _first_digits(ctx, j, money, reading)
    low = t.low
    if low == "a":  # "a hundred", "a dozen", "a million"
        n = _next_word(ctx, j, False)
        nk = _word_kind(_word(ctx, n))
        if nk is None or nk[0] not in ("hundred", "scale", "dozen"):
            return _FAIL
        reading.group = reading.small = 1.0
        reading.atoms.append(_Atom("unit", 1, j, 1))
        reading.prev = "unit"
        return n
    wk = _word_kind(low)
    if wk is None or wk[0] not in ("unit", "teen", "tens"):
        return _FAIL
    if low == "one" and _one_is_pronoun(ctx, j) or _word(ctx, j - 1) == "point":
        return _FAIL  # "the one who", "back to point zero"
    reading.group = reading.small = wk[1]
    reading.atoms.append(_Atom(wk[0], wk[1], j, reading.group))
    reading.prev = wk[0]
    return j + 1


def _first_digits(ctx: _Ctx, j: int, money: bool, reading: _Reading) -> int:
    """Digits as the first atom, with the scale written on them ("1.2m", "5 bn")."""
    d = _digit_atom(ctx, j)
    if d is None:
        return _FAIL
    value, nj, dkind = d
    reading.atoms.append(_Atom("digits", value, nj - 1, value))
    if dkind == "fraction" or nj != j + 1:
        return _DONE  # "3/4", "1e10": nothing joins them
    reading.group, reading.small, reading.prev = value, value, "digits"
    sc = _digit_scale(ctx, nj - 1, money)
    if sc is None:
        return nj
    reading.total, reading.group, reading.last_scale = _times(value, sc[0]), 0.0, sc[0]
    reading.atoms.append(_Atom("scale", sc[0], sc[1] - 1, reading.total))
    reading.prev = "scale"
    return sc[1]


def _next_atom(ctx: _Ctx, reading: _Reading) -> int:
    """Step 2 of `_cardinal`: join the next word to `reading` where the grammar lets it;
    the index of that word, or `_DONE`."""
    joint = _joint_after(ctx, reading.atoms[-1].tok)
    if joint is None:
        return _DONE
    n, hyphen, with_and = joint
    found = _joining_kind(ctx, n, hyphen, reading)
    if found is None:
        return _DONE
    kind, value = found
    if not _may_join(reading.prev, kind, hyphen=hyphen, with_and=with_and):
        return _DONE
    if not _combine(reading, kind, value):
        return _DONE
    if with_and:
        reading.atoms.append(_Atom("and", 0, n - 1, reading.total + reading.group - value))
    reading.atoms.append(_Atom(kind, value, n, reading.total + reading.group))
    reading.prev = kind
    return _DONE if kind == "dozen" else n


def _joint_after(ctx: _Ctx, last: int) -> tuple[int, bool, bool] | None:
    """The next token after token `last` across a space, a hyphen or "and": (its index,
    over a hyphen, over "and"); None where nothing follows that may join."""
    toks = ctx.toks
    n = _hyphen_after(ctx, last)
    if n < 0 and _joinable(ctx, last):
        n = last + 1
    if n < 0 or n in ctx.masked:
        return None
    hyphen = toks[n - 1].kind == "s"
    if toks[n].low == "and" and not hyphen:
        m = n + 1 if _joinable(ctx, n) else -1
        if m < 0 or m in ctx.masked:
            return None
        return m, hyphen, True
    return n, hyphen, False


def _joining_kind(ctx: _Ctx, n: int, hyphen: bool, reading: _Reading) -> tuple[str, float] | None:
    """The kind and value of token n as a later atom: a number word, or digits after a
    hundred or a scale ("3 hundred and 21", "4 thousand 3 hundred")."""
    tn = ctx.toks[n]
    if tn.kind != "n":
        return _word_kind(tn.low)
    if hyphen or reading.prev not in ("hundred", "scale") or not tn.text.isdecimal():
        return None
    d = _digit_atom(ctx, n)
    limit = 100 if reading.prev == "hundred" else min(reading.last_scale, 1000)
    if d is None or d[1] != n + 1 or d[0] >= limit:
        return None
    return "digits", d[0]


def _may_join(prev: str, kind: str, *, hyphen: bool, with_and: bool) -> bool:
    """Whether an atom of `kind` may follow one of `prev` over a hyphen or "and": only
    "twenty-three" joins over a hyphen; "and" only after a hundred or a scale, and in
    "twenty and three"."""
    if hyphen and not (prev == "tens" and kind == "unit"):
        return False
    return not with_and or (
        prev in ("hundred", "scale") and kind in ("unit", "teen", "tens", "digits")
        or prev == "tens" and kind == "unit"
    )


def _combine(reading: _Reading, kind: str, value: float) -> bool:
    """Add an atom of `kind` and `value` to the running value of `reading`; False where
    English does not combine it with the atom before."""
    r = reading
    prev = r.prev
    if kind == "unit" and prev == "tens" and value > 0:
        r.group += value
        r.small += value
    elif kind in ("unit", "teen", "tens", "digits") and prev in ("hundred", "scale"):
        if kind == "unit" and value == 0:
            return False
        r.group += value
        r.small = value
    elif kind == "hundred" and (prev in ("unit", "teen", "tens") and 0 < r.group < 100 or prev == "digits"):
        r.group *= 100  # "twenty-one hundred", "322 hundred"
        r.small = 0
    elif kind == "scale" and prev != "scale" and (r.total + r.group) > 0 and value < r.last_scale:
        r.total += _times(r.group, value)
        r.group = r.small = 0
        r.last_scale = value
    elif kind == "scale" and prev == "scale" and value > r.atoms[-1].value:
        r.total *= value  # "lakh crore"
        r.last_scale = value * r.atoms[-1].value
    elif kind == "dozen" and prev in ("unit", "teen", "tens", "digits") and r.small > 0:
        r.group += r.small * 11
        r.small = 0
    else:
        return False
    return True


# ---------------------------------------------------------------------------
# Amounts: a cardinal and what is built on it
# ---------------------------------------------------------------------------


def _ordinal_at(ctx: _Ctx, j: int) -> tuple[float, bool, int, bool] | None:
    """A fraction denominator at token j: (value, plural, index after, is a unit ordinal).

    Reads "fifths", "half", "twenty-first", "twenty firsts" (21), "hundredth".
    """
    low = _word(ctx, j)
    if not low:
        return None
    if low in TENS:
        n = _next_word(ctx, j)
        ow = _word(ctx, n)
        sing = ow[:-1] if ow.endswith("s") else ow
        if n > 0 and sing in UNIT_ORDINALS:
            return TENS[low] + UNIT_ORDINALS[sing], ow != sing, n + 1, False
        return None
    if low in ORDINALS:
        return ORDINALS[low], low in ("halves", "quarters"), j + 1, low in UNIT_ORDINALS
    if low.endswith("s") and low[:-1] in ORDINALS:
        return ORDINALS[low[:-1]], True, j + 1, low[:-1] in UNIT_ORDINALS
    return None


def _fraction_context_ok(ctx: _Ctx, den_low: str, end: int) -> bool:
    """ "a third" / "one fifth" is a fraction only before "of", a scale, or the clause end.

    Else it is an ordinal: "a third attack", "one fifth consecutive day".
    """
    if den_low in ("half", "quarter"):
        return True
    if _ends_clause(ctx, end):
        return True
    nxt = _word(ctx, end)
    return nxt in ("of", "and", "or") or nxt in SCALES


def _scale_after(ctx: _Ctx, end: int) -> tuple[float, int]:
    """A scale that multiplies a fraction: "half a million", "two thirds of a million"."""
    j = end
    if _word(ctx, j) == "of" and _joinable(ctx, j - 1):
        j += 1
    if _word(ctx, j) == "a" and _joinable(ctx, j - 1):
        j += 1
    if j < len(ctx.toks) and _joinable(ctx, j - 1):
        w = _word(ctx, j)
        if w in SCALES:
            return SCALES[w], j + 1
        if w == "dozen":
            return 12, j + 1
    return 1, end  # "two thirds of the city": no scale


def _simple_fraction(ctx: _Ctx, i: int) -> tuple[float, int, float] | None:
    """A fraction with a word numerator: "two thirds", "a half", "one twenty-fifth".

    Returns (value, index after, numerator) without a following scale.
    """
    toks = ctx.toks
    if i >= len(toks) or i in ctx.masked or toks[i].kind != "w":
        return None
    if toks[i].low == "a" or toks[i].low == "one" and not _one_is_pronoun(ctx, i):
        atoms: list[_Atom] = [_Atom("unit", 1, i, 1)]
    else:
        atoms = _cardinal(ctx, i)
        if not atoms or atoms[0].kind == "digits" or atoms[-1].kind == "dozen":
            return None
        if toks[i].low == "a" and len(atoms) == 1:
            return None
    return _fraction_of(ctx, atoms)


def _fraction_of(ctx: _Ctx, atoms: list[_Atom]) -> tuple[float, int, float] | None:
    """The fraction made by `atoms` as numerator and the ordinal after them, if any."""
    last = atoms[-1].tok
    n = _next_word(ctx, last)
    if n < 0:
        return None
    numer = atoms[-1].total
    den = _ordinal_at(ctx, n)
    if den is None:
        # "one one hundred fifth": the denominator has its own cardinal ("one hundred").
        if len(atoms) != 1 or ctx.toks[n].kind != "w":
            return None
        pre = _cardinal(ctx, n)
        if not pre or pre[-1].kind not in ("hundred", "scale", "tens"):
            return None
        m = _next_word(ctx, pre[-1].tok)
        if _word(ctx, m) == "and":
            m = m + 1 if _joinable(ctx, m) else -1
        if pre[-1].kind == "tens":
            den2 = _ordinal_at(ctx, pre[-1].tok)
            if den2 is None:
                return None
            value, plural, end, _ = den2
            value += pre[-1].total - pre[-1].value
        else:
            den3 = _ordinal_at(ctx, m) if m > 0 else None
            if den3 is None or den3[0] >= pre[-1].value:
                return None
            value, plural, end, _ = den3
            value += pre[-1].total
        if plural != (numer != 1):
            return None
        return numer / value, end, numer
    value, plural, end, unit_ord = den
    den_low = _word(ctx, n)
    if len(atoms) >= 2 and unit_ord and atoms[-2].kind != "and":
        if atoms[-1].kind == "tens":  # "one hundred thirty fifths" is 100/35
            numer = atoms[-2].total
            value += atoms[-1].value
        elif atoms[-1].kind == "scale" and [a.kind for a in atoms[-3:-1]] == ["hundred", "unit"]:
            numer = atoms[-3].total  # "one hundred one thousand fifths" is 100/1005
            value += atoms[-2].value * atoms[-1].value
    if plural != (numer != 1) or value <= 0:
        return None
    if numer == 1 and not plural and not _fraction_context_ok(ctx, den_low, end):
        return None
    return numer / value, end, numer


def _point_decimals(ctx: _Ctx, j: int) -> tuple[str, int]:
    """The digits read after "point": "zero three" is "03", "seventy-one" is "71"."""
    digits = ""
    while j < len(ctx.toks) and j not in ctx.masked:
        low = _word(ctx, j)
        if low in UNITS:
            digits += str(UNITS[low])
        elif low in TEENS:
            digits += str(TEENS[low])
        elif low in TENS:
            v = TENS[low]
            n = _next_word(ctx, j)
            if _word(ctx, n) in UNITS and UNITS[_word(ctx, n)] > 0:
                v += UNITS[_word(ctx, n)]
                j = n
            digits += str(v)
        else:
            break
        n = _next_word(ctx, j, hyphen=False)
        if n < 0:
            return digits, j + 1
        j = n
    return digits, j


def _sign(ctx: _Ctx, i: int) -> tuple[float, int]:
    """A sign before a number: "-9.2", "minus five", "- 1 4/5" at the start of the text.

    Returns (sign, index of the number). A hyphen glued to a word is no sign ("SCP-173").
    """
    toks = ctx.toks
    t = toks[i]
    if t.low in ("minus", "negative") and _joinable(ctx, i):
        return -1.0, i + 1
    if t.kind == "s" and t.text in "-−" and i + 1 < len(toks) and toks[i + 1].kind == "n":
        free = i == 0 or toks[i - 1].end != t.start or toks[i - 1].text in "(["
        if free and (_glued(ctx, i) or i == 0 and _joinable(ctx, i)):
            return -1.0, i + 1
    return 1.0, i


def _leading_point(ctx: _Ctx, i: int) -> _Amount | None:
    """ ".08": a decimal written without its zero."""
    toks = ctx.toks
    if i + 1 >= len(toks) or not _glued(ctx, i) or not toks[i + 1].text.isdecimal():
        return None
    if i > 0 and toks[i - 1].end == toks[i].start:
        return None  # "192." is the end of a number, not the start of one
    if _glued_word_after(ctx, i + 2):
        return None  # "the .25ml liquid"
    return _Amount(float("0." + toks[i + 1].text), i + 2, "cardinal", 1, "")


def _bare_fraction(ctx: _Ctx, j: int) -> tuple[float, int, float] | None:
    """ "half" without a numerator ("more than half"), "quarter million", "quarter of".

    Returns (value, index after, scale). Not "the first half", "the Christian quarter".
    """
    low = _word(ctx, j)
    if low not in ("half", "quarter") or _word(ctx, j - 1) in (
        "the", "first", "second", "third", "fourth", "last",
    ):
        return None
    scale, end = _scale_after(ctx, j + 1)
    if low == "quarter" and scale == 1 and _word(ctx, j + 1) != "of":
        return None
    return scale / ORDINALS[low], end, scale


def _amount(ctx: _Ctx, i: int, money: bool = False, ratios: bool = True) -> _Amount | None:
    """The amount starting at token i: sign, cardinal, then fraction/decimal/ratio.

    `money` lets "3m" mean three million; `ratios` allows "2000 over 3".
    """
    toks = ctx.toks
    if toks[i].text == ".":
        return _leading_point(ctx, i)
    sign, j = _sign(ctx, i)
    if j >= len(toks) or j in ctx.masked:
        return None
    atoms = _cardinal(ctx, j, money)
    scale = 1.0
    if not atoms:
        frac = _simple_fraction(ctx, j) if toks[j].kind == "w" else None
        if frac is not None:  # "a third", "two thirds of a million"
            scale, end = _scale_after(ctx, frac[1])
            value, kind = _times(frac[0], scale), "fraction"
        else:
            bare = _bare_fraction(ctx, j)
            if bare is None:
                return None
            value, end, scale = bare
            kind = "fraction"
    elif atoms[0].kind == "digits" and len(atoms) == 1 and atoms[0].tok > j:
        # digits with something glued: "3/4", "1 4/5", "1e10"
        value, end = atoms[0].value, atoms[0].tok + 1
        kind = "fraction" if "/" in ctx.text[toks[j].start:toks[end - 1].end] else "cardinal"
    else:
        scales = [a.value for a in atoms if a.kind == "scale"]
        scale = scales[-1] if scales else 1.0
        value, end, kind = _after_cardinal(ctx, atoms, atoms[-1].total, atoms[-1].tok + 1, ratios)
    lone_digits = bool(atoms) and atoms[0].kind == "digits" and end == atoms[0].tok + 1
    if lone_digits and _glued_word_after(ctx, end):
        return None  # "29km", "4th", "1980s", "1m isn't"
    h = _hyphen_after(ctx, end - 1)
    if h > 0 and _word(ctx, h) == "fold":
        return None  # "three-fold": a multiplier
    plain = toks[j].text if lone_digits and end == j + 1 and sign > 0 else ""
    return _Amount(sign * value, end, kind, scale, plain if plain.isdecimal() else "")


def _after_cardinal(
    ctx: _Ctx, atoms: list[_Atom], value: float, end: int, ratios: bool
) -> tuple[float, int, str]:
    """What follows a cardinal: a fraction, "and a half", "point five", "over three"."""
    words = atoms[0].kind != "digits"
    # "one hundred and three quarters": the unit after "and" is a numerator.
    if words and len(atoms) >= 3 and atoms[-2].kind == "and" and atoms[-1].kind == "unit":
        frac = _fraction_of(ctx, [_Atom("unit", atoms[-1].value, atoms[-1].tok, atoms[-1].value)])
        if frac is not None:
            return _mixed(ctx, atoms[:-2], frac)
    if words:
        frac = _fraction_of(ctx, atoms)
        if frac is not None:
            fvalue, fend, _ = frac
            sc, fend = _scale_after(ctx, fend)
            return _times(fvalue, sc), fend, "fraction"
    # "and a half", "and two thirds", "and a half million"
    n = _next_word(ctx, end - 1, hyphen=False) if end - 1 >= 0 else -1
    if _word(ctx, n) == "and" and _joinable(ctx, n):
        frac = _simple_fraction(ctx, n + 1)
        if frac is not None and frac[2] < 10:
            return _mixed(ctx, atoms, frac)
    # "two hundred point zero three"
    if words and _word(ctx, n) == "point" and _joinable(ctx, n):
        digits, dend = _point_decimals(ctx, n + 1)
        if digits:
            return value + float("0." + digits), dend, "cardinal"
    # "one over three", "2000 over 3" (not "200 over 3 days"), "one out of three"
    if ratios:
        ratio = _one_in(ctx, value, n, words) or _over(ctx, value, n, words)
        if ratio is not None:
            return ratio
    return value, end, "cardinal"


def _one_in(ctx: _Ctx, value: float, n: int, words: bool) -> tuple[float, int, str] | None:
    """ "one in three children", "1 in 4": a ratio after the cardinal, written in the
    cardinal's own way (words with words, digits with digits); n is the word after it."""
    if not (value == 1 and _word(ctx, n) == "in" and _joinable(ctx, n)):
        return None
    den = _cardinal(ctx, n + 1) if n + 1 < len(ctx.toks) else []
    if den and den[-1].kind not in ("and", "scale") and den[-1].total > 1 and (
        den[0].kind == "digits") == (not words):
        return 1 / den[-1].total, den[-1].tok + 1, "fraction"
    return None


def _over(ctx: _Ctx, value: float, n: int, words: bool) -> tuple[float, int, str] | None:
    """ "one over three", "2000 over 3" (not "200 over 3 days": over a digit denominator
    only at the end of a clause), "one out of three" (words only); n is the word after it."""
    if not (_word(ctx, n) in ("over", "out") and _joinable(ctx, n)):
        return None
    k = n + 1
    if _word(ctx, n) == "out":
        if _word(ctx, k) != "of" or not _joinable(ctx, k) or not words:
            return None
        k += 1
    if k >= len(ctx.toks) or k in ctx.masked:
        return None
    den = _cardinal(ctx, k)
    if not (den and den[-1].kind != "and" and den[-1].total > 0):
        return None
    dend = den[-1].tok + 1
    word_den = den[0].kind != "digits"
    if _word(ctx, n) == "out" and word_den or _ends_clause(ctx, dend):
        return value / den[-1].total, dend, "fraction"
    return None


def _mixed(ctx: _Ctx, whole: list[_Atom], frac: tuple[float, int, float]) -> tuple[float, int, str]:
    """A whole number and a fraction: "one and a half", "3 million and a half"."""
    fvalue, fend, _ = frac
    sc, fend = _scale_after(ctx, fend)
    if whole[-1].kind != "scale" and sc != 1:  # "one and a half million"
        return _times(whole[-1].total + fvalue, sc), fend, "fraction"
    if sc == 1 and whole[-1].kind == "scale":
        sc = whole[-1].value  # "five billion and three quarters" is 5.75 billion
    return whole[-1].total + _times(fvalue, sc), fend, "fraction"


# ---------------------------------------------------------------------------
# Quantities: money, percent, plain amounts, vague words
# ---------------------------------------------------------------------------


def _currency_suffix(ctx: _Ctx, end: int) -> tuple[str, float, int] | None:
    """A currency word after the amount that ends before token `end`: "million dollars"."""
    toks = ctx.toks
    if end >= len(toks):
        return None
    m = _CURRENCY_SUFFIX_RE.match(ctx.text, toks[end - 1].end)
    if m is None or m.lastgroup is None:
        return None
    code, factor, _ = CURRENCY_SUFFIXES[int(m.lastgroup[1:])]
    word = m.group(m.lastgroup).lower()
    if word.startswith("pound") and "-" in m.group() and not word.endswith("s"):
        return None  # "a 2,000-pound bomb"
    if m.group().strip() != m.group() and "\n\n" in m.group():
        return None
    if m.group(m.lastgroup).isupper() and len(word) == 3 and m.group()[:1] == "-":
        return None
    return code, factor, _tok_at(ctx, m.end(), end)


def _cents(ctx: _Ctx, amount: _Amount, end: int) -> tuple[float, int]:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents", "c $ 100 and fifty"."""
    if amount.scale != 1 or amount.value != int(amount.value):
        return 0.0, end
    j = end
    if _word(ctx, j) == "and" and _joinable(ctx, j - 1) and _joinable(ctx, j):
        j += 1
    elif j >= len(ctx.toks) or not _joinable(ctx, j - 1):
        return 0.0, end
    if j >= len(ctx.toks) or j in ctx.masked:
        return 0.0, end
    atoms = _cardinal(ctx, j)
    if not atoms or atoms[-1].kind == "and" or not 0 < atoms[-1].total < 100:
        return 0.0, end
    k = atoms[-1].tok + 1
    after = _word(ctx, k) if k < len(ctx.toks) and _joinable(ctx, k - 1) else ""
    if after in ("cents", "cent"):
        return atoms[-1].total / 100, k + 1
    alone = _ends_clause(ctx, k) or after in ("and", "or") or not _joinable(ctx, k - 1)
    if alone and _currency_suffix(ctx, k) is None:
        return atoms[-1].total / 100, k  # "thirteen dollars forty five"
    return 0.0, end


def _is_year(ctx: _Ctx, i: int, amount: _Amount) -> bool:
    """ "in 2014", "the 2014 war", "2024" alone: a four-digit number that is a year."""
    if len(amount.digits) != 4 or not 1800 <= amount.value <= 2099:
        return False
    before = _word(ctx, i - 1)
    after = _word(ctx, amount.end) if _joinable(ctx, amount.end - 1) else ""
    if before in YEAR_CUES or i > 0 and ctx.toks[i - 1].text == "©":
        return True
    if after and _is_plural_noun(after):
        return False
    if i == 0 and amount.end >= len(ctx.toks):
        return True
    if after in ("and", "or", "to", "of", "were", "are", "have", "had", "more", "over"):
        return False
    if after in ("was", "saw", "marked", "brought", "began", "ended", "will", "has", "is"):
        return True  # "2024 was the deadliest year"
    if amount.end < len(ctx.toks) and ctx.toks[amount.end].text in ("'", "’"):
        return True
    return before in ("the", "a", "an", "its", "their", "his", "her", "'s") and after != ""


def _is_identifier(ctx: _Ctx, i: int) -> bool:
    """ "Route 60", "Resolution 2334", "Brigade 401", "No. 5": a number that names."""
    toks = ctx.toks
    k = i - 1
    if k >= 0 and toks[k].text == "." and k >= 1 and toks[k - 1].low in ("no", "nos", "art"):
        return True
    if k < 0 or toks[k].kind != "w" or not _joinable(ctx, k):
        return False
    low = toks[k].low
    if low not in IDENTIFIER_BEFORE:
        return False
    if low in ("day", "week") and _word(ctx, k - 1) in ("on", "by", "since", "until", "to"):
        return True  # "the front line on day 19" (but "every day 100 children die")
    return low in IDENTIFIER_ANY_CASE or toks[k].text[0].isupper()


def _money_first(ctx: _Ctx, i: int) -> _Quantity | None:
    """Money with its currency written first: "$17.6 billion", "US$ 3m", "c $ 16.4 million"."""
    toks = ctx.toks
    m = _CURRENCY_PREFIX_RE.match(ctx.text, toks[i].start)
    if m is None or m.lastgroup is None:
        return None
    j = _tok_at(ctx, m.end(), i)
    if j >= len(toks) or j in ctx.masked or toks[j].kind == "s":
        return None
    amount = _amount(ctx, j, money=True, ratios=False)
    if amount is None:
        return None
    code = CURRENCY_PREFIXES[int(m.lastgroup[1:])][0]
    cents, end = _cents(ctx, amount, amount.end)
    suffix = _currency_suffix(ctx, end)
    if suffix is not None and suffix[0] == code and suffix[1] == 1:
        end = suffix[2]  # "$5 million dollars"
    return _Quantity(amount.value + cents, end, "currency", code, amount.scale, "")


def _percent_first(ctx: _Ctx, i: int) -> _Quantity | None:
    """ "per cent of twenty-two": a percentage written before its number."""
    m = _PERCENT_OF_RE.match(ctx.text, ctx.toks[i].start)
    if m is None:
        return None
    j = _tok_at(ctx, m.end(), i)
    amount = _amount(ctx, j) if j < len(ctx.toks) else None
    if amount is None:
        return None
    return _Quantity(amount.value, amount.end, "percent", "percent", amount.scale, "")


def _amount_with_unit(ctx: _Ctx, i: int) -> _Quantity | None:
    """An amount and the unit written after it: "60%", "500 million dollars", "53"."""
    amount = _amount(ctx, i)
    if amount is None:
        return None
    end = amount.end
    m = _PERCENT_RE.match(ctx.text, ctx.toks[end - 1].end)
    if m is not None:
        end = _tok_at(ctx, m.end(), end)
        return _Quantity(amount.value, end, "percent", "percent", amount.scale, "")
    suffix = _currency_suffix(ctx, end)
    if suffix is not None:
        code, factor, end = suffix
        cents = 0.0
        if factor == 1:
            cents, end = _cents(ctx, amount, end)
        value = _times(amount.value, factor) + cents
        return _Quantity(value, end, "currency", code, amount.scale, "")
    if amount.digits and (_is_year(ctx, i, amount) or _is_identifier(ctx, i)):
        return None
    return _Quantity(amount.value, end, amount.kind, "count", amount.scale, "")


def _vague(ctx: _Ctx, i: int) -> _Quantity | None:
    """ "dozens", "tens of thousands", "several hundred", "a number (of)"; "a couple" is ~2."""
    m = _VAGUE_RE.match(ctx.text, ctx.toks[i].start)
    if m is None:
        return None
    end = _tok_at(ctx, m.end(), i)
    if m.group().lower().startswith("a couple"):
        return _Quantity(2.0, end, "cardinal", "count", 1, "approx")
    return _Quantity(None, end, "vague", "count", 1, "approx")


def _quantity(ctx: _Ctx, i: int) -> _Quantity | None:
    """The quantity at token i: money, percent, a plain amount or a vague word."""
    if ctx.toks[i].kind == "n":
        return _amount_with_unit(ctx, i)
    return (
        _money_first(ctx, i) or _percent_first(ctx, i) or _amount_with_unit(ctx, i)
        or (_vague(ctx, i) if ctx.toks[i].kind == "w" else None)
    )


# ---------------------------------------------------------------------------
# 4: numbers with qualifiers and ranges
# ---------------------------------------------------------------------------


def _range_end(ctx: _Ctx, first: _Quantity, connector_ok: tuple[str, ...]) -> _Quantity | None:
    """The second half of a range after `first`: "to 30", "-30", "and 30 per cent"."""
    toks = ctx.toks
    j = first.end
    if j >= len(toks) or j in ctx.masked or first.value is None:
        return None
    c = toks[j]
    if c.low in connector_ok and c.kind == "w" and _joinable(ctx, j - 1) and _joinable(ctx, j):
        k = j + 1
    elif "-" in connector_ok and c.text in "-–—‐" and c.kind == "s" and j + 1 < len(toks):
        gap1 = ctx.text[toks[j - 1].end:c.start]
        gap2 = ctx.text[c.end:toks[j + 1].start]
        if gap1 != gap2 or "\n" in gap1 or len(gap1) > 1:
            return None
        k = j + 1
    else:
        return None
    if k >= len(toks) or k in ctx.masked:
        return None
    second = _quantity(ctx, k)
    if second is None or second.value is None or second.kind == "vague":
        return None
    low = first.value
    if first.scale == 1 and second.scale > 1 and low * second.scale <= second.value:
        low *= second.scale  # "2 to 3 million", "$2-3bn"
    kinds = {first.kind, second.kind} - {"cardinal", "fraction"}
    if len(kinds) > 1 or len({first.unit, second.unit} - {"count"}) > 1:
        return None  # "2% to $1.45 billion" is no range
    if not second.value > low:
        return None
    unit = second.unit if second.unit != "count" else first.unit
    kind = kinds.pop() if kinds else "cardinal"
    return _Quantity(low, second.end, kind, unit, second.scale, "range", second.value)


def _number_at(ctx: _Ctx, i: int) -> tuple[Number, int] | None:
    """The number expression starting at token i, with its qualifier; or None."""
    toks = ctx.toks
    text = ctx.text
    start_tok = i
    qualifier = ""
    m = _QUALIFIER_RE.match(text, toks[i].start) if toks[i].kind != "n" else None
    if m is not None and m.lastgroup is not None:
        j = _tok_at(ctx, m.end(), i)
        if j < len(toks) and j not in ctx.masked and j > i:
            qualifier, i = m.lastgroup, j
    # "between 20 and 30", "from 20 to 30"
    low = toks[i].low
    if low in ("between", "from") and i + 1 < len(toks) and _joinable(ctx, i):
        first = _quantity(ctx, i + 1)
        if first is not None and first.kind != "vague" and not (
            low == "from" and _word(ctx, i - 1) in CHANGE_VERBS
        ):
            r = _range_end(ctx, first, ("and",) if low == "between" else ("to",))
            if r is not None:
                return _finish(ctx, start_tok, r, "range"), r.end
    q = _quantity(ctx, i)
    if q is None:
        return None
    before = start_tok - 1
    if qualifier == "over" and _word(ctx, q.end) in TIME_UNITS and before >= 0 and (
        toks[before].kind == "n" or _word(ctx, before) not in ("", "for", "in", "of", "than")
    ):
        qualifier, start_tok = "", i  # "killed 200 over three days": a period, not "more than"
    change = _word(ctx, i - 1) == "from" and _word(ctx, i - 2) in CHANGE_VERBS
    if q.kind != "vague" and not change:
        r = _range_end(ctx, q, ("to", "-"))
        if r is not None:
            return _finish(ctx, start_tok, r, "range"), r.end
    end = q.end
    qual = qualifier or q.qualifier or "exact"
    if q.kind != "vague" and end <= len(toks):
        sm = _SUFFIX_QUALIFIER_RE.match(text, toks[end - 1].end)
        if sm is not None and sm.lastgroup is not None:
            suffix_end = _tok_at(ctx, sm.end(), end)
            if qualifier == "":
                qual = sm.lastgroup
            end = suffix_end
    return _finish(ctx, start_tok, q._replace(end=end), qual), end


def _finish(ctx: _Ctx, start_tok: int, q: _Quantity, qualifier: str) -> Number:
    toks = ctx.toks
    start = toks[start_tok].start
    end = toks[q.end - 1].end
    return Number(
        text=ctx.text[start:end], start=start, end=end,
        value=None if q.value is None else float(q.value),
        value_high=None if q.high is None else float(q.high),
        qualifier=qualifier, unit=q.unit, kind=q.kind,
    )


def parse(text: str) -> list[Number]:
    """The number expressions of `text`, in text order, not overlapping.

    Args:
        text: any string; a sentence is the usual unit.

    Returns:
        `Number`s whose `text` is `text[start:end]`. The qualifier written before the
        number is inside the span ("about 300"); "dozens of" gives "dozens".

    >>> [(n.text, n.value) for n in parse("Strike kills 53, wounds dozens in Gaza on October 7")]
    [('53', 53.0), ('dozens', None)]
    """
    if not text or not _has_candidate(text):
        return []
    toks = _tokenize(text)
    ctx = _Ctx(text, toks, _masked(text, toks))
    out: list[Number] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if i in ctx.masked or not (
            t.kind == "n" or t.kind == "s" and t.text in _SYMBOL_STARTERS
            or t.low in _STARTERS or t.text.isupper() and len(t.text) == 3
        ):
            i += 1
            continue
        found = _number_at(ctx, i)
        if found is None:
            i += 1
            continue
        number, i = found
        if number.value is not None and not math.isfinite(number.value):
            continue
        out.append(number)
    return out
