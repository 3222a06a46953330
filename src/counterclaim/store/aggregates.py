"""The ledger's figures, counted by the database: what `compare` shows, at any size.

Each claim carries the figure it counts, decided at ingest (`figures.py`, migration 0007),
with its article's date, syndication group and party (migration 0002), so every number
here is a GROUP BY over the claims table alone, along the indexes that start with the
figure: ranges, the latest value of each party and the independent sources of a ledger of
a million claims come back in a second or two.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, case, func, literal, or_, select
from sqlalchemy.sql import Select

from counterclaim.model import AUTHOR
from counterclaim.store.db import ClaimFilter, claim_conditions, reading
from counterclaim.store.schema import claims


@dataclass(frozen=True)
class FigureRow:
    figure: str
    conflict: str | None
    measure: str
    scope: str | None
    counted_group: str | None  # the lowest and highest label of its claims' groups:
    other_group: str | None  # equal where every claim names its group alike
    place: str | None  # a local figure's place as its claims write it
    part_of: str | None
    claims: int
    independent_sources: int


@dataclass(frozen=True)
class PartyRow:
    figure: str
    party: str
    claims: int
    low: float | None
    high: float | None  # the highest value, the upper ends of ranges included
    latest: float | None
    latest_high: float | None
    latest_date: str | None


def figure_ids(engine: Engine, filters: ClaimFilter, text: str) -> set[str]:
    """The figures with a claim whose counted words, counted group or place (as its sentence
    writes it) contain `text`: "hostages", "Tamarel" (the label holds the conflict's name)."""
    needle = f"%{text.lower().replace('%', '').replace('_', '')}%"
    words = (claims.c.counted, claims.c.counted_group, claims.c.place)
    query = (select(claims.c.figure).distinct()
             .where(*_where(filters), or_(*(func.lower(column).like(needle) for column in words))))
    return {row.figure for row in _run(engine, query)}


def figure_and_party_rows(
    engine: Engine, filters: ClaimFilter, *, min_claims: int = 1, limit: int | None = None
) -> tuple[list[FigureRow], list[PartyRow]]:
    """One row per figure of at least `min_claims` claims, and one per figure and party;
    with `limit`, only that many figures, the ones most parties give first (then those
    with most claims, a named group before an unspecified one).

    A party row holds its claims with a value: counts, the range (a range's upper end
    included) and its latest value: that of its latest dated claim, the highest where one
    day has several. The independent sources of a figure are its distinct origins: a
    linked claimant once however many outlets quote it, an unlinked one by its name, and
    an outlet's own voice once per syndication group (ten outlets running one wire story
    are one). The figures are chosen along the index on (figure, party), and only the
    chosen ones are read further."""
    within = _chosen_figures(engine, filters, min_claims, limit)
    if within is None:
        return [], []
    return _figure_rows(engine, filters, within), _party_rows(engine, filters, within)


def _chosen_figures(engine: Engine, filters: ClaimFilter, min_claims: int, limit: int | None) -> list[Any] | None:
    """The condition that keeps the chosen figures (none: all), or None when none is chosen."""
    ranking = (
        select(claims.c.figure).where(*_where(filters)).group_by(claims.c.figure)
        .having(func.count() >= min_claims)
        .order_by(func.count(func.distinct(claims.c.party)).desc(), func.count().desc(),
                  claims.c.figure.like("%/unspecified%"), claims.c.figure)
        .limit(limit)
    )
    if limit is not None:
        chosen = [row.figure for row in _run(engine, ranking)]
        return [claims.c.figure.in_(chosen)] if chosen else None
    if min_claims > 1:
        return [claims.c.figure.in_(ranking.order_by(None).subquery().select())]
    return []


def _figure_rows(engine: Engine, filters: ClaimFilter, within: list[Any]) -> list[FigureRow]:
    origin = case(
        (claims.c.claimant_id.is_not(None), claims.c.claimant_id),
        (claims.c.claimant == AUTHOR, literal("voice:") + func.coalesce(claims.c.syndication, claims.c.article)),
        else_=literal("name:") + func.lower(claims.c.claimant),
    )
    figures = (
        select(
            claims.c.figure, func.min(claims.c.conflict).label("conflict"),
            func.min(claims.c.measure).label("measure"), func.min(claims.c.scope).label("scope"),
            func.min(claims.c.counted_group).label("counted_group"),
            func.max(claims.c.counted_group).label("other_group"), func.min(claims.c.place).label("place"),
            func.min(claims.c.part_of).label("part_of"), func.count().label("claims"),
            func.count(func.distinct(origin)).label("sources"),
        )
        .where(*_where(filters), *within).group_by(claims.c.figure)
    )
    return [FigureRow(r.figure, r.conflict, r.measure, r.scope, r.counted_group, r.other_group, r.place, r.part_of,
                      r.claims, r.sources) for r in _run(engine, figures)]


def _party_rows(engine: Engine, filters: ClaimFilter, within: list[Any]) -> list[PartyRow]:
    side = (claims.c.figure, claims.c.party)
    newest_first = (claims.c.date.is_(None), claims.c.date.desc(), claims.c.value.desc())
    ranked = (
        select(
            claims.c.figure, claims.c.party, claims.c.date, claims.c.value, claims.c.value_high,
            func.row_number().over(partition_by=side, order_by=newest_first).label("rank"),
            func.count().over(partition_by=side).label("valued"),
            func.min(claims.c.value).over(partition_by=side).label("low"),
            func.max(func.coalesce(claims.c.value_high, claims.c.value)).over(partition_by=side).label("high"),
        )
        .where(*_where(filters), *within, claims.c.value.is_not(None))
        .subquery()
    )
    return [PartyRow(r.figure, r.party, r.valued, r.low, r.high, r.value, r.value_high, r.date)
            for r in _run(engine, select(ranked).where(ranked.c.rank == 1))]


def _where(filters: ClaimFilter) -> list[Any]:
    return [claims.c.figure.is_not(None), *claim_conditions(filters)]


def _run(engine: Engine, query: Select[Any]) -> list[Any]:
    with reading(engine) as connection:
        return list(connection.execute(query))
