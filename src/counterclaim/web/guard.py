"""What every request passes before a page is made, and what every response carries.

- The Host header must name this server (loopback names by default, any port): a page of
  another site that a browser reaches through DNS rebinding (`evil.example` resolving to
  127.0.0.1) sends `Host: evil.example` and is refused, token or not.
- With a token, the request must carry it: `?token=` (which also sets a cookie),
  the cookie, or `Authorization: Bearer …` (the scheme in any case). Tokens are compared
  as UTF-8 bytes in constant time, so a token in any script works and a wrong one in any
  script is a 401, not an error.
- HEAD is answered as GET without the body; OPTIONS with 204 and the methods served.
- In review mode (`review=True`, always with a token) the login page and the assets need
  no token (a reviewer types it there), a page asked for without one sends the browser to
  `/login`, and a POST passes to the app, which refuses it (403) without a reviewer's
  session and the form's CSRF token (`sessions.py`): the token alone never changes anything.
- Every response carries the security headers (`SECURITY_HEADERS`).
"""

from __future__ import annotations

import hmac
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, unquote

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_COOKIE = "counterclaim_token"
MIN_TOKEN_CHARS = 16
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
REVIEW_METHODS = "GET, HEAD, OPTIONS, POST"
LOGIN_PATH = "/login"
ID_CHARS = 500  # the longest figure, article or actor id a request may name

# The policy of the pages' <meta> tag, plus what only a header can say (frame-ancestors):
# the app's own scripts and plotly.js, inline styles (plotly sets them), data: images.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; connect-src 'none'; object-src 'none'; base-uri 'none'; "
                           "frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def check_token(token: str | None) -> None:
    """Raise ValueError for a token too short to be a secret."""
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise ValueError(f"the token must be at least {MIN_TOKEN_CHARS} characters long "
                         f"(this one has {len(token)}): use e.g. `python -c 'import secrets; "
                         "print(secrets.token_urlsafe())'`")


def host_name(value: str) -> str:
    """The name of a Host header without its port, lower case: "[::1]:8000" → "::1"."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else ""
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_names(names: Iterable[str]) -> frozenset[str]:
    """The loopback names and `names`, as `host_name` gives them (brackets and ports dropped)."""
    return LOOPBACK_HOSTS | {host_name(name) for name in names if name.strip()}


@dataclass
class Guard:
    """ASGI middleware: the Host allowlist, the token, HEAD and OPTIONS, the security headers."""

    app: ASGIApp
    token: str | None = None
    allowed_hosts: frozenset[str] = LOOPBACK_HOSTS
    review: bool = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        send = _with_security_headers(send)
        if host_name(request.headers.get("host", "")) not in self.allowed_hosts:
            await PlainTextResponse("this server does not answer to that host name", status_code=400)(
                scope, receive, send)
            return
        if self.token is not None and self._needs_token(scope):
            if not _carries(request, self.token.encode("utf-8")):
                if self.review and scope["method"] in ("GET", "HEAD"):
                    await RedirectResponse(f"{LOGIN_PATH}?next={quote(scope['path'], safe='/')}",
                                           status_code=303)(scope, receive, send)
                    return
                await PlainTextResponse("a token is needed: add ?token=… to the address",
                                        status_code=401)(scope, receive, send)
                return
            if "token" in request.query_params:
                send = _setting_cookie(send, self.token)
        if scope["method"] == "OPTIONS":
            methods = REVIEW_METHODS if self.review else ALLOWED_METHODS
            await Response(status_code=204, headers={"Allow": methods})(scope, receive, send)
            return
        if scope["method"] == "HEAD":
            # A copy: the server reads the method of its own scope to leave the body out too.
            scope, send = {**scope, "method": "GET"}, _without_body(send)
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception:
            if started:
                raise
            # Answered here rather than by Starlette's outer handler, so that this answer too
            # carries the security headers; the traceback goes to the server's log only.
            traceback.print_exc()
            await PlainTextResponse("the server failed to answer this request", status_code=500)(
                scope, receive, send)


    def _needs_token(self, scope: Scope) -> bool:
        if not self.review:
            return True
        # A POST is the app's to refuse (403, with a page) unless it carries a session and its
        # CSRF token; the login page and the style sheet are where a reviewer types the token.
        path = str(scope["path"])
        return scope["method"] != "POST" and path != LOGIN_PATH and not path.startswith("/assets/")


def _carries(request: Request, token: bytes) -> bool:
    given = [request.query_params.get("token", "").encode("utf-8"),
             unquote(request.cookies.get(TOKEN_COOKIE, "")).encode("utf-8")]
    for name, value in request.scope["headers"]:
        if name == b"authorization":  # the raw bytes: Starlette's str of a header is Latin-1
            scheme, _, rest = value.strip().partition(b" ")
            if scheme.lower() == b"bearer":
                given.append(rest.strip())
    # Every candidate is compared, so the time taken does not say which one was close.
    return sum(hmac.compare_digest(candidate, token) for candidate in given if candidate) > 0


def _with_security_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in SECURITY_HEADERS.items():
                if name not in headers:
                    headers.append(name, value)
        await send(message)
    return sending


def _setting_cookie(send: Send, token: str) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start" and message["status"] < 400:
            # Quoted: a cookie value is ASCII, and the token may not be.
            MutableHeaders(scope=message).append(
                "Set-Cookie", f"{TOKEN_COOKIE}={quote(token, safe='')}; HttpOnly; Path=/; SameSite=strict")
        await send(message)
    return sending


def _without_body(send: Send) -> Send:
    ended = False

    async def sending(message: Message) -> None:
        nonlocal ended
        if message["type"] != "http.response.body":
            await send(message)
        elif not ended:
            ended = True
            await send({"type": "http.response.body", "body": b"", "more_body": False})
    return sending
