"""One HTML file to send to an editor: every figure's chart and claims, nothing to fetch.

The report holds a table of contents, the same figures and charts as the web app's figure pages
(inline SVG, each point linked to its row of the claims table, each row's outlet linked to the
article's web address where it has one, and its review state), what share of the claims a person
has checked, a map of the claims with a place, and its framing tables
(the words each outlet uses for the most-named actors, headed by their names), with the style sheet
inside the file, and plotly.js and the map's data when there is a map, so it opens with no network.
Every piece of article text is escaped, as in the app.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from counterclaim.compare import FigureClaim, figures
from counterclaim.store import ClaimFilter, read_claims, summarise
from counterclaim.web.assets import package_file
from counterclaim.web.charts import figure_chart, map_spec, script_json
from counterclaim.web.pages import framing_tables, outlet_shown, web_url
from counterclaim.web.templating import templates


@dataclass(frozen=True)
class Reviewed:
    """How many of the report's claims a person has checked, by review state."""

    machine: int
    verified: int
    corrected: int
    rejected: int  # stored, but counted in no figure

    @property
    def total(self) -> int:
        return self.machine + self.verified + self.corrected + self.rejected

    @property
    def checked(self) -> int:
        return self.total - self.machine

    @property
    def share(self) -> float:
        return self.checked / self.total if self.total else 0.0


def render_report(engine: Engine, *, title: str = "counterclaim report", filters: ClaimFilter | None = None) -> str:
    """The report of the ledger (or of the claims that pass `filters`) as one HTML string."""
    found = figures(engine, filters)
    # A figure's claims do not carry their article's address or review state: read them from the claims as stored.
    stored = list(read_claims(engine, filters or ClaimFilter()))
    sources = {(c.article, c.start): url for c in stored if (url := web_url(c.url))}
    states = {(c.article, c.start): c.review or "machine" for c in stored}
    counted = Counter(c.review or "machine" for c in stored)
    rejected = sum(1 for _ in read_claims(engine, replace(filters or ClaimFilter(), review="rejected")))
    reviewed = Reviewed(counted["machine"], counted["verified"], counted["corrected"], rejected)
    environment = templates()
    environment.filters["host"] = lambda url: outlet_shown(None, url)
    located = map_spec([c for f in found for c in f.claims], [f.label for f in found for _ in f.claims])
    return environment.get_template("report.html").render(
        title=title,
        sources=sources,
        states=states,
        reviewed=reviewed,
        made=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        summary=summarise(engine),
        figures=[(figure, figure_chart(figure, _row_link(n), f"chart-{n}")) for n, figure in enumerate(found, start=1)],
        map=script_json(located) if located else None,
        style=package_file("style.css").decode("utf-8"),
        # An inlined script ends at the first "</script": keep plotly.js's own strings from ending it.
        plotly=package_file("plotly.min.js").decode("utf-8").replace("</script", "<\\/script") if located else "",
        charts=package_file("charts.js").decode("utf-8") if located else "",
        tables=framing_tables(engine),
    )


def _row_link(figure_number: int) -> Callable[[int, FigureClaim], str]:
    """A point of the report's n-th figure links to its claim's row in the table under it."""
    return lambda index, _claim: f"#c{figure_number}-{index}"


def write_report(engine: Engine, path: Path, **options: object) -> int:
    """Write the report to `path`; the number of figures in it."""
    html = render_report(engine, **options)  # type: ignore[arg-type]
    path.write_text(html, encoding="utf-8")
    return html.count('<section class="figure" id="figure-')
