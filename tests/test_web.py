"""The web app and the report in a real browser: Debian's Chromium driven by Playwright
(issue 6). The app runs in uvicorn on a free port over a ledger of the seed corpus plus
one hostile article; every page is screenshotted to tests/screenshots/ (ignored by git).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect
from typer.testing import CliRunner

from counterclaim import Ledger
from counterclaim.cli import app as cli_app
from counterclaim.store import open_store
from counterclaim.web.app import create_app
from serving import serving

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HOSTILE = """ date 2024-02-01 https://hostile.example/news/1

Attack on <script>alert('title')</script> town kills 12

Officials said 12 people were killed in the "><img src=x onerror=alert(1)> district on Thursday.

<a href="javascript:alert(2)">Click</a> for more; the ministry said 40 people were wounded. <svg onload=alert(3)>
"""
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": [*browser_type_launch_args.get("args", []), "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                     "--no-first-run", "--disable-sync"]}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    folder = tmp_path_factory.mktemp("web")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "ledger.db"
    for source in (shared / "corpus" / "seeds", folder / "hostile.txt"):
        result = CliRunner().invoke(cli_app, ["ingest", str(source), "--db", str(db)])
        assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def server(ledger: Path) -> Iterator[str]:
    with serving(create_app(str(ledger))) as url:
        yield url


@pytest.fixture
def watched(page: Page) -> Iterator[tuple[Page, list[str]]]:
    """A page that records every JavaScript dialog (an alert would mean injected script ran)."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page, dialogs


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_overview_figure_claims_article(server: str, watched: tuple[Page, list[str]]) -> None:
    page, dialogs = watched
    page.goto(server + "/")
    expect(page.locator("h1")).to_have_text("The ledger")
    expect(page.locator(".numbers")).to_contain_text("6 articles")
    _shot(page, "overview")

    page.goto(server + "/figures?conflict=israel-hamas")
    page.get_by_role("link", name="killed — military personnel of Israel, since the ground operation").first.click()
    expect(page.locator("h1")).to_have_text(
        "killed — military personnel of Israel, since the ground operation — Israel–Hamas war")
    expect(page.locator("svg.figure-chart")).to_be_visible()  # drawn by the server: no script
    expect(page.locator("table.claims")).to_contain_text("219")
    _shot(page, "figure")

    page.goto(server + "/claims")
    page.check("input[name=party][value=israel]")
    page.click("#apply")
    expect(page).to_have_url(re.compile(r"party=israel"))
    party_cells = page.locator("table.claims tr td:nth-child(6)")
    assert party_cells.count() > 2
    assert set(party_cells.all_inner_texts()) == {"Israel"}  # the party's name, not its id
    _shot(page, "claims")

    evidence = page.locator("a.evidence").first
    sentence = evidence.inner_text()
    evidence.click()
    expect(page.locator("mark.claim").first).to_be_visible()
    marked = " ".join(page.locator("mark.claim").all_inner_texts())
    assert any(word in sentence for word in marked.split() if word.isdigit() or word.replace(",", "").isdigit())
    _shot(page, "article")
    assert dialogs == []


def test_figure_page_has_no_plotly_and_a_point_opens_its_claim(server: str, page: Page) -> None:
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url) if request.resource_type == "script" else None)
    page.goto(server + "/figures?conflict=israel-hamas")
    page.get_by_role("link", name="killed — military personnel of Israel, since the ground operation").first.click()
    chart = page.locator("svg.figure-chart")
    expect(chart).to_be_visible()
    assert scripts == [] and page.locator("script").count() == 0  # no plotly.js, nor any other script
    points = chart.locator("a.point")
    assert points.count() == page.locator("table.claims tbody tr").count()  # every claim of it has a date and a value
    target = points.first.get_attribute("href") or ""
    assert re.fullmatch(r"/articles/[^#]+#claim-\d+", target)
    points.first.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    claim = page.locator(f"[id='{target.split('#')[1]}']")
    expect(claim).to_be_visible()
    expect(claim).to_be_in_viewport()
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the chart fits, its dates apart
    page.go_back()
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["width"] <= 390
    labels = [chart.locator("text.x-label").nth(i).bounding_box() for i in range(chart.locator("text.x-label").count())]
    rows = sorted((b["y"], b["x"], b["x"] + b["width"]) for b in labels if b)
    assert all(a[2] <= b[1] for a, b in zip(rows, rows[1:], strict=False) if abs(a[0] - b[0]) < 1)  # none overlaps
    assert min(b["height"] for b in labels if b) >= 9  # text still readable
    _shot(page, "figure-phone")


def test_hostile_article_stays_inert(server: str, ledger: Path, watched: tuple[Page, list[str]]) -> None:
    page, dialogs = watched
    with open_store(str(ledger)).connect() as connection:
        article_id = connection.exec_driver_sql("SELECT id FROM articles WHERE url LIKE '%hostile%'").scalar()
    page.goto(f"{server}/articles/{article_id}")
    expect(page.locator("article.text")).to_contain_text("<script>alert('title')</script>")  # shown as text
    expect(page.locator("article.text")).to_contain_text('"><img src=x onerror=alert(1)>')
    assert page.locator("article.text img, article.text svg, article.text script").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    page.goto(f"{server}/claims?search=onerror")
    page.goto(f"{server}/figures")
    _shot(page, "hostile-article")
    assert dialogs == []


def test_actor_page(server: str, page: Page) -> None:
    page.goto(server + "/actors/yoav-gallant")
    expect(page.locator("h1")).to_have_text("Yoav Gallant")
    expect(page.locator("main")).to_contain_text("Defense Minister Yoav Gallant")
    _shot(page, "actor")


@contextmanager
def _report_offline(db: Path, folder: Path, browser: Browser) -> Iterator[tuple[Page, list[str], list[str]]]:
    """The report of `db` opened in a browser context with the network off; the page, the
    URLs it requested and the dialogs it opened."""
    report = folder / "report.html"
    result = CliRunner().invoke(cli_app, ["report", "--db", str(db), "-o", str(report)])
    assert result.exit_code == 0, result.output
    context = browser.new_context(offline=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    yield page, requests, dialogs
    context.close()


def test_report_opens_offline_with_its_charts(ledger: Path, tmp_path: Path, browser: Browser) -> None:
    with _report_offline(ledger, tmp_path, browser) as (page, requests, dialogs):
        expect(page.locator("svg.figure-chart").first).to_be_visible()
        sections = page.locator("section.figure[id^='figure-']")  # the map's section is not a figure
        assert sections.count() > 5
        # every figure has its chart, or says that none of its claims gives a number
        assert page.locator("section.figure svg.figure-chart").count() + page.locator("p.no-chart").count() \
            == sections.count()
        assert sections.locator("script").count() == 0  # plotly.js draws only the map
        point = page.locator("svg.figure-chart a.point").first
        row = (point.get_attribute("href") or "").removeprefix("#")
        point.click()
        expect(page.locator(f"tr[id='{row}']")).to_be_in_viewport()  # a point opens its claim's row
        _shot(page, "report")
        assert [r for r in requests if not r.startswith("file:")] == []
        assert dialogs == []


def test_framing_page(server: str, page: Page) -> None:
    page.goto(server + "/framing?actor=israel")
    table = page.locator("table.framing").first
    expect(table).to_contain_text("occupation army")
    expect(table).to_contain_text("zionist soldiers")
    cell = table.locator("tr", has_text="occupation army").locator("details").first
    expect(cell).to_contain_text("1 quoted")
    cell.locator("summary").click()
    expect(cell.locator("ul.examples")).to_contain_text("occupation army")
    _shot(page, "framing")


def test_map_renders_with_networking_disabled(news_ledger: Path, browser: Browser) -> None:
    located = [c for c in Ledger(str(news_ledger)).claims().itertuples() if c.lat == c.lat and c.lat is not None]
    with serving(create_app(str(news_ledger))) as url:
        context = browser.new_context()
        elsewhere: list[str] = []  # every request off the app's own address is refused and recorded

        def only_the_app(route: Route) -> None:
            if route.request.url.startswith(url + "/"):
                route.continue_()
            else:
                elsewhere.append(route.request.url)
                route.abort()

        context.route("**/*", only_the_app)
        page = context.new_page()
        page.goto(url + "/map")
        expect(page.locator(".map .main-svg").first).to_be_visible()
        # one marker per located claim, in the parties' traces (the outlines are lines)
        expect(page.locator(".map .scatterlayer .trace .points path")).to_have_count(len(located))
        assert page.locator(".map .scatterlayer .trace .js-line").count() >= 1  # coastlines and borders drawn
        places = page.locator("table").last
        expect(places).to_contain_text("Jabalia")
        expect(places).to_contain_text("Khan Younis")
        _shot(page, "map")
        page.goto(url + "/map?country=SD")
        expect(page.locator(".map .scatterlayer .trace .points path")).to_have_count(
            sum(c.country == "SD" for c in located))
        assert elsewhere == []
        context.close()


def test_report_map_opens_offline(news_ledger: Path, tmp_path: Path, browser: Browser) -> None:
    with _report_offline(news_ledger, tmp_path, browser) as (page, requests, _dialogs):
        expect(page.locator(".map .main-svg").first).to_be_visible()
        assert page.locator(".map .scatterlayer .trace .points path").count() > 10
        assert [r for r in requests if not r.startswith("file:")] == []
