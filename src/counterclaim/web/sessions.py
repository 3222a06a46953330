"""Who is reviewing: the login of review mode, its signed session cookie and the CSRF token
of every form that changes the ledger.

A reviewer logs in at `/login` with the server's token and their name. The session cookie
(HttpOnly, SameSite=Strict, valid for `SESSION_HOURS`) holds the name, a CSRF token and
its expiry, signed with HMAC-SHA256 under a key made when the server starts: nobody can
forge one without that key, and a restart logs everyone out. Every form that changes
anything carries the session's CSRF token, compared in constant time; SameSite=Strict
already keeps other sites' pages from sending the cookie, the token also stops a page
that shares this site's origin by some other route.

>>> sessions = Sessions(token="correct horse battery staple")
>>> session = sessions.log_in("correct horse battery staple", " Ana Ruiz ")
>>> session.reviewer, sessions.read(sessions.cookie_value(session)) == session
('Ana Ruiz', True)
>>> sessions.log_in("wrong", "Ana") is None, sessions.read("forged.value")
(True, None)
"""

from __future__ import annotations

import base64
import hmac
import json
import secrets
import time
import unicodedata
from dataclasses import dataclass, field
from hashlib import sha256

SESSION_COOKIE = "counterclaim_session"
SESSION_HOURS = 12
NAME_CHARS = 80  # a reviewer's name as the log keeps it


@dataclass(frozen=True)
class Session:
    """A logged-in reviewer."""

    reviewer: str
    csrf: str  # the token every form of this session carries
    expires: int  # Unix time


@dataclass
class Sessions:
    """Logs reviewers in with `token` and reads their session cookies back."""

    token: str
    lifetime_s: int = SESSION_HOURS * 3600
    # Made per server: sessions end when it restarts, and the key is never stored anywhere.
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)

    def log_in(self, token: str, name: str) -> Session | None:
        """A new session for `name` when `token` is the server's; None otherwise or for a name
        that is no name (empty, too long, control characters)."""
        shown = reviewer_name(name)
        if not hmac.compare_digest(token.encode("utf-8"), self.token.encode("utf-8")) or shown is None:
            return None
        return Session(shown, secrets.token_urlsafe(32), int(time.time()) + self.lifetime_s)

    def cookie_value(self, session: Session) -> str:
        payload = _encode(json.dumps([session.reviewer, session.csrf, session.expires]).encode("utf-8"))
        return f"{payload}.{self._signature(payload)}"

    def read(self, value: str | None) -> Session | None:
        """The session of a cookie's `value`: None when it is missing, forged or expired."""
        payload, _, signature = (value or "").partition(".")
        if not payload or not hmac.compare_digest(signature.encode("ascii", "replace"),
                                                  self._signature(payload).encode("ascii")):
            return None
        try:
            reviewer, csrf, expires = json.loads(_decode(payload))
        except (ValueError, TypeError):
            return None
        if not isinstance(expires, int) or expires < time.time():
            return None
        return Session(str(reviewer), str(csrf), expires)

    def _signature(self, payload: str) -> str:
        return _encode(hmac.new(self.key, payload.encode("ascii", "replace"), sha256).digest())


def csrf_matches(session: Session, given: str | None) -> bool:
    """Whether a form's CSRF token is the session's (in constant time)."""
    return bool(given) and hmac.compare_digest((given or "").encode("utf-8"), session.csrf.encode("utf-8"))


def reviewer_name(name: str) -> str | None:
    """`name` as the review log keeps it (spaces trimmed), or None where it is no name.

    >>> reviewer_name("  Ana Ruiz "), reviewer_name(""), reviewer_name("Ana\\x00")
    ('Ana Ruiz', None, None)
    """
    name = " ".join(name.split())
    if not name or len(name) > NAME_CHARS or any(unicodedata.category(ch).startswith("C") for ch in name):
        return None
    return name


def set_cookie_header(name: str, value: str, max_age: int) -> str:
    """A Set-Cookie header value: never readable by scripts, never sent from another site."""
    return f"{name}={value}; HttpOnly; Path=/; SameSite=Strict; Max-Age={max_age}"


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
