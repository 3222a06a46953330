"""Hardening of the readers, the folder walk, the terminal output and the ledger's opening:
each test is one defect an attack test found (issue 18); the web app's are in
test_web_hardening.py."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from counterclaim.cli import RunSummary, app
from counterclaim.export import claim_csv_lines
from counterclaim.ingest import iter_articles, shown_name
from counterclaim.ingest.feeds import MAX_ITEM_CHARS
from counterclaim.model import Article, Skip
from counterclaim.store import StoreError, open_store, read_claims, shown_url
from hostile import feed_with_huge_item
from test_readers import CRAWL, write_warc

ARTICLE = b"Shelling in Varn\n\nOfficials in Varn said 7 people were killed on Monday.\n"


def kinds(items: list[Article | Skip]) -> list[tuple[str, str]]:
    return [("article", i.doc) if isinstance(i, Article) else ("skip", i.reason) for i in items]


# --- file names and folder entries --------------------------------------------------------


def test_a_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_bytes(ARTICLE)
    (tmp_path / os.fsdecode(b"bad\xffname.txt")).write_bytes(ARTICLE.replace(b"7 people", b"9 people"))
    db = tmp_path / "ledger.db"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    docs = sorted(c.doc for c in read_claims(open_store(str(db))))
    assert docs == ["bad\\xffname.txt", "ok.txt"]


def test_control_characters_in_names_never_reach_the_terminal(tmp_path: Path) -> None:
    (tmp_path / "red\x1b[31m.txt").write_bytes(b"")  # empty: skipped, so its name is printed
    (tmp_path / "[bold]x.txt").write_bytes(b"")  # rich markup in a name is printed as written
    done = subprocess.run([sys.executable, "-m", "counterclaim.cli", "extract", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert "\x1b" not in done.stderr
    assert "red\\x1b[31m.txt: empty file" in done.stderr.replace("\n", "")
    assert "[bold]x.txt" in done.stderr
    assert shown_name("right\u202eleft.txt") == "right\\u202eleft.txt"  # a direction override is shown, not obeyed


def test_links_out_of_the_folder_fifos_and_broken_links_are_skips(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (outside / "passwd.txt").write_bytes(b"Officials said 99 secrets were kept.\n")
    (corpus / "a.txt").write_bytes(ARTICLE)
    (corpus / "inside.txt").symlink_to(corpus / "a.txt")  # a link inside the folder is read
    (corpus / "out.txt").symlink_to(outside / "passwd.txt")
    (corpus / "gone.txt").symlink_to(outside / "missing.txt")
    (corpus / "up").symlink_to(tmp_path, target_is_directory=True)  # a folder out of it, and a loop
    os.mkfifo(corpus / "pipe.txt")
    found = {Path(i.path if isinstance(i, Skip) else i.source_path or "").name: i for i in iter_articles([corpus])}
    assert isinstance(found["a.txt"], Article) and isinstance(found["inside.txt"], Article)
    assert {name: i.reason.split(":")[0] for name, i in found.items() if isinstance(i, Skip)} == {
        "gone.txt": "a broken symbolic link",
        "out.txt": "a symbolic link out of the folder (--follow-symlinks reads it)",
        "up": "a symbolic link out of the folder (--follow-symlinks reads it)",
        "pipe.txt": "not a regular file (a FIFO, socket or device)",
    }
    followed = [i for i in iter_articles([corpus], follow_symlinks=True) if isinstance(i, Article)]
    assert any("99 secrets" in a.text for a in followed)  # asked for: read, the loop walked once


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a folder whatever its mode")
def test_an_unreadable_subfolder_is_a_skip(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_bytes(ARTICLE)
    locked.chmod(0)
    try:
        items = list(iter_articles([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert [i.reason.split(":")[0] for i in items if isinstance(i, Skip)] == ["unreadable folder"]
    assert [i.doc for i in items if isinstance(i, Article)] == ["a.txt"]


def test_the_summary_counts_reasons_by_kind() -> None:
    summary = RunSummary(articles=3, skipped=[
        Skip("a.warc", "record 2 (https://x.example/a?b=1): no text after cleaning", line=2),
        Skip("b.jsonl", "line 4: not JSON: Expecting value at column 1", line=4),
        Skip("c.rss", "item 3: no text after cleaning", line=3),
    ])
    assert summary.line() == ("3 articles read, 3 skipped (2 no text after cleaning, 1 not JSON), "
                              "0 claims found")


# --- readers bounded before any cleaning ---------------------------------------------------


def test_a_json_line_nested_too_deep_is_one_skip(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    good = [json.dumps({"text": f"Officials in Orbe said {n} people were killed."}) for n in (3, 4)]
    path.write_text(f"{good[0]}\n{'[' * 200_000}{']' * 200_000}\n{good[1]}\n", encoding="utf-8")
    assert kinds(list(iter_articles([path]))) == [
        ("article", "deep.jsonl:1"), ("skip", "line 2: not JSON that can be read: nested too deep"),
        ("article", "deep.jsonl:3")]


def test_a_gzip_of_blank_lines_is_stopped_as_a_bomb(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as out:
        out.write(json.dumps({"text": "Officials in Orbe said 3 people were killed."}).encode() + b"\n")
        for _ in range(8):
            out.write(b"\n" * 16_000_000)
    items = list(iter_articles([path]))
    assert kinds(items)[0] == ("article", "blank.jsonl.gz:1")
    assert len(items) == 2 and kinds(items)[1][1].startswith("a gzip bomb: ")


def test_blank_lines_keep_their_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "gaps.jsonl"
    line = json.dumps({"text": "Officials in Orbe said 3 people were killed."})
    path.write_text(f"\n\n  \n{line}\n\r\n\n{{bad\n", encoding="utf-8")
    assert kinds(list(iter_articles([path]))) == [
        ("article", "gaps.jsonl:4"), ("skip", "line 7: not JSON: Expecting property name enclosed in double "
                                              "quotes at column 2")]


def test_a_huge_feed_item_is_skipped_and_the_items_after_it_read(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_bytes(feed_with_huge_item(MAX_ITEM_CHARS // 1_000_000 + 2))
    items = list(iter_articles([path]))
    assert kinds(items) == [
        ("article", "https://x.example/feed/1"),
        ("skip", f"item 2: too large: over {MAX_ITEM_CHARS:,} characters of text (limit for one item)"),
        ("article", "https://x.example/feed/3")]


@pytest.mark.slow
def test_a_plain_warc_cut_anywhere_inside_a_record_is_reported(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    ends = write_warc(whole, CRAWL, compress=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    silent = []
    for at in range(1, len(data)):
        if at in ends:
            continue
        cut.write_bytes(data[:at])
        if not any(isinstance(i, Skip) for i in iter_articles([cut])):
            silent.append(at)
    # Only a cut inside the blank line that ends a record whose page ends in a blank line too
    # can pass: the record is whole, and nothing is lost.
    assert all(data[at - 2:at] == b"\r\n" or data[at:at + 2] == b"\r\n" for at in silent), silent
    assert len(silent) <= 2 * len(ends)


# --- the ledger --------------------------------------------------------------------------


def test_a_ledger_from_a_newer_version_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    engine = open_store(str(db))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0999_from_the_future'"))
    engine.dispose()
    with pytest.raises(StoreError, match="made by a newer counterclaim"):
        open_store(str(db))
    result = CliRunner().invoke(app, ["claims", "--db", str(db)])
    assert result.exit_code == 2
    assert result.output.count("\n") <= 2 and "Traceback" not in result.output
    assert "upgrade counterclaim" in result.output


@pytest.mark.slow
def test_opening_a_new_ledger_at_once_from_many_processes(tmp_path: Path) -> None:
    start = tmp_path / "go"
    script = ("import pathlib, sys, time\n"
              "from counterclaim.store import open_store\n"
              "while not pathlib.Path(sys.argv[1]).exists(): time.sleep(0.001)\n"
              "open_store(sys.argv[2])\n")
    for attempt in range(3):
        db = tmp_path / f"new-{attempt}.db"
        openers = [subprocess.Popen([sys.executable, "-c", script, str(start), str(db)], stderr=subprocess.PIPE,
                                    text=True) for _ in range(6)]
        start.touch()
        errors = [opener.communicate(timeout=120)[1] for opener in openers]
        start.unlink()
        assert [opener.returncode for opener in openers] == [0] * 6, "\n".join(errors)[-2000:]


@pytest.mark.slow
def test_a_read_only_ledger_can_be_read(tmp_path: Path) -> None:
    if shutil.which("chattr") is None:
        pytest.skip("chattr (e2fsprogs) is not installed")
    folder = tmp_path / "shelf"
    folder.mkdir()
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    db = folder / "ledger.db"
    # A process of its own: its last connection, closed at exit, folds the WAL into the file.
    subprocess.run([sys.executable, "-m", "counterclaim.cli", "ingest", str(tmp_path / "a.txt"), "--db", str(db)],
                   check=True, capture_output=True, timeout=300)
    assert not list(folder.glob("ledger.db-*"))
    db.chmod(0o444)
    folder.chmod(0o555)
    # Root writes whatever the mode: the immutable flag holds even for root, where it can be set.
    immutable = subprocess.run(["chattr", "+i", str(db), str(folder)], capture_output=True).returncode == 0
    if not immutable and os.geteuid() == 0:
        folder.chmod(0o755)
        pytest.skip("root, and this file system takes no immutable flag")
    try:
        claims = CliRunner().invoke(app, ["claims", "--db", str(db), "--format", "jsonl"])
        compare = CliRunner().invoke(app, ["compare", "--db", str(db), "--min-claims", "1", "--format", "jsonl"])
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(db), str(folder)], check=True)
        folder.chmod(0o755)
    assert claims.exit_code == 0, claims.output
    assert [json.loads(line)["value"] for line in claims.stdout.splitlines()] == [7]
    assert compare.exit_code == 0 and len(compare.stdout.splitlines()) == 1


def test_secrets_in_a_ledger_url_are_never_shown() -> None:
    url = "postgresql://ana:s3cr3t-passw0rd@db.example:5432/ledger"
    assert "s3cr3t" not in shown_url(url) and shown_url(url).startswith("postgresql://ana:***@db.example")
    result = CliRunner().invoke(app, ["claims", "--db", "postgresql://ana:s3cr3t@127.0.0.1:1/none"])
    assert result.exit_code == 2 and "s3cr3t" not in result.output


def test_csv_cells_a_spreadsheet_would_evaluate_are_neutralised() -> None:
    from dataclasses import replace

    from counterclaim import extract_claims

    claim = replace(extract_claims("Officials said 7 people were killed.")[0], claimant="@author",
                    sentence="=HYPERLINK(\"https://evil.example\",\"7\")", counted="-people", outlet="+wire",
                    place="\tVarn")
    header, row = list(claim_csv_lines([claim]))
    cells = dict(zip(header.strip().split(","), next(iter(__import__("csv").reader([row]))), strict=True))
    assert cells["claimant"] == "'@author" and cells["sentence"].startswith("'=HYPERLINK")
    assert cells["counted"] == "'-people" and cells["outlet"] == "'+wire" and cells["place"] == "'\tVarn"
    assert cells["value"] == "7"  # numbers are left alone
