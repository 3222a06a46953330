"""The ledger's figures, counted by the database: what `compare` shows, at any size.

Grouping, ranges, the latest value of each party and the independent sources are all
worked out in SQL (GROUP BY and a window function on the indexed measure and counted
group), so a ledger of a million claims compares in seconds; Python only assembles the
result (`compare.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Engine, String, and_, case, cast, func, literal, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.elements import ColumnElement

from counterclaim.model import AUTHOR
from counterclaim.store.db import ClaimFilter, StoreError, claim_conditions
from counterclaim.store.schema import articles, claims

FigureKey = tuple[str, str | None]  # (measure, counted group)


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


def figure_keys(engine: Engine, filters: ClaimFilter) -> list[FigureKey]:
    """The (measure, counted group) pairs of the claims that pass `filters`."""
    query = (select(claims.c.measure, claims.c.counted_group).distinct()
             .select_from(claims.join(articles, claims.c.article == articles.c.id))
             .where(*claim_conditions(filters), claims.c.measure != "other"))
    return [(row.measure, row.counted_group) for row in _run(engine, query)]


def counted_keys(engine: Engine, filters: ClaimFilter, text: str) -> set[FigureKey]:
    """The pairs with a claim whose counted words contain `text`."""
    needle = text.lower().replace("%", "").replace("_", "")
    query = (select(claims.c.measure, claims.c.counted_group).distinct()
             .select_from(claims.join(articles, claims.c.article == articles.c.id))
             .where(*claim_conditions(filters), func.lower(claims.c.counted).like(f"%{needle}%")))
    return {(row.measure, row.counted_group) for row in _run(engine, query)}


def figure_rows(engine: Engine, filters: ClaimFilter, adopted: Mapping[FigureKey, str]) -> list[FigureRow]:
    """One row per figure: its claims, the range of positive values, independent sources
    (syndication groups) and how many claims are running totals or windows."""
    group = figure_group(adopted)
    positive = case((claims.c.value > 0, claims.c.value))
    query = (
        select(
            claims.c.measure, group.label("group"), func.count().label("claims"),
            func.min(positive).label("low"), func.max(claims.c.value).label("high"),
            func.count(func.distinct(func.coalesce(articles.c.syndication, articles.c.id))).label("sources"),
            func.sum(case((claims.c.cumulative.is_(True), 1), else_=0)).label("cumulative"),
            func.sum(case((claims.c.cumulative.is_(False), 1), else_=0)).label("windows"),
        )
        .select_from(claims.join(articles, claims.c.article == articles.c.id))
        .where(*claim_conditions(filters), claims.c.measure != "other")
        .group_by(claims.c.measure, group)
    )
    return [
        FigureRow((r.measure, r.group), r.claims, r.low, r.high, r.sources, r.cumulative or 0, r.windows or 0)
        for r in _run(engine, query)
    ]


def party_rows(engine: Engine, filters: ClaimFilter, adopted: Mapping[FigureKey, str]) -> list[PartyRow]:
    """One row per figure and party: claims, range, and the value of the latest article."""
    group = figure_group(adopted)
    party = party_expression()
    ranked = (
        select(
            claims.c.measure, group.label("group"), party.label("party"), claims.c.value,
            articles.c.date,
            func.row_number().over(
                partition_by=(claims.c.measure, group, party),
                order_by=(articles.c.date.desc().nulls_last(), claims.c.period_end.desc().nulls_last(),
                          claims.c.id.desc()),
            ).label("rank"),
            func.count().over(partition_by=(claims.c.measure, group, party)).label("claims"),
            func.min(claims.c.value).over(partition_by=(claims.c.measure, group, party)).label("low"),
            func.max(claims.c.value).over(partition_by=(claims.c.measure, group, party)).label("high"),
        )
        .select_from(claims.join(articles, claims.c.article == articles.c.id))
        .where(*claim_conditions(filters), claims.c.measure != "other", claims.c.value.is_not(None))
        .subquery()
    )
    query = select(ranked).where(ranked.c.rank == 1)
    return [
        PartyRow((r.measure, r.group), r.party, r.claims, r.low, r.high, r.value, r.date)
        for r in _run(engine, query)
    ]


def figure_group(adopted: Mapping[FigureKey, str]) -> ColumnElement[str]:
    """The counted group of a claim's figure: its own, or the owned group it joins."""
    if not adopted:
        return claims.c.counted_group
    whens = [(and_(claims.c.measure == measure, claims.c.counted_group == group), owner)
             for (measure, group), owner in adopted.items()]
    return case(*whens, else_=claims.c.counted_group)


def party_expression() -> ColumnElement[str]:
    """The party a claim speaks for: its claimant's, else the outlet's own voice."""
    outlet_voice = func.coalesce(literal("outlet: ", String).concat(articles.c.outlet), "outlet")
    return case(
        (claims.c.claimant_party.is_not(None), claims.c.claimant_party),
        (claims.c.claimant == AUTHOR, outlet_voice),
        else_=cast(literal("unlinked"), String),
    )


def _run(engine: Engine, query: object) -> list:
    try:
        with engine.connect() as connection:
            return list(connection.execute(query))  # type: ignore[call-overload]
    except SQLAlchemyError as error:
        raise StoreError(f"cannot read the ledger: {error.__class__.__name__}: {error}") from error
