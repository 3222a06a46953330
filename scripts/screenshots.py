"""Screenshots of every kind of page of the web app, and of the report, at a laptop's width
(1366 px) and a phone's (390 px), into docs/screens/ (KIND-WIDTH.png): what the README shows.

The ledger is the demo corpus (examples/ with its actor file, and the undated note of
docs/demo-extra/), made afresh in a temporary folder; the app runs in uvicorn on a free
loopback port and Debian's Chromium takes the pictures (the first screen of each page).

    .venv/bin/python scripts/screenshots.py [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from playwright.sync_api import sync_playwright
from typer.testing import CliRunner

from counterclaim.cli import app as cli_app
from counterclaim.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screens"
WIDTHS = {1366: 900, 390: 844}
PAGES = {  # kind: path, and the fragment to scroll to where the page's point is further down
    "overview": "/", "figures": "/figures", "figure": "/figures/kalvania-dorrin%2Fkilled%2Fpeople%2Fsince-2025-03-01",
    "claims": "/claims?party=kalvania&party=dlf&measure=killed", "articles": "/articles", "map": "/map",
    "actor": "/actors/abu-tamer", "framing": "/framing", "about": "/about", "error": "/nowhere",
}


def demo_ledger(folder: Path) -> Path:
    db = folder / "demo.db"
    result = CliRunner().invoke(cli_app, ["ingest", str(ROOT / "examples"), str(ROOT / "docs" / "demo-extra"),
                                          "--db", str(db), "--actors", str(ROOT / "examples" / "actors.yaml")])
    if result.exit_code != 0:
        raise SystemExit(result.output)
    return db


def serve(db: Path) -> tuple[str, uvicorn.Server]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(url + "/healthz").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.1)
    return url, server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    options = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = demo_ledger(Path(folder))
        report = Path(folder) / "report.html"
        CliRunner().invoke(cli_app, ["report", "--db", str(db), "-o", str(report)])
        url, server = serve(db)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=options.chromium, args=["--no-sandbox"])
            for width, height in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(url + "/articles")  # the article page: the first of the index, at its first claim
                article = page.locator("table.articles a").nth(1).get_attribute("href")
                page.goto(url + f"{article}")
                first = page.locator("mark.claim").first.get_attribute("id")
                shots = {**{kind: url + path for kind, path in PAGES.items()},
                         "article": f"{url}{article}#{first}", "report": report.as_uri()}
                for kind, address in shots.items():
                    page.goto(address)
                    if kind == "map":
                        page.locator(".map .main-svg").first.wait_for()
                    page.screenshot(path=str(OUT / f"{kind}-{width}.png"))
                    print(f"docs/screens/{kind}-{width}.png")
                page.close()
            browser.close()
        server.should_exit = True


if __name__ == "__main__":
    main()
