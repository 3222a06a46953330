"""The web app over a ledger: read-only pages, server-rendered with Jinja2.

Routes: `/` (overview), `/figures` (by conflict), `/figures/{id}`, `/claims` (every filter as a query
parameter, `party=` repeatable, with facet counts and removable chips; `format=csv|jsonl` to download),
`/map` (located claims, the same filters), `/articles` (every article), `/articles/{id}`, `/actors/{id}`,
`/framing` (the words each outlet uses for each actor), `/about` (how to read the pages), `/healthz`,
and `/assets/…`
(the style sheet, and the map's script and plotly.js, all from the package; figures' charts are
inline SVG drawn by the server).

Safety: templates escape everything (autoescape on, and no article text is ever marked
safe, and a figure's SVG chart is laid out by a template too); the map's data is JSON with <, >
and & escaped; only http(s) source URLs become links;
every route only reads; no request path reaches the filesystem. `guard.py` checks every
request first: the Host header must be a loopback name or one of `allowed_hosts` (against
DNS rebinding), and with a `token` (16 characters or more) every request must carry it
(`?token=`, which also sets a cookie, or `Authorization: Bearer`); every response carries
a Content-Security-Policy (frame-ancestors 'none'), nosniff, no-referrer and
X-Frame-Options: DENY.

Load: every query parameter is bounded (400 beyond); a search has a time limit (503 when
it runs out); the heavy pages are computed once per ledger state (`cache.py`); downloads
stream from the database a batch of rows at a time, at most `DOWNLOADS_AT_ONCE` at once and
`DOWNLOADS_WAITING` more waiting (503 with Retry-After beyond); the connection pool has a
connection for every thread that can ask for one. A database error is logged to stderr and
answered with a message that holds no SQL.

Review mode (`review=True`, which needs a token): every claim's page gets a review form,
a figure's page forms to merge and split it, and `/login` lets a reviewer in by the token
and their name; `editing.py` has those routes, `sessions.py` the session and CSRF checks.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from jinja2 import Environment
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from counterclaim.export import claim_csv_lines, jsonl_lines
from counterclaim.model import REVIEW_STATES
from counterclaim.store import SORTABLE, ClaimFilter, StoreError, ledger_version, open_store, read_claims, shown_url
from counterclaim.store.serving import is_timeout, open_reader, time_limit
from counterclaim.web import assets, pages
from counterclaim.web.cache import LedgerCache
from counterclaim.web.editing import Show, add_review_routes
from counterclaim.web.guard import ID_CHARS, Guard, allowed_names, check_token
from counterclaim.web.reviewing import CHOICES, FORM_FIELDS, Editing
from counterclaim.web.sessions import SESSION_COOKIE, Sessions
from counterclaim.web.templating import templates

ERROR_HEADINGS = {400: "Bad request", 403: "Not allowed", 404: "Not found", 405: "Method not allowed",
                  409: "Changed by someone else", 500: "The server failed", 503: "Busy: try again shortly"}
FIGURES_LISTED = 500  # the most contested first; a conflict filter narrows a large ledger
WORKER_THREADS = 40  # anyio's default thread limiter: how many sync routes FastAPI runs at once
DOWNLOADS_AT_ONCE = 4
DOWNLOADS_WAITING = 16  # more downloads wait this long for a turn; beyond, 503
DOWNLOAD_WAIT_S = 60.0
RETRY_AFTER_S = 10
QUERY_TIME_S = 5.0  # a search or a filtered page that takes longer is stopped: 503
MAX_PAGE = 100_000
MAX_PARTIES = 20  # parties chosen at once in the claims form
TEXT_CHARS = 200  # a filter longer than this is no name, place or search anyone types
SEARCH_WORDS = 32
DOWNLOAD_CHUNK = 64 * 1024

Text = Annotated[str | None, Query(max_length=TEXT_CHARS)]
Day = Annotated[str | None, Query(max_length=10, pattern=r"^(\d{4}-\d{2}-\d{2})?$")]


def ledger_shown(db: str) -> str:
    """The ledger as the page header names it: a file by its name (the server's folders are
    nobody's business), a server by its URL without the password."""
    return shown_url(db) if "://" in db else PurePath(db).name


@dataclass
class DownloadSlots:
    """At most `at_once` downloads stream at a time; `waiting` more wait up to `wait_s` for a turn."""

    at_once: int = DOWNLOADS_AT_ONCE
    waiting: int = DOWNLOADS_WAITING
    wait_s: float = DOWNLOAD_WAIT_S
    _slots: threading.Semaphore = field(init=False)
    _waiters: int = 0
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._slots = threading.Semaphore(self.at_once)

    def enter(self) -> bool:
        """Take a turn (waiting for one, if few wait already); False when there is none."""
        if self._slots.acquire(blocking=False):
            return True
        with self._guard:
            if self._waiters >= self.waiting:
                return False
            self._waiters += 1
        try:
            return self._slots.acquire(timeout=self.wait_s)
        finally:
            with self._guard:
                self._waiters -= 1

    def leave(self) -> None:
        self._slots.release()


class _Body(Iterator[bytes]):
    """The lines of a download in chunks; gives its turn back when done, abandoned or collected."""

    def __init__(self, lines: Iterable[str], leave: Callable[[], None]) -> None:
        self._lines = iter(lines)
        self._leave: Callable[[], None] | None = leave

    def __next__(self) -> bytes:
        if self._leave is None:
            raise StopIteration
        chunk: list[str] = []
        size = 0
        for line in self._lines:
            chunk.append(line)
            size += len(line)
            if size >= DOWNLOAD_CHUNK:
                break
        if not chunk:
            self.close()
            raise StopIteration
        return "".join(chunk).encode("utf-8")

    def close(self) -> None:
        leave, self._leave = self._leave, None
        if leave is not None:
            close = getattr(self._lines, "close", None)
            if close is not None:
                close()  # the generator's connection goes back to the pool now
            leave()

    def __del__(self) -> None:
        # A client that hangs up mid-download: the server drops the iterator without closing it.
        self.close()


def create_app(db: str, *, token: str | None = None, allowed_hosts: Iterable[str] = (),
               downloads: DownloadSlots | None = None, query_time_s: float = QUERY_TIME_S,
               review: bool = False) -> FastAPI:
    """The app over the ledger at `db`.

    With `token` (at least 16 characters, else ValueError), every request must carry it.
    Requests must name the server by a loopback name or one of `allowed_hosts`. `review`
    turns on editing (review mode), which needs a token even on a loopback address
    (ValueError without one) and a ledger this process can write.
    """
    check_token(token)
    if review and token is None:
        raise ValueError("review mode changes the ledger, so it always needs a token (--token SECRET), "
                         "even on 127.0.0.1")
    engine = open_reader(db, connections=WORKER_THREADS + DOWNLOADS_AT_ONCE)
    environment = templates()
    environment.globals.update(review_mode=review, review_fields=FORM_FIELDS, review_choices=CHOICES)
    site = Site(db, engine, LedgerCache(lambda: ledger_version(engine)), environment,
                Sessions(token) if review and token is not None else None, query_time_s)
    app = FastAPI(title="counterclaim", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.engine, app.state.cache = engine, site.cache
    assets.prepare_in_background()
    app.add_middleware(Guard, token=token, allowed_hosts=allowed_names(allowed_hosts), review=review)
    _add_error_pages(app, site)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    if site.sessions is not None:
        writer = open_store(db)
        if writer.url.query.get("mode") == "ro" or "immutable" in writer.url.query:
            raise ValueError(f"{ledger_shown(db)} cannot be written here, and review mode writes the reviews to it")
        app.state.writer = writer
        add_review_routes(app, writer=writer, sessions=site.sessions, cache=site.cache, show=Show(
            page=lambda name, status, request, **context: site.render(name, request, status, **context),
            error=lambda status, message: site.error_page(status, message)))
    _add_figure_pages(app, site)
    _add_claims_pages(app, site, downloads or DownloadSlots())
    _add_reading_pages(app, site)
    _add_assets(app)
    return app


@dataclass
class Site:
    """What every page of one app is made with: the ledger, its page cache, the templates,
    the reviewers' sessions (review mode only)."""

    db: str
    engine: Engine
    cache: LedgerCache
    environment: Environment
    sessions: Sessions | None
    query_time_s: float

    def editing(self, request: Request | None) -> Editing | None:
        """Review mode's part of the page for a logged-in reviewer; None for everyone else."""
        if self.sessions is None or request is None:
            return None
        session = self.sessions.read(request.cookies.get(SESSION_COOKIE))
        if session is None:
            return None
        return Editing(session.reviewer, session.csrf, _here(request))

    def render(self, name: str, request: Request | None = None, status: int = 200, **context: Any) -> HTMLResponse:
        page = self.environment.get_template(name).render(
            db=ledger_shown(self.db), editing=self.editing(request), here=_here(request) if request else "/", **context)
        return HTMLResponse(page, status_code=status)

    def render_found(self, name: str, page: Any, what: str, request: Request | None = None) -> HTMLResponse:
        if page is None:
            raise HTTPException(404, f"no such {what}")
        return self.render(name, request, page=page)

    def error_page(self, status: int, message: str, headers: dict[str, str] | None = None) -> HTMLResponse:
        heading = ERROR_HEADINGS.get(status, "Something went wrong")
        page = self.environment.get_template("error.html").render(
            db=ledger_shown(self.db), status=status, heading=heading, message=message)
        return HTMLResponse(page, status_code=status, headers=headers)

    def limited(self, read: Callable[[], Any]) -> Any:
        """`read()`, stopped with a StoreError past the app's query time limit."""
        with time_limit(self.query_time_s):
            return read()


def _here(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


def _add_error_pages(app: FastAPI, site: Site) -> None:
    """Every error as an HTML page that says what is wrong, never the server's details."""

    @app.exception_handler(StoreError)
    async def store_error(_request: Request, error: StoreError) -> HTMLResponse:
        if is_timeout(error):
            return site.error_page(503, f"The ledger took longer than {site.query_time_s:g} s to answer: narrow the "
                                   "search or the filters, or try again shortly.",
                                   headers={"Retry-After": str(RETRY_AFTER_S)})
        # The detail can hold SQL, a path or a server's name: for the log, not the page.
        print(f"counterclaim serve: {error}", file=sys.stderr)
        return site.error_page(500, "The ledger could not be read; the server's log says why.")

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(_request: Request, error: RequestValidationError) -> HTMLResponse:
        # Pydantic's own answer repeats the value given, however long: say only what is wrong.
        problems = "; ".join(f"{'.'.join(str(part) for part in e['loc'][1:])}: {e['msg']}" for e in error.errors())
        return site.error_page(400, f"Bad parameter: {problems}.")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> HTMLResponse:
        return site.error_page(error.status_code, f"{str(error.detail)[:1].upper()}{str(error.detail)[1:]}.",
                               headers=getattr(error, "headers", None))


def _add_figure_pages(app: FastAPI, site: Site) -> None:
    engine, cache = site.engine, site.cache

    @app.get("/", response_class=HTMLResponse)
    def overview(conflict: Text = None) -> HTMLResponse:
        return site.render("overview.html", page=pages.overview(engine, conflict or None, cache=cache))

    @app.get("/figures", response_class=HTMLResponse)
    def figure_list(about: Text = None, conflict: Text = None) -> HTMLResponse:
        _check_search(about)
        found = site.limited(lambda: pages.figure_list(engine, about or None, conflict or None,
                                                       limit=FIGURES_LISTED, cache=cache))
        return site.render("figures.html", figures=found, about=about, conflict=conflict,
                           conflicts=pages.conflict_choices(engine, cache=cache))

    @app.get("/figures/{figure_id:path}", response_class=HTMLResponse)
    def figure(figure_id: str, request: Request) -> HTMLResponse:
        if len(figure_id) > ID_CHARS:
            raise HTTPException(404, "no such figure")
        found = site.limited(lambda: pages.figure_page(engine, figure_id, reviewing=site.sessions is not None))
        return site.render_found("figure.html", found, "figure", request)


def _add_claims_pages(app: FastAPI, site: Site, slots: DownloadSlots) -> None:
    engine, cache = site.engine, site.cache

    @app.get("/claims", response_model=None)
    def claims(
        measure: Text = None, party: Annotated[list[str] | None, Query()] = None, claimant: Text = None,
        outlet: Text = None, since: Day = None, until: Day = None, search: Text = None, place: Text = None,
        country: Text = None, counted_group: Text = None, conflict: Text = None,
        figure: Annotated[str | None, Query(max_length=ID_CHARS)] = None, review: Text = None,
        sort: str = "date", order: str = "desc", page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
        format: str = "html",
    ) -> Response:
        _check_listing(sort, order, format, review)
        _check_day(since, "since")
        _check_day(until, "until")
        _check_search(search)
        filters = ClaimFilter(measure=measure or None, parties=_parties(party), claimant_named=claimant or None,
                              outlet=outlet or None, since=since or None, until=until or None,
                              search=search or None, place=place or None, country=country or None,
                              counted_group=counted_group or None, conflict=conflict or None, figure=figure or None,
                              review=review or None)
        if format != "html":
            return _download(engine, filters, format, slots)
        listing = site.limited(lambda: pages.claims_listing(engine, filters, sort=sort, descending=order != "asc",
                                                            page=page, cache=cache))
        return site.render("claims.html", page=listing, query=listing.query)

    @app.get("/map", response_class=HTMLResponse)
    def claims_map(measure: Text = None, party: Text = None, country: Text = None, since: Day = None,
                   until: Day = None, conflict: Text = None) -> HTMLResponse:
        _check_day(since, "since")
        _check_day(until, "until")
        filters = ClaimFilter(measure=measure or None, party=party or None, country=country or None,
                              since=since or None, until=until or None, conflict=conflict or None)
        return site.render("map.html", page=site.limited(lambda: pages.map_page(engine, filters, cache=cache)))


def _check_listing(sort: str, order: str, format: str, review: str | None) -> None:
    if sort not in SORTABLE:
        raise HTTPException(400, f"sort by one of {', '.join(SORTABLE)}")
    if order not in ("asc", "desc"):
        raise HTTPException(400, "order is asc or desc")
    if format not in ("html", "csv", "jsonl"):
        raise HTTPException(400, "format is html, csv or jsonl")
    if review and review not in REVIEW_STATES:
        raise HTTPException(400, f"review is one of {', '.join(REVIEW_STATES)}")


def _add_reading_pages(app: FastAPI, site: Site) -> None:
    """Articles, actors, framing and the page that says how to read the others."""
    engine = site.engine

    @app.get("/articles", response_class=HTMLResponse)
    def article_list(page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
        return site.render("articles.html", page=site.limited(lambda: pages.articles_index(engine, page)))

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse)
    def article(article_id: str, request: Request) -> HTMLResponse:
        if len(article_id) > ID_CHARS:
            raise HTTPException(404, "no such article")
        return site.render_found("article.html", pages.article_page(engine, article_id), "article", request)

    @app.get("/actors/{actor_id:path}", response_class=HTMLResponse)
    def actor(actor_id: str) -> HTMLResponse:
        if len(actor_id) > ID_CHARS:
            raise HTTPException(404, "no such actor")
        return site.render_found("actor.html", site.limited(lambda: pages.actor_page(engine, actor_id)), "actor")

    @app.get("/about", response_class=HTMLResponse)
    def about() -> HTMLResponse:
        return site.render("about.html")

    @app.get("/framing", response_class=HTMLResponse)
    def framing(actor: Text = None) -> HTMLResponse:
        tables = pages.framing_tables(engine, actor or None, cache=site.cache)
        return site.render("framing.html", tables=tables, actor=actor)


def _add_assets(app: FastAPI) -> None:
    """The app's own scripts and styles: content-hashed names, cached for a year, gzip
    where the browser takes it."""

    @app.get("/assets/{name}")
    def static_asset(name: str, request: Request) -> Response:
        found = assets.by_address().get(name)
        if found is None:
            raise HTTPException(404, "no such asset")
        made, cache_control = found
        headers = {"Cache-Control": cache_control, "ETag": made.etag, "Vary": "Accept-Encoding"}
        if request.headers.get("if-none-match") == made.etag:
            return Response(status_code=304, headers=headers)
        if "gzip" in request.headers.get("accept-encoding", "").lower():
            return Response(made.gzipped, media_type=made.media_type, headers={**headers, "Content-Encoding": "gzip"})
        return Response(made.body, media_type=made.media_type, headers=headers)


def _check_day(value: str | None, name: str) -> None:
    if value:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise HTTPException(400, f"{name} is a date, YYYY-MM-DD") from None


def _check_search(text: str | None) -> None:
    if text and len(re.findall(r"\w+", text)) > SEARCH_WORDS:
        raise HTTPException(400, f"search for at most {SEARCH_WORDS} words")


def _download(engine: Engine, filters: ClaimFilter, format: str, slots: DownloadSlots) -> Response:
    """The claims that pass `filters` as a file, streamed from the database as they are read."""
    if not slots.enter():
        raise HTTPException(503, "too many downloads at once: try again shortly",
                            headers={"Retry-After": str(RETRY_AFTER_S)})
    found = read_claims(engine, filters)
    lines = jsonl_lines(found) if format == "jsonl" else claim_csv_lines(found)
    media = "application/x-ndjson" if format == "jsonl" else "text/csv; charset=utf-8"
    return StreamingResponse(_Body(lines, slots.leave), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="claims.{format}"'})


def _parties(chosen: list[str] | None) -> tuple[str, ...]:
    """The parties of repeated `party=` parameters, each once, in the order given (400 beyond bounds)."""
    found = tuple(dict.fromkeys(p for p in chosen or () if p))
    if len(found) > MAX_PARTIES or any(len(p) > TEXT_CHARS for p in found):
        raise HTTPException(400, f"choose at most {MAX_PARTIES} parties, each at most {TEXT_CHARS} characters")
    return found
