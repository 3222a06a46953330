"""The web app over a ledger: read-only pages, server-rendered with Jinja2.

Routes: `/` (overview), `/figures` (by conflict), `/figures/{id}`, `/claims` (every filter as a query
parameter, `format=csv|jsonl` to download), `/map` (located claims, the same filters),
`/articles/{id}`, `/actors/{id}`,
`/framing` (the words each outlet uses for each actor), `/healthz`, and `/assets/…`
(the style sheet, the chart script and plotly.js, all from the package).

Safety: templates escape everything (autoescape on, and no article text is ever marked
safe); chart data is JSON with <, > and & escaped; only http(s) source URLs become links;
every route only reads; no request path reaches the filesystem. With a `token`, every
request must carry it (`?token=`, which also sets a cookie, or `Authorization: Bearer`).
"""

from __future__ import annotations

import csv
import io
import json
import secrets
from dataclasses import asdict
from importlib import resources
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import Engine

from counterclaim.compare import figures
from counterclaim.model import figure_text
from counterclaim.store import SORTABLE, ClaimFilter, StoreError, open_store, shown_url
from counterclaim.web import pages
from counterclaim.web.charts import plotly_js

TOKEN_COOKIE = "counterclaim_token"
FIGURES_LISTED = 500  # the most contested first; a conflict filter narrows a large ledger


def templates() -> Environment:
    environment = Environment(loader=PackageLoader("counterclaim.web", "templates"),
                              autoescape=select_autoescape(default=True, default_for_string=True))
    environment.filters["figure"] = claim_figure
    environment.filters["latest"] = latest_value
    return environment


def latest_value(view: Any) -> str:
    """A party's latest value, with its upper end where it gave a range: "2,000–4,000"."""
    return figure_text(view.latest, view.latest_high, "exact") if view.latest is not None else "?"


def claim_figure(claim: Any) -> str:
    """ "more than 60", "20–30", "vague": a claim's (or a figure claim's) number."""
    return figure_text(claim.value, claim.value_high, claim.qualifier, getattr(claim, "unit", "count"))


def create_app(db: str, *, token: str | None = None) -> FastAPI:
    """The app over the ledger at `db`; with `token`, every request must carry it."""
    engine = open_store(db)
    environment = templates()
    app = FastAPI(title="counterclaim", docs_url=None, redoc_url=None, openapi_url=None)

    def render(name: str, **context: Any) -> HTMLResponse:
        return HTMLResponse(environment.get_template(name).render(db=shown_url(db), **context))

    def render_found(name: str, page: Any, what: str) -> HTMLResponse:
        if page is None:
            raise HTTPException(404, f"no such {what}")
        return render(name, page=page)

    @app.middleware("http")
    async def require_token(request: Request, call_next: Any) -> Response:
        if token is None:
            response: Response = await call_next(request)
            return response
        given = (request.query_params.get("token") or request.cookies.get(TOKEN_COOKIE)
                 or request.headers.get("authorization", "").removeprefix("Bearer ").strip())
        if not given or not secrets.compare_digest(given, token):
            return PlainTextResponse("a token is needed: add ?token=… to the address", status_code=401)
        response = await call_next(request)
        if request.query_params.get("token"):
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        return response

    @app.exception_handler(StoreError)
    async def store_error(_request: Request, error: StoreError) -> PlainTextResponse:
        return PlainTextResponse(str(error), status_code=500)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/", response_class=HTMLResponse)
    def overview(conflict: str | None = None) -> HTMLResponse:
        return render("overview.html", page=pages.overview(engine, conflict or None))

    @app.get("/figures", response_class=HTMLResponse)
    def figure_list(about: str | None = None, conflict: str | None = None) -> HTMLResponse:
        found = figures(engine, ClaimFilter(conflict=conflict or None), about=about or None, with_claims=False,
                        limit=FIGURES_LISTED)
        return render("figures.html", figures=found, about=about, conflict=conflict,
                      conflicts=pages.conflict_choices(engine))

    @app.get("/figures/{figure_id:path}", response_class=HTMLResponse)
    def figure(figure_id: str) -> HTMLResponse:
        return render_found("figure.html", pages.figure_page(engine, figure_id), "figure")

    @app.get("/claims", response_model=None)
    def claims(
        measure: str | None = None, party: str | None = None, claimant: str | None = None,
        outlet: str | None = None, since: str | None = None, until: str | None = None,
        search: str | None = None, place: str | None = None, country: str | None = None,
        conflict: str | None = None, figure: str | None = None,
        sort: str = "date", order: str = "desc", page: int = Query(1, ge=1), format: str = "html",
    ) -> Response:
        filters = ClaimFilter(measure=measure or None, party=party or None, claimant=claimant or None,
                              outlet=outlet or None, since=since or None, until=until or None,
                              search=search or None, place=place or None, country=country or None,
                              conflict=conflict or None, figure=figure or None)
        if sort not in SORTABLE:
            raise HTTPException(400, f"sort by one of {', '.join(SORTABLE)}")
        if format in ("csv", "jsonl"):
            return _download(engine, filters, format)
        listing = pages.claims_listing(engine, filters, sort=sort, descending=order != "asc", page=page)
        return render("claims.html", page=listing, query=_query(filters, sort, order))

    @app.get("/map", response_class=HTMLResponse)
    def claims_map(
        measure: str | None = None, party: str | None = None, country: str | None = None,
        since: str | None = None, until: str | None = None, conflict: str | None = None,
    ) -> HTMLResponse:
        filters = ClaimFilter(measure=measure or None, party=party or None, country=country or None,
                              since=since or None, until=until or None, conflict=conflict or None)
        return render("map.html", page=pages.map_page(engine, filters))

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(article_id: str) -> HTMLResponse:
        return render_found("article.html", pages.article_page(engine, article_id), "article")

    @app.get("/actors/{actor_id}", response_class=HTMLResponse)
    def actor(actor_id: str) -> HTMLResponse:
        return render_found("actor.html", pages.actor_page(engine, actor_id), "actor")

    @app.get("/framing", response_class=HTMLResponse)
    def framing(actor: str | None = None) -> HTMLResponse:
        return render("framing.html", tables=pages.framing_tables(engine, actor or None), actor=actor)

    @app.get("/assets/style.css")
    def style() -> Response:
        return Response(static_text("style.css"), media_type="text/css")

    @app.get("/assets/charts.js")
    def charts_js() -> Response:
        return Response(static_text("charts.js"), media_type="application/javascript")

    @app.get("/assets/plotly.min.js")
    def plotly() -> Response:
        return Response(plotly_js(), media_type="application/javascript",
                        headers={"Cache-Control": "max-age=86400"})

    return app


def static_text(name: str) -> str:
    """A file of the package's `static/` folder (a fixed name, never one from a request)."""
    return resources.files("counterclaim.web").joinpath("static", name).read_text("utf-8")


def _download(engine: Engine, filters: ClaimFilter, format: str) -> Response:
    from counterclaim.store import read_claims

    found = [asdict(claim) for claim in read_claims(engine, filters)]
    if format == "jsonl":
        body = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in found)
        return Response(body, media_type="application/x-ndjson",
                        headers={"Content-Disposition": 'attachment; filename="claims.jsonl"'})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(found[0]) if found else ["claim"], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(found)
    return Response(out.getvalue(), media_type="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="claims.csv"'})


def _query(filters: ClaimFilter, sort: str, order: str) -> dict[str, str]:
    """The current filter as query parameters, for links that keep it."""
    values = {**{k: v for k, v in asdict(filters).items() if v}, "sort": sort, "order": order}
    return {k: str(v) for k, v in values.items()}
