"""Metadata from the text itself: the corpus header line, dates, datelines.

Dates are only ever read, never guessed: a date without a year, or a numeric date whose
day and month could be swapped (03/04/2024), gives None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

# ` date 2024-01-26 https://… first paragraph…`: every part after "date" may be missing.
_HEADER = re.compile(
    r"[ \t]*date(?=[ \t]|$)[ \t]*"
    r"(?:(?P<date>\d{4}-\d{2}-\d{2})|unknown)?[ \t]*"
    r"(?P<url>https?://\S+)?[ \t]*"
)
_URL_LINE = re.compile(r"[ \t]*(?P<url>https?://\S+)[ \t]*(?=\r?\n|$)")

_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)")  # "…T10:00" may follow
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})\b")
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\s*,?\s+(?P<y>\d{{4}})\b", re.I
)
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y>\d{{4}})\b", re.I
)
# "Bamako, July 27 (Reuters) –": a place, a date, an optional agency, a dash.
DATELINE = re.compile(
    rf"^(?P<place>[A-Z][\w'’. -]{{1,40}}),\s+(?P<when>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)\s*(?:\((?P<agency>[A-Z][\w&.' -]{{1,30}})\))?"
    r"\s*[-–—]",
)


@dataclass(frozen=True)
class Header:
    """What the corpus header line gave, and where the body starts.

    `body_start` is the offset of the first character after the header (the rest of the
    header line when it carries text, else the next line).
    """

    date: str | None = None
    url: str | None = None
    body_start: int = 0


def split_header(text: str) -> Header:
    """Read the optional ` date YYYY-MM-DD URL` (or bare URL) header on the first line.

    The header may carry the first paragraph on the same line
    (` date 2024-01-26 The brigades said…`); that text stays in the body.

    >>> split_header(" date 2024-03-29 https://example.org/a\\n\\nText.")
    Header(date='2024-03-29', url='https://example.org/a', body_start=38)
    >>> split_header(" date 2024-01-26 Fighters said on Friday.").body_start
    17
    >>> split_header("Headline\\n\\nText.")
    Header(date=None, url=None, body_start=0)
    """
    match = _HEADER.match(text)
    if match is None or not (match.group("date") or match.group("url") or _is_bare(text, match)):
        match = _URL_LINE.match(text)
        if match is None:
            return Header()
    iso = match.groupdict().get("date")
    return Header(
        date=iso if iso and valid_date(iso) else None,
        url=match.group("url"),
        body_start=match.end(),
    )


def _is_bare(text: str, match: re.Match[str]) -> bool:
    """Whether a header is " date unknown" or " date" alone on its line."""
    rest = text[match.end() :].split("\n", 1)[0].strip()
    return not rest or text[: match.end()].rstrip().endswith("unknown")


def valid_date(iso: str) -> bool:
    """Whether `iso` is a real calendar date written YYYY-MM-DD."""
    try:
        _date.fromisoformat(iso)
    except ValueError:
        return False
    return len(iso) == 10


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return _date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first unambiguous full date (with a year) in `text`, as YYYY-MM-DD.

    >>> parse_date("10:47 - 20/11/2023 Pazartesi")
    '2023-11-20'
    >>> parse_date("Published 3 March 2024, 10:00 GMT")
    '2024-03-03'
    >>> parse_date("July 27 (Reuters)") is None  # no year: never guessed
    True
    >>> parse_date("04/05/2024") is None  # April 5 or May 4?
    True
    """
    found: list[tuple[int, str | None]] = []
    if m := _ISO.search(text):
        found.append((m.start(), _iso(int(m["y"]), int(m["m"]), int(m["d"]))))
    if m := _NUMERIC.search(text):
        a, b = int(m["a"]), int(m["b"])
        if a > 12 >= b:  # day first, the usual order outside the US
            found.append((m.start(), _iso(int(m["y"]), b, a)))
        elif b > 12 >= a or a == b:
            found.append((m.start(), _iso(int(m["y"]), a, b)))
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        if m := pattern.search(text):
            month = MONTHS[m["m"].lower().rstrip(".")]
            found.append((m.start(), _iso(int(m["y"]), month, int(m["d"]))))
    dates = [iso for _, iso in sorted(found, key=lambda pair: pair[0]) if iso]
    return dates[0] if dates else None


def normalise_date(value: object) -> str | None:
    """A date given as metadata (JSONL field, HTML meta) as YYYY-MM-DD, or None.

    >>> normalise_date("2024-03-29T10:00:00Z")
    '2024-03-29'
    >>> normalise_date("yesterday") is None
    True
    """
    if not isinstance(value, str) or not value.strip():
        return None
    head = value.strip()[:10]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", head) and valid_date(head):
        return head
    return parse_date(value)
