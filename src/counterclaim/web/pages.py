"""What each page shows, as plain dataclasses built from the ledger: the templates only
lay them out. An article's text is cut into plain and claimed pieces here, so that the
template escapes every piece and never marks any article text as safe.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, replace
from urllib.parse import quote, urlencode, urlsplit

from sqlalchemy import Engine

from counterclaim.compare import MEASURE_WORDS, Figure, FigureClaim, figures, shown
from counterclaim.conflicts import conflict_name
from counterclaim.framing import TermCount, term_counts
from counterclaim.model import REVIEW_STATES, Actor, Article, Claim
from counterclaim.store import (
    ArticleRow,
    ClaimFilter,
    LedgerSummary,
    claims_page,
    facet_counts,
    ledger_conflicts,
    list_articles,
    read_actor,
    read_article,
    read_claims,
    read_term_uses,
    summarise,
)
from counterclaim.web.cache import LedgerCache, once
from counterclaim.web.charts import Chart, figure_chart, map_spec, party_name, script_json
from counterclaim.web.reviewing import ClaimReview, ReviewTally, claim_reviews, figure_tally

PAGE_SIZE = 50
ARTICLES_PAGE = 100
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
    sources: dict[tuple[str, int], Claim]  # each claim as stored, by (article, start): its actor link and URL
    reviews: dict[int, ClaimReview]  # by claim id: its review state, corrections and history
    tally: ReviewTally  # "n of m claims checked"


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
class FacetValue:
    """One value of a facet: what choosing it leaves, and whether it is chosen."""

    value: str
    label: str  # as a reader names it: "Kalvania", "Israel–Hamas war"
    count: int  # claims that pass the other filters and have this value
    selected: bool


@dataclass(frozen=True)
class Chip:
    """An active filter, shown above the results; its link is this page without it."""

    label: str  # "party: Kalvania"
    href: str


@dataclass(frozen=True)
class ClaimsPage:
    claims: list[Claim]
    total: int
    filters: ClaimFilter
    sort: str
    descending: bool
    page: int
    pages: int
    facets: dict[str, list[FacetValue]]  # by filter field: party, measure, conflict, country, counted_group
    chips: list[Chip]
    query: list[tuple[str, str]]  # the filters, sort and order as query parameters (party repeated)
    reviews: dict[int, ClaimReview]  # by claim id: the corrected claims' machine values


@dataclass(frozen=True)
class ArticlesPage:
    articles: list[ArticleRow]
    total: int
    page: int
    pages: int


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
    heading: str  # its title, else its first line: never a file name
    outlet: str  # as stored, else the URL's host
    reviews: dict[int, ClaimReview]  # by claim id: its review state, corrections and history


@dataclass(frozen=True)
class ActorPage:
    actor: Actor
    names: list[str]
    claims: list[Claim]
    reviews: dict[int, ClaimReview]


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
    actor_name: str = ""  # as the actor base names it: "Ukraine", not "ukraine-state"


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
        known = read_actor(engine, actor_id)  # a term's actor may be one no claim links to: not stored
        tables.append(FramingTable(actor_id, sorted({c.outlet for c in found}), ordered,
                                   known[0].name if known else words_of_id(actor_id)))
    return tables


def words_of_id(actor_id: str) -> str:
    """An actor id as words, where the ledger has no name for it.

    >>> words_of_id("neutral-relief-committee"), words_of_id("~witnesses-in-bil-sarat")
    ('Neutral relief committee', 'Witnesses in bil sarat')
    """
    words = actor_id.lstrip("~").replace("-", " ")
    return words[:1].upper() + words[1:]


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


def figure_page(engine: Engine, figure_id: str, *, reviewing: bool = False) -> FigurePage | None:
    """A figure's page; `reviewing` (review mode) reads every claim's history, not only the reviewed ones'."""
    for figure in figures(engine, ClaimFilter(figure=figure_id)):
        # A figure's claims lack their actor link, URL and ledger number: read them as stored, once.
        stored = {(c.article, c.start): c for c in read_claims(engine, ClaimFilter(figure=figure_id))}
        return FigurePage(figure, figure_chart(figure, claim_link), stored,
                          claim_reviews(engine, stored.values(), with_history=reviewing),
                          figure_tally(engine, figure_id))
    return None


def claim_link(_index: int, claim: FigureClaim) -> str:
    """Where a figure's claim is shown: its article, at the claim's evidence."""
    anchor = f"#claim-{claim.start}" if claim.start is not None else ""
    return f"/articles/{quote(claim.article, safe='~')}{anchor}"


# The facets of the claims page: the filter field each counts, and the claims column.
FACET_FIELDS = {"conflict": "conflict", "measure": "measure", "parties": "party", "counted_group": "counted_group",
                "country": "country"}
REVIEW_WORDS = {"machine": "machine (not yet checked)", "verified": "verified", "corrected": "corrected",
                "rejected": "rejected (counted nowhere)"}
# Every filter of the claims page as its query parameter and the words of its chip.
FILTER_PARAMETERS = {"conflict": "conflict", "measure": "measure", "parties": "party", "party": "party",
                     "counted_group": "counted group", "claimant": "claimant", "claimant_named": "claimant",
                     "outlet": "outlet", "place": "place", "country": "country", "since": "from", "until": "to",
                     "search": "text", "figure": "figure", "review": "review"}


def filter_parameters(filters: ClaimFilter) -> list[tuple[str, str]]:
    """`filters` as query parameters, a chosen party each its own `party=`."""
    pairs: list[tuple[str, str]] = []
    for name, value in asdict(filters).items():
        if name not in FILTER_PARAMETERS or not value:
            continue
        parameter = {"parties": "party", "claimant_named": "claimant"}.get(name, name)
        pairs.extend((parameter, str(v)) for v in (value if isinstance(value, tuple | list) else [value]))
    return pairs


def value_label(field: str, value: str) -> str:
    """A filter's value as a reader names it."""
    if field in ("parties", "party"):
        return party_name(value)
    if field == "conflict":
        return conflict_name(value)
    if field == "measure":
        return MEASURE_WORDS.get(value, value)
    if field == "review":
        return REVIEW_WORDS.get(value, value)
    return value


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
    facets = {name: _facet(engine, filters, name, cache) for name in FACET_FIELDS}
    facets["review"] = _review_facet(engine, filters, cache)
    query = [*filter_parameters(filters), ("sort", sort), ("order", "desc" if descending else "asc")]
    return ClaimsPage(found, total, filters, sort, descending, page, pages, facets,
                      _chips(filters, query, found), query, claim_reviews(engine, found, with_history=False))


def _facet(engine: Engine, filters: ClaimFilter, name: str, cache: LedgerCache | None) -> list[FacetValue]:
    """The values of one facet counted under the other filters (its own left out, so that a
    second party can be added and another conflict chosen), the chosen ones always listed."""
    field = FACET_FIELDS[name]
    others: dict[str, object] = {"parties": (), "party": None} if name == "parties" else {name: None}
    unfiltered = replace(filters, **others)  # type: ignore[arg-type]
    counted = once(cache, ("facet", name, unfiltered), lambda: facet_counts(engine, unfiltered, field))
    chosen = set(filters.parties) | {filters.party} if name == "parties" else {getattr(filters, name)}
    values = [FacetValue(v, value_label(name, v), n, v in chosen) for v, n in counted]
    listed = {v.value for v in values}
    values += [FacetValue(v, value_label(name, v), 0, True) for v in sorted(c for c in chosen if c) if v not in listed]
    return values


def _review_facet(engine: Engine, filters: ClaimFilter, cache: LedgerCache | None) -> list[FacetValue]:
    """The claims of each review state under the other filters. Not a column's facet: an
    unchecked claim has no state stored, and a rejected one is left out unless asked for."""
    def count(state: str) -> int:
        chosen = replace(filters, review=state)
        return once(cache, ("review facet", chosen), lambda: claims_page(engine, chosen, limit=0)[1])

    return [FacetValue(state, REVIEW_WORDS[state], count(state), filters.review == state) for state in REVIEW_STATES]


def _chips(filters: ClaimFilter, query: list[tuple[str, str]], found: list[Claim]) -> list[Chip]:
    """One removable chip per active filter: the page's URL without that one parameter."""
    places = {c.place_id: c.place for c in found if c.place_id and c.place}
    chips = []
    for parameter, value in filter_parameters(filters):
        field = {"party": "parties", "claimant": "claimant_named"}.get(parameter, parameter)
        shown_value = places.get(value, value) if parameter == "place" else value_label(field, value)
        rest = [pair for pair in query if pair != (parameter, value)]
        chips.append(Chip(f"{FILTER_PARAMETERS[field]}: {shown_value}", "/claims?" + urlencode(rest)))
    return chips


def articles_index(engine: Engine, page: int) -> ArticlesPage:
    """One page of every stored article, the newest first."""
    found, total = list_articles(engine, limit=ARTICLES_PAGE, offset=(max(1, page) - 1) * ARTICLES_PAGE)
    pages = max(1, -(-total // ARTICLES_PAGE))
    if page > pages:
        page = pages
        found, total = list_articles(engine, limit=ARTICLES_PAGE, offset=(page - 1) * ARTICLES_PAGE)
    return ArticlesPage(found, total, max(1, page), pages)


def outlet_shown(outlet: str | None, url: str | None) -> str:
    """An article's outlet: as stored, else its URL's host (without "www."), else "outlet unknown".

    >>> outlet_shown(None, "https://www.reliefdesk.example/a/1"), outlet_shown("QPA", None), outlet_shown(None, None)
    ('reliefdesk.example', 'QPA', 'outlet unknown')
    """
    if outlet:
        return outlet
    try:
        host = urlsplit((url or "").strip()).hostname or ""
    except ValueError:
        host = ""
    return host.removeprefix("www.") or "outlet unknown"


HEADING_CHARS = 90


def article_heading(title: str | None, text: str, outlet: str | None, url: str | None, day: str | None) -> str:
    """What heads an article: its title, else its first line (cut at a word), else its outlet and date;
    never a file name.

    >>> article_heading(None, "Shelters fill up in the hills\\n\\nAid workers said ...", None, None, None)
    'Shelters fill up in the hills'
    >>> article_heading(None, "", "QPA", None, "2025-03-05")
    'An article of QPA, 2025-03-05'
    """
    if title and title.strip():
        return title.strip()
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first:
        if len(first) <= HEADING_CHARS:
            return first
        return first[:HEADING_CHARS].rsplit(" ", 1)[0] + " …"
    return f"An article of {outlet_shown(outlet, url)}, {day or 'date unknown'}"


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
    """An article with its claims (rejected ones too, marked) and each claim's review and history."""
    found = read_article(engine, article_id)
    if found is None:
        return None
    article, claims = found
    return ArticlePage(article, _pieces(article.text, claims), claims, web_url(article.url),
                       article_heading(article.title, article.text, article.outlet, article.url, article.date),
                       outlet_shown(article.outlet, article.url), claim_reviews(engine, claims))


def actor_page(engine: Engine, actor_id: str) -> ActorPage | None:
    found = read_actor(engine, actor_id)
    if found is None:
        return None
    actor, names = found
    linked = [c for c in read_claims(engine, ClaimFilter(claimant=actor_id)) if c.claimant_id == actor_id]
    return ActorPage(actor, names, linked, claim_reviews(engine, linked, with_history=False))


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


def web_url(url: str | None) -> str | None:
    """`url` where it may become a link (http or https), else None."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None
