"""The Jinja environment of the web app's pages and of the static report, with the
filters their templates use: the report renders the same templates without the web app."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from counterclaim.model import figure_text
from counterclaim.web import assets, pages
from counterclaim.web.charts import party_name


def templates() -> Environment:
    """A new environment over the package's templates, HTML escaped everywhere."""
    environment = Environment(loader=PackageLoader("counterclaim.web", "templates"),
                              autoescape=select_autoescape(default=True, default_for_string=True))
    environment.filters["figure"] = claim_figure
    environment.filters["latest"] = latest_value
    environment.filters["path_part"] = path_part
    environment.filters["spread"] = spread_text
    environment.filters["party"] = party_name
    environment.filters["outlet"] = lambda item: pages.outlet_shown(item.outlet, getattr(item, "url", None))
    environment.filters["heading"] = lambda row: pages.article_heading(row.title, row.opening, row.outlet, row.url,
                                                                       row.date)
    environment.globals["asset"] = assets.asset_url
    return environment


def path_part(value: object) -> str:
    """`value` as one segment of a URL path: every reserved character, "/" too, percent-encoded.

    >>> path_part("war/killed/people of X@2024"), path_part("~al-quds")
    ('war%2Fkilled%2Fpeople%20of%20X%402024', '~al-quds')
    """
    return quote(str(value), safe="~")


def spread_text(spread: float | None) -> str:
    """A spread as a reader takes it in: "11×", "2.5×", "" for none.

    >>> spread_text(11.111), spread_text(2.5), spread_text(15000.0), spread_text(None)
    ('11×', '2.5×', '15,000×', '')
    """
    if not spread:
        return ""
    return f"{spread:,.0f}×" if spread >= 10 else f"{spread:.1f}×"


def latest_value(view: Any) -> str:
    """A party's latest value, with its upper end where it gave a range: "2,000–4,000"."""
    return figure_text(view.latest, view.latest_high, "exact") if view.latest is not None else "?"


def claim_figure(claim: Any) -> str:
    """ "more than 60", "20–30", "vague": a claim's (or a figure claim's) number."""
    return figure_text(claim.value, claim.value_high, claim.qualifier, getattr(claim, "unit", "count"))
