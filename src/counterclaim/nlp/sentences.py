"""Split an article into sentences and find its quotations, without parsing.

Sentences are the unit the parser sees, in both the full and the fast path, so a
sentence parses the same whichever path runs. Every line break ends a sentence: news
text puts headlines, subheads and paragraphs on lines of their own.

Quotations are found from the quote marks alone. A quotation that runs over several
paragraphs follows the news convention: each continued paragraph opens with a quote
mark and only the last one closes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that end with a period but rarely end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt cpl pvt adm cmdr brig st mt no nos vol
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.g i.e etc vs approx
    gov sen rep rev hon jr sr inc ltd co corp dept est fig pres""".split()
)
# "BAMAKO (Reuters) - ", "KHARTOUM, Sudan (AP) — ": a dateline is not part of the lead's
# first sentence (its capitals would become the sentence's subject).
DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,}(?:, [A-Za-z0-9 .]+)?(?: \([A-Za-z .]+\))?\s*[-–—]+\s+(?=\S)")
SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
OPENING_QUOTES = "“"
CLOSING_QUOTES = "”"
# Every character `find_quotations` acts on; it jumps from one to the next.
QUOTE_MARKS = re.compile("[" + re.escape(OPENING_QUOTES + CLOSING_QUOTES + "\"‘’'") + "]")


@dataclass(frozen=True)
class Sentence:
    """A sentence: `text == article_text[start:end]`; `line` counts lines from 0."""

    index: int
    start: int
    end: int
    text: str
    line: int


@dataclass(frozen=True)
class Quotation:
    """A quotation, possibly over several paragraphs: the quoted text is [start, end)."""

    start: int
    end: int
    closed: bool


MAX_SENTENCE_CHARS = 2_000  # longer runs are cut at a space: see `_bounded`


def split_sentences(text: str) -> list[Sentence]:
    r"""The sentences of `text`, in order, with offsets; blank lines are skipped.

    >>> [s.text for s in split_sentences("Dr. Ali said 5 died. Two were hurt.\nHeadline 3")]
    ['Dr. Ali said 5 died.', 'Two were hurt.', 'Headline 3']
    """
    sentences: list[Sentence] = []
    offset = 0
    for line_number, line in enumerate(text.split("\n")):
        for start, end in _line_sentences(line):
            sentences.append(
                Sentence(len(sentences), offset + start, offset + end, line[start:end], line_number)
            )
        offset += len(line) + 1
    return sentences


def _line_sentences(line: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    dateline = DATELINE.match(line)
    if dateline:
        spans.append((0, dateline.end()))
        start = dateline.end()
    for match in SENTENCE_END.finditer(line, start):
        if _is_abbreviation(line, match.start()):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(line)))
    result = []
    for a, b in (piece for span in spans for piece in _bounded(line, *span)):
        stripped = line[a:b]
        left = len(stripped) - len(stripped.lstrip())
        right = len(stripped.rstrip())
        if right > left:
            result.append((a + left, a + right))
    return result


def _bounded(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run-on "sentence" (a table, a list, a page without full stops) cut at spaces into
    pieces of at most MAX_SENTENCE_CHARS, so no parse ever gets a page-long input."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = line.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _is_abbreviation(line: str, period: int) -> bool:
    word = re.search(r"([\w.]+)$", line[:period])
    if word is None:
        return False
    token = word.group(1).lower()
    # A single capital letter is an initial ("John F. Kennedy"), not a sentence end.
    return token in ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def find_quotations(text: str) -> list[Quotation]:
    r"""The quotations of `text`, from double quote marks or, in British style, single ones.

    A paragraph that ends inside a quotation continues it when the next paragraph opens
    with a quote mark; otherwise the quotation ends, unclosed, at the paragraph's end.
    A single straight quote opens only before a word and closes only after one, so the
    apostrophes of "doctors' group" and "Israel's" are not quote marks.

    >>> text = '“We won.\n“We will go on,” he said. Then "a"'
    >>> [text[q.start:q.end] for q in find_quotations(text)]
    ['We won.\n“We will go on,', 'a']
    >>> text = "'At least 45 children have been killed,' said Ana. The doctors' group agreed."
    >>> [text[q.start:q.end] for q in find_quotations(text)]
    ['At least 45 children have been killed,']
    """
    quotations: list[Quotation] = []
    open_at: int | None = None
    closer = ""
    paragraphs = _paragraph_spans(text)
    for number, (p_start, p_end) in enumerate(paragraphs):
        for mark in QUOTE_MARKS.finditer(text, p_start, p_end):
            i, ch = mark.start(), mark.group()
            if i == p_start and open_at is not None:
                continue  # the quote mark that reopens a continued paragraph
            if open_at is None:
                if ch in OPENING_QUOTES or ch == '"':
                    open_at, closer = i + 1, CLOSING_QUOTES + '"'
                elif ch == "‘" or (ch == "'" and _opens_single(text, i, p_start)):
                    open_at, closer = i + 1, "’'"
            elif ch in closer and (closer[0] == "”" or _closes_single(text, i, p_end)):
                quotations.append(Quotation(open_at, i, True))
                open_at = None
        if open_at is not None:
            following = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            if following is None or text[following] not in OPENING_QUOTES + "\"‘'":
                quotations.append(Quotation(open_at, p_end, False))
                open_at = None
    return quotations


def _opens_single(text: str, i: int, paragraph_start: int) -> bool:
    before = text[i - 1] if i > paragraph_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "(—–-" or i == paragraph_start) and after.isalnum()


def _closes_single(text: str, i: int, paragraph_end: int) -> bool:
    before = text[i - 1]
    after = text[i + 1] if i + 1 < paragraph_end else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)—–")


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def quotation_at(quotations: list[Quotation], position: int) -> Quotation | None:
    """The quotation that contains `position`, if any."""
    for quotation in quotations:
        if quotation.start <= position < quotation.end:
            return quotation
    return None
