"""The web app under attack: downloads, tokens, parameters, heavy pages, odd ids, hosts and
headers (the security-hardening issue). Real ledgers, the real app, a real uvicorn server
on 127.0.0.1 where concurrency or HTTP itself matters; nothing tested is mocked."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from typer.testing import CliRunner

from counterclaim.cli import app as cli_app
from counterclaim.model import AUTHOR, Article, Claim
from counterclaim.store import open_store, save_article
from counterclaim.store.serving import is_timeout, open_reader, time_limit
from counterclaim.web.app import WORKER_THREADS, DownloadSlots, create_app
from pg import create_database
from serving import serving, wait_for

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TOKEN = "pässwörd-ünïcode-token"  # not ASCII, and long enough
LOOPBACK = "http://127.0.0.1"


@pytest.fixture(scope="module")
def ledger(examples_ledger: str) -> str:
    return examples_ledger


@pytest.fixture(scope="module")
def big_ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    """40,000 synthetic claims (the benchmarks' loader): a download of them is megabytes."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_store import _load_synthetic

    db = str(tmp_path_factory.mktemp("big") / "big.db")
    _load_synthetic(open_store(db), 40_000)
    return db


def _client(app: FastAPI) -> TestClient:
    return TestClient(app, base_url=LOOPBACK)


def _claim(article: str, start: int, sentence: str, claimant: str, claimant_id: str | None) -> Claim:
    return Claim(article=article, doc="hand.txt", text="40", start=start, end=start + 2, sentence=sentence,
                 value=40.0, value_high=None, qualifier="exact", unit="count", measure="killed", counted="people",
                 claimant=claimant, claimant_id=claimant_id, claimant_party=claimant_id, conflict="sudan",
                 figure="sudan/killed/people/event-2024-05-01")


@pytest.fixture(scope="module")
def odd_ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One article whose claims have a claimant `@author`, a sentence that starts with "=", and an
    actor whose id holds a slash, stored through the ledger's own API."""
    db = str(tmp_path_factory.mktemp("odd") / "odd.db")
    body = '=HYPERLINK("http://evil.example","40") people were killed. OCHA said 40 were killed.'
    article = Article(id="odd-article", doc="hand.txt", text=body, date="2024-05-01", outlet="Hand Post")
    claims = [_claim(article.id, body.index("40"), body.split(". ")[0] + ".", AUTHOR, None),
              _claim(article.id, body.rindex("40"), "OCHA said 40 were killed.", "OCHA", "un/ocha")]
    assert save_article(open_store(db), article, claims)
    return db


# 1. Downloads: streamed, bounded, spreadsheet-safe ------------------------------------

def test_downloads_beyond_the_limit_are_503_with_retry_after(big_ledger: str) -> None:
    app = create_app(big_ledger, downloads=DownloadSlots(at_once=1, waiting=0))
    with serving(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        with client.stream("GET", "/claims?format=jsonl") as held:  # read one chunk, then stall
            assert held.status_code == 200
            next(held.iter_bytes())
            refused = client.get("/claims?format=csv")
            assert refused.status_code == 503 and refused.headers["retry-after"].isdigit()
            assert "too many downloads" in refused.text.lower() and refused.text.startswith("<!doctype html>")
        for _ in range(50):  # the stalled download gave its turn back when the client hung up
            answered = client.get("/claims?format=jsonl&measure=killed")
            if answered.status_code == 200:
                break
            time.sleep(0.1)
        assert answered.status_code == 200 and answered.text.count("\n") > 1000


def test_parallel_downloads_all_finish_and_the_pool_has_a_connection_per_thread(big_ledger: str) -> None:
    app = create_app(big_ledger)
    assert app.state.engine.pool.size() >= WORKER_THREADS  # no "QueuePool limit of size 5 overflow 10"
    with serving(app) as url, httpx.Client(base_url=url, timeout=120) as client:
        expected = client.get("/claims?format=jsonl&measure=killed").text.count("\n")
        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(lambda n: client.get(f"/claims?format={'csv' if n % 2 else 'jsonl'}"
                                                         "&measure=killed"), range(20)))
    assert [a.status_code for a in answers] == [200] * 20
    assert {a.text.count("\n") - (1 if "csv" in a.headers["content-type"] else 0) for a in answers} == {expected}


def test_web_csv_neutralises_formulas(odd_ledger: str) -> None:
    client = _client(create_app(odd_ledger))
    rows = list(csv.DictReader(io.StringIO(client.get("/claims?format=csv").text)))
    assert {row["claimant"] for row in rows} == {"'@author", "OCHA"}
    assert any(row["sentence"].startswith("'=HYPERLINK") for row in rows)
    records = [json.loads(line) for line in client.get("/claims?format=jsonl").text.splitlines()]
    assert {r["claimant"] for r in records} == {"@author", "OCHA"}  # JSON Lines are data, left as they are


# 2. Tokens ------------------------------------------------------------------------------

def test_a_non_ascii_token_works_from_query_cookie_and_header(ledger: str) -> None:
    client = _client(create_app(ledger, token=TOKEN))
    assert client.get("/").status_code == 401
    assert client.get("/", params={"token": "wrong-but-long-enough-ü"}).status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer nicht-das-pässwörd-ü".encode()}).status_code == 401
    assert client.get("/", headers={"Authorization": f"Bearer {TOKEN}".encode()}).status_code == 200
    assert client.get("/", headers={"Authorization": f"bearer {TOKEN}".encode()}).status_code == 200
    assert client.get("/", headers={"Authorization": f"BEARER {TOKEN}".encode()}).status_code == 200
    assert client.get("/", params={"token": TOKEN}).status_code == 200
    assert client.get("/claims").status_code == 200  # the cookie set by ?token= carries on


def test_short_tokens_are_refused(ledger: str) -> None:
    with pytest.raises(ValueError, match="at least 16 characters"):
        create_app(ledger, token="s3cret")
    result = CliRunner().invoke(cli_app, ["serve", "--db", ledger, "--token", "short"])
    assert result.exit_code == 2 and "at least 16 characters" in result.output


# 3. Parameters: bounded, 400 not 500, no SQL in a body ----------------------------------

LONG = "x" * 50_001


@pytest.mark.parametrize("url", [
    f"/claims?page={2**64 // 100 + 1}", "/claims?page=0", "/claims?page=-1", "/claims?page=abc",
    *(f"/claims?{name}={LONG}" for name in ("claimant", "outlet", "place", "search", "measure", "party",
                                            "country", "conflict", "figure")),
    "/claims?since=yesterday", "/claims?until=2024-13-45", "/claims?since=" + "9" * 5000,
    "/claims?sort=__class__", "/claims?order=sideways", "/claims?format=xlsx",
    "/claims?search=" + " ".join(["word"] * 33),
    f"/?conflict={LONG}", f"/figures?about={LONG}", f"/figures?conflict={LONG}", f"/framing?actor={LONG}",
    f"/map?measure={LONG}", "/map?since=2024-02-30", f"/map?country={LONG}",
])
def test_bad_parameters_are_400_without_sql(ledger: str, url: str) -> None:
    response = _client(create_app(ledger)).get(url)
    assert response.status_code == 400, (url[:80], response.status_code, response.text[:300])
    body = response.text.lower()
    assert body.startswith("<!doctype html>") and "<h1>bad request</h1>" in body  # a page, with the reason
    assert len(body) < 3000 and "select" not in body and "like" not in body and "xxxx" not in body


def test_a_database_error_is_logged_not_shown(tmp_path: Path, ledger: str, capfd: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "broken.db"
    db.write_bytes(Path(ledger).read_bytes())
    app = create_app(str(db))
    with app.state.engine.begin() as connection:
        connection.execute(text("DROP TABLE term_uses"))
    response = _client(app).get("/framing?actor=hamas")
    assert response.status_code == 500
    assert "term_uses" not in response.text and "select" not in response.text.lower()
    assert "term_uses" in capfd.readouterr().err


# 4. Heavy pages: once per ledger state; searches capped and timed ------------------------

def test_concurrent_first_requests_compute_the_overview_once(ledger: str, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    db.write_bytes(Path(ledger).read_bytes())
    app = create_app(str(db))
    with serving(app) as url, httpx.Client(base_url=url, timeout=60) as client, ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda _: client.get("/"), range(20)))
        assert [a.status_code for a in answers] == [200] * 20
        assert len({a.text for a in answers}) == 1
        assert app.state.cache.computed[("overview", None)] == 1
        list(pool.map(lambda _: client.get("/framing"), range(20)))
        assert app.state.cache.computed[("framing", None, 8)] == 1
        app.state.cache.version_every_s = 0
        body = "Gaza's health ministry said 12 people were killed in Rafah on Monday."
        assert save_article(open_store(str(db)), Article(id="new-one", doc="new.txt", text=body), [])
        assert client.get("/").status_code == 200  # a new article: the overview is computed again
        assert app.state.cache.computed[("overview", None)] == 2


def test_a_search_past_its_time_limit_is_503(big_ledger: str) -> None:
    slow = _client(create_app(big_ledger, query_time_s=0.0))
    response = slow.get("/claims?search=s")
    assert response.status_code == 503 and "narrow" in response.text and response.headers["retry-after"]
    assert "interrupted" not in response.text
    assert _client(create_app(big_ledger)).get("/claims?search=s").status_code == 200


def test_a_postgresql_statement_past_its_time_limit_is_a_timeout(postgres_server: str) -> None:
    engine = open_reader(create_database(postgres_server, "timeouts"), connections=2)
    with pytest.raises(Exception) as raised, time_limit(0.2), engine.connect() as connection:
        connection.execute(text("SELECT pg_sleep(5)"))
    assert is_timeout(raised.value)
    with engine.connect() as connection:  # the limit ended with its block and its transaction
        assert connection.execute(text("SELECT pg_sleep(0.3), current_setting('statement_timeout')")).one()[1] == "0"


def test_a_ledger_password_never_shows_on_a_page(postgres_server: str) -> None:
    url = create_database(postgres_server, "masked").replace("://postgres@", "://postgres:hunter2-very-secret@")
    page = _client(create_app(url)).get("/").text
    assert "hunter2-very-secret" not in page and "postgres:***@" in page


# 5. Ids with a slash ----------------------------------------------------------------------

def test_ids_with_slashes_are_linked_and_reachable(odd_ledger: str) -> None:
    client = _client(create_app(odd_ledger))
    listing = client.get("/claims").text
    assert 'href="/actors/un%2Focha"' in listing and 'href="/articles/odd-article#claim-' in listing
    assert "OCHA" in client.get("/actors/un%2Focha").text
    assert client.get("/actors/un/ocha").status_code == 200
    figure = "sudan/killed/people/event-2024-05-01"
    assert f'href="/figures/{quote(figure, safe="")}"' in client.get("/figures").text
    assert client.get(f"/figures/{quote(figure, safe='')}").status_code == 200


# 6. Hosts, headers, HEAD and OPTIONS -------------------------------------------------------

def test_every_response_carries_the_security_headers(ledger: str) -> None:
    client = _client(create_app(ledger, token=TOKEN))
    for response in (client.get("/"), client.get(f"/?token={quote(TOKEN)}"), client.get("/nope"),
                     client.get("/claims?page=0"), client.get("/", headers={"Host": "evil.example"})):
        policy = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "DENY"


def test_an_unexpected_failure_is_a_plain_500_with_the_headers(ledger: str, capfd: pytest.CaptureFixture[str]) -> None:
    app = create_app(ledger)

    def fails() -> None:
        raise ZeroDivisionError("a detail for the log only")

    app.add_api_route("/fails", fails)  # a route that fails as a bug would; the guard is what is tried
    response = _client(app).get("/fails")
    assert response.status_code == 500 and "detail" not in response.text
    assert response.headers["x-frame-options"] == "DENY"
    assert "a detail for the log only" in capfd.readouterr().err


def test_other_host_names_are_refused_even_with_the_token(ledger: str) -> None:
    client = _client(create_app(ledger, token=TOKEN))
    assert client.get(f"/?token={quote(TOKEN)}", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"Host": "evil.example:8000",
                                    "Authorization": f"Bearer {TOKEN}".encode()}).status_code == 400
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000", "LOCALHOST"):
        assert client.get(f"/?token={quote(TOKEN)}", headers={"Host": host}).status_code == 200, host
    allowed = _client(create_app(ledger, allowed_hosts=["ledger.example"]))
    assert allowed.get("/", headers={"Host": "ledger.example:8000"}).status_code == 200
    assert allowed.get("/", headers={"Host": "evil.example"}).status_code == 400


def test_serve_allows_the_named_hosts_and_its_own_address(ledger: str) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "counterclaim.cli", "serve", "--db", ledger, "--host", "127.0.0.2",
               "--port", str(port), "--allowed-host", "ledger.example", "--token", TOKEN]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url, auth = f"http://127.0.0.2:{port}", {"Authorization": f"Bearer {TOKEN}".encode()}
        wait_for(url)
        assert httpx.get(url + "/", headers=auth).status_code == 200  # Host: 127.0.0.2, the --host address
        assert httpx.get(url + "/", headers={**auth, "Host": "ledger.example"}).status_code == 200
        assert httpx.get(url + "/", headers={**auth, "Host": "evil.example"}).status_code == 400
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_head_and_options_answer(ledger: str) -> None:
    with serving(create_app(ledger)) as url:
        head = httpx.head(url + "/claims")
        assert head.status_code == 200 and head.content == b"" and head.headers["content-type"].startswith("text/html")
        assert httpx.head(url + "/claims?format=csv").status_code == 200
        options = httpx.options(url + "/claims")
        assert options.status_code == 204 and options.headers["allow"] == "GET, HEAD, OPTIONS"
        assert httpx.post(url + "/claims").status_code == 405  # still read-only
