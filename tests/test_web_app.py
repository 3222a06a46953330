"""The web app's rules without a browser: tokens, binding, escaping, downloads, 404s, and
the figures' charts (inline SVG, every claim on them or beside them)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from counterclaim.cli import app as cli_app
from counterclaim.compare import Figure, FigureClaim
from counterclaim.web.app import create_app
from counterclaim.web.charts import PALETTE, figure_chart, party_colour
from counterclaim.web.templating import templates

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def ledger(examples_ledger: str) -> str:
    return examples_ledger


def test_a_token_is_required_when_set(ledger: str) -> None:
    client = TestClient(create_app(ledger, token="long-enough-s3cret-token"), base_url="http://127.0.0.1")
    assert client.get("/").status_code == 401
    assert client.get("/healthz?token=wrong").status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer long-enough-s3cret-token"}).status_code == 200
    assert client.get("/?token=long-enough-s3cret-token").status_code == 200
    assert client.get("/claims").status_code == 200  # the cookie set by ?token= carries on


def test_serving_beyond_loopback_needs_a_token(ledger: str) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--db", ledger, "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--token" in result.output


def test_claims_download_keeps_the_filter(ledger: str) -> None:
    client = TestClient(create_app(ledger), base_url="http://127.0.0.1")
    lines = client.get("/claims?measure=displaced&format=jsonl").text.splitlines()
    assert lines and {json.loads(line)["measure"] for line in lines} == {"displaced"}
    csv_text = client.get("/claims?measure=displaced&format=csv").text
    assert csv_text.splitlines()[0].startswith("doc,conflict,") and len(csv_text.splitlines()) == len(lines) + 1


def test_unknown_things_are_404_and_paths_go_nowhere(ledger: str) -> None:
    client = TestClient(create_app(ledger), base_url="http://127.0.0.1")
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/actors/nope").status_code == 404
    assert client.get("/figures/killed/nothing-like-this").status_code == 404
    assert client.get("/assets/../../pyproject.toml").status_code == 404
    assert client.get("/claims?sort=__class__").status_code == 400
    assert client.post("/claims").status_code == 405  # read-only


def test_pages_escape_what_they_show(ledger: str) -> None:
    client = TestClient(create_app(ledger), base_url="http://127.0.0.1")
    page = client.get("/claims?search=<script>alert(1)</script>").text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_conflict_filters_and_figure_links(tmp_path: Path) -> None:
    db = str(tmp_path / "wars.db")
    grouping = Path(__file__).parent / "data" / "grouping_articles.jsonl"
    assert CliRunner().invoke(cli_app, ["ingest", str(grouping), "--db", db]).exit_code == 0
    client = TestClient(create_app(db), base_url="http://127.0.0.1")
    figures_page = client.get("/figures?conflict=myanmar").text
    assert "Myanmar" in figures_page and "Sudan war" not in figures_page
    assert '<option value="sudan">' in client.get("/claims").text  # the conflict filter lists the ledger's wars
    lines = client.get("/claims?conflict=sudan&format=jsonl").text.splitlines()
    records = [json.loads(line) for line in lines]
    assert records and {r["conflict"] for r in records} == {"sudan"} and all(r["figure"] for r in records)
    figure = next(r["figure"] for r in records if r["value"] == 40)
    page = client.get(f"/figures/{figure}").text
    assert "RSF" in page and "SAF" in page and f"/claims?figure={figure.split('@')[0]}" in page
    same = client.get(f"/claims?figure={figure}&format=jsonl").text.splitlines()
    assert sorted(json.loads(line)["value"] for line in same) == [14, 40]


def test_assets_are_named_by_content_compressed_and_kept(ledger: str) -> None:
    client = TestClient(create_app(ledger), base_url="http://127.0.0.1")
    page = client.get("/figures").text
    style = re.search(r'href="(/assets/style\.[0-9a-f]{10}\.css)"', page)
    assert style is not None
    claims_map = client.get("/map").text  # the map still draws with plotly.js; the figures no longer do
    plotly = re.search(r'src="(/assets/plotly\.min\.[0-9a-f]{10}\.js)"', claims_map)
    assert plotly is not None
    packed = client.get(plotly[1], headers={"Accept-Encoding": "gzip"})
    assert packed.status_code == 200 and packed.headers["content-encoding"] == "gzip"
    assert packed.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert int(packed.headers["content-length"]) < 1_600_000  # 4.8 MB as shipped
    plain = client.get(plotly[1], headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and len(plain.content) > 4_000_000
    assert packed.content == plain.content  # the same file either way (the client unpacks gzip)
    again = client.get(plotly[1], headers={"If-None-Match": packed.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    old_name = client.get("/assets/plotly.min.js")  # an old page's address still answers, kept briefly
    assert old_name.status_code == 200 and old_name.headers["cache-control"] == "public, max-age=300"


# --- the figures' charts ---------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"


def _claim(party: str, value: float | None, *, day: str | None = "2024-01-10", high: float | None = None,
           qualifier: str = "exact", claimant: str = "a spokesman", outlet: str | None = "Wire", start: int = 0,
           period_end: str | None = None, text: str = "") -> FigureClaim:
    return FigureClaim(value=value, value_high=high, qualifier=qualifier, claimant=claimant, claimant_party=party,
                       party=party, outlet=outlet, date=day, period_start=None, period_end=period_end,
                       cumulative=None, article="a1", sentence="They said so.", text=text or str(value),
                       counted="people", place=None, place_id=None, lat=None, lon=None, start=start)


def _figure(*claims: FigureClaim, label: str = "killed — people, since 7 October 2023 — Israel–Hamas war") -> Figure:
    return Figure(figure="israel-hamas/killed/people/since-2023-10-07", label=label, conflict="israel-hamas",
                  conflict_name="Israel–Hamas war", measure="killed", counted_group="people",
                  scope="since-2023-10-07", scope_text="since 7 October 2023", place_id=None, place=None,
                  part_of=None, cumulative=True, claims=claims, by_party={}, voices={}, spread=None,
                  independent_sources=1)


def _drawn(figure: Figure) -> str:
    """The figure's chart as the pages lay it out (templates/_chart.html)."""
    chart = figure_chart(figure, lambda i, c: f"/articles/{c.article}#claim-{c.start}")
    macro = templates().from_string('{% from "_chart.html" import chart %}{{ chart(c) }}')
    return macro.render(c=chart)


def _svg(html: str) -> ElementTree.Element:
    return ElementTree.fromstring(html[html.index("<svg xmlns"):html.index("</svg>") + len("</svg>")])


def _points(svg: ElementTree.Element) -> list[ElementTree.Element]:
    return svg.findall(f"{SVG}a[@class='point']")


def _x(point: ElementTree.Element) -> float:
    hit = point.find(f"{SVG}rect[@class='hit']")
    assert hit is not None
    return float(hit.get("x", "0")) + float(hit.get("width", "0")) / 2


def test_a_figure_chart_draws_every_claim(tmp_path: Path) -> None:
    figure = _figure(
        _claim("israel", 100, start=10),
        _claim("palestinian-groups", 120, qualifier="approx", day="2024-02-01", start=20),
        _claim("israel", 20, high=30, qualifier="range", day=None, period_end="2024-01-20", start=30),
        _claim("unattributed", 50, qualifier="over", day=None, start=40),
        _claim("israel", 70, day=None, start=50),
        _claim("houthis", None, text="dozens", start=60),
    )
    html = _drawn(figure)
    svg = _svg(html)
    assert svg.get("role") == "group" and svg.get("aria-labelledby")  # a group of links, named by title and desc
    assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
    points = _points(svg)
    assert sorted(p.get("href") for p in points) == [f"/articles/a1#claim-{n}" for n in (10, 20, 30, 40, 50)]
    assert all(p.find(f"{SVG}title") is not None for p in points)  # every point has its tooltip
    # the two undated claims sit in the "no date" strip, the others left of it
    strip = svg.find(f"{SVG}rect[@class='undated-strip']")
    assert strip is not None
    left = float(strip.get("x", "0"))
    right = left + float(strip.get("width", "0"))
    undated = [p for p in points if p.get("href", "").endswith(("-40", "-50"))]
    assert len(undated) == 2 and all(left < _x(p) < right for p in undated)
    assert all(_x(p) < left for p in points if p not in undated)
    assert "2 of 6 claims have no date" in html and "1 of 6 claims gives no number" in html
    # the vague claim is listed, with its words and a link to it; its party is not in the legend
    vague = re.search(r'<ul class="vague">(.*?)</ul>', html, re.S)
    assert vague is not None and "dozens" in vague[1] and "#claim-60" in vague[1]
    legend = re.search(r'<ul class="legend"[^>]*>(.*?)</ul>', html, re.S)
    assert legend is not None and "Israel" in legend[1] and "Palestinian groups" in legend[1]
    assert "Houthis" not in legend[1]
    # the range is a bar with a cap at each end: 20 and 30 on the value axis
    ranged = next(p for p in points if p.get("href", "").endswith("-30"))
    caps = sorted(float(c.get("y1", "0")) for c in ranged.findall(f"{SVG}line[@class='cap']"))
    bar = ranged.find(f"{SVG}line[@class='bar']")
    assert len(caps) == 2 and caps[0] < caps[1] and bar is not None
    assert sorted(float(bar.get(k, "0")) for k in ("y1", "y2")) == caps
    assert "20–30" in (ranged.findtext(f"{SVG}title") or "")
    # markers by qualifier: a filled circle, an open one, a triangle
    exact = next(p for p in points if p.get("href", "").endswith("-10")).find(f"{SVG}circle[@class='sym']")
    about = next(p for p in points if p.get("href", "").endswith("-20")).find(f"{SVG}circle[@class='sym']")
    assert exact is not None and about is not None and exact.get("fill") != "#fff" and about.get("fill") == "#fff"
    assert next(p for p in points if p.get("href", "").endswith("-40")).find(f"{SVG}path[@class='sym']") is not None


def test_a_party_has_one_colour_on_every_figure() -> None:
    def colours(figure: Figure) -> dict[str, str]:
        found = {}
        for point in _points(_svg(_drawn(figure))):
            mark = point.find(f"{SVG}circle[@class='sym']")
            assert mark is not None
            party = (point.findtext(f"{SVG}title") or "").split(" — ")[0]
            found[party] = mark.get("fill", "")
        return found

    one = colours(_figure(_claim("israel", 5), _claim("palestinian-groups", 9)))
    other = colours(_figure(_claim("hezbollah", 3), _claim("lebanon", 4), _claim("israel", 7)))
    assert one["Israel"] == other["Israel"] == party_colour("israel")
    assert one["Israel"] != one["Palestinian groups"]
    assert party_colour("a-party-of-my-own") == party_colour("a-party-of-my-own") in PALETTE


def test_the_parties_of_each_packaged_war_have_distinct_colours() -> None:
    folder = Path(__file__).resolve().parents[1] / "src" / "counterclaim" / "actors" / "data"
    for path in sorted(folder.glob("*.yaml")):
        parties = yaml.safe_load(path.read_text(encoding="utf-8"))["parties"]
        colours = [party_colour(p) for p in parties]
        assert len(set(colours)) == len(colours), (path.name, dict(zip(parties, colours, strict=True)))


def test_a_figure_of_only_vague_claims_says_so() -> None:
    html = _drawn(_figure(_claim("israel", None, text="dozens"), _claim("hezbollah", None, text="hundreds")))
    assert "<svg" not in html
    assert "None of the 2 claims gives a number" in html
    assert "dozens" in html and "hundreds" in html


def test_the_chart_escapes_what_articles_wrote() -> None:
    hostile = _figure(
        _claim('x" onload="alert(3)', 12, claimant="<script>alert(1)</script>",
               outlet='"><img src=x onerror=alert(2)>'),
        _claim("israel", None, claimant="</title><script>alert(4)</script>", text="<b>dozens</b>"),
        label="killed — </title><svg onload=alert(5)> — war",
    )
    html = _drawn(hostile)
    for raw in ("<script", "<img", "<b>", "<svg onload", 'onload="alert'):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    svg = _svg(html)  # still one well-formed SVG: nothing ended an element early
    points = _points(svg)
    assert len(points) == 1 and "<script>alert(1)</script>" in (points[0].findtext(f"{SVG}title") or "")
    assert svg.findtext(f"{SVG}title") == "killed — </title><svg onload=alert(5)> — war"  # shown as text


def test_a_figure_page_is_svg_with_no_script(ledger: str) -> None:
    client = TestClient(create_app(ledger), base_url="http://127.0.0.1")
    listing = client.get("/figures").text
    for link in re.findall(r'href="(/figures/[^"]+)"', listing)[:20]:
        page = client.get(link).text
        assert "<script" not in page and "plotly" not in page
        table = re.search(r'<table class="claims">(.*?)</table>', page, re.S)
        assert table is not None and "<caption>" in table[1] and '<th scope="col">' in table[1]
        rows = table[1].count("<tr>") - 1
        if "<svg xmlns" not in page:
            assert "gives no number" in page
            continue
        svg = _svg(page)
        assert svg.get("role") == "group" and svg.get("aria-labelledby") and svg.findtext(f"{SVG}desc")
        points = _points(svg)
        assert len(points) + page.count('<ul class="vague">') and len(points) <= rows
        for point in points[:3]:  # each point leads to its claim's evidence in the article
            article, anchor = point.get("href", "").split("#")
            assert anchor.startswith("claim-") and f'id="{anchor}"' in client.get(article).text


def test_cli_and_web_csv_are_the_same_and_read_back(ledger: str) -> None:
    import io
    import subprocess
    import sys

    import pandas as pd

    cli = subprocess.run([sys.executable, "-m", "counterclaim.cli", "claims", "--db", ledger, "--measure", "killed",
                          "--format", "csv"], capture_output=True, check=True, timeout=300)
    web = TestClient(create_app(ledger), base_url="http://127.0.0.1").get("/claims?measure=killed&format=csv")
    assert web.content == cli.stdout and web.text.count("\n") > 5  # the same bytes, line ends included
    frame = pd.read_csv(io.StringIO(web.text), dtype=str, keep_default_na=False)
    assert list(frame.columns[:4]) == ["doc", "conflict", "figure", "scope"]
    assert all(isinstance(json.loads(cell), list) for cell in frame["claimant_aliases"])
    assert all(isinstance(json.loads(cell), list) and json.loads(cell) for cell in frame["reasons"])
    assert set(frame["optional"]) <= {"true", "false"}
    assert not any(str(v).endswith(".0") for v in web.text.split(","))  # whole numbers without ".0"
    assert all(c.startswith("'@") for c in frame["claimant"] if c.lstrip("'").startswith("@"))


def test_errors_are_pages_and_paging_is_clamped(ledger: str) -> None:
    client = TestClient(create_app(ledger), base_url="http://127.0.0.1")
    for url, status, heading in (("/articles/nope", 404, "Not found"), ("/claims?page=0", 400, "Bad request"),
                                 ("/claims?sort=bogus", 400, "Bad request"), ("/nowhere", 404, "Not found")):
        response = client.get(url)
        assert response.status_code == status and response.headers["content-type"].startswith("text/html")
        assert f"<h1>{heading}</h1>" in response.text and 'href="/figures"' in response.text
    last = client.get("/claims?page=99").text
    assert "page 99 of" not in last and "of 99" not in last
    pages = re.search(r"page (\d+) of (\d+)", last)
    assert pages is not None and pages[1] == pages[2]  # the last page, not page 99 of 3
    assert ledger not in client.get("/").text  # the server's folders are not shown, only the file's name


def test_spreads_read_as_a_reader_takes_them(ledger: str) -> None:
    page = TestClient(create_app(ledger), base_url="http://127.0.0.1").get("/figures").text
    spreads = re.findall(r"([\d.,]+)×", page)
    assert spreads and all(re.fullmatch(r"[\d,]+|\d\.\d", s) for s in spreads), spreads


def test_every_page_links_how_to_read_it(ledger: str) -> None:
    client = TestClient(create_app(ledger), base_url="http://127.0.0.1")
    for url in ("/", "/figures", "/claims", "/map", "/framing", "/nowhere"):
        assert '<a href="/about">How to read this</a>' in client.get(url).text, url
    about = client.get("/about").text
    for term in ("figure", "party", "outlet-voice", "unattributed", "spread", "sources", "periods"):
        assert f'<dt id="{term}">' in about, term
    assert "@author" in about and "does not decide who is right" in about


# --- filters, facets and the articles index (issue 20) ----------------------------------


def test_the_figures_search_looks_through_conflict_place_and_group_words(tmp_path: Path) -> None:
    db = str(tmp_path / "wars.db")
    assert CliRunner().invoke(cli_app, ["ingest", str(Path(__file__).parent / "data" / "grouping_articles.jsonl"),
                                        "--db", db]).exit_code == 0
    client = TestClient(create_app(db), base_url="http://127.0.0.1")

    def found(about: str) -> list[str]:
        return re.findall(r'href="/figures/([^"]+)"', client.get(f"/figures?about={about}").text)

    assert found("Sudan") and all(f.startswith("sudan%2F") for f in found("Sudan"))  # the conflict's name
    assert found("Obeid") and all("el-obeid" in f for f in found("Obeid"))  # a place
    assert found("children") == ["sudan%2Fkilled%2Fchildren%2Fsince-2023-04-15"]  # a group
    assert "No figure about" in client.get("/figures?about=zzyzx").text


def test_store_queries_of_the_claims_form(examples_ledger: str) -> None:
    from counterclaim.store import ClaimFilter, facet_counts, list_articles, read_claims
    from counterclaim.store.serving import open_reader

    engine = open_reader(examples_ledger, connections=2)
    everything = list(read_claims(engine))
    parties = dict(facet_counts(engine, ClaimFilter(), "party"))
    assert sum(parties.values()) == len(everything)  # every claim has a party column: a side, a voice or unlinked
    killed = dict(facet_counts(engine, ClaimFilter(measure="killed"), "party"))
    assert sum(killed.values()) == sum(c.measure == "killed" for c in everything)
    two = list(read_claims(engine, ClaimFilter(parties=tuple(list(parties)[:2]))))
    assert len(two) == sum(list(parties.values())[:2])
    groups = dict(facet_counts(engine, ClaimFilter(), "counted_group"))
    group, count = next(iter(groups.items()))
    assert len(list(read_claims(engine, ClaimFilter(counted_group=group)))) == count
    # one actor, every spelling: "Abu Tamir" (the wire) finds "Abu Tamer" and "Abou Tamer" too
    spellings = {c.claimant for c in read_claims(engine, ClaimFilter(claimant_named="Abu Tamir"))}
    assert {"Abu Tamer", "Abou Tamer", "Abu Tamir"} <= spellings
    assert {c.claimant for c in read_claims(engine, ClaimFilter(claimant="Abu Tamir"))} == {"Abu Tamir"}  # text
    rows, total = list_articles(engine, limit=5)
    assert total == 12 and len(rows) == 5 and rows[0].date >= rows[-1].date  # type: ignore[operator]
    assert sum(r.claims for r in list_articles(engine, limit=100)[0]) == len(everything)


def test_the_claims_page_keeps_every_filter_and_shows_chips(examples_ledger: str) -> None:
    client = TestClient(create_app(examples_ledger), base_url="http://127.0.0.1")
    url = "/claims?party=kalvania&party=unlinked&counted_group=civilians&place=Tamarel&country=MY&measure=killed"
    page = client.get(url).text
    form = page[page.index('<form method="get" action="/claims"'):page.index("</form>")]
    for name, value in (("party", "kalvania"), ("party", "unlinked")):
        assert re.search(rf'name="{name}" value="{value}" checked', form), value
    assert 'id="f-place" name="place" value="Tamarel"' in form and 'type="hidden"' not in form
    assert re.search(r'<option value="civilians" selected>civilians \(\d+\)</option>', form)
    chips = re.findall(r'<a class="chip" href="([^"]+)"[^>]*>([^<]*)', page)
    assert len(chips) == 6
    removed = dict((label.strip(), href) for href, label in chips)["place: Tamarel"]
    assert "place=" not in removed and removed.count("party=") == 2 and "counted_group=civilians" in removed
    assert client.get("/claims?party=" + "&party=".join(str(n) for n in range(30))).status_code == 400


def test_the_articles_index_and_untitled_articles(examples_ledger: str) -> None:
    from counterclaim.web.pages import article_heading, outlet_shown

    client = TestClient(create_app(examples_ledger), base_url="http://127.0.0.1")
    index = client.get("/articles").text
    links = re.findall(r'<td><a href="(/articles/[^"]+)">([^<]+)</a></td><td>([^<]*)</td>', index)
    assert len(links) == 12 and '<a href="/articles">Articles</a>' in index
    assert all(not title.endswith((".txt", ".html")) for _, title, _ in links)
    assert {outlet for *_, outlet in links} >= {"reliefdesk.iohc.example", "Quillon Press Agency"}
    article = client.get(links[0][0]).text
    assert 'class="claim" tabindex="0"' in article  # the claims are reachable by keyboard
    assert article_heading(None, "\n\nA long first line " + "word " * 40, None, None, None).endswith(" …")
    untitled = article_heading("", "", None, "https://www.wire.example/x", None)
    assert untitled == "An article of wire.example, date unknown"
    assert outlet_shown(None, "not a url") == "outlet unknown"


def test_a_points_hover_says_its_date_and_qualifier() -> None:
    html = _drawn(_figure(_claim("israel", 100, start=10), _claim("israel", 20, high=30, qualifier="range", start=20),
                          _claim("hezbollah", 7, qualifier="over", start=30)))
    titles = [p.findtext(f"{SVG}title") or "" for p in _points(_svg(html))]
    assert any("100 (exact)" in t and "2024-01-10" in t for t in titles)
    assert any("20–30 (a range)" in t for t in titles)
    assert any("more than 7 —" in t and "(more than)" not in t for t in titles)  # said once
