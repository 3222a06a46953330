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

from sqlalchemy import Engine, case, func, literal, select
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
    counted_group: str | None
    place_id: str | None
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
    """The figures with a claim whose counted words contain `text`."""
    needle = text.lower().replace("%", "").replace("_", "")
    query = (select(claims.c.figure).distinct()
             .where(*_where(filters), func.lower(claims.c.counted).like(f"%{needle}%")))
    return {row.figure for row in _run(engine, query)}


def figure_and_party_rows(engine: Engine, filters: ClaimFilter) -> tuple[list[FigureRow], list[PartyRow]]:
    """One row per figure and one per figure and party, in two passes along the indexes.

    A party row holds its claims with a value: counts, the range (a range's upper end
    included) and the value of its latest day (the highest, where one day has several).
    The independent sources of a figure are its distinct origins: a linked claimant once
    however many outlets quote it, an unlinked one by its name, and an outlet's own voice
    once per syndication group (ten outlets running one wire story are one)."""
    top = func.coalesce(claims.c.value_high, claims.c.value)
    grouped = (
        select(
            claims.c.figure, claims.c.party,
            func.count(claims.c.value).label("valued"),
            func.min(claims.c.value).label("low"), func.max(top).label("high"),
            func.max(case((claims.c.value.is_not(None), claims.c.date))).label("latest_date"),
        )
        .where(*_where(filters))
        .group_by(claims.c.figure, claims.c.party)
        .subquery()
    )
    inner = claims.alias("same_day")

    def on_latest_day(column: Any) -> Any:  # one index lookup per row of `grouped`
        return (
            select(func.max(column))
            .where(inner.c.figure == grouped.c.figure, inner.c.party == grouped.c.party,
                   inner.c.date.is_not_distinct_from(grouped.c.latest_date), inner.c.value.is_not(None),
                   *claim_conditions(filters, inner))
            .scalar_subquery()
        )

    parties = [
        PartyRow(r.figure, r.party, r.valued, r.low, r.high, r.latest, r.latest_high, r.latest_date)
        for r in _run(engine, select(grouped, on_latest_day(inner.c.value).label("latest"),
                                     on_latest_day(inner.c.value_high).label("latest_high")))
        if r.valued
    ]
    origin = case(
        (claims.c.claimant_id.is_not(None), claims.c.claimant_id),
        (claims.c.claimant == AUTHOR, literal("voice:") + func.coalesce(claims.c.syndication, claims.c.article)),
        else_=literal("name:") + func.lower(claims.c.claimant),
    )
    figures = select(
        claims.c.figure, func.min(claims.c.conflict).label("conflict"), func.min(claims.c.measure).label("measure"),
        func.min(claims.c.scope).label("scope"), func.min(claims.c.counted_group).label("counted_group"),
        func.min(claims.c.place_id).label("place_id"), func.min(claims.c.part_of).label("part_of"),
        func.count().label("claims"), func.count(func.distinct(origin)).label("sources"),
    ).where(*_where(filters)).group_by(claims.c.figure)
    rows = [FigureRow(r.figure, r.conflict, r.measure, r.scope, r.counted_group, r.place_id, r.part_of, r.claims,
                      r.sources) for r in _run(engine, figures)]
    return rows, parties


def _where(filters: ClaimFilter) -> list[Any]:
    return [claims.c.measure != "other", claims.c.figure.is_not(None), *claim_conditions(filters)]


def _run(engine: Engine, query: Select[Any]) -> list[Any]:
    with reading(engine) as connection:
        return list(connection.execute(query))
