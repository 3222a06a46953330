"""What each page shows, as plain dataclasses built from the ledger: the templates only
lay them out. An article's text is cut into plain and claimed pieces here, so that the
template escapes every piece and never marks any article text as safe.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit

from sqlalchemy import Engine

from counterclaim.compare import Figure, FigureClaim, figures, shown
from counterclaim.conflicts import conflict_name
from counterclaim.framing import TermCount, term_counts
from counterclaim.model import Actor, Article, Claim
from counterclaim.store import (
    ClaimFilter,
    LedgerSummary,
    claims_page,
    ledger_conflicts,
    read_actor,
    read_article,
    read_claims,
    read_term_uses,
    summarise,
)
from counterclaim.web.cache import LedgerCache, once
from counterclaim.web.charts import Chart, figure_chart, map_spec, script_json

PAGE_SIZE = 50
TOP_FIGURES = 10
MAP_POINTS = 3_000  # the latest located claims; more only blur the map and slow the page


@dataclass(frozen=True)
class Overview:
    summary: LedgerSummary
    contested: list[Figure]  # the figures with the largest spread between parties
    conflict: str | None  # the conflict they are of, None for all
    conflicts: list[tuple[str, str]]  # (id, name) of the conflicts in the ledger


@dataclass(frozen=True)
class FigurePage:
    figure: Figure
    chart: Chart  # drawn by templates/_chart.html as inline SVG


@dataclass(frozen=True)
class PlaceCount:
    place_id: str
    place: str  # as the first claim there writes it
    country: str | None
    claims: int


@dataclass(frozen=True)
class MapPage:
    map: str | None  # JSON for Plotly.newPlot, safe inside <script>; None when no claim is located
    shown: int
    located: int  # claims with coordinates that pass the filters
    places: list[PlaceCount]  # the places of the shown claims, most claims first
    filters: ClaimFilter
    parties: list[str]
    measures: list[str]
    conflicts: list[tuple[str, str]]


@dataclass(frozen=True)
class ClaimsPage:
    claims: list[Claim]
    total: int
    filters: ClaimFilter
    sort: str
    descending: bool
    page: int
    pages: int
    parties: list[str]
    measures: list[str]
    conflicts: list[tuple[str, str]]  # (id, name) of the conflicts in the ledger


@dataclass(frozen=True)
class Piece:
    """A run of article text; `claim` is set where the run is a claim's evidence."""

    text: str
    claim: Claim | None = None
    anchors: tuple[int, ...] = ()  # the starts of claims inside this one's evidence: `#claim-N` still finds them


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    pieces: list[Piece]
    claims: list[Claim]
    source_url: str | None  # only an http(s) URL; anything else is not linked


@dataclass(frozen=True)
class ActorPage:
    actor: Actor
    names: list[str]
    claims: list[Claim]


@dataclass(frozen=True)
class FramingRow:
    term: str
    term_class: str
    cells: dict[str, TermCount]  # by outlet


@dataclass(frozen=True)
class FramingTable:
    """One actor: outlets as columns, terms as rows."""

    actor: str
    outlets: list[str]
    rows: list[FramingRow]


def framing_tables(engine: Engine, actor: str | None = None, *, limit: int = 8,
                   cache: LedgerCache | None = None) -> list[FramingTable]:
    """The framing tables of `actor`, or of the `limit` actors with the most term uses."""
    return once(cache, ("framing", actor, limit), lambda: _framing_tables(engine, actor, limit))


def _framing_tables(engine: Engine, actor: str | None, limit: int) -> list[FramingTable]:
    counts = term_counts(read_term_uses(engine, actor=actor))
    by_actor: dict[str, list[TermCount]] = defaultdict(list)
    for count in counts:
        by_actor[count.actor].append(count)
    ranked = sorted(by_actor.items(), key=lambda item: -sum(c.count for c in item[1]))[:limit]
    tables = []
    for actor_id, found in ranked:
        rows: dict[str, FramingRow] = {}
        for count in found:
            row = rows.setdefault(count.term, FramingRow(count.term, count.term_class, {}))
            row.cells[count.outlet] = count
        ordered = sorted(rows.values(), key=lambda r: (r.term_class == "name", -sum(c.count for c in r.cells.values())))
        tables.append(FramingTable(actor_id, sorted({c.outlet for c in found}), ordered))
    return tables


def overview(engine: Engine, conflict: str | None = None, *, cache: LedgerCache | None = None) -> Overview:
    def compute() -> Overview:
        found = figures(engine, ClaimFilter(conflict=conflict), with_claims=False, min_claims=2,
                        limit=TOP_FIGURES * 10)
        contested = sorted((f for f in found if f.contested and f.spread),
                           key=lambda f: -(f.spread or 0))[:TOP_FIGURES]
        return Overview(_summary(engine, cache), contested, conflict, conflict_choices(engine, cache=cache))

    return once(cache, ("overview", conflict), compute)


def figure_list(engine: Engine, about: str | None, conflict: str | None, *, limit: int,
                cache: LedgerCache | None = None) -> list[Figure]:
    """The figures of the ledger (of one conflict, about some words), the most contested first."""
    return once(cache, ("figures", about, conflict, limit),
                lambda: figures(engine, ClaimFilter(conflict=conflict), about=about, with_claims=False, limit=limit))


def conflict_choices(engine: Engine, *, cache: LedgerCache | None = None) -> list[tuple[str, str]]:
    """The conflicts the ledger's claims belong to, as (id, name), for a filter."""
    return once(cache, "conflicts",
                lambda: [(conflict, conflict_name(conflict)) for conflict in ledger_conflicts(engine)])


def figure_page(engine: Engine, figure_id: str) -> FigurePage | None:
    for figure in figures(engine, ClaimFilter(figure=figure_id)):
        return FigurePage(figure, figure_chart(figure, claim_link))
    return None


def claim_link(_index: int, claim: FigureClaim) -> str:
    """Where a figure's claim is shown: its article, at the claim's evidence."""
    anchor = f"#claim-{claim.start}" if claim.start is not None else ""
    return f"/articles/{quote(claim.article, safe='~')}{anchor}"


def claims_listing(engine: Engine, filters: ClaimFilter, *, sort: str, descending: bool, page: int,
                   cache: LedgerCache | None = None) -> ClaimsPage:
    page = max(1, page)
    found, total = claims_page(engine, filters, sort=sort, descending=descending, limit=PAGE_SIZE,
                               offset=(page - 1) * PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    if page > pages:  # past the end (an old link, a narrower filter): the last page, not "page 99 of 8"
        page = pages
        found, total = claims_page(engine, filters, sort=sort, descending=descending, limit=PAGE_SIZE,
                                   offset=(page - 1) * PAGE_SIZE)
    summary = _summary(engine, cache)
    return ClaimsPage(found, total, filters, sort, descending, page, pages,
                      summary.parties, sorted(summary.claims_by_measure), conflict_choices(engine, cache=cache))


def map_page(engine: Engine, filters: ClaimFilter, *, cache: LedgerCache | None = None) -> MapPage:
    """The latest located claims that pass `filters`, on the map and counted by place."""
    found, located = claims_page(engine, replace(filters, located=True), sort="date", limit=MAP_POINTS)
    named: dict[str, tuple[str, str | None]] = {}
    counts: Counter[str] = Counter()
    for claim in found:
        if claim.place_id:
            named.setdefault(claim.place_id, (claim.place or claim.place_id, claim.country))
            counts[claim.place_id] += 1
    spec = map_spec([shown(claim) for claim in found])
    summary = _summary(engine, cache)
    return MapPage(script_json(spec) if spec else None, len(found), located,
                   [PlaceCount(place_id, *named[place_id], n) for place_id, n in counts.most_common()],
                   filters, summary.parties, sorted(summary.claims_by_measure), conflict_choices(engine, cache=cache))


def article_page(engine: Engine, article_id: str) -> ArticlePage | None:
    found = read_article(engine, article_id)
    if found is None:
        return None
    article, claims = found
    return ArticlePage(article, _pieces(article.text, claims), claims, _web_url(article.url))


def actor_page(engine: Engine, actor_id: str) -> ActorPage | None:
    found = read_actor(engine, actor_id)
    if found is None:
        return None
    actor, names = found
    return ActorPage(actor, names, [c for c in read_claims(engine, ClaimFilter(claimant=actor_id))
                                    if c.claimant_id == actor_id])


def _summary(engine: Engine, cache: LedgerCache | None) -> LedgerSummary:
    """The ledger's summary, read again only when an article has been stored since."""
    return once(cache, "summary", lambda: summarise(engine))


def _pieces(text: str, claims: list[Claim]) -> list[Piece]:
    """The text cut at the claims' evidence spans (overlaps: the first span wins, and the
    claims inside it become anchors of its piece, so that every claim's link lands)."""
    pieces: list[Piece] = []
    at = 0
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if claim.end > len(text):
            continue
        if claim.start < at:
            last = pieces[-1]
            if last.claim is not None and claim.start != last.claim.start and claim.start not in last.anchors:
                pieces[-1] = replace(last, anchors=(*last.anchors, claim.start))
            continue
        if claim.start > at:
            pieces.append(Piece(text[at:claim.start]))
        pieces.append(Piece(text[claim.start:claim.end], claim))
        at = claim.end
    pieces.append(Piece(text[at:]))
    return pieces


def _web_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None
