"""Figures: the claims about one quantity, side by side, party by party.

A figure is what is counted, what happened to it and, for a local count, where: measure ×
counted group × place ("killed — military personnel of Israel", "held — captives of
Israel", "killed — civilians · in Jabalia"). A count in a town, camp or crossing is a
figure apart from the national toll; one "in Gaza" or "in Donetsk Oblast" (a country or
region, `places.LOCAL_KINDS`) is the national toll as it is usually reported. Its claims keep their own periods:
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

from counterclaim.model import Claim
from counterclaim.places import local_place
from counterclaim.store import ClaimFilter, aggregates, read_stored
from counterclaim.store.aggregates import FigureKey, RawKey
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
    place: str | None  # as the sentence writes it
    place_id: str | None
    lat: float | None
    lon: float | None


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
    figure: str  # a stable id: measure/group, and /place for a local figure
    label: str
    measure: str
    counted_group: str | None
    place_id: str | None  # a local figure's place; None for a national one
    place: str | None  # that place's gazetteer name
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
    owners: dict[RawKey, FigureKey] = {}

    def figure_of(keys: list[RawKey]) -> dict[RawKey, FigureKey]:
        owners.update(_figure_keys(keys))
        return owners

    rows, party_rows = aggregates.figure_and_party_rows(engine, filters, figure_of)
    parties: dict[FigureKey, dict[str, PartyView]] = defaultdict(dict)
    for row in party_rows:
        parties[row.key][row.party] = PartyView(row.latest, row.latest_date, row.low, row.high, row.claims)
    if about:
        needle = about.lower()
        matching = {owners.get(k, k) for k in aggregates.counted_keys(engine, filters, needle)}
        rows = [r for r in rows if r.key in matching or needle in _label(r.key).lower()]
    listed: dict[FigureKey, list[FigureClaim]] = defaultdict(list)
    if with_claims:
        for item in read_stored(engine, filters):
            claim = item.claim
            if claim.measure != "other":
                raw = (claim.measure, claim.counted_group, claim.place_id)
                listed[owners.get(raw, raw)].append(shown(claim))
    found = [_figure(row, dict(sorted(parties[row.key].items())), listed[row.key]) for row in rows]
    return sorted(found, key=lambda f: (-len(f.by_party), -sum(v.claims for v in f.by_party.values()), f.figure))


def _figure_keys(keys: list[RawKey]) -> dict[RawKey, FigureKey]:
    """The figure of each stored key: the place only where it is local, and a bare group
    ("troops") joined to the one owned group of its measure ("military personnel of
    Israel"), where there is exactly one."""
    owned: dict[tuple[str, str], set[str]] = defaultdict(set)
    for measure, group, _ in keys:
        if group and " of " in group:
            owned[(measure, group.split(" of ", 1)[0])].add(group)
    figure: dict[RawKey, FigureKey] = {}
    for measure, group, place_id in keys:
        owners = owned.get((measure, group), set()) if group and " of " not in group else set()
        local = local_place(place_id)
        figure[(measure, group, place_id)] = (measure, next(iter(owners)) if len(owners) == 1 else group,
                                              local.id if local else None)
    return figure


def _label(key: FigureKey) -> str:
    measure, group, place_id = key
    place = local_place(place_id)
    return f"{measure} — {group or UNSPECIFIED}" + (f" · in {place.name}" if place else "")


def _figure(row: aggregates.FigureRow, by_party: dict[str, PartyView], claims: list[FigureClaim]) -> Figure:
    measure, group, place_id = row.key
    cumulative = True if row.cumulative == row.claims else False if row.windows == row.claims else None
    place = local_place(place_id)
    return Figure(
        figure=f"{measure}/{_slug(group or UNSPECIFIED)}" + (f"/{_slug(place.id)}" if place else ""),
        label=_label(row.key),
        measure=measure,
        counted_group=group,
        place_id=place.id if place else None,
        place=place.name if place else None,
        cumulative=cumulative,
        claims=tuple(sorted(claims, key=lambda c: (c.date or "", c.article))),
        by_party=by_party,
        spread=round(row.high / row.low, 3) if row.low and row.high and row.high != row.low else (
            1.0 if row.low and row.claims > 1 else None),
        independent_sources=row.independent_sources,
    )


def shown(claim: Claim) -> FigureClaim:
    """A stored claim as a figure (and the map) shows it."""
    return FigureClaim(
        value=claim.value, value_high=claim.value_high, qualifier=claim.qualifier, claimant=claim.claimant,
        claimant_party=claim.claimant_party, party=voice_of(claim, claim.outlet), outlet=claim.outlet, date=claim.date,
        period_start=claim.period_start, period_end=claim.period_end, cumulative=claim.cumulative,
        article=claim.article, sentence=claim.sentence, text=claim.text, counted=claim.counted,
        place=claim.place, place_id=claim.place_id, lat=claim.lat, lon=claim.lon,
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
