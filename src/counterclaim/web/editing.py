"""Review mode's routes: logging in and out, a claim's verdict and corrections, merging and
splitting figures. Only `create_app(..., review=True)` adds them, and only with a token.

Every POST is refused with a 403 page, changing nothing, unless it carries a reviewer's
session cookie (`sessions.py`) and that session's CSRF token in its form. A claim's form
sends back the review version it was made from: an edit made on an older one answers 409
with the claim as it is now beside everything the reviewer sent, in a form to send again,
so that nothing typed is lost and nothing is overwritten. A form's answer sends the browser
back to the page it came from (a path of this server only).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from counterclaim.errors import CounterclaimError
from counterclaim.review import ReviewConflict, ReviewError, current_review, history, merge_figures, review_claim
from counterclaim.review import split_figure as split_claims
from counterclaim.store.db import read_claim
from counterclaim.web.cache import LedgerCache
from counterclaim.web.guard import ID_CHARS, LOGIN_PATH, TOKEN_COOKIE
from counterclaim.web.reviewing import FORM_FIELDS, Attempt, ClaimReview, attempt_of, corrected_fields
from counterclaim.web.sessions import SESSION_COOKIE, Session, Sessions, csrf_matches, set_cookie_header

FORM_BYTES = 64 * 1024  # a review form is a few hundred bytes; a body beyond this is no form of ours
Form = dict[str, list[str]]


@dataclass(frozen=True)
class Show:
    """How the app answers with a page: `page(name, status, request, **context)`, `error(status, message)`."""

    page: Callable[..., HTMLResponse]
    error: Callable[[int, str], HTMLResponse]


def add_review_routes(app: FastAPI, *, writer: Engine, sessions: Sessions, show: Show, cache: LedgerCache) -> None:
    """The login page and the routes that change the ledger, on `app`, writing through `writer`."""
    desk = Desk(writer, sessions, show, cache)
    _add_login(app, desk)
    _add_claim_review(app, desk)
    _add_figure_edits(app, desk)


@dataclass(frozen=True)
class Desk:
    """What review mode's routes work with: the ledger they write to, the reviewers'
    sessions, the app's pages and its page cache (told of every change)."""

    writer: Engine
    sessions: Sessions
    show: Show
    cache: LedgerCache

    def reviewer(self, request: Request, form: Form) -> Session | None:
        """The reviewer's session when the request may change something; None when it may not."""
        session = self.sessions.read(request.cookies.get(SESSION_COOKIE))
        return session if session is not None and csrf_matches(session, one(form, "csrf")) else None

    async def posted(self, request: Request) -> tuple[Form, Session | None]:
        """A POST's form, and the reviewer's session when the request may change something."""
        form = await read_form(request)
        return form, self.reviewer(request, form)

    def forbidden(self) -> HTMLResponse:
        return self.show.error(403, "Nothing was changed: this form needs a reviewer's login (at /login, with the "
                               "token) and the form's own security token. Reload the page you came from and try "
                               "again.")

    def claim_now(self, claim_id: int) -> ClaimReview | None:
        claim = read_claim(self.writer, claim_id)
        if claim is None:
            return None
        found = current_review(self.writer, claim_id)
        return ClaimReview(claim, found, corrected_fields(claim, found), history(self.writer, claim_id))

    def retry(self, request: Request, shown: ClaimReview, attempt: Attempt, status: int) -> HTMLResponse:
        return self.show.page("review_retry.html", status, request, item=shown, attempt=attempt)

    def attempt(self, change: Callable[[], Any]) -> HTMLResponse | None:
        """Make `change`; None when it was made, else a page saying why not."""
        try:
            change()
        except CounterclaimError as error:
            return self.show.error(400, f"Nothing was changed: {error}.")
        self.cache.changed()
        return None


def _add_login(app: FastAPI, desk: Desk) -> None:
    sessions, show = desk.sessions, desk.show

    @app.get(LOGIN_PATH, response_class=HTMLResponse)
    def login_page(request: Request, next: str = "/") -> HTMLResponse:
        return show.page("login.html", 200, request, next=local_path(next), problem=None)

    @app.post(LOGIN_PATH, response_class=HTMLResponse)
    async def log_in(request: Request) -> Response:
        form = await read_form(request)
        # No CSRF token here: the token typed into the form is itself the secret a forging page lacks.
        session = sessions.log_in(one(form, "token"), one(form, "name"))
        target = local_path(one(form, "next") or "/")
        if session is None:
            return show.page("login.html", 403, request, next=target,
                             problem="Wrong token, or no name: give the server's token and your name.")
        answer = RedirectResponse(target, status_code=303)
        answer.headers.append("Set-Cookie", set_cookie_header(SESSION_COOKIE, sessions.cookie_value(session),
                                                              sessions.lifetime_s))
        # The read token's cookie too, so that the pages open without ?token=.
        answer.headers.append("Set-Cookie", set_cookie_header(TOKEN_COOKIE, quote(sessions.token, safe=""),
                                                              sessions.lifetime_s))
        return answer

    @app.post("/logout")
    async def log_out(request: Request) -> Response:
        if desk.reviewer(request, await read_form(request)) is None:
            return desk.forbidden()
        answer = RedirectResponse(LOGIN_PATH, status_code=303)
        answer.headers.append("Set-Cookie", set_cookie_header(SESSION_COOKIE, "", 0))
        return answer


def _add_claim_review(app: FastAPI, desk: Desk) -> None:
    @app.post("/claims/{claim_id}/review")
    async def review(claim_id: int, request: Request) -> Response:
        form, session = await desk.posted(request)
        if session is None:
            return desk.forbidden()
        return await run_in_threadpool(_review_one, desk, claim_id, form, session.reviewer, request)


def _review_one(desk: Desk, claim_id: int, form: Form, reviewer: str, request: Request) -> Response:
    shown = desk.claim_now(claim_id)
    if shown is None:
        return desk.show.error(404, f"No claim {claim_id} in this ledger.")
    # A field the form left out is no change: the attempt shows the claim's own value there.
    names = (*FORM_FIELDS, *(f"was-{name}" for name in FORM_FIELDS), "verdict", "note", "version")
    fields = {name: one(form, name) for name in names if name in form}
    try:
        expected = int(fields.get("version", ""))
    except ValueError:
        return desk.show.error(400, "The form lacks the review version it was made from: reload the page.")
    now = shown.form_values()
    if expected != shown.version:
        return desk.retry(request, shown, attempt_of(fields, now, conflict_words(shown)), 409)
    # Only the fields the reviewer changed: the rest of the form shows the claim as it was.
    changes = {name: fields[name].strip() for name in FORM_FIELDS
               if name in fields and fields[name].strip() != now[name]}
    try:
        review_claim(desk.writer, claim_id, reviewer=reviewer, verdict=fields.get("verdict") or None,
                     changes=changes, note=fields.get("note", "").strip() or None, expected_version=expected)
    except ReviewConflict:  # another reviewer's edit landed between our read and our write
        found = desk.claim_now(claim_id)
        assert found is not None
        return desk.retry(request, found, attempt_of(fields, found.form_values(), conflict_words(found)), 409)
    except ReviewError as error:
        return desk.retry(request, shown, attempt_of(fields, now, str(error)), 400)
    desk.cache.changed()
    return RedirectResponse(f"{local_path(one(form, 'back'))}#review-{claim_id}", status_code=303)


def _add_figure_edits(app: FastAPI, desk: Desk) -> None:
    show = desk.show

    @app.post("/figures/merge")
    async def merge(request: Request) -> Response:
        form, session = await desk.posted(request)
        if session is None:
            return desk.forbidden()
        figure, into = one(form, "figure").strip(), one(form, "into").strip()
        if not figure or not into or len(into) > ID_CHARS:
            return show.error(400, "Give the id of the figure to merge this one into.")
        done = await run_in_threadpool(desk.attempt, lambda: merge_figures(
            desk.writer, figure, into, reviewer=session.reviewer, note=one(form, "note").strip() or None))
        return done or RedirectResponse(figure_path(into), status_code=303)

    @app.post("/figures/split")
    async def split(request: Request) -> Response:
        form, session = await desk.posted(request)
        if session is None:
            return desk.forbidden()
        new_figure = one(form, "new_figure").strip()
        try:
            chosen = [int(claim) for claim in form.get("claim", [])]
        except ValueError:
            return show.error(400, "A claim is chosen by its number.")
        if not chosen or not new_figure or len(new_figure) > ID_CHARS:
            return show.error(400, "Tick the claims to move, and give the new figure's id.")
        done = await run_in_threadpool(desk.attempt, lambda: split_claims(
            desk.writer, chosen, new_figure, reviewer=session.reviewer, note=one(form, "note").strip() or None))
        return done or RedirectResponse(figure_path(new_figure), status_code=303)


def conflict_words(shown: ClaimReview) -> str:
    who = f" by {shown.review.reviewer}" if shown.review else ""
    return (f"This claim was changed{who} after you opened it, so your change was not made. It is shown below as it "
            "is now, with everything you sent: check it, then send yours again.")


async def read_form(request: Request) -> Form:
    """The fields of a urlencoded form (each name's values in order); nothing for any other body."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {}
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > FORM_BYTES:
            return {}
    return parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=200)


def one(form: Form, name: str) -> str:
    values = form.get(name)
    return values[-1] if values else ""


def local_path(target: str) -> str:
    """`target` where it is a path of this server, else "/": a form never sends the browser elsewhere.

    >>> local_path("/figures/x?y=1#z"), local_path("//evil.example/"), local_path("https://evil.example/")
    ('/figures/x?y=1', '/', '/')
    """
    target = target.split("#", 1)[0]
    if not target.startswith("/") or target.startswith("//") or "\\" in target or any(ord(ch) < 32 for ch in target):
        return "/"
    return target


def figure_path(figure: str) -> str:
    return "/figures/" + quote(figure, safe="~")
