"""Which outlet published an article: from the URL host, or from a byline in the text.

The registry is `data/outlets.yaml` (host → name, country, ownership). An unknown host
gives no outlet; the URL itself is kept on the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from counterclaim.actors.base import yaml_data


@dataclass(frozen=True)
class Outlet:
    """One registry entry."""

    host: str
    name: str
    country: str
    ownership: str  # state | public | private | wire
    aliases: tuple[str, ...] = ()


@cache  # static package data: read once, never depends on the input
def registry() -> dict[str, Outlet]:
    """The outlet registry, keyed by host without "www."."""
    raw = yaml_data(resources.files("counterclaim.ingest").joinpath("data/outlets.yaml").read_text("utf-8"))
    return {
        host.lower(): Outlet(
            host=host.lower(),
            name=str(entry["name"]),
            country=str(entry["country"]),
            ownership=str(entry["ownership"]),
            aliases=tuple(str(a) for a in entry.get("aliases", ())),
        )
        for host, entry in raw["outlets"].items()
    }


def outlet_for_url(url: str | None) -> Outlet | None:
    """The registry entry for a URL's host or any parent domain of it.

    >>> outlet_for_url("https://edition.cnn.com/2024/01/01/world/x").name
    'CNN'
    >>> outlet_for_url("https://example.org/news") is None
    True
    """
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:  # a malformed URL is metadata we cannot use, not an error
        return None
    table = registry()
    parts = host.split(".")
    for i in range(len(parts) - 1):  # a.b.example.com, b.example.com, example.com
        if entry := table.get(".".join(parts[i:])):
            return entry
    return None


def outlet_by_name(name: str) -> str:
    """The registry's name for an outlet named in a byline, else the name as written.

    >>> outlet_by_name("AP")
    'Associated Press'
    >>> outlet_by_name("Addis Standard")
    'Addis Standard'
    """
    key = " ".join(name.split()).casefold()
    for entry in registry().values():
        if key == entry.name.casefold() or key in (a.casefold() for a in entry.aliases):
            return entry.name
    return " ".join(name.split()).strip(" .,;:")


def is_known_outlet(name: str) -> bool:
    """Whether the registry knows `name` as an outlet's name or alias."""
    key = " ".join(name.split()).casefold()
    return any(
        key == entry.name.casefold() or key in (a.casefold() for a in entry.aliases)
        for entry in registry().values()
    )
