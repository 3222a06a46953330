"""The web app and the report as a fact-checker uses them (issue 20), in Debian's Chromium at a
laptop's width (1366 px) and a phone's (390 px): no page scrolls sideways, every claim can be
reached by clicks and is marked where it lands, filters keep what they were given, and axe-core
finds no serious or critical accessibility violation on any kind of page.

The ledger is the demo corpus of examples/ with its actor file (so that claimants link to
actors and their parties have names), plus one undated article (docs/demo-extra/) that the
demo's own counts leave out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from typer.testing import CliRunner

from counterclaim.cli import app as cli_app
from counterclaim.web.app import create_app
from serving import serving
from test_web import CHROMIUM
from test_web import browser_type_launch_args as browser_type_launch_args  # the fixture: Debian's Chromium

ROOT = Path(__file__).resolve().parents[1]
EXTRA = ROOT / "docs" / "demo-extra"
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = [pytest.param(LAPTOP, id="1366"), pytest.param(PHONE, id="390")]
RANGE_FIGURE = "kalvania-dorrin/killed/people/event-2025-03-09"  # "between 20 and 30", local sources
TAMAREL = "geonames-1735022"  # the place of the Tamarel ambush's claims
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(cli_app, ["ingest", str(ROOT / "examples"), str(EXTRA), "--db", str(db),
                                          "--actors", str(ROOT / "examples" / "actors.yaml")])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def server(demo: Path) -> Iterator[str]:
    with serving(create_app(str(demo))) as url:
        yield url


def _figure_url(figure: str) -> str:
    return "/figures/" + quote(figure, safe="~")


def _page_kinds(server: str, page: Page) -> dict[str, str]:
    """One URL of every kind of page the app serves, found by following its own links."""
    page.goto(server + "/articles")
    article = page.locator("table.articles a").first.get_attribute("href")
    return {
        "overview": "/", "figures": "/figures", "figure": _figure_url(RANGE_FIGURE),
        "claims": "/claims", "claims-filtered": "/claims?party=kalvania&party=dlf&measure=killed",
        "article": str(article), "articles": "/articles", "actor": "/actors/abu-tamer", "map": "/map",
        "framing": "/framing", "about": "/about", "not-found": "/nowhere", "bad-parameter": "/claims?sort=bogus",
    }


def _scrolls_sideways(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth"))


@pytest.mark.parametrize("size", WIDTHS)
def test_no_page_scrolls_sideways(server: str, page: Page, size: dict[str, int]) -> None:
    page.set_viewport_size(size)
    wide = []
    for kind, url in _page_kinds(server, page).items():
        page.goto(server + url)
        if kind == "map":
            expect(page.locator(".map .main-svg").first).to_be_visible()
        if _scrolls_sideways(page):
            wide.append((kind, page.evaluate("document.documentElement.scrollWidth")))
    assert wide == [], f"pages wider than {size['width']} px: {wide}"


@pytest.mark.parametrize("size", WIDTHS)
def test_from_the_overview_to_a_claims_sentence_by_clicks(server: str, page: Page, size: dict[str, int]) -> None:
    page.set_viewport_size(size)
    page.goto(server + "/")
    page.locator("table.contested a").first.click()
    expect(page).to_have_url(re.compile(r"/figures/"))
    evidence = page.locator("table.claims a.evidence").first
    href = evidence.get_attribute("href") or ""
    assert re.fullmatch(r"/articles/[^#]+#claim-\d+", href)
    evidence.click()
    anchor = href.split("#")[1]
    mark = page.locator(f"mark[id='{anchor}']")
    expect(mark).to_be_in_viewport()
    assert mark.evaluate("m => m.matches(':target')")  # the landing claim is marked ...
    assert mark.evaluate("m => getComputedStyle(m).outlineStyle") == "solid"  # ... visibly, not only by hover
    mark.focus()  # and reachable by keyboard
    assert page.evaluate("document.activeElement.id") == anchor
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") in ("MARK", "A")


@pytest.mark.parametrize("size", WIDTHS)
def test_a_range_is_drawn_with_both_ends(server: str, page: Page, size: dict[str, int]) -> None:
    page.set_viewport_size(size)
    page.goto(server + _figure_url(RANGE_FIGURE))
    ranged = page.locator("svg.figure-chart a.point", has=page.locator("line.bar"))
    expect(ranged).to_have_count(1)
    caps = ranged.locator("line.cap")
    expect(caps).to_have_count(2)
    low, high = sorted(c.bounding_box()["y"] for c in caps.all())  # type: ignore[index]
    assert high - low > 10  # two ends apart on the value axis, both on screen
    title = ranged.locator("title").text_content() or ""
    assert "20–30" in title and "2025-03-10" in title and "(a range)" in title  # hover: value, date, qualifier
    expect(page.locator("table.claims")).to_contain_text("20–30")


def test_an_undated_claim_is_listed_on_its_figure(server: str, page: Page) -> None:
    page.goto(server + "/articles")
    page.get_by_role("link", name="Field note: shelters fill up in the Dorrin hills").click()
    expect(page.locator("p.hint").first).to_contain_text("date unknown")
    row = page.locator("table.claims tbody tr", has_text="2,900")
    row.locator("td:nth-child(3) a").click()  # the measure opens the claim's figure
    expect(page.locator("h1")).to_contain_text("killed")
    expect(page.locator("p.chart-note")).to_contain_text("no date")
    undated = page.locator("table.claims tbody tr", has_text="2,900")
    expect(undated.locator("td").first).to_have_text("no date")
    strip = page.locator("rect.undated-strip")
    expect(strip).to_have_count(1)
    left, right = strip.bounding_box()["x"], strip.bounding_box()["x"] + strip.bounding_box()["width"]  # type: ignore[index]
    point = page.locator("svg.figure-chart a.point", has=page.locator("title", has_text="2,900"))
    box = point.locator("rect.hit").bounding_box()
    assert box is not None and left <= box["x"] + box["width"] / 2 <= right


def test_a_party_has_the_same_colour_on_two_figures_and_the_map(server: str, page: Page) -> None:
    def colours(party: str) -> set[str]:
        points = page.locator("svg.figure-chart a.point", has=page.locator("title", has_text=f"{party} — "))
        return {p.locator(".sym").get_attribute("stroke") or "" for p in points.all()}

    page.goto(server + _figure_url("kalvania-dorrin/killed/military-personnel-kalvania/event-2025-03-01"))
    first, rival = colours("Kalvania"), colours("DLF")
    page.goto(server + _figure_url("kalvania-dorrin/killed/military-personnel-kalvania/event-2025-03-22"))
    second = colours("Kalvania")
    assert rival and rival.isdisjoint(first)  # two parties, two colours
    page.goto(server + "/map")
    expect(page.locator(".map .main-svg").first).to_be_visible()
    on_map = page.evaluate("Object.fromEntries(document.querySelector('.map').data"
                           ".filter(t => t.name).map(t => [t.name, t.marker.color]))")
    assert len(first) == 1 and first == second == {on_map["Kalvania"]}
    legend = [t.text_content() for t in page.locator(".map .legendtext").all()]
    assert "Kalvania" in legend  # readable names, not ids
    box, plot = page.locator(".map .legend").bounding_box(), page.locator(".map .nsewdrag").first.bounding_box()
    assert box and plot and box["y"] >= plot["y"] + plot["height"]  # the legend is under the map, not on it


@pytest.mark.parametrize("size", WIDTHS)
def test_a_place_filter_survives_apply(server: str, page: Page, size: dict[str, int]) -> None:
    page.set_viewport_size(size)
    page.goto(server + "/map")
    page.locator("table.places a", has_text="Tamarel").click()
    expect(page).to_have_url(re.compile(f"place={TAMAREL}"))
    expect(page.locator("p.hint", has_text="claims · page")).to_contain_text("5 claims")
    expect(page.locator("#f-place")).to_have_value(TAMAREL)  # in the form, not a hidden parameter
    page.click("#apply")
    expect(page).to_have_url(re.compile(f"place={TAMAREL}"))
    expect(page.locator("p.hint", has_text="claims · page")).to_contain_text("5 claims")  # not every claim
    page.locator("#f-measure").select_option("captured")
    page.click("#apply")
    expect(page).to_have_url(re.compile(f"place={TAMAREL}"))
    expect(page).to_have_url(re.compile("measure=captured"))
    expect(page.locator("p.hint", has_text="claims · page")).to_contain_text("4 claims")  # both filters
    chip = page.locator("a.chip", has_text="place: Tamarel")
    expect(chip).to_be_visible()
    chip.click()  # removing the chip removes that filter, and only it
    expect(page).not_to_have_url(re.compile("place="))
    expect(page).to_have_url(re.compile("measure=captured"))
    assert page.locator("table.claims tbody tr").count() > 4


def test_the_claimant_filter_finds_every_spelling(server: str, page: Page) -> None:
    page.goto(server + "/claims")
    page.fill("#f-claimant", "Abu Tamir")  # the wire's spelling
    page.click("#apply")
    claimants = set(page.locator("table.claims tbody td:nth-child(5)").all_inner_texts())
    assert {"Abu Tamer", "Abou Tamer", "Abu Tamir"} <= claimants
    links = {a.get_attribute("href") for a in page.locator("table.claims tbody td:nth-child(5) a").all()}
    assert links == {"/actors/abu-tamer"}  # one actor under three names
    expect(page.locator("a.chip")).to_have_text(re.compile("claimant: Abu Tamir"))


def test_several_parties_and_a_counted_group_filter_with_counts(server: str, page: Page) -> None:
    page.goto(server + "/claims")
    kalvania = page.locator("label.party-choice", has_text="Kalvania")
    dlf = page.locator("label.party-choice", has_text="DLF")
    kalvania_count, dlf_count = (int(re.sub(r"\D", "", c.locator(".count").inner_text())) for c in (kalvania, dlf))
    kalvania.locator("input").check()
    dlf.locator("input").check()
    page.click("#apply")
    expect(page).to_have_url(re.compile("party=kalvania.*party=dlf|party=dlf.*party=kalvania"))
    assert f"{kalvania_count + dlf_count} claims" in page.locator("p.hint", has_text="claims · page").inner_text()
    assert set(page.locator("table.claims tbody td:nth-child(6)").all_inner_texts()) <= {"Kalvania", "DLF"}
    option = page.locator("#f-counted_group option", has_text="civilians")
    expected = int(re.search(r"\((\d+)\)", option.inner_text())[1])  # type: ignore[index]
    page.locator("#f-counted_group").select_option(option.get_attribute("value"))
    page.click("#apply")
    assert page.locator("table.claims tbody tr").count() == expected  # counted_group filters
    chips = page.locator("a.chip").all_inner_texts()
    assert any("counted group: civilians" in c for c in chips) and sum("party:" in c for c in chips) == 2


@pytest.mark.parametrize("size", WIDTHS)
def test_errors_are_html_pages(server: str, page: Page, size: dict[str, int]) -> None:
    page.set_viewport_size(size)
    for url, status, heading in (("/nowhere", 404, "Not found"), ("/claims?sort=bogus", 400, "Bad request"),
                                 ("/claims?page=0", 400, "Bad request"), ("/figures/nothing/like-this", 404,
                                                                          "Not found")):
        response = page.goto(server + url)
        assert response is not None and response.status == status
        assert response.headers["content-type"].startswith("text/html")
        expect(page.locator("h1")).to_have_text(heading)
        expect(page.get_by_role("link", name="How to read this")).to_be_visible()


def test_the_articles_index_lists_every_article(server: str, page: Page) -> None:
    page.goto(server + "/")
    page.get_by_role("navigation", name="pages").get_by_role("link", name="Articles").click()
    rows = page.locator("table.articles tbody tr")
    expect(rows).to_have_count(13)  # the 12 of the demo and the undated note
    outlets = set(page.locator("table.articles tbody td:nth-child(2)").all_inner_texts())
    assert "reliefdesk.iohc.example" in outlets  # the URL's host where the article names no outlet
    unknown = page.locator("table.articles tbody tr", has_text="outlet unknown")
    expect(unknown).to_have_count(1)  # only the note, which has no URL either
    expect(unknown).to_contain_text("Field note")
    assert not any(t.endswith((".txt", ".html")) for t in page.locator("table.articles tbody a").all_inner_texts())


# --- accessibility: axe-core in the browser ----------------------------------------------

SEVERE = ("serious", "critical")


def _severe(page: Page) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in found if v["impact"] in SEVERE]


@pytest.mark.parametrize("size", WIDTHS)
def test_axe_finds_nothing_serious_on_any_page(server: str, page: Page, size: dict[str, int]) -> None:
    page.set_viewport_size(size)
    problems = {}
    for kind, url in _page_kinds(server, page).items():
        page.goto(server + url)
        if kind == "map":
            expect(page.locator(".map .main-svg").first).to_be_visible()
        if found := _severe(page):
            problems[kind] = found
    assert problems == {}


def test_the_report_has_contents_links_names_and_passes_axe(demo: Path, tmp_path: Path, browser: Browser) -> None:
    report = tmp_path / "report.html"
    result = CliRunner().invoke(cli_app, ["report", "--db", str(demo), "-o", str(report)])
    assert result.exit_code == 0, result.output
    context = browser.new_context(offline=True, viewport=PHONE)
    page = context.new_page()
    page.goto(report.as_uri())
    contents = page.locator("nav.toc a")
    assert contents.count() == page.locator("section.figure[id^='figure-']").count() + 2  # the map and framing too
    target = contents.nth(3)
    section = (target.get_attribute("href") or "").removeprefix("#")
    target.click()
    expect(page.locator(f"section[id='{section}'] h2")).to_be_in_viewport()
    sources = page.locator("table.claims a[href^='https://']")
    assert sources.count() > 20  # each claim's outlet links to its article
    framing = page.locator("#framing h2 ~ h2, #framing h2").all_inner_texts()
    assert "Dorrin Liberation Front" in framing and not any(re.fullmatch(r"[a-z~-]+", h) for h in framing)
    assert not _scrolls_sideways(page)
    assert _severe(page) == []
    context.close()
