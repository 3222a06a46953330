"""One chart per figure and one map of claims, the same in the web app and in the report.

Each party's claimed values over time (article date) as points, one colour per party;
the qualifier shows in the marker: a filled circle for an exact figure, an open circle
for "about", a triangle pointing up for "more than / at least" and down for "fewer than /
at most"; a range ("between 20 and 30") is a bar from its low to its high value. The
chart is drawn by plotly.js, which ships inside the `plotly` Python package: nothing is
fetched from the network, and the report carries the script inline.

The map is a plain plotly chart in longitude and latitude (plotly's own geo maps fetch
their outlines from a CDN): coastlines and borders from `basemap.py` as grey lines, and
one point per located claim, its area proportional to the value, coloured by party.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from counterclaim.compare import Figure, FigureClaim
from counterclaim.model import figure_text
from counterclaim.web.basemap import Box, lines_in

MARKERS = {"exact": "circle", "approx": "circle-open", "range": "line-ns-open", "over": "triangle-up-open",
           "at_least": "triangle-up-open", "under": "triangle-down-open", "at_most": "triangle-down-open"}
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")
MAP_MARGIN_DEGREES = 1.5
MAP_MIN_SPAN_DEGREES = 4.0
LARGEST_POINT_PX = 40


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


def map_spec(points: list[FigureClaim], labels: list[str] | None = None) -> dict[str, Any] | None:
    """The plotly data and layout of a map of `points` (claims with coordinates), or None
    when none has any. `labels` (one per point) name what each counts in the hover text."""
    located = [(p, labels[i] if labels else p.counted) for i, p in enumerate(points)
               if p.lat is not None and p.lon is not None]
    if not located:
        return None
    box = _view([p for p, _ in located])
    xs, ys = lines_in(box)
    traces: list[dict[str, Any]] = [{
        "type": "scatter", "mode": "lines", "x": xs, "y": ys, "hoverinfo": "skip", "showlegend": False,
        "line": {"color": "#9a9a9a", "width": 1},
    }]
    largest = max((p.value or 0 for p, _ in located), default=0) or 1
    by_party: dict[str, list[tuple[FigureClaim, str]]] = defaultdict(list)
    for point, label in located:
        by_party[point.party].append((point, label))
    for index, (party, found) in enumerate(sorted(by_party.items())):
        traces.append({
            "type": "scatter", "mode": "markers", "name": party,
            "x": [p.lon for p, _ in found], "y": [p.lat for p, _ in found],
            "marker": {"color": PALETTE[index % len(PALETTE)], "opacity": 0.7, "sizemode": "area", "sizemin": 5,
                       "size": [p.value or 0 for p, _ in found],
                       "sizeref": 2 * largest / LARGEST_POINT_PX**2, "line": {"width": 1, "color": "#333"}},
            "text": [f"{figure_text(p.value, p.value_high, p.qualifier)} {label} — in {p.place} — "
                     f"{p.claimant} ({p.outlet or 'no outlet'}, {p.date or 'no date'})" for p, label in found],
            "hoverinfo": "text",
        })
    middle = math.radians((box.south + box.north) / 2)
    layout = {
        "height": 520, "margin": {"l": 50, "r": 20, "t": 20, "b": 40}, "legend": {"title": {"text": "party"}},
        "xaxis": {"range": [box.west, box.east], "title": {"text": "longitude"}, "showgrid": False, "zeroline": False},
        # Equal distances on both axes at the map's middle latitude.
        "yaxis": {"range": [box.south, box.north], "title": {"text": "latitude"}, "showgrid": False,
                  "zeroline": False, "scaleanchor": "x", "scaleratio": 1 / max(math.cos(middle), 0.2)},
        "plot_bgcolor": "#eef3f7",
    }
    return {"data": traces, "layout": layout}


def _view(points: list[FigureClaim]) -> Box:
    """The points' box with a margin, at least MAP_MIN_SPAN_DEGREES wide and high."""
    lons = [p.lon for p in points if p.lon is not None]
    lats = [p.lat for p in points if p.lat is not None]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    grow_x = max(MAP_MARGIN_DEGREES, (MAP_MIN_SPAN_DEGREES - (east - west)) / 2)
    grow_y = max(MAP_MARGIN_DEGREES, (MAP_MIN_SPAN_DEGREES - (north - south)) / 2)
    return Box(max(-180.0, west - grow_x), min(180.0, east + grow_x), max(-90.0, south - grow_y),
               min(90.0, north + grow_y))


def chart_json(figure: Figure) -> str:
    """`chart_spec` as JSON that is safe inside a <script> element."""
    return script_json(chart_spec(figure))


def script_json(spec: dict[str, Any]) -> str:
    """A chart or map spec as JSON that is safe inside a <script> element."""
    text = json.dumps(spec, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _shift(day: str, days: int) -> str:
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except ValueError:
        return day
