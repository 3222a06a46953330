"""The ledger's figures, counted by the database: what `compare` shows, at any size.

Claims carry their article's date, syndication group, party and place (migrations 0002
and 0005), so every number here is a GROUP BY over the claims table alone, along the
indexes that start with (measure, counted group, place id): ranges, the latest value of
each party and the independent sources of a ledger of a million claims come back in a
second or two. Python only maps each stored key to its figure (`compare.py` decides: a
bare group "troops" joins the owned group it belongs with, a count "in Gaza" the national
figure) and assembles the result.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine, and_, case, func, or_, select
from sqlalchemy.sql import Select

from counterclaim.store.db import ClaimFilter, claim_conditions, reading
from counterclaim.store.schema import claims

FigureKey = tuple[str, str | None, str | None]  # (measure, counted group, local place id)
RawKey = tuple[str, str | None, str | None]  # (measure, counted group, place id) as stored


@dataclass(frozen=True)
class FigureRow:
    key: FigureKey
    claims: int
    low: float | None  # the lowest positive value
    high: float | None
    independent_sources: int
    cumulative: int  # claims that are running totals
    windows: int  # claims that are counts for a period


@dataclass(frozen=True)
class PartyRow:
    key: FigureKey
    party: str
    claims: int
    low: float | None
    high: float | None
    latest: float | None
    latest_date: str | None


def counted_keys(engine: Engine, filters: ClaimFilter, text: str) -> set[RawKey]:
    """The stored keys with a claim whose counted words contain `text`."""
    needle = text.lower().replace("%", "").replace("_", "")
    query = (select(claims.c.measure, claims.c.counted_group, claims.c.place_id).distinct()
             .where(*_where(filters), func.lower(claims.c.counted).like(f"%{needle}%")))
    return {(row.measure, row.counted_group, row.place_id) for row in _run(engine, query)}


def figure_and_party_rows(
    engine: Engine, filters: ClaimFilter, figure_of: Callable[[list[RawKey]], Mapping[RawKey, FigureKey]]
) -> tuple[list[FigureRow], list[PartyRow]]:
    """One row per figure and one per figure and party. `figure_of` (given every stored
    key found) says which figure each (measure, counted group, place id) belongs to: a
    bare group joins an owned one, a region-wide place joins the national figure.

    Two passes along the indexes: counts, ranges, the latest day and that day's highest
    value per stored key and party; distinct syndication groups per stored key. The
    figure rows are the sums of their party rows.
    """
    positive = case((claims.c.value > 0, claims.c.value))
    grouped = (
        select(
            claims.c.measure, claims.c.counted_group, claims.c.place_id, claims.c.party,
            func.count().label("claims"), func.count(claims.c.value).label("valued"),
            func.min(claims.c.value).label("low"), func.min(positive).label("positive_low"),
            func.max(claims.c.value).label("high"),
            func.sum(case((claims.c.cumulative.is_(True), 1), else_=0)).label("cumulative"),
            func.sum(case((claims.c.cumulative.is_(False), 1), else_=0)).label("windows"),
            func.max(case((claims.c.value.is_not(None), claims.c.date))).label("latest_date"),
        )
        .where(*_where(filters))
        .group_by(claims.c.measure, claims.c.counted_group, claims.c.place_id, claims.c.party)
        .subquery()
    )
    inner = claims.alias("same_day")
    latest = (  # the highest value of the latest day: one index lookup per row of `grouped`
        select(func.max(inner.c.value))
        .where(
            inner.c.measure == grouped.c.measure,
            inner.c.counted_group.is_not_distinct_from(grouped.c.counted_group),
            inner.c.place_id.is_not_distinct_from(grouped.c.place_id),
            inner.c.party == grouped.c.party,
            inner.c.date.is_not_distinct_from(grouped.c.latest_date),
            *claim_conditions(filters, inner),
        )
        .scalar_subquery()
    )
    counted = _run(engine, select(grouped, latest.label("latest")))
    owner = figure_of(sorted({(r.measure, r.counted_group, r.place_id) for r in counted}, key=str))
    figures: dict[FigureKey, FigureRow] = {}
    parties: dict[tuple[FigureKey, str], PartyRow] = {}
    members: dict[FigureKey, set[RawKey]] = defaultdict(set)
    for r in counted:
        raw = (r.measure, r.counted_group, r.place_id)
        key = owner.get(raw, raw)
        members[key].add(raw)
        figure = FigureRow(key, r.claims, r.positive_low, r.high, 0, r.cumulative or 0, r.windows or 0)
        figures[key] = _merge_figures(figures[key], figure) if key in figures else figure
        if r.valued:
            party = PartyRow(key, r.party, r.valued, r.low, r.high, r.latest, r.latest_date)
            parties[(key, r.party)] = _merge_parties(parties[(key, r.party)], party) if (key, r.party) in parties \
                else party
    sources = select(claims.c.measure, claims.c.counted_group, claims.c.place_id,
                     func.count(func.distinct(claims.c.syndication)).label("sources")
                     ).where(*_where(filters)).group_by(claims.c.measure, claims.c.counted_group, claims.c.place_id)
    for r in _run(engine, sources):
        raw = (r.measure, r.counted_group, r.place_id)
        key = owner.get(raw, raw)
        if members[key] == {raw}:
            figures[key] = replace(figures[key], independent_sources=r.sources)
    for key, raws in members.items():
        if len(raws) > 1:  # distinct sources do not add up: count them again over the members
            figures[key] = replace(figures[key], independent_sources=_sources(engine, filters, raws))
    return list(figures.values()), list(parties.values())


def _merge_figures(a: FigureRow, b: FigureRow) -> FigureRow:
    return FigureRow(a.key, a.claims + b.claims, _min(a.low, b.low), _max(a.high, b.high),
                     a.independent_sources + b.independent_sources, a.cumulative + b.cumulative,
                     a.windows + b.windows)


def _merge_parties(a: PartyRow, b: PartyRow) -> PartyRow:
    newer = b if (b.latest_date or "") > (a.latest_date or "") else a
    return PartyRow(a.key, a.party, a.claims + b.claims, _min(a.low, b.low), _max(a.high, b.high),
                    newer.latest, newer.latest_date)


def _sources(engine: Engine, filters: ClaimFilter, raws: Iterable[RawKey]) -> int:
    query = select(func.count(func.distinct(claims.c.syndication))).where(*_where(filters), or_(*[
        and_(claims.c.measure == measure, claims.c.counted_group.is_not_distinct_from(group),
             claims.c.place_id.is_not_distinct_from(place))
        for measure, group, place in raws
    ]))
    return int(_run(engine, query)[0][0])


def _where(filters: ClaimFilter) -> list[Any]:
    return [claims.c.measure != "other", *claim_conditions(filters)]


def _min(a: float | None, b: float | None) -> float | None:
    return min((v for v in (a, b) if v is not None), default=None)


def _max(a: float | None, b: float | None) -> float | None:
    return max((v for v in (a, b) if v is not None), default=None)


def _run(engine: Engine, query: Select[Any]) -> list[Any]:
    with reading(engine) as connection:
        return list(connection.execute(query))
