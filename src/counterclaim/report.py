"""One HTML file to send to an editor: every figure's chart and claims, nothing to fetch.

The report holds the same figures and charts as the web app's figure pages, a map of
the claims with a place, and its framing tables (the words each outlet uses for the most-named actors), with the
style sheet, plotly.js and the chart data inside the file, so it opens with no network.
Every piece of article text is escaped, as in the app.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from counterclaim.compare import figures
from counterclaim.store import ClaimFilter, summarise
from counterclaim.web.app import templates
from counterclaim.web.assets import package_file
from counterclaim.web.charts import chart_json, map_spec, script_json
from counterclaim.web.pages import framing_tables


def render_report(engine: Engine, *, title: str = "counterclaim report", filters: ClaimFilter | None = None) -> str:
    """The report of the ledger (or of the claims that pass `filters`) as one HTML string."""
    found = figures(engine, filters)
    located = map_spec([c for f in found for c in f.claims], [f.label for f in found for _ in f.claims])
    return templates().get_template("report.html").render(
        title=title,
        made=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        summary=summarise(engine),
        figures=[(figure, chart_json(figure)) for figure in found],
        map=script_json(located) if located else None,
        style=package_file("style.css").decode("utf-8"),
        # An inlined script ends at the first "</script": keep plotly.js's own strings from ending it.
        plotly=package_file("plotly.min.js").decode("utf-8").replace("</script", "<\\/script"),
        charts=package_file("charts.js").decode("utf-8"),
        tables=framing_tables(engine),
    )


def write_report(engine: Engine, path: Path, **options: object) -> int:
    """Write the report to `path`; the number of figures in it."""
    html = render_report(engine, **options)  # type: ignore[arg-type]
    path.write_text(html, encoding="utf-8")
    return html.count('data-chart="chart-')
