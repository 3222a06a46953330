"""The web app's static files: the style sheet, the chart script and plotly.js, served
compressed and cached for good.

Each is named in pages by its content hash (`/assets/plotly.min.1a2b3c4d5e.js`), so a browser
may keep it forever (`Cache-Control: immutable`) and a new version is a new name. The gzip
form is made once per process, not per request: plotly.js is 4.8 MB as shipped and 1.4 MB
compressed, which a first visit to the map waits for (figure pages draw their charts as SVG
and load no script).
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import PurePosixPath

MEDIA_TYPES = {".css": "text/css; charset=utf-8", ".js": "application/javascript; charset=utf-8"}
FOREVER = "public, max-age=31536000, immutable"
UNHASHED = "public, max-age=300"  # an old page's plain name: served, briefly kept
GZIP_LEVEL = 6  # level 9 makes plotly.js 2% smaller and takes three times as long


@dataclass(frozen=True)
class Asset:
    name: str  # as packaged: "plotly.min.js"
    hashed: str  # as pages name it: "plotly.min.1a2b3c4d5e.js"
    media_type: str
    body: bytes
    gzipped: bytes
    etag: str


def package_file(name: str) -> bytes:
    """A static file: the package's `static/` folder, or plotly.js from the plotly package
    (read as a file: importing plotly takes longer than reading it)."""
    if name == "plotly.min.js":
        return resources.files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()
    return resources.files("counterclaim.web").joinpath("static", name).read_bytes()


NAMES = ("style.css", "charts.js", "plotly.min.js")
_building = threading.Lock()


@cache
def _asset(name: str) -> Asset:
    body = package_file(name)
    digest = hashlib.sha256(body).hexdigest()[:10]
    path = PurePosixPath(name)
    stem = name[: -len(path.suffix)]
    return Asset(name, f"{stem}.{digest}{path.suffix}", MEDIA_TYPES[path.suffix], body,
                 gzip.compress(body, GZIP_LEVEL, mtime=0), f'"{digest}"')


def asset(name: str) -> Asset:
    """The asset packaged as `name`, made at its first use (once, whatever the threads)."""
    with _building:
        return _asset(name)


def asset_url(name: str) -> str:
    """The address pages give the asset: its content-hashed name."""
    return f"/assets/{asset(name).hashed}"


@cache
def by_address() -> dict[str, tuple[Asset, str]]:
    """Every asset by the name in its address, hashed or plain, with its Cache-Control."""
    found: dict[str, tuple[Asset, str]] = {}
    for name in NAMES:
        made = asset(name)
        found[made.hashed] = (made, FOREVER)
        found[made.name] = (made, UNHASHED)
    return found


def prepare_in_background() -> None:
    """Make every asset in a thread of its own, so that the server answers at once and the
    first map page finds plotly.js compressed."""
    threading.Thread(target=by_address, name="counterclaim-assets", daemon=True).start()
