"""Review mode in a real browser (issue 23): `counterclaim serve --review`'s app in uvicorn,
driven by Playwright in Debian's Chromium over the demo corpus (examples/ with its actors,
plus docs/demo-extra, as test_web_browser.py). A reviewer logs in with the token, corrects
a claimant, verifies claims and merges two figures; the figure page, the CSV download and
`counterclaim compare` then show the corrections. A POST without a session or without its
CSRF token changes nothing (403); two reviewers editing one claim: the second gets the
conflict page with nothing lost, and the first's edit stands. axe-core finds nothing
serious or critical on the review pages.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect
from typer.testing import CliRunner

from counterclaim.cli import app as cli_app
from counterclaim.review import current_review, history, review_counts
from counterclaim.store import open_store
from counterclaim.web.app import create_app
from serving import serving
from test_web import CHROMIUM
from test_web import browser_type_launch_args as browser_type_launch_args  # the fixture: Debian's Chromium
from test_web_browser import _severe

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "review-token-for-the-tests-0123"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
FIGURE = "kalvania-dorrin/killed/people/event-2025-03-01"  # two claims: one corrected, one verified
OTHER = "kalvania-dorrin/killed/people/since-2025-03-01"  # three claims: one verified
MERGED = "kalvania-dorrin/captured/hostages/event-2025-03-11/2"  # merged into ...
INTO = "kalvania-dorrin/captured/hostages/event-2025-03-11"
NEW_CLAIMANT = "Dorrin Provincial Health Office"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is not installed (.ci/run installs it)")


def _ingest(db: str) -> None:
    result = CliRunner().invoke(cli_app, ["ingest", str(ROOT / "examples"), str(ROOT / "docs" / "demo-extra"),
                                          "--db", db, "--actors", str(ROOT / "examples" / "actors.yaml")])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("review-demo") / "demo.db"
    _ingest(str(db))
    return db


@pytest.fixture
def ledger(demo_file: Path, tmp_path: Path) -> str:
    """A copy of the demo ledger for one test to change."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_file, copy)
    return str(copy)


@pytest.fixture
def server(ledger: str) -> Iterator[str]:
    with serving(create_app(ledger, token=TOKEN, review=True), AUTH) as url:
        yield url


def _figure_url(figure: str) -> str:
    return "/figures/" + quote(figure, safe="~")


def _log_in(page: Page, server: str, name: str, then: str = "/") -> None:
    page.goto(f"{server}/login?next={quote(then)}")
    page.fill("#login-name", name)
    page.fill("#login-token", TOKEN)
    page.click("form.login-form button")
    expect(page.locator("form.logout")).to_contain_text(f"reviewing as {name}")


def _review_sections(page: Page) -> list[str]:
    """The ids of the claims whose reviews the page lists, in order."""
    return [str(s.get_attribute("id")).removeprefix("review-") for s in page.locator("section.review").all()]


def _open_form(page: Page, claim: str) -> None:
    page.locator(f"#review-{claim} details.edit summary").click()


def _claimant_correction_and_two_verdicts(page: Page, server: str) -> tuple[str, str, str]:
    """On FIGURE: correct the first claim's claimant, verify the second; verify OTHER's first claim."""
    _log_in(page, server, "Ana Ruiz", _figure_url(FIGURE))
    expect(page.locator("p.checked")).to_contain_text("0 of 2 claims checked")
    corrected, verified = _review_sections(page)
    _open_form(page, corrected)
    page.fill(f"#r{corrected}-claimant", NEW_CLAIMANT)
    page.fill(f"#r{corrected}-note", "the ministry's office is named in the second paragraph")
    page.locator(f"#review-{corrected} button.save").click()
    expect(page).to_have_url(re.compile(f"/figures/.+#review-{corrected}$"))
    _open_form(page, verified)
    page.locator(f"#review-{verified} button.verify").click()
    expect(page.locator("p.checked")).to_contain_text("2 of 2 claims checked")
    page.goto(server + _figure_url(OTHER))
    other = _review_sections(page)[0]
    _open_form(page, other)
    page.locator(f"#review-{other} button.verify").click()
    expect(page.locator("p.checked")).to_contain_text("1 of 3 claims checked")
    return corrected, verified, other


def test_a_reviewer_corrects_verifies_and_merges_and_every_output_shows_it(server: str, ledger: str,
                                                                          page: Page) -> None:
    corrected, verified, other = _claimant_correction_and_two_verdicts(page, server)
    machine_claimant = current_review(open_store(ledger), int(corrected)).machine["claimant"]  # type: ignore[union-attr]

    # Merge two figures from the first one's page: its claims then show under the other.
    page.goto(server + _figure_url(MERGED))
    page.fill("#merge-into", INTO)
    page.fill("#merge-note", "one capture, counted twice")
    page.click("form[aria-label='merge this figure'] button")
    expect(page).to_have_url(server + _figure_url(INTO))
    expect(page.locator("table.claims tbody tr")).to_have_count(4)
    assert page.goto(server + _figure_url(MERGED)).status == 404  # type: ignore[union-attr]

    # The figure page: badges, the machine's claimant beside the reviewer's, the count, the history.
    page.goto(server + _figure_url(FIGURE))
    expect(page.locator("p.checked")).to_contain_text("2 of 2 claims checked")
    row = page.locator("table.claims tbody tr", has_text=NEW_CLAIMANT)
    expect(row.locator(".badge")).to_have_text("corrected")
    expect(row).to_contain_text(f"(machine: {machine_claimant})")
    expect(page.locator("table.claims tbody .badge-verified")).to_have_count(1)
    section = page.locator(f"#review-{corrected}")
    expect(section.locator("p.corrections")).to_contain_text(f"claimant {NEW_CLAIMANT} (machine: {machine_claimant})")
    section.locator("details.history summary").click()
    expect(section.locator("details.history")).to_contain_text("Ana Ruiz: correct")
    expect(section.locator("details.history")).to_contain_text("second paragraph")

    # The claims page filters by review state, as a facet with counts.
    page.goto(server + "/claims")
    expect(page.locator("#f-review option[value='verified']")).to_contain_text("(2)")
    page.locator("#f-review").select_option("verified")
    page.click("#apply")
    expect(page.locator("table.claims tbody tr")).to_have_count(2)
    expect(page.locator("a.chip", has_text="review: verified")).to_be_visible()

    # The CSV download of the figure: the corrected claimant and each claim's state.
    response = page.request.get(f"{server}/claims?figure={quote(FIGURE, safe='')}&format=csv")
    assert response.ok
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(response.text()))}
    assert rows[corrected]["claimant"] == NEW_CLAIMANT and rows[corrected]["review"] == "corrected"
    assert rows[verified]["review"] == "verified"

    # `counterclaim compare`: the correction, the verdicts and the merge.
    result = CliRunner().invoke(cli_app, ["compare", "--db", ledger, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    shown = {figure["figure"]: figure for figure in map(json.loads, result.output.splitlines())}
    assert NEW_CLAIMANT in {claim["claimant"] for claim in shown[FIGURE]["claims"]}
    assert machine_claimant not in {claim["claimant"] for claim in shown[FIGURE]["claims"]}
    assert MERGED not in shown and len(shown[INTO]["claims"]) == 4
    engine = open_store(ledger)
    assert review_counts(engine, FIGURE) == {"corrected": 1, "verified": 1}
    assert [e.action for e in history(engine, int(other))] == ["verify"]


def test_ticked_claims_move_to_a_new_figure(server: str, ledger: str, page: Page) -> None:
    _log_in(page, server, "Ana Ruiz", _figure_url(OTHER))
    moved = _review_sections(page)[-1]
    page.check(f"#move-{moved}")
    page.fill("#split-new", f"{OTHER}/apart")
    page.click("form#split-form button")
    expect(page).to_have_url(server + _figure_url(f"{OTHER}/apart"))
    expect(page.locator("table.claims tbody tr")).to_have_count(1)
    expect(page.locator("table.claims tbody .badge")).to_have_text("corrected")
    page.goto(server + _figure_url(OTHER))
    expect(page.locator("table.claims tbody tr")).to_have_count(2)
    review = current_review(open_store(ledger), int(moved))
    assert review is not None and review.corrections == {"figure": f"{OTHER}/apart"}


def _claim_state(ledger: str) -> tuple[dict[str, int], int]:
    engine = open_store(ledger)
    try:
        return review_counts(engine), len(history(engine, 1))
    finally:
        engine.dispose()


def test_a_post_without_a_session_or_its_csrf_token_changes_nothing(server: str, ledger: str, browser: Browser) -> None:
    before = _claim_state(ledger)
    form = {"version": "0", "verdict": "rejected", "claimant": "forged", "back": "/"}
    # No session at all: not even the token (a page of another site posting here) ...
    for answer in (httpx.post(f"{server}/claims/1/review", data=form),
                   httpx.post(f"{server}/claims/1/review", data=form, headers={"Authorization": f"Bearer {TOKEN}"}),
                   httpx.post(f"{server}/figures/merge", data={"figure": MERGED, "into": INTO})):
        assert answer.status_code == 403 and answer.headers["content-type"].startswith("text/html")
        assert "Nothing was changed" in answer.text
    # ... and a logged-in reviewer's browser, without the form's CSRF token or with another one.
    context = browser.new_context()
    page = context.new_page()
    _log_in(page, server, "Ana Ruiz", _figure_url(FIGURE))
    real = page.locator("form.review-form input[name=csrf]").first.get_attribute("value")
    assert real
    for csrf in ({}, {"csrf": ""}, {"csrf": real[:-2] + "xx"}):
        for url, data in ((f"{server}/claims/1/review", form),
                          (f"{server}/figures/merge", {"figure": MERGED, "into": INTO}),
                          (f"{server}/figures/split", {"figure": FIGURE, "claim": "1", "new_figure": "x"})):
            refused = page.request.post(url, form={**data, **csrf})
            assert refused.status == 403, (url, csrf)
            assert "Nothing was changed" in refused.text()
    # A forged session cookie with the right CSRF token is no session either.
    forged = httpx.post(f"{server}/claims/1/review", data={**form, "csrf": real},
                        cookies={"counterclaim_session": "eyJ4Ijoi.forged"})
    assert forged.status_code == 403
    assert _claim_state(ledger) == before
    page.goto(server + _figure_url(MERGED))
    expect(page.locator("h1")).to_contain_text("captured")  # not merged
    context.close()


def test_two_reviewers_on_one_claim_the_second_gets_the_conflict_page(server: str, ledger: str,
                                                                      browser: Browser) -> None:
    first, second = browser.new_context(), browser.new_context()
    ana, ben = first.new_page(), second.new_page()
    _log_in(ana, server, "Ana Ruiz", _figure_url(FIGURE))
    _log_in(ben, server, "Ben Okafor", _figure_url(FIGURE))
    claim = _review_sections(ana)[0]
    machine_value = ana.locator(f"#r{claim}-value").input_value()
    for page in (ana, ben):  # both open the same claim's form, at the same version
        _open_form(page, claim)
    ana.fill(f"#r{claim}-claimant", NEW_CLAIMANT)
    ana.locator(f"#review-{claim} button.save").click()
    expect(ana.locator(f"#review-{claim} .badge")).to_have_text("corrected")

    ben.fill(f"#r{claim}-value", "31")
    ben.fill(f"#r{claim}-note", "the later count")
    with ben.expect_response(re.compile(f"/claims/{claim}/review")) as sent:
        ben.locator(f"#review-{claim} button.save").click()
    assert sent.value.status == 409
    expect(ben.locator("h1")).to_contain_text("was not saved")
    expect(ben.locator("p.problem")).to_contain_text("changed by Ana Ruiz")
    # Nothing lost: the claim as it is now (Ana's claimant) beside Ben's value and note, in a form.
    now = ben.locator("table.retry")
    expect(now.locator("tr", has_text="claimant").first).to_contain_text(NEW_CLAIMANT)
    expect(now.locator("tr.differs")).to_have_count(1)
    expect(now.locator("tr.differs")).to_contain_text("31")
    expect(ben.locator(f"#r{claim}-value")).to_have_value("31")
    expect(ben.locator(f"#r{claim}-claimant")).to_have_value(NEW_CLAIMANT)  # sending again keeps Ana's edit
    expect(ben.locator(f"#r{claim}-note")).to_have_value("the later count")
    engine = open_store(ledger)
    review = current_review(engine, int(claim))
    assert review is not None and review.reviewer == "Ana Ruiz" and review.version == 1
    assert review.corrections == {"claimant": NEW_CLAIMANT}  # the first edit stands, the second was not made

    ben.locator("form.review-form button.save").click()  # sent again, on the current version
    expect(ben).to_have_url(re.compile(f"#review-{claim}$"))
    review = current_review(engine, int(claim))
    assert review is not None and review.version == 2
    assert review.corrections == {"claimant": NEW_CLAIMANT, "value": 31.0}
    assert float(machine_value) == review.machine["value"]
    assert [e.reviewer for e in history(engine, int(claim))] == ["Ana Ruiz", "Ben Okafor"]
    first.close()
    second.close()


def test_axe_finds_nothing_serious_on_the_review_pages(server: str, page: Page) -> None:
    page.goto(server + "/")
    expect(page).to_have_url(re.compile("/login"))  # review mode: no page without the token
    problems = {"login": _severe(page)}
    _log_in(page, server, "Ana Ruiz", _figure_url(FIGURE))
    claim = _review_sections(page)[0]
    page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
    problems["figure"] = _severe(page)
    article = page.locator("table.claims a.evidence").first.get_attribute("href") or ""
    page.goto(server + article.split("#")[0])
    page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
    problems["article"] = _severe(page)
    page.goto(server + _figure_url(FIGURE))
    _open_form(page, claim)
    page.fill(f"#r{claim}-value", "not a number")
    page.locator(f"#review-{claim} button.save").click()
    expect(page.locator("p.problem")).to_contain_text("must be a number")
    problems["not saved"] = _severe(page)
    page.goto(server + "/claims?review=machine")
    problems["claims"] = _severe(page)
    page.goto(server + "/nowhere")
    problems["not found"] = _severe(page)
    assert {kind: found for kind, found in problems.items() if found} == {}


def test_review_mode_always_needs_a_token(ledger: str) -> None:
    with pytest.raises(ValueError, match="always needs a token"):
        create_app(ledger, review=True)
    result = CliRunner().invoke(cli_app, ["serve", "--db", ledger, "--review"])
    assert result.exit_code == 2 and "needs --token" in result.output


def test_the_report_says_what_share_was_reviewed(server: str, ledger: str, page: Page, tmp_path: Path) -> None:
    _claimant_correction_and_two_verdicts(page, server)
    report = tmp_path / "report.html"
    result = CliRunner().invoke(cli_app, ["report", "--db", ledger, "-o", str(report)])
    assert result.exit_code == 0, result.output
    page.goto(report.as_uri())
    expect(page.locator("#reviewed")).to_contain_text("3 of 119: 2 verified, 1 corrected, 0 rejected")
    expect(page.locator("table.claims .badge-corrected")).to_have_count(1)


@pytest.mark.parametrize("ledger_url", ["postgresql"], indirect=True)
def test_the_edit_flow_on_postgresql(ledger_url: str, page: Page) -> None:
    _ingest(ledger_url)
    with serving(create_app(ledger_url, token=TOKEN, review=True), AUTH) as server:
        corrected, verified, _other = _claimant_correction_and_two_verdicts(page, server)
        page.goto(server + _figure_url(FIGURE))
        expect(page.locator("table.claims tbody tr", has_text=NEW_CLAIMANT).locator(".badge")).to_have_text("corrected")
    engine = open_store(ledger_url)
    assert review_counts(engine, FIGURE) == {"corrected": 1, "verified": 1}
    engine.dispose()
