"""When a claimed count happened: the period a sentence gives it, against the article date.

"Since October 7" and "since the war began" make a figure a running total (`cumulative`);
"over the past week", "in the last 24 hours", "on Thursday", "between January 25-26" and
"in March" make it a count for a window. `find_period` reads the sentence of a claim and
returns the window as ISO dates, resolved against the article's date: a weekday or a
month without a year is the latest one on or before that date. What the sentence does not
say stays None, never guessed; without an article date only `cumulative` can be known.

The cascade, first match wins: an explicit range ("between … and …"), "since <date>",
a trailing window ("the past week", "the last 24 hours", "overnight"), a day ("on
Thursday", "yesterday", "on 7 October"), a month ("in March"), then the words of a
running total with no start ("since the war began", "so far", "to date").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
UNITS = {"hour": 1 / 24, "day": 1, "night": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "twelve": 12, "fourteen": 14, "thirty": 30, "48": 48}

MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH = rf"(?P<month>{MONTH_NAMES})\.?"
YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
# "7 October", "October 7th", "Oct. 7, 2023": day and month under two names each.
DAY_AND_MONTH = (rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_NAMES})\.?"
                 rf"|(?P<month_first>{MONTH_NAMES})\.?\s+(?P<day_second>\d{{1,2}})(?:st|nd|rd|th)?\b)")
DATE = DAY_AND_MONTH + YEAR

RANGE = re.compile(
    rf"\bbetween\s+(?:(?P<month>{MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})\s*(?:-|–|and)\s*(?P<d2>\d{{1,2}})"
    rf"|(?P<e1>\d{{1,2}})\s*(?:-|–|and)\s*(?P<e2>\d{{1,2}})\s+(?P<month2>[A-Za-z]+)\.?)",
    re.IGNORECASE,
)
SINCE_DATE = re.compile(  # "since October 7", "since the outbreak of hostilities on October 7"
    rf"\bsince\s+(?:(?:the\s+)?|(?:[\w’'-]+\s+){{1,6}}?on\s+(?:the\s+)?)"
    rf"(?:{DAY_AND_MONTH}|(?P<bare_month>{MONTH_NAMES})\b){YEAR}",
    re.IGNORECASE,
)
WINDOW = re.compile(
    r"\b(?:over|in|during|within|for)?\s*(?:the\s+)?(?:past|last|previous|preceding)\s+"
    r"(?:(?P<count>\d+|[a-z]+)\s+)?(?P<unit>hour|day|night|week|fortnight|month|year)s?\b",
    re.IGNORECASE,
)
OVERNIGHT = re.compile(r"\b(?:overnight|last night|(?:on\s+)?(?P<when>yesterday|today)(?!'s))\b", re.IGNORECASE)
WEEKDAY = re.compile(r"\b(?:on|last|this)\s+(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
ON_DATE = re.compile(rf"\b(?:on|from)\s+(?:the\s+)?{DATE}", re.IGNORECASE)
# A reporting verb and up to four words right before a day: "said on Wednesday", "told
# the Security Council on Thursday", "said in a statement on Monday".
STATEMENT_DAY = re.compile(r"\b(?:said|says|told|announced|reported|added|stated|claimed|confirmed|wrote|posted|"
                           r"warned|statements?|briefings?|reports?|updates?)\b(?:\s+[\w’'-]+){0,4}\s*,?\s*$",
                           re.IGNORECASE)
IN_MONTH = re.compile(rf"\b(?:in|during|throughout)\s+{MONTH}{YEAR}\b", re.IGNORECASE)


def _month_day(match: re.Match[str]) -> tuple[int, int]:
    month = match["month"] or match["month_first"]
    day = match["day"] or match["day_second"]
    return MONTHS[month.lower()], int(day)
RUNNING_TOTAL = re.compile(
    r"\b(?:since\s+(?:the\s+)?(?:war|conflict|fighting|invasion|offensive|operation|hostilities|escalation)"
    r"\s+(?:began|started|erupted|broke out)"
    r"|since\s+the\s+(?:start|beginning|outbreak|onset)\s+of\b"
    r"|since\s+(?:it|they|we|russia|israel|the\s+\w+)\s+(?:began|started|launched|entered|invaded)\b"
    r"|since\s+(?:the\s+)?(?:full-scale\s+)?(?:invasion|war|ground\s+(?:operation|offensive|invasion))\b"
    r"|so\s+far|to\s+date|thus\s+far|in\s+total|all\s+told|(?:the\s+)?overall\s+(?:death\s+)?toll"
    r"|cumulative|since\s+then)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Period:
    """The window of a count; None where the text does not say."""

    start: str | None = None  # ISO date
    end: str | None = None
    cumulative: bool | None = None  # a running total since some start, not a count for a window


UNKNOWN = Period()


def find_period(sentence: str, article_date: str | None) -> Period:
    """The period `sentence` gives its counts, resolved against `article_date` (ISO).

    >>> find_period("Since October 7, 219 soldiers have been killed.", "2024-01-26")
    Period(start='2023-10-07', end='2024-01-26', cumulative=True)
    >>> find_period("Over the past week, 60 soldiers were killed.", "2024-01-25")
    Period(start='2024-01-18', end='2024-01-25', cumulative=False)
    >>> find_period("Dozens were killed.", "2024-01-25")
    Period(start=None, end=None, cumulative=None)
    """
    today = _parse_iso(article_date)
    for step in (_range, _since_date, _window, _day, _month):
        found = step(sentence, today)
        if found is not None:
            return found
    if RUNNING_TOTAL.search(sentence):
        return Period(None, _iso(today), True)
    return UNKNOWN


def _range(sentence: str, today: date | None) -> Period | None:
    match = RANGE.search(sentence)
    if match is None or today is None:
        return None
    month_name = (match["month"] or match["month2"] or "").lower()
    if month_name not in MONTHS:
        return None
    first, last = (match["d1"], match["d2"]) if match["d1"] else (match["e1"], match["e2"])
    start = _latest(today, MONTHS[month_name], int(first))
    end = _latest(today, MONTHS[month_name], int(last))
    if start is None or end is None or end < start:
        return None
    return Period(_iso(start), _iso(end), False)


def _since_date(sentence: str, today: date | None) -> Period | None:
    match = SINCE_DATE.search(sentence)
    if match is None:
        return None
    if match["bare_month"]:
        if match["bare_month"].lower() not in MONTHS or today is None:
            return None
        start = _latest(today, MONTHS[match["bare_month"].lower()], 1, match["year"])
    else:
        if today is None:
            return Period(None, None, True)
        start = _latest(today, *_month_day(match), match["year"])
    return Period(_iso(start), _iso(today), True) if start is not None else None


def _window(sentence: str, today: date | None) -> Period | None:
    match = WINDOW.search(sentence)
    if match is None:
        return None
    raw = (match["count"] or "1").lower()
    count = int(raw) if raw.isdigit() else NUMBER_WORDS.get(raw)
    if count is None:
        return None
    days = count * UNITS[match["unit"].lower()]
    if today is None:
        return Period(None, None, False)
    return Period(_iso(today - timedelta(days=max(1, round(days)))), _iso(today), False)


def _day(sentence: str, today: date | None) -> Period | None:
    if today is None:
        return Period(None, None, False) if _event_day(OVERNIGHT, sentence) or _event_day(WEEKDAY, sentence) else None
    first: date | None = None
    last: date | None = None
    if (match := _event_day(OVERNIGHT, sentence)) is not None:
        word = (match["when"] or "overnight").lower()
        first = today if word == "today" else today - timedelta(days=1)
        last = today - timedelta(days=1) if word == "yesterday" else today
    elif (match := _event_day(WEEKDAY, sentence)) is not None:
        first = last = today - timedelta(days=(today.weekday() - WEEKDAYS[match["weekday"].lower()]) % 7)
    elif (match := _event_day(ON_DATE, sentence)) is not None:
        first = last = _latest(today, *_month_day(match), match["year"])
    return Period(_iso(first), _iso(last), False) if first is not None else None


def _event_day(pattern: re.Pattern[str], sentence: str) -> re.Match[str] | None:
    """The first day the sentence gives that is not the day of the statement itself: in
    "the army said on Wednesday that 40 were killed on Monday", Monday."""
    for match in pattern.finditer(sentence):
        if not STATEMENT_DAY.search(sentence, max(0, match.start() - 60), match.start()):
            return match
    return None


def _month(sentence: str, today: date | None) -> Period | None:
    match = IN_MONTH.search(sentence)
    if match is None or today is None:
        return None
    start = _latest(today, MONTHS[match["month"].lower()], 1, match["year"])
    if start is None:
        return None
    last = date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return Period(_iso(start), _iso(min(last, today)), False)


def _latest(today: date, month: int, day: int, year: str | None = None) -> date | None:
    """That day in the given year, else the latest one on or before `today`."""
    try:
        if year:
            return date(int(year), month, day)
        candidate = date(today.year, month, day)
        return candidate if candidate <= today else date(today.year - 1, month, day)
    except ValueError:  # "February 30"
        return None


def _parse_iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
