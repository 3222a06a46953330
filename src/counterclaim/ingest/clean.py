"""Strip page furniture from an article's text, keeping the prose and the headline.

The cleaner works line by line and never edits inside a line: the cleaned text is the
kept lines (trimmed of surrounding whitespace) joined by a blank line, and one `Segment`
per kept line maps every character back to the original. Each line goes through one
cascade, top to bottom (`_verdict`):

1. a line already seen in the document is dropped (the first copy stays);
2. a byline ("Source @X", "By X", "The X Staff is …", "Reporting by …") is read for the
   outlet and dropped; a byline in the second half, after the body, closes the article:
   below it only a full paragraph is kept (and reopens it), so short appeals and teasers
   go too;
3. calls to action and navigation (subscribe, donate, newsletter, "Leave a Comment",
   "Table of Contents", "Popular Articles") are dropped;
4. photo captions ("(Photo: X)", or a caption above the lead ending in a credit such as
   "/ Agency" or "-AP") are dropped;
5. timestamp lines ("10:47 - 20/11/2023 Pazartesi") are read for the date and dropped;
6. breadcrumbs ("Home | World | Middle East") are dropped;
7. prose (sentence punctuation at the end, or long) is kept;
8. heading-like lines are kept: four or more words, a number, or a verb-ish word, since
   headlines and subheads can state a claim ("Strike kills 53, doctors say");
9. anything else is a short line without sentence punctuation (a masthead, a menu word,
   "File photo"), dropped.

Then the first heading before the first prose line is the title, after skipping a
short section label above it ("The Region – Middle East"). The rules are general: they
look at the shape of a line and at a small lexicon of page-furniture phrases, never at
the strings of particular pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from counterclaim.ingest.header import DATELINE, MONTHS, parse_date
from counterclaim.ingest.outlets import is_known_outlet, outlet_by_name
from counterclaim.model import Segment

SEPARATOR = "\n\n"  # between kept lines, so sentence splitting sees each line as a boundary

_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
LONG_LINE_WORDS = 25  # a line this long is prose even without final punctuation

# --- 2. bylines -------------------------------------------------------------------------
_NAME = r"[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|of|the|and|&|al|el|de|bin|van|von))*"
_BYLINE_SOURCE = re.compile(
    r"^(?i:sources?|via|courtesy(?: of)?)\s*[:\-–—]?\s*@?\s*(?P<name>[A-Z@][^.!?]{0,60}?)\s*\.?$"
)
_BYLINE_STAFF = re.compile(
    rf"^(?:The\s+)?(?P<name>{_NAME}?)\s+(?:Staff|Team|Desk|Newsroom|Editorial Board)\b"
    r"(?:\s+(?:is|are)\b.*\b(?:journalists|reporters|editors|writers|correspondents)\b.*)?$"
)
_BYLINE_BY = re.compile(rf"^By\s+(?P<name>{_NAME})\s*(?:[,|/–—-]\s*(?P<org>.+))?$")
_BYLINE_CREDIT = re.compile(
    r"^\(?(?:reporting|writing|editing|additional reporting|compiled|edited|written)\s+by\b",
    re.I,
)
_BYLINE_BIO = re.compile(
    rf"^{_NAME}\s+is\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}"
    r"(?:journalist|reporter|correspondent|writer|editor|contributor|columnist|analyst)s?\b"
)

# --- 3. calls to action and navigation ---------------------------------------------------
# Phrases that open a call to action; they end an appeal of any length ("Help us …").
_CTA_START = re.compile(
    r"^(?:subscribe|sign up|sign in|log in|donate|support us|support our|help us|follow us"
    r"|follow @|join us|join our|click here|tap here|download (?:our|the) app"
    r"|listen to (?:this|the) (?:article|story)|leave a (?:comment|reply)|post a comment"
    r"|scroll to top|back to top|skip to (?:main )?content|table of contents"
    r"|(?:receive|get) (?:the )?latest|read more|read also|see also|a message from"
    r"|you may also like|don'?t miss|share (?:this|on|via)|advertisement|sponsored"
    r"|all rights reserved|copyright\b|©)",
    re.I,
)
# Phrases that mark page furniture anywhere in a line of modest length.
_CTA_ANYWHERE = re.compile(
    r"newsletter|mailing list|email address will not be published|required fields are marked"
    r"|readers like you|fill out the (?:following )?form|support (?:independent|our) journalism"
    r"|become a (?:member|subscriber|patron)|we use cookies|cookie policy"
    r"|enter your email|by signing up",
    re.I,
)
CTA_MAX_WORDS = 40
# Menu and section words, only as short lines ("Popular Articles", "Latest Stories").
# A menu word, then nothing, a colon, or only capitalised words ("Latest Stories"), so a
# heading such as "Search for survivors continues" is not taken for a menu.
_NAV = re.compile(
    r"^(?i:related|popular|latest|trending|most (?:read|popular|viewed|shared)|recommended"
    r"|more (?:from|on|stories|news|in)|top stories|editor'?s picks?|comments?|print|e-?mail"
    r"|share|menu|search|home|tags?|topics?|categories|filed under|watch|live|opinion"
    r"|contact(?: us)?|about(?: us)?|privacy|terms)"
    r"(?:\s*[:|].*|(?:\s+[A-Z&][\w&'’-]*)*)$"
)
NAV_MAX_WORDS = 5

# --- 4. captions -------------------------------------------------------------------------
_CAPTION = re.compile(
    r"\((?:photo|image|picture|credit|file)s?\b[^)]*\)"
    r"|^(?:file )?(?:photo|image|picture)s?\s*(?::|of\b)|^(?:pictured|caption)\b"
    r"|getty images|shutterstock|\bAP Photo\b",
    re.I,
)
# "… after a strike. / Agency" or "… in the city. -AP": a credit after the last sentence.
CREDIT_CAPTION_MAX_WORDS = 30
_CREDIT_TAIL = re.compile(
    r"[.!?][\"”’]?\s*(?:/|[-–—|])\s*[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}$"
)
CAPTION_MAX_WORDS = 60

# --- 5. timestamps -----------------------------------------------------------------------
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_ANY_DATE = re.compile(
    r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.I,
)
_TIMESTAMP_WORDS = frozenset(
    {"am", "pm", "gmt", "utc", "est", "cet", "updated", "published", "posted", "last"}
    | {"modified", "on", "at", "ago", "hour", "hours", "min", "mins", "minute", "minutes"}
    | {"day", "days", "read"}
)
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
)
TIMESTAMP_MAX_WORDS = 8

# --- 6. breadcrumbs ----------------------------------------------------------------------
_CRUMB_SEPARATOR = re.compile(r"\s(?:\||>|»|›|/|•|·)\s")
_LABEL_SEPARATOR = re.compile(r"\s[-–—|:]\s")
CRUMB_PART_WORDS = 4
LABEL_MAX_WORDS = 7

# --- 8. heading-like lines ---------------------------------------------------------------
HEADING_MIN_WORDS = 4
TITLE_MAX_WORDS = 30
_VERBISH = re.compile(r"^[a-z]{2,}(?:s|ed|ing)$")


@dataclass(frozen=True)
class Line:
    """One non-blank line of the original, trimmed: `original[start:end] == text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Dropped:
    """A line the cleaner removed, and the rule that removed it."""

    text: str
    reason: str


@dataclass(frozen=True)
class Cleaned:
    """The result of cleaning one text.

    `outlet` is the first outlet a byline or dateline names; `date` the first date of a
    timestamp line or a dateline that gives a year.
    """

    text: str
    segments: tuple[Segment, ...]
    title: str | None
    outlet: str | None
    date: str | None
    dropped: tuple[Dropped, ...]


def split_lines(text: str, *, start: int = 0) -> list[Line]:
    """The non-blank lines of `text` from `start`, trimmed of whitespace, with offsets."""
    lines = []
    for match in re.finditer(r"[^\r\n]+", text[start:]):
        raw = match.group()
        stripped = raw.strip()  # also strips no-break spaces and other Unicode blanks
        if not stripped:
            continue
        begin = start + match.start() + (len(raw) - len(raw.lstrip()))
        lines.append(Line(begin, begin + len(stripped), stripped))
    return lines


@lru_cache(maxsize=16)
def words(line: str) -> tuple[str, ...]:
    """The words of a line (letters and digits, inner apostrophes and hyphens kept)."""
    # Kept for the few lines in hand: the cascade of `_verdict` reads one line's words
    # up to eight times.
    return tuple(_WORD.findall(line))


def is_prose(line: str) -> bool:
    """Whether a line reads as prose: ends a sentence, or is long."""
    return bool(_SENTENCE_END.search(line)) or len(words(line)) >= LONG_LINE_WORDS


@dataclass(frozen=True)
class Byline:
    """A byline line: its kind ("source", "staff", "by", "credit") and the outlet it names."""

    kind: str
    outlet: str | None = None


def read_byline(line: str) -> Byline | None:
    """The byline `line` is, with the outlet it names (None for a person), or None.

    >>> read_byline("Source @Example Wire")
    Byline(kind='source', outlet='Example Wire')
    >>> read_byline("The Daily Example Staff is a team of journalists.")
    Byline(kind='staff', outlet='Daily Example')
    >>> read_byline("By Jane Doe, AP")
    Byline(kind='by', outlet='Associated Press')
    >>> read_byline("By Jane Doe")
    Byline(kind='by', outlet=None)
    >>> read_byline("Sources said 40 people were killed.") is None
    True
    """
    count = len(words(line))
    if count <= 7 and (m := _BYLINE_SOURCE.match(line)):
        return Byline("source", outlet_by_name(m["name"].lstrip("@").strip()))
    if count <= 30 and (m := _BYLINE_STAFF.match(line)):
        return Byline("staff", outlet_by_name(m["name"]))
    if count <= 12 and not is_prose(line) and (m := _BYLINE_BY.match(line)):
        # "By Jane Doe, Outlet" names the outlet; "By Reuters" only if the registry knows it.
        if m["org"]:
            return Byline("by", outlet_by_name(m["org"]))
        return Byline("by", outlet_by_name(m["name"]) if is_known_outlet(m["name"]) else None)
    if count <= 40 and _BYLINE_CREDIT.match(line):
        return Byline("credit")
    return None


def is_call_to_action(line: str) -> bool:
    """Whether a line asks the reader to do something (subscribe, donate, comment …)."""
    if _CTA_START.match(line):
        return True
    return len(words(line)) <= CTA_MAX_WORDS and bool(_CTA_ANYWHERE.search(line))


def is_navigation(line: str) -> bool:
    """Whether a line is a menu entry or a breadcrumb trail."""
    count = len(words(line))
    if is_prose(line):
        return False
    if count <= NAV_MAX_WORDS and _NAV.match(line) and not re.search(r"\d", line):
        return True
    parts = _CRUMB_SEPARATOR.split(line)
    return len(parts) >= 2 and all(len(words(p)) <= CRUMB_PART_WORDS for p in parts)


def is_caption(line: str, *, before_lead: bool) -> bool:
    """Whether a line is a photo caption.

    A caption ending in a bare credit ("… / Agency", "… -AP") is only recognised above
    the lead: further down the same shape can close a real paragraph with a wire credit.
    """
    if len(words(line)) > CAPTION_MAX_WORDS:
        return False
    if _CAPTION.search(line) or line.casefold() in ("file photo", "photo", "image"):
        return True
    return (
        before_lead
        and len(words(line)) <= CREDIT_CAPTION_MAX_WORDS
        and bool(_CREDIT_TAIL.search(line))
    )


def is_timestamp(line: str) -> bool:
    """Whether a line is only a date and/or time ("10:47 - 20/11/2023 Pazartesi")."""
    if len(words(line)) > TIMESTAMP_MAX_WORDS or not (_TIME.search(line) or _ANY_DATE.search(line)):
        return False
    # What is left besides the date and time must be timestamp words, English weekday or
    # month names, and at most one other word (a weekday in another language): a
    # headline, even in Title Case, has words of its own.
    rest = words(_ANY_DATE.sub(" ", _TIME.sub(" ", line)))
    other = [
        t
        for t in rest
        if not t[0].isdigit()
        and t.casefold() not in _TIMESTAMP_WORDS
        and t.casefold().rstrip(".") not in MONTHS
        and t.casefold() not in _WEEKDAYS
    ]
    return len(other) <= 1


def is_heading(line: str) -> bool:
    """Whether a short line without sentence punctuation can still carry content."""
    tokens = words(line)
    if len(tokens) >= HEADING_MIN_WORDS:
        return True
    has_number = any(t[0].isdigit() for t in tokens) and any(t[0].isalpha() for t in tokens)
    return has_number or any(_VERBISH.match(t) for t in tokens[1:])


def _verdict(line: str, *, before_lead: bool) -> str:
    """The cascade for one line: "prose", "heading", or the reason it is dropped."""
    if is_call_to_action(line):
        return "call to action"
    if is_navigation(line):
        return "navigation"
    if is_caption(line, before_lead=before_lead):
        return "photo caption"
    if is_timestamp(line):
        return "timestamp"
    if is_prose(line):
        return "prose"
    if is_heading(line):
        return "heading"
    return "short line"


def clean_text(text: str, *, start: int = 0) -> Cleaned:
    """Remove page furniture from `text[start:]` and find the title, outlet and date.

    Args:
        text: the original text (after decoding); offsets refer to it.
        start: where the body starts (after a header line).

    >>> c = clean_text("Strike kills 5, officials say\\n\\nShare this\\n\\nFive died, they said.")
    >>> c.text
    'Strike kills 5, officials say\\n\\nFive died, they said.'
    >>> c.title
    'Strike kills 5, officials say'
    >>> c.segments[1]
    Segment(clean_start=31, original_start=43, length=21)
    """
    kept, dropped, outlet, date = _judge_lines(split_lines(text, start=start))
    kept, title = _take_title(kept, dropped)
    lead = next((line.text for line, kind in kept if kind == "prose"), "")
    if dateline := DATELINE.match(lead):
        date = date or parse_date(dateline["when"])
        if dateline["agency"]:
            outlet = outlet or outlet_by_name(dateline["agency"])
    body, segments = _joined([line for line, _ in kept])
    return Cleaned(text=body, segments=segments, title=title, outlet=outlet, date=date, dropped=tuple(dropped))


def _judge_lines(lines: list[Line]) -> tuple[list[tuple[Line, str]], list[Dropped], str | None, str | None]:
    """Each line kept (prose or heading) or dropped with why, and the outlet and date that
    bylines and timestamps give on the way."""
    kept: list[tuple[Line, str]] = []
    dropped: list[Dropped] = []
    seen: set[str] = set()
    outlet: str | None = None
    date: str | None = None
    closed = False
    for index, line in enumerate(lines):
        key = " ".join(line.text.split()).casefold()
        before_lead = not any(kind == "prose" for _, kind in kept)
        in_tail = not before_lead and index >= len(lines) // 2
        byline = read_byline(line.text)
        # "Source: X" mid-article credits a figure's source, not the publisher.
        if byline and (byline.kind != "source" or in_tail):
            outlet = outlet or byline.outlet
        if key in seen:
            verdict = "repeated line"
        elif byline or (in_tail and _BYLINE_BIO.match(line.text)):
            verdict = "byline"
            # A byline below the body ends the article: what follows is page furniture,
            # unless a full paragraph shows the article goes on (a live page, say).
            closed = closed or in_tail
        else:
            verdict = _verdict(line.text, before_lead=before_lead)
            if closed and verdict in ("prose", "heading"):
                if len(words(line.text)) >= LONG_LINE_WORDS:
                    closed = False
                else:
                    verdict = "after closing byline"
        seen.add(key)
        if verdict == "timestamp":
            date = date or parse_date(line.text)
        if verdict in ("prose", "heading"):
            kept.append((line, verdict))
        else:
            dropped.append(Dropped(line.text, verdict))
    return kept, dropped, outlet, date


def _joined(lines: list[Line]) -> tuple[str, tuple[Segment, ...]]:
    """The kept lines as one text, and where each sits in it and in the original."""
    pieces: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for line in lines:
        if pieces:
            offset += len(SEPARATOR)
        segments.append(Segment(clean_start=offset, original_start=line.start, length=len(line.text)))
        pieces.append(line.text)
        offset += len(line.text)
    return SEPARATOR.join(pieces), tuple(segments)


def _take_title(
    kept: list[tuple[Line, str]], dropped: list[Dropped]
) -> tuple[list[tuple[Line, str]], str | None]:
    """The first heading above the lead is the title; a section label above it goes."""
    headings = []
    for line, kind in kept:
        if kind == "prose":
            break
        headings.append(line)
    if len(headings) >= 2 and _is_section_label(headings[0].text):
        dropped.append(Dropped(headings[0].text, "section label"))
        kept = kept[1:]
        headings = headings[1:]
    for line in headings:
        if 2 <= len(words(line.text)) <= TITLE_MAX_WORDS:
            return kept, line.text
    return kept, None


def _is_section_label(line: str) -> bool:
    """A short "Section – Subsection" line with no number, sitting above a headline."""
    tokens = words(line)
    return (
        len(tokens) <= LABEL_MAX_WORDS
        and bool(_LABEL_SEPARATOR.search(line))
        and not re.search(r"\d", line)
        and not any(_VERBISH.match(t) for t in tokens)
    )
