"""Figures: the claims about one quantity, side by side, party by party.

A figure is what is counted and what happened to it: measure × counted group ("killed —
military personnel of Israel", "held — captives of Israel"). Its claims keep their own periods:
a running total ("219 since the ground operation began") sits beside a count for a week
("more than 60 over the past week"), and `cumulative` says whether the figure's claims
are all running totals (True), all windows (False) or a mix or unknown (None).

A claim whose group names no owner ("troops", "hostages") joins the one figure of the
same measure and category that has an owner, where there is exactly one; otherwise it is
a figure of its own. Per party: the latest value (by article date) and the range. The
spread is the highest value over the lowest. Independent sources count the syndication
groups of the claims' articles once each: ten outlets running one wire story are one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Engine

from counterclaim.store import ClaimFilter, StoredClaim, aggregates, read_stored
from counterclaim.store.aggregates import FigureKey
from counterclaim.store.db import voice_of

UNSPECIFIED = "unspecified"


@dataclass(frozen=True)
class FigureClaim:
    """One claim as a figure shows it."""

    value: float | None
    value_high: float | None
    qualifier: str
    claimant: str
    claimant_party: str | None
    party: str  # the claimant's party, else the outlet's own voice ("outlet: X"), else "unlinked"
    outlet: str | None
    date: str | None
    period_start: str | None
    period_end: str | None
    cumulative: bool | None
    article: str
    sentence: str
    text: str
    counted: str


@dataclass(frozen=True)
class PartyView:
    """What one party says of a figure: its latest value and the range of its values."""

    latest: float | None
    latest_date: str | None
    low: float | None
    high: float | None
    claims: int


@dataclass(frozen=True)
class Figure:
    figure: str  # a stable id: measure/group
    label: str
    measure: str
    counted_group: str | None
    cumulative: bool | None
    claims: tuple[FigureClaim, ...]
    by_party: dict[str, PartyView]
    spread: float | None  # highest value over lowest; None with fewer than two values
    independent_sources: int


def figures(
    engine: Engine,
    filters: ClaimFilter | None = None,
    *,
    about: str | None = None,
    with_claims: bool = True,
) -> list[Figure]:
    """The figures of the ledger's claims that pass `filters`, the most contested (most
    parties, then most claims) first.

    `about` keeps the figures whose label or counted words contain it. The numbers come
    from the database (`store/aggregates.py`); `with_claims` adds each figure's claims,
    which a ledger of millions may not want.
    """
    filters = filters or ClaimFilter()
    joins: dict[FigureKey, str] = {}

    def join_groups(keys: list[FigureKey]) -> dict[FigureKey, str]:
        joins.update(_joined_groups(keys))
        return joins

    rows, party_rows = aggregates.figure_and_party_rows(engine, filters, join_groups)
    parties: dict[FigureKey, dict[str, PartyView]] = defaultdict(dict)
    for row in party_rows:
        parties[row.key][row.party] = PartyView(row.latest, row.latest_date, row.low, row.high, row.claims)
    if about:
        needle = about.lower()
        matching = {_joined(k, joins) for k in aggregates.counted_keys(engine, filters, needle)}
        rows = [r for r in rows if r.key in matching or needle in _label(*r.key).lower()]
    listed: dict[FigureKey, list[FigureClaim]] = defaultdict(list)
    if with_claims:
        for item in read_stored(engine, filters):
            if item.claim.measure != "other":
                listed[_joined((item.claim.measure, item.claim.counted_group), joins)].append(_shown(item))
    found = [_figure(row, dict(sorted(parties[row.key].items())), listed[row.key]) for row in rows]
    return sorted(found, key=lambda f: (-len(f.by_party), -sum(v.claims for v in f.by_party.values()), f.figure))


def _joined_groups(keys: list[FigureKey]) -> dict[FigureKey, str]:
    """Bare groups ("troops") and the one owned group of their measure they join."""
    owned: dict[tuple[str, str], set[str]] = defaultdict(set)
    for measure, group in keys:
        if group and " of " in group:
            owned[(measure, group.split(" of ", 1)[0])].add(group)
    return {
        (measure, group): next(iter(owned[(measure, group)]))
        for measure, group in keys
        if group and " of " not in group and len(owned.get((measure, group), ())) == 1
    }


def _joined(key: FigureKey, joined_groups: dict[FigureKey, str]) -> FigureKey:
    return (key[0], joined_groups.get(key, key[1]))


def _label(measure: str, group: str | None) -> str:
    return f"{measure} — {group or UNSPECIFIED}"


def _figure(row: aggregates.FigureRow, by_party: dict[str, PartyView], claims: list[FigureClaim]) -> Figure:
    measure, group = row.key
    cumulative = True if row.cumulative == row.claims else False if row.windows == row.claims else None
    return Figure(
        figure=f"{measure}/{_slug(group or UNSPECIFIED)}",
        label=_label(measure, group),
        measure=measure,
        counted_group=group,
        cumulative=cumulative,
        claims=tuple(sorted(claims, key=lambda c: (c.date or "", c.article))),
        by_party=by_party,
        spread=round(row.high / row.low, 3) if row.low and row.high and row.high != row.low else (
            1.0 if row.low and row.claims > 1 else None),
        independent_sources=row.independent_sources,
    )


def _shown(item: StoredClaim) -> FigureClaim:
    claim = item.claim
    return FigureClaim(
        value=claim.value, value_high=claim.value_high, qualifier=claim.qualifier, claimant=claim.claimant,
        claimant_party=claim.claimant_party, party=voice_of(claim, claim.outlet), outlet=claim.outlet, date=claim.date,
        period_start=claim.period_start, period_end=claim.period_end, cumulative=claim.cumulative,
        article=claim.article, sentence=claim.sentence, text=claim.text, counted=claim.counted,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
