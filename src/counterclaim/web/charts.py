"""One chart per figure, the same in the web app and in the report.

Each party's claimed values over time (article date) as points, one colour per party;
the qualifier shows in the marker: a filled circle for an exact figure, an open circle
for "about", a triangle pointing up for "more than / at least" and down for "fewer than /
at most"; a range ("between 20 and 30") is a bar from its low to its high value. The
chart is drawn by plotly.js, which ships inside the `plotly` Python package: nothing is
fetched from the network, and the report carries the script inline.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, timedelta
from functools import cache
from typing import Any

from counterclaim.compare import Figure, FigureClaim
from counterclaim.model import figure_text

MARKERS = {"exact": "circle", "approx": "circle-open", "range": "line-ns-open", "over": "triangle-up-open",
           "at_least": "triangle-up-open", "under": "triangle-down-open", "at_most": "triangle-down-open"}
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")


def chart_spec(figure: Figure) -> dict[str, Any]:
    """The plotly data and layout of `figure`'s chart, as plain JSON-able values."""
    by_party: dict[str, list[FigureClaim]] = defaultdict(list)
    for claim in figure.claims:
        if claim.value is not None:
            by_party[claim.party].append(claim)
    traces: list[dict[str, Any]] = []
    for index, (party, claims) in enumerate(sorted(by_party.items())):
        colour = PALETTE[index % len(PALETTE)]
        ranged = [c for c in claims if c.value_high is not None]
        traces.append({
            "type": "scatter", "mode": "markers", "name": party,
            "x": [c.date or c.period_end for c in claims], "y": [c.value for c in claims],
            "marker": {"color": colour, "size": 11, "symbol": [MARKERS.get(c.qualifier, "circle") for c in claims],
                       "line": {"width": 2, "color": colour}},
            "text": [f"{figure_text(c.value, c.value_high, c.qualifier)} — {c.claimant} ({c.outlet or 'no outlet'})"
                     for c in claims],
            "hoverinfo": "text",
        })
        if ranged:
            traces.append({
                "type": "scatter", "mode": "lines", "showlegend": False, "hoverinfo": "skip",
                "x": [x for c in ranged for x in (c.date, c.date, None)],
                "y": [y for c in ranged for y in (c.value, c.value_high, None)],
                "line": {"color": colour, "width": 4},
            })
    days = sorted({x for trace in traces for x in trace["x"] if x})
    xaxis: dict[str, Any] = {"title": {"text": "article date"}, "type": "date", "tickformat": "%Y-%m-%d"}
    if days:  # a week either side, so one day does not fill the axis with hours
        xaxis["range"] = [_shift(days[0], -7), _shift(days[-1], 7)]
    layout = {
        "title": {"text": figure.label}, "height": 360, "margin": {"l": 70, "r": 20, "t": 50, "b": 50},
        "xaxis": xaxis,
        "yaxis": {"title": {"text": "claimed value"}, "rangemode": "tozero"},
        "legend": {"title": {"text": "party"}},
    }
    return {"data": traces, "layout": layout}


def chart_json(figure: Figure) -> str:
    """`chart_spec` as JSON that is safe inside a <script> element."""
    text = json.dumps(chart_spec(figure), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@cache
def plotly_js() -> str:
    """plotly.js as shipped inside the plotly package."""
    from plotly.offline import get_plotlyjs  # type: ignore[import-untyped]

    return str(get_plotlyjs())


def _shift(day: str, days: int) -> str:
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except ValueError:
        return day
