"""The review commands as a user runs them: review, history, claims --review, compare,
export --reviewed --format gold scored by evaluate, reextract; errors as one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("review") / "ledger.db")
    done = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", db])
    assert done.exit_code == 0, done.output
    return db


def run(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, list(args))
    return done.exit_code, done.output


def claims_of(db: str, *args: str) -> list[dict]:
    code, output = run("claims", "--db", db, "--format", "jsonl", *args)
    assert code == 0, output
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_a_correction_from_the_cli_is_what_claims_compare_and_history_show(ledger: str) -> None:
    first = claims_of(ledger)[0]
    code, output = run("review", str(first["id"]), "--set", "claimant=Dorrin Field Office", "--set", "value=1,234",
                       "--note", "named in the second paragraph", "--reviewer", "ana", "--db", ledger)
    assert code == 0 and "corrected by ana, version 1" in output and "machine: " in output
    (shown,) = claims_of(ledger, "--review", "corrected")
    assert (shown["id"], shown["claimant"], shown["value"], shown["review"]) == (
        first["id"], "Dorrin Field Office", 1234, "corrected")
    code, output = run("compare", "--db", ledger, "--format", "jsonl", "--min-claims", "1")
    assert code == 0, output
    shown_claims = [c for line in output.splitlines() for c in json.loads(line)["claims"] if c["id"] == first["id"]]
    assert [(c["claimant"], c["value"], c["review"]) for c in shown_claims] == [
        ("Dorrin Field Office", 1234, "corrected")]
    code, output = run("history", str(first["id"]), "--db", ledger)
    assert code == 0 and "ana  correct" in output and "named in the second paragraph" in output
    assert "'Dorrin Field Office'" in output


def test_reviewed_claims_exported_as_gold_score_one_against_the_ledger(ledger: str, tmp_path: Path) -> None:
    ids = [c["id"] for c in claims_of(ledger)][3:6]
    for claim_id in ids:
        assert run("review", str(claim_id), "--verify", "--reviewer", "ben", "--db", ledger)[0] == 0
    gold = tmp_path / "reviewed.jsonl"
    code, output = run("export", "--reviewed", "--format", "gold", "--db", ledger, "--output", str(gold))
    assert code == 0, output
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 3 and all({"doc", "text", "value", "measure", "claimant", "figure"} <= r.keys()
                                      for r in records)
    code, output = run("evaluate", str(gold), "--ledger", ledger, "--format", "json")
    assert code == 0, output
    scores = json.loads(output)
    # Every checked claim is found again with its claimant and qualifier (the documents'
    # unchecked claims are outside this gold, so precision says nothing here).
    assert scores["gold"] == len(records) and scores["claims"]["recall"] == 1.0
    assert scores["attribution_accuracy"] == 1.0 and scores["qualifier_accuracy"] == 1.0


def test_review_errors_are_one_line_and_exit_2(ledger: str) -> None:
    claim_id = str(claims_of(ledger)[1]["id"])
    for args, message in [
        (["--set", "measure=exploded"], "unknown measure"),
        (["--set", "value"], "FIELD=VALUE"),
        (["--verify", "--reject"], "one of the two"),
        (["--verify", "--expect-version", "7"], "changed by someone else"),
    ]:
        code, output = run("review", claim_id, *args, "--reviewer", "ana", "--db", ledger)
        assert code == 2 and message in output and "Traceback" not in output, output
    code, output = run("review", "999999", "--verify", "--reviewer", "ana", "--db", ledger)
    assert code == 2 and "no claim 999999" in output


def test_reextract_keeps_the_reviews(ledger: str) -> None:
    claim_id = claims_of(ledger)[2]["id"]
    run("review", str(claim_id), "--reject", "--reviewer", "ana", "--db", ledger)
    code, output = run("reextract", "--db", ledger)
    assert code == 0 and "articles extracted again" in output and "0 need a look" in output, output
    assert [c["review"] for c in claims_of(ledger, "--review", "rejected")] == ["rejected"]
