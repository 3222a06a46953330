"""One chart per figure and one map of claims, the same in the web app and in the report.

A figure's chart is an inline SVG drawn here and laid out by `templates/_chart.html`: no
script, so a figure page is drawn as soon as its HTML arrives (plotly.js took 1.1 s of a
first load to draw one small series). Every claim of the figure is on it or beside it:

- a claim with a number and a date is a point at that date (the article's, else the end
  of the period it counts) and value, on a 0-based linear axis; its qualifier is its
  marker: a filled circle for an exact figure, an open circle for "about", a triangle
  pointing up for "more than / at least" and down for "fewer than / at most"; a range
  ("between 20 and 30") is a bar from its low to its high value with a cap at each end;
- a claim with a number and no date is drawn on the same value axis in a strip of its
  own at the right ("no date"), and the note under the chart says how many there are;
- a vague claim ("dozens") has no value to draw: the note lists it; a figure of only
  vague claims gets that sentence and no empty axis.

Every point links to its claim (the article at `#claim-START`, or a row of the report)
and has a `<title>` tooltip; the SVG has a title and a description in words, and the
pages keep a table of the claims. Each party has one colour everywhere (`party_colour`).
All text reaches the SVG through the template, which escapes it: names and numbers come
from articles written by strangers.

The map is a plain plotly chart in longitude and latitude (plotly's own geo maps fetch
their outlines from a CDN): coastlines and borders from `basemap.py` as grey lines, and
one point per located claim, its area proportional to the value, coloured by party.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from counterclaim.compare import OUTLET_VOICE, UNATTRIBUTED, Figure, FigureClaim
from counterclaim.model import figure_text
from counterclaim.web.basemap import Box, lines_in

# Okabe–Ito (its yellow is too pale on white) and five of Paul Tol's: distinct for most
# kinds of colour blindness as far as twelve colours can be.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255", "#999933",
           "#332288", "#44AA99", "#8C510A")
UNATTRIBUTED_COLOUR = "#767676"  # no side: grey, never a party's colour
# The packaged actor base's parties: a colour (an index into PALETTE) and a name to show.
# The colours are the party id's hash slot, moved on where two parties of one packaged
# war would share one (tests/test_web_app.py checks every war); any other party, a
# user's own or an outlet's voice, takes its hash slot.
PARTIES: dict[str, tuple[int, str]] = {
    "adf": (6, "ADF"), "afghan-taliban": (8, "Afghan Taliban"), "african-union": (8, "African Union"),
    "al-shabaab": (4, "al-Shabaab"), "assad-government": (9, "Assad government"),
    "baloch-insurgents": (1, "Baloch insurgents"), "bandits": (10, "Bandits"), "clan-del-golfo": (6, "Clan del Golfo"),
    "codeco": (9, "CODECO"), "drc": (1, "DR Congo"), "druze-factions": (1, "Druze factions"), "eln": (11, "ELN"),
    "eritrea": (8, "Eritrea"), "fano": (6, "Fano"), "farc-dissidents": (10, "FARC dissidents"), "gangs": (0, "Gangs"),
    "gaza-authorities": (1, "Gaza authorities"), "government": (5, "Government"), "governments": (5, "Governments"),
    "hezbollah": (5, "Hezbollah"), "houthis": (7, "Houthis"), "independent": (7, "Independent"), "india": (11, "India"),
    "international": (1, "International bodies"), "iran": (11, "Iran"), "islamic-state": (6, "Islamic State"),
    "islamic-state-somalia": (0, "Islamic State Somalia"), "israel": (6, "Israel"), "jihadists": (0, "Jihadists"),
    "junta": (10, "Junta"), "lebanon": (3, "Lebanon"), "m23": (10, "M23"), "neutral": (8, "Neutral"),
    "opposition": (0, "Opposition"), "other-armed-groups": (8, "Other armed groups"), "pakistan": (0, "Pakistan"),
    "palestinian-authority": (2, "Palestinian Authority"), "palestinian-groups": (8, "Palestinian groups"),
    "resistance": (5, "Resistance"), "rsf": (9, "RSF"), "russia": (8, "Russia"), "rwanda": (11, "Rwanda"),
    "saf": (2, "SAF"), "sdf": (10, "SDF"), "separatists": (3, "Separatists"), "sna": (7, "SNA"),
    "splm-io": (6, "SPLM-IO"), "tplf": (9, "TPLF"), "transitional-government": (11, "Transitional government"),
    "ttp": (4, "TTP"), "turkey": (2, "Turkey"), "ukraine": (1, "Ukraine"),
}
MAP_MARGIN_DEGREES = 1.5
MAP_MIN_SPAN_DEGREES = 4.0
LARGEST_POINT_PX = 40

# The chart's own units (the viewBox): the page scales it to its width, and style.css
# enlarges its text and markers on a phone, which is what the margins leave room for.
WIDTH = 640
HEIGHT = 300
LEFT = 70  # the value labels
RIGHT = 14
TOP = 30  # the axis title
BOTTOM = 236  # the time axis; its labels below, on two lines
STRIP = 84  # the "no date" strip's width, at the right
STRIP_GAP = 18
MAX_X_TICKS = 4  # at 390 px wide the dates need about a quarter of the axis each
Y_TICKS = 4
DODGE = 13.0  # claims of one day sit side by side, this far apart, at most DODGE_SPAN in all
DODGE_SPAN = 52.0
HIT_RADIUS = 11  # what a pointer or a finger can hit, larger than the marker
MARKER = 5.5


def party_colour(party: str) -> str:
    """The colour of `party` on every chart, map and report: the same party, the same colour."""
    if party == UNATTRIBUTED:
        return UNATTRIBUTED_COLOUR
    known = PARTIES.get(party)
    return PALETTE[known[0] if known else hash_slot(party)]


def hash_slot(party: str) -> int:
    """A stable index into PALETTE (Python's own hash() changes from process to process)."""
    return int.from_bytes(hashlib.blake2b(party.encode("utf-8"), digest_size=4).digest(), "big") % len(PALETTE)


def party_name(party: str) -> str:
    """A party as a reader names it: "Palestinian groups", "Reuters (the outlet's own words)"."""
    if party.startswith(OUTLET_VOICE):
        return f"{party.removeprefix(OUTLET_VOICE)} (the outlet's own words)"
    if party == UNATTRIBUTED:
        return "unattributed (no linked source)"
    known = PARTIES.get(party)
    if known:
        return known[1]
    if party.isalpha() and len(party) <= 4:  # an abbreviation: "dlf" is the DLF
        return party.upper()
    words = party.replace("-", " ")
    return words[:1].upper() + words[1:]


@dataclass(frozen=True)
class Tick:
    at: float
    label: str
    second: str = ""  # a second line: the year under a day or a month


@dataclass(frozen=True)
class Mark:
    """One claim with a number, drawn."""

    x: float
    y: float  # its value (a range's low end)
    y_high: float | None  # a range's high end
    symbol: str  # "filled", "open", "up", "down", "" (a range alone)
    colour: str
    href: str
    title: str  # the tooltip: party, claimant, value, date, outlet
    reach: float = HIT_RADIUS  # half the hit box's width: less where claims of one day sit side by side

    @property
    def hit(self) -> tuple[float, float, float, float]:
        """The box a pointer can hit (x, y, width, height): the marker and its bar, and some,
        never over a neighbour's, so that each point stays clickable."""
        top = min(self.y, self.y_high if self.y_high is not None else self.y)
        bottom = max(self.y, self.y_high if self.y_high is not None else self.y)
        return self.x - self.reach, top - HIT_RADIUS, 2 * self.reach, bottom - top + 2 * HIT_RADIUS

    @property
    def path(self) -> str:
        """The triangle of "more than" (up) or "fewer than" (down) around the point."""
        size = MARKER + 1
        tip = -size if self.symbol == "up" else size
        return (f"M{self.x:.1f},{self.y + tip:.1f} L{self.x + size:.1f},{self.y - tip * 0.75:.1f} "
                f"L{self.x - size:.1f},{self.y - tip * 0.75:.1f} Z")


@dataclass(frozen=True)
class Vague:
    """A claim with no number ("dozens"), listed beside the chart."""

    text: str
    href: str


@dataclass(frozen=True)
class LegendEntry:
    party: str
    name: str
    colour: str


@dataclass(frozen=True)
class Chart:
    """What `_chart.html` draws for one figure; coordinates in the viewBox's units."""

    ident: str  # unique in the page: the ids of the title and the description
    title: str
    desc: str  # the text alternative: what the chart shows, in words
    drawn: bool  # False: no claim has a number, and `note` says so instead of an empty axis
    marks: tuple[Mark, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    time_axis: tuple[float, float] | None  # left and right of the dated part; None when no claim has a date
    strip: tuple[float, float] | None  # left and right of the "no date" strip
    legend: tuple[LegendEntry, ...]
    note: str  # "2 of 5 claims have no date …"
    vague: tuple[Vague, ...]
    width: int = WIDTH
    height: int = HEIGHT
    top: int = TOP
    bottom: int = BOTTOM
    left: int = LEFT
    marker: float = MARKER

    @property
    def right(self) -> float:
        return max(end for axis in (self.time_axis, self.strip) if axis for end in axis)


def figure_chart(figure: Figure, href: Callable[[int, FigureClaim], str], ident: str = "chart") -> Chart:
    """The chart of `figure`. `href(i, claim)` is where the i-th claim's point links to."""
    numbered = [(i, c) for i, c in enumerate(figure.claims) if c.value is not None]
    dated = [(i, c, day) for i, c in numbered if (day := _day(c.date or c.period_end)) is not None]
    undated = [(i, c) for i, c in numbered if _day(c.date or c.period_end) is None]
    vague = tuple(Vague(_claim_words(c), href(i, c)) for i, c in enumerate(figure.claims) if c.value is None)
    total = len(figure.claims)
    note = _note(total, len(figure.claims) - len(dated) - len(vague), len(vague))
    if not numbered:
        return Chart(ident, figure.label, note, False, (), (), (), None, None, (), note, vague)
    right = WIDTH - RIGHT
    strip = (right - STRIP, right) if undated else None
    time_axis: tuple[float, float] | None = None
    if dated:
        time_axis = (LEFT, (right - STRIP - STRIP_GAP) if undated else right)
    elif strip:
        strip = (LEFT, right)  # nothing has a date: the strip is the whole chart
    top_value, y_ticks = _value_axis([v for _, c in numbered for v in (c.value, c.value_high) if v is not None])

    def y_of(value: float) -> float:
        return BOTTOM - (BOTTOM - TOP) * value / top_value

    marks: list[Mark] = []
    x_ticks: tuple[Tick, ...] = ()
    if time_axis:
        first, last = min(d for *_, d in dated), max(d for *_, d in dated)
        pad = max(7, (last - first) // 20)  # a week either side: one day does not fill the axis
        low, high = first - pad, last + pad
        left, width = time_axis[0] + 10, time_axis[1] - time_axis[0] - 20

        def x_of(day: int) -> float:
            return left + width * (day - low) / (high - low)

        x_ticks = tuple(Tick(x_of(int(t.at)), t.label, t.second) for t in _time_ticks(low, high))
        by_day: dict[int, list[tuple[int, FigureClaim]]] = defaultdict(list)
        for i, c, day in dated:
            by_day[day].append((i, c))
        for day, found in sorted(by_day.items()):
            found.sort(key=lambda item: (item[1].party, item[1].value or 0))
            step = min(DODGE, DODGE_SPAN / max(1, len(found) - 1))
            for n, (i, c) in enumerate(found):
                x = x_of(day) + (n - (len(found) - 1) / 2) * step
                marks.append(_mark(c, x, y_of, href(i, c), step / 2 if len(found) > 1 else HIT_RADIUS))
    if strip:
        step = (strip[1] - strip[0]) / len(undated)
        for n, (i, c) in enumerate(undated):
            marks.append(_mark(c, strip[0] + step * (n + 0.5), y_of, href(i, c), min(HIT_RADIUS, step / 2)))
    # parties first, then the outlets' voices and the unattributed, as the tables list them
    drawn_parties = sorted({c.party for _, c in numbered},
                           key=lambda p: (p == UNATTRIBUTED, p.startswith(OUTLET_VOICE), p))
    legend = tuple(LegendEntry(p, party_name(p), party_colour(p)) for p in drawn_parties)
    desc = _description(figure, numbered, dated, note)
    return Chart(ident, figure.label, desc, True, tuple(marks), x_ticks, y_ticks, time_axis, strip, legend, note,
                 vague)


def _mark(claim: FigureClaim, x: float, y_of: Callable[[float], float], href: str, reach: float) -> Mark:
    assert claim.value is not None
    high = claim.value_high
    symbol = {"exact": "filled", "range": "", "approx": "open", "over": "up", "at_least": "up", "under": "down",
              "at_most": "down"}.get(claim.qualifier, "filled")
    if high is None and not symbol:
        symbol = "filled"  # a "range" with no upper end read: its one value
    return Mark(x, y_of(claim.value), y_of(high) if high is not None else None, symbol, party_colour(claim.party),
                href, _claim_words(claim), reach)


QUALIFIER_WORDS = {"exact": "exact", "approx": "about", "over": "more than", "at_least": "at least",
                   "under": "fewer than", "at_most": "at most", "range": "a range"}


def _claim_words(claim: FigureClaim) -> str:
    """A claim in one line, for a tooltip or the list of vague claims: party, claimant, value
    and its qualifier in words (the marker's shape, said), date, outlet."""
    when = (f"article of {claim.date}" if claim.date else
            f"period ending {claim.period_end}" if claim.period_end else "no date")
    value = figure_text(claim.value, claim.value_high, claim.qualifier)
    qualifier = QUALIFIER_WORDS.get(claim.qualifier, claim.qualifier)
    if claim.value is None:
        value = f"vague ({claim.text})" if claim.text else "vague"
    elif qualifier not in value:  # "more than 250" says it already; "250" does not
        value += f" ({qualifier})"
    return (f"{party_name(claim.party)} — {claim.claimant}: {value}{' (revised down)' if claim.revised_down else ''}"
            f" — {when} — {claim.outlet or 'outlet unknown'}")


def _note(total: int, undated: int, vague: int) -> str:
    """What is not on the time axis, in words."""
    if vague == total:
        return (f"None of the {total} claims gives a number (all are vague, like \"dozens\"): there is nothing "
                "to plot; each is listed below." if total > 1 else
                "The one claim gives no number (it is vague, like \"dozens\"): there is nothing to plot.")
    parts = []
    if undated:
        parts.append(f"{undated} of {total} claim{'s' if total > 1 else ''} "
                     f"{'has' if undated == 1 else 'have'} no date: {'it is' if undated == 1 else 'they are'} "
                     "in the strip \"no date\" at the right, on the same value axis")
    if vague:
        parts.append(f"{vague} of {total} claim{'s' if total > 1 else ''} "
                     f"{'gives' if vague == 1 else 'give'} no number (vague) and {'is' if vague == 1 else 'are'} "
                     "listed below the chart")
    return "; ".join(parts) + "." if parts else ""


def _description(figure: Figure, numbered: list[tuple[int, FigureClaim]],
                 dated: list[tuple[int, FigureClaim, int]], note: str) -> str:
    """The chart in words (its <desc>): each party's claims, lowest to highest, and when."""
    by_party: dict[str, list[FigureClaim]] = defaultdict(list)
    for _, c in numbered:
        by_party[c.party].append(c)
    parts = []
    for party, found in sorted(by_party.items()):
        values = [v for c in found for v in (c.value, c.value_high) if v is not None]
        spread = (f"from {figure_text(min(values), None, 'exact')} to {figure_text(max(values), None, 'exact')}"
                  if min(values) != max(values) else figure_text(values[0], None, "exact"))
        parts.append(f"{party_name(party)}: {len(found)} claim{'s' if len(found) > 1 else ''}, {spread}")
    days = sorted(c.date or c.period_end or "" for _, c, _ in dated)
    span = f" between {days[0]} and {days[-1]}" if days and days[0] != days[-1] else f" on {days[0]}" if days else ""
    return (f"Claimed values of {figure.label}{span}. " + "; ".join(parts) + ". "
            + (note + " " if note else "") + "Every claim is in the table of claims.")


def _value_axis(values: list[float]) -> tuple[float, tuple[Tick, ...]]:
    """The top of a 0-based axis over `values` and its ticks at round steps."""
    largest = max(values, default=0.0)
    if largest <= 0:
        return 1.0, (Tick(0.0, "0"), Tick(1.0, "1"))
    raw = largest / Y_TICKS
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    top = step * math.ceil(largest / step - 1e-9)
    count = round(top / step)
    return top, tuple(Tick(BOTTOM - (BOTTOM - TOP) * k / count, _short(k * step)) for k in range(count + 1))


def _short(value: float) -> str:
    """A value label that fits the axis on a phone: "950", "9,500", "12.5k", "1.5M"."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e4, "k")):
        if abs(value) >= size:
            divisor = 1e3 if suffix == "k" else size
            return f"{value / divisor:,.1f}".removesuffix(".0") + suffix
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _day(text: str | None) -> int | None:
    try:
        return date.fromisoformat(text).toordinal() if text else None
    except ValueError:
        return None


def _time_ticks(low: int, high: int) -> list[Tick]:
    """At most MAX_X_TICKS dates between the day ordinals `low` and `high`, at the finest
    round step that fits; the year is written under the first tick and where it changes."""
    for kind, step in (("day", 1), ("day", 2), ("day", 7), ("day", 14), ("month", 1), ("month", 2), ("month", 3),
                       ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 25)):
        days = _steps(kind, step, low, high)
        if len(days) <= MAX_X_TICKS:
            break
    ticks, year = [], None
    for day in days:
        when = date.fromordinal(day)
        label = f"{when.day} {when:%b}" if kind == "day" else f"{when:%b}" if kind == "month" else str(when.year)
        second = str(when.year) if kind != "year" and when.year != year else ""
        year = when.year
        ticks.append(Tick(float(day), label, second))
    return ticks


def _steps(kind: str, step: int, low: int, high: int) -> list[int]:
    if kind == "day":
        start = -(-low // step) * step
        return list(range(start, high + 1, step))
    # Months and years alike are counted in months, from the first whole step at or after `low`.
    months = step if kind == "month" else 12 * step
    first = date.fromordinal(low)
    index = first.year * 12 + first.month - 1
    index += -index % months
    found = []
    while index < 10_000 * 12 and (day := date(index // 12, index % 12 + 1, 1).toordinal()) <= high:
        if day >= low:
            found.append(day)
        index += months
        if len(found) > MAX_X_TICKS:
            break
    return found


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
    for party, found in sorted(by_party.items()):
        traces.append({
            "type": "scatter", "mode": "markers", "name": party_name(party),
            "x": [p.lon for p, _ in found], "y": [p.lat for p, _ in found],
            "marker": {"color": party_colour(party), "opacity": 0.7, "sizemode": "area", "sizemin": 5,
                       "size": [p.value or 0 for p, _ in found],
                       "sizeref": 2 * largest / LARGEST_POINT_PX**2, "line": {"width": 1, "color": "#333"}},
            "text": [f"{figure_text(p.value, p.value_high, p.qualifier)} {label} — in {p.place} — "
                     f"{p.claimant} ({p.outlet or 'no outlet'}, {p.date or 'no date'})" for p, label in found],
            "hoverinfo": "text",
        })
    middle = math.radians((box.south + box.north) / 2)
    layout = {
        # The legend goes under the map, not over it (on a phone it covered half the points).
        "height": 520, "margin": {"l": 50, "r": 20, "t": 20, "b": 40},
        "legend": {"title": {"text": "party"}, "orientation": "h", "x": 0, "y": -0.12, "yanchor": "top"},
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


def script_json(spec: dict[str, Any]) -> str:
    """A chart or map spec as JSON that is safe inside a <script> element."""
    text = json.dumps(spec, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
