"""The shared vocabulary of counterclaim: plain frozen dataclasses, no package imports.

Every stage takes and returns these types; nothing else crosses a module boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

QUALIFIERS = ("exact", "approx", "over", "at_least", "under", "at_most", "range")
# A claim's review state (`review.py`): "machine" until a person verifies, corrects or rejects it.
REVIEW_STATES = ("machine", "verified", "corrected", "rejected")
NUMBER_KINDS = ("cardinal", "percent", "currency", "ordinal", "fraction", "vague")
MEASURES = (
    "killed",
    "wounded",
    "killed_or_wounded",
    "captured",
    "held",
    "released",
    "missing",
    "displaced",
    "destroyed",
    "seized",
    "attacks",
    "aid",
    "other",
)
AUTHOR = "@author"  # the claimant of a figure the article states in its own voice
QUALIFIER_WORDS = {"exact": "", "range": "", "approx": "about ", "over": "more than ", "at_least": "at least ",
                   "under": "fewer than ", "at_most": "at most "}
ACTOR_TYPES = (
    "person",
    "armed_group",
    "state_body",
    "ministry",
    "health_authority",
    "un_agency",
    "ngo",
    "outlet",
    "state",
    "international_body",
    "group",  # a provisional actor: a body the base does not know
)


@dataclass(frozen=True)
class Number:
    """One number expression found in a text.

    `start`/`end` are character offsets into the parsed text (end exclusive), so
    `text[start:end] == number.text`. A vague amount ("dozens") has `value=None`.
    """

    text: str
    start: int
    end: int
    value: float | None
    value_high: float | None = None
    qualifier: str = "exact"
    unit: str = "count"  # "count", "percent" or an ISO 4217 code
    kind: str = "cardinal"


@dataclass(frozen=True)
class Segment:
    """A run of cleaned text copied unchanged from the original: maps offsets back."""

    clean_start: int
    original_start: int
    length: int


@dataclass(frozen=True)
class Article:
    """One news article after reading and cleaning.

    `id` is a hash of the cleaned text, so the same text read twice is the same article.
    `doc` names where it came from: the file name, or `file:line` / the record id for JSONL.
    """

    id: str
    doc: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO date, YYYY-MM-DD
    url: str | None = None
    outlet: str | None = None
    source_path: str | None = None
    segments: tuple[Segment, ...] = ()

    def original_offset(self, clean_offset: int) -> int:
        """The offset in the original file text of a position in the cleaned text."""
        for seg in reversed(self.segments):
            if seg.clean_start <= clean_offset:
                return seg.original_start + (clean_offset - seg.clean_start)
        return clean_offset


@dataclass(frozen=True)
class Skip:
    """An input that could not be read, and why: skips are data, counted in the summary."""

    path: str
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class Claim:
    """One quantitative claim, with its provenance.

    `text` is the evidence: `article_text[start:end]`. `sentence` is the whole sentence
    it sits in. `claimant` is the source the article gives, or `@author`.
    """

    article: str
    doc: str
    text: str
    start: int
    end: int
    sentence: str
    value: float | None
    value_high: float | None
    qualifier: str
    unit: str
    measure: str
    counted: str
    claimant: str
    claimant_aliases: tuple[str, ...] = ()
    optional: bool = False
    sentence_start: int | None = None  # where `sentence` begins in the article: see `evidence_offset`
    claimant_id: str | None = None  # the actor the claimant links to (`actors/`), if any
    claimant_party: str | None = None
    claimant_link: str | None = None  # why the claimant links to that actor
    party: str | None = None  # the party it speaks for (`voice`), decided with the claimant's party
    counted_group: str | None = None  # "combatants of Hamas", "civilians", ... (the label of the two below)
    group_category: str | None = None  # "combatants", "civilians", "vehicle": what kind of people or things
    group_owner: str | None = None  # the actor id of the side they belong to ("hamas", "israel")
    period_start: str | None = None  # the window of the count (ISO dates), `periods.py`
    period_end: str | None = None
    cumulative: bool | None = None  # a running total ("since October 7"), not a window
    place: str | None = None  # where the counted event happened, as the sentence writes it (`places.py`)
    place_id: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    place_link: str | None = None  # why: "in the clause (gazetteer)", "in the sentence (ambiguous: …)"
    conflict: str | None = None  # the war the counted event belongs to (`conflicts.py`); None: unknown
    scope: str | None = None  # "since-2023-10-07", "window-2024-01-19-to-2024-01-26", "event-2024-01-22", "now"
    figure: str | None = None  # the quantity it counts, unique in the ledger (`figures.py`)
    part_of: str | None = None  # the figure of the total it is a part of ("children among the dead")
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    review: str | None = None  # a person's verdict (`review.py`): verified, corrected, rejected; None: unreviewed
    id: int | None = field(default=None, compare=False)  # its number in the ledger, once stored
    reasons: tuple[str, ...] = field(default=(), compare=False)


CLAIM_FIELDS = tuple(f.name for f in fields(Claim))  # in the order they are declared


def evidence_offset(claim: Claim) -> int:
    """Where the claim's evidence begins in its sentence, from the offsets `extract` gives
    it (a sentence may say the same words twice); for a claim made without them (the
    Python API, a ledger from before migration 0009), where its text first appears, -1
    where it does not."""
    if claim.sentence_start is not None:
        return claim.start - claim.sentence_start
    return claim.sentence.find(claim.text)


def with_fields(claim: Claim, **changes: Any) -> Claim:
    """`dataclasses.replace(claim, **changes)`, without running `Claim.__init__` again.

    A claim is copied seven times on its way out of `extract` (actor, period, place,
    conflict, scope, figure, whole), and `replace` costs 12 µs a copy through the
    generated `__init__` of 38 fields; copying the field values costs one. The result is
    the same while Claim is a plain frozen dataclass (no `__post_init__`, no slots, every
    field in `__init__`); otherwise this falls back to `replace`.
    """
    if unknown := changes.keys() - CLAIM_FIELDS:
        raise TypeError(f"Claim has no field {sorted(unknown)}")
    if _CLAIM_IS_PLAIN:
        copied = object.__new__(Claim)
        copied.__dict__.update(claim.__dict__)
        copied.__dict__.update(changes)
        return copied
    return replace(claim, **changes)


_CLAIM_IS_PLAIN = (
    not hasattr(Claim, "__post_init__") and not hasattr(Claim, "__slots__") and all(f.init for f in fields(Claim))
)


@dataclass(frozen=True)
class Actor:
    """A person or organisation that asserts or is counted in claims.

    `party` is the side of `conflict` it belongs to ("international", "independent" and
    "media" for bodies that belong to none). A provisional actor is one the base does not
    know: made from a name found in articles, its id starts with "~".
    """

    id: str
    name: str
    type: str
    conflict: str = ""
    party: str = ""
    role: str = ""
    member_of: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    provisional: bool = False
    # The wars in which an otherwise uninvolved body is a party, and its party there:
    # US Central Command is "international" in Sudan but a side in the Red Sea war.
    fights_in: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Link:
    """A name resolved to an actor, and why: "alias", "spelling key", "title stripped",
    "surname", "role noun", "member of" or "provisional"."""

    actor: Actor
    reason: str


@dataclass(frozen=True)
class Extracted:
    """What the per-article stages make of one article: its claims and its terms for
    actors, ready to store."""

    article: Article
    claims: list[Claim]
    terms: list[TermUse]


@dataclass(frozen=True)
class TermUse:
    """A word an article uses for an actor: "terrorists" for Hamas, "occupation army" for
    Israel's forces (`framing.py`). `quoted` terms are inside a quotation: the speaker's
    words, not the outlet's."""

    article: str
    actor: str  # the actor id (the organisation a wing or unit belongs to)
    term: str  # as written, lower case
    term_class: str  # "terrorist", "fighter", "occupation", ... or "name", or the term's own lemma
    quoted: bool
    sentence: str
    start: int  # offset of the term in the article text
    reason: str  # how the term was tied to the actor: "named with it", "of X", "article context"


def voice(claimant_party: str | None, claimant: str, outlet: str | None) -> str:
    """The party a claim speaks for (the ledger's `party` column): its claimant's party, else
    the outlet's own voice for the article's own words, else "unattributed"."""
    if claimant_party:
        return claimant_party
    if claimant == AUTHOR:
        return f"outlet: {outlet or 'unknown'}"
    return "unattributed"


def figure_text(value: float | None, value_high: float | None, qualifier: str, unit: str = "count") -> str:
    """A claimed figure as a reader says it: "more than 60", "20–30", "about 1.5%", "vague"."""
    if value is None:
        return "vague"  # "dozens", "hundreds": no number to show
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    if value_high is not None:
        text += f"–{value_high:,.0f}"
    suffix = {"count": "", "percent": "%"}.get(unit, f" {unit}")
    return f"{QUALIFIER_WORDS.get(qualifier, '')}{text}{suffix}"
