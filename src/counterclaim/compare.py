"""Figures: the claims about one quantity, side by side, party by party.

A figure is one war, one measure, one counted group (its kind and its side) and one scope:
an event, a running total from a named start, a window, or who is held now. Each claim's
figure is decided when it is extracted (`figures.py`) and stored, so here the database
only counts along an index (`store/aggregates.py`) and this module assembles and words it.

What a figure shows, honestly:

- **parties** are real sides of the war: the claimant's party. A claim whose claimant
  links to no actor is shown apart as *unattributed*, and an outlet's own voice apart as
  that outlet's, never as a party;
- per party and voice: the latest value (by article date), with its upper end for a
  range, and the range of its values;
- the **spread** (highest value over lowest) only between values that count the same
  thing at the same time: any two of an event or a window, and for a running total (or
  who is held now) only values given within `SAME_TIME_DAYS` of the newest one (5,087 dead in October and
  32,000 in March are an update, not a disagreement);
- **independent sources** count distinct origins: a claimant once however many outlets
  quote it, an outlet's own voice once per syndicated story;
- for a running total, a later lower value from the same source is a **revision**;
- a figure whose group is unspecified never ranks as contested.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, fields, replace
from datetime import date
from functools import lru_cache

from sqlalchemy import Engine

from counterclaim.conflicts import conflict_name
from counterclaim.figures import place_of
from counterclaim.model import AUTHOR, CLAIM_FIELDS, Claim
from counterclaim.store import ClaimFilter, aggregates, read_stored
from counterclaim.store.aggregates import FigureRow, PartyRow

UNSPECIFIED = "unspecified"
UNATTRIBUTED = "unattributed"
OUTLET_VOICE = "outlet: "  # the party column's prefix for an outlet's own voice (`model.voice`)
SAME_TIME_DAYS = 3
MEASURE_WORDS = {"killed": "killed", "wounded": "wounded", "killed_or_wounded": "killed or wounded",
                 "captured": "captured", "held": "held", "released": "released", "missing": "missing",
                 "displaced": "displaced", "destroyed": "destroyed", "seized": "seized", "attacks": "attacks",
                 "aid": "aid"}


@dataclass(frozen=True)
class FigureClaim:
    """One claim as a figure shows it."""

    value: float | None
    value_high: float | None
    qualifier: str
    claimant: str
    claimant_party: str | None
    party: str  # the claimant's party; "outlet: X" for the outlet's own voice; "unattributed"
    outlet: str | None
    date: str | None
    period_start: str | None
    period_end: str | None
    cumulative: bool | None
    article: str
    sentence: str
    text: str
    counted: str
    place: str | None  # as the sentence writes it
    place_id: str | None
    lat: float | None
    lon: float | None
    revised_down: bool = False  # a running total lower than its source's earlier value
    start: int | None = None  # the evidence's offset in the article: its anchor there is `#claim-START`
    id: int | None = None  # its number in the ledger
    review: str | None = None  # a person's verdict (`review.py`); None: as the machine found it


# What a figure shows of a claim: FigureClaim's fields that Claim has too, copied as they are.
SHOWN_FIELDS = tuple(f.name for f in fields(FigureClaim) if f.name in CLAIM_FIELDS)


@dataclass(frozen=True)
class PartyView:
    """What one party (or voice) says of a figure: its latest value and its range."""

    latest: float | None
    latest_high: float | None
    latest_date: str | None
    low: float | None
    high: float | None
    claims: int


@dataclass(frozen=True)
class Figure:
    figure: str  # the stored id: conflict/measure/group/scope[/place]
    label: str  # "killed — military personnel of Israel, since the ground operation — Israel–Hamas war"
    conflict: str | None
    conflict_name: str
    measure: str
    counted_group: str | None
    scope: str | None
    scope_text: str  # the scope in words: "since 7 October 2023", "on 22 January 2024"
    place_id: str | None  # a local figure's place; None for a national one
    place: str | None  # that place as its claims write it
    part_of: str | None  # the figure of the total this one is a part of
    cumulative: bool | None  # a running total (True), a window or event (False), held now (None)
    claims: tuple[FigureClaim, ...]
    by_party: dict[str, PartyView]  # real parties only
    voices: dict[str, PartyView]  # "outlet: X" for outlets' own voices, "unattributed"
    spread: float | None  # highest over lowest value at one time; None with fewer than two
    independent_sources: int

    @property
    def contested(self) -> bool:
        """Two parties give it, and it counts a named group."""
        return len(self.by_party) > 1 and bool(self.counted_group)


def figures(
    engine: Engine,
    filters: ClaimFilter | None = None,
    *,
    about: str | None = None,
    with_claims: bool = True,
    min_claims: int = 1,
    limit: int | None = None,
) -> list[Figure]:
    """The figures of the ledger's claims that pass `filters`, the most contested (most
    parties, then most claims) first.

    `about` keeps the figures whose label, conflict or counted words contain it;
    `min_claims` those with at least that many claims (2: only what can be compared, as
    `counterclaim compare` lists them); `limit` the most contested that many, which is
    what keeps a ledger of millions quick. The numbers come from the database
    (`store/aggregates.py`); `with_claims` adds each figure's claims, which a ledger of
    millions may not want.
    """
    filters = filters or ClaimFilter()
    rows, party_rows = aggregates.figure_and_party_rows(engine, filters, min_claims=min_claims, limit=limit)
    views: dict[str, dict[str, PartyRow]] = defaultdict(dict)
    for row in party_rows:
        views[row.figure][_shown_party(row.party)] = row
    if about:
        needle = about.lower()
        matching = aggregates.figure_ids(engine, filters, needle)
        rows = [r for r in rows if r.figure in matching or needle in _label(r).lower()]
    listed: dict[str, list[FigureClaim]] = defaultdict(list)
    if with_claims:
        for item in read_stored(engine, filters):
            if item.claim.figure:
                listed[item.claim.figure].append(shown(item.claim))
    found = [_figure(row, views[row.figure], listed[row.figure]) for row in rows]
    return sorted(found, key=lambda f: (not f.contested, -len(f.by_party),
                                        -sum(v.claims for v in (*f.by_party.values(), *f.voices.values())), f.figure))


def _figure(row: FigureRow, views: dict[str, PartyRow], claims: list[FigureClaim]) -> Figure:
    place_id = place_of(row.figure)
    running = bool(row.scope and row.scope.startswith("since-"))
    as_views = {party: PartyView(r.latest, r.latest_high, r.latest_date, r.low, r.high, r.claims)
                for party, r in sorted(views.items())}
    return Figure(
        figure=row.figure,
        label=_label(row),
        conflict=row.conflict,
        conflict_name=conflict_name(row.conflict),
        measure=row.measure,
        counted_group=_group_words(row),
        scope=row.scope,
        scope_text=scope_text(row.scope),
        place_id=place_id,
        place=row.place if place_id else None,
        part_of=row.part_of,
        cumulative=True if running else None if row.scope == "now" else False,
        claims=tuple(_revisions(sorted(claims, key=lambda c: (c.date or "", c.article)), running)),
        by_party={p: v for p, v in as_views.items() if _is_party(p)},
        voices={p: v for p, v in as_views.items() if not _is_party(p)},
        spread=_spread(list(views.values()), running or row.scope == "now"),
        independent_sources=row.independent_sources,
    )


def _group_words(row: FigureRow) -> str:
    """The figure's group as its claims name it where they all agree ("military personnel
    of Israel"), else the words of the figure's id ("people", for "Palestinians" and
    "people" killed in one toll)."""
    if row.counted_group and row.counted_group == row.other_group:
        return row.counted_group
    parts = row.figure.split("/")
    keyed = parts[parts.index(row.measure) + 1] if row.measure in parts[:-1] else ""
    return keyed.replace("-", " ") or row.counted_group or UNSPECIFIED


def _label(row: FigureRow) -> str:
    measure = MEASURE_WORDS.get(row.measure, row.measure)
    where = f" in {row.place}" if row.place and place_of(row.figure) else ""
    group = _group_words(row)
    return f"{measure} — {group}{where}, {scope_text(row.scope)} — {conflict_name(row.conflict)}"


@lru_cache(maxsize=65536)
def scope_text(scope: str | None) -> str:
    """A scope in words: "since 7 October 2023", "the week 19–26 January 2024"."""
    if not scope:
        return "scope unknown"
    if scope == "now":
        return "held at the time"
    if scope.startswith("since-"):
        start = scope.removeprefix("since-")
        return f"since {_day(start)}" if _is_day(start) else f"since the {start.replace('-', ' ')}"
    window = re.fullmatch(r"window-(\d{4}-\d\d-\d\d)-to-(\d{4}-\d\d-\d\d)", scope)
    if window:
        return f"{_day(window[1])} to {_day(window[2])}"
    if scope.startswith("event-in-"):
        return "one event of an undated article"
    day = scope.removeprefix("event-")
    return f"event of {_day(day)}" if _is_day(day) else scope


def _is_day(text: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d\d-\d\d", text))


def _day(iso: str) -> str:
    when = date.fromisoformat(iso)
    return f"{when.day} {when:%B %Y}"


def _shown_party(party: str) -> str:
    if party == "outlet":  # an article's own voice, its outlet unknown
        return f"{OUTLET_VOICE}unknown"
    return UNATTRIBUTED if party == "unlinked" else party


def _is_party(party: str) -> bool:
    return party != UNATTRIBUTED and not party.startswith(OUTLET_VOICE)


def _spread(rows: list[PartyRow], running: bool) -> float | None:
    """Highest value over lowest, between values of one time (see the module docstring)."""
    if running:
        dated = [(r.latest_date, r) for r in rows if r.latest is not None and r.latest_date]
        newest = max((day for day, _ in dated), default="")
        values = [v for day, r in dated if _days_between(day, newest) <= SAME_TIME_DAYS
                  for v in (r.latest, r.latest_high) if v is not None]
    else:
        values = [v for r in rows for v in (r.low, r.high) if v is not None]
    positive = [v for v in values if v > 0]
    if sum(r.claims for r in rows) < 2 or len(positive) < 2:
        return None
    return round(max(positive) / min(positive), 3)


def _days_between(a: str, b: str) -> int:
    return abs((date.fromisoformat(b) - date.fromisoformat(a)).days)


def _revisions(claims: list[FigureClaim], running: bool) -> list[FigureClaim]:
    """Flag, in a running total, a value lower than what the same source said before."""
    if not running:
        return claims
    highest: dict[str, float] = {}
    flagged = []
    for claim in claims:
        source = f"{claim.claimant}|{claim.outlet}" if claim.claimant == AUTHOR else claim.claimant
        value = claim.value
        if value is not None:
            if value < highest.get(source, float("-inf")):
                claim = replace(claim, revised_down=True)
            highest[source] = max(highest.get(source, value), value)
        flagged.append(claim)
    return flagged


def shown(claim: Claim) -> FigureClaim:
    """A stored claim as a figure (and the map) shows it."""
    values = {name: getattr(claim, name) for name in SHOWN_FIELDS}
    values["party"] = _shown_party(claim.party or UNATTRIBUTED)  # as stored: the same words on every page
    return FigureClaim(**values)
