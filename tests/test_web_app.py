"""The web app's rules without a browser: tokens, binding, escaping, downloads, 404s."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from counterclaim.cli import app as cli_app
from counterclaim.web import create_app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("app") / "ledger.db"
    result = CliRunner().invoke(cli_app, ["ingest", str(EXAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return str(db)


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
    assert "rsf" in page and "saf" in page and f"/claims?figure={figure.split('@')[0]}" in page
    same = client.get(f"/claims?figure={figure}&format=jsonl").text.splitlines()
    assert sorted(json.loads(line)["value"] for line in same) == [14, 40]


def test_assets_are_named_by_content_compressed_and_kept(ledger: str) -> None:
    import re

    client = TestClient(create_app(ledger), base_url="http://127.0.0.1")
    page = client.get("/figures").text
    style = re.search(r'href="(/assets/style\.[0-9a-f]{10}\.css)"', page)
    assert style is not None
    figure = client.get(re.search(r'href="(/figures/[^"]+)"', page)[1]).text  # type: ignore[index]
    plotly = re.search(r'src="(/assets/plotly\.min\.[0-9a-f]{10}\.js)"', figure)
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
