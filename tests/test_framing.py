"""Framing (issue 7): the words used for each actor, tied to it, quoted or not, contrasted."""

from __future__ import annotations

import hashlib
import json
import math
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim.actors import load_base
from counterclaim.cli import app
from counterclaim.framing import find_terms, weighted_log_odds
from counterclaim.model import Article


def _terms(text: str) -> list[tuple[str, str, str, bool, str]]:
    article = Article(id=hashlib.sha256(text.encode()).hexdigest()[:16], doc="t", text=text)
    return [(t.actor, t.term, t.term_class, t.quoted, t.reason) for t in find_terms(article, load_base())]


def test_a_term_after_a_name_belongs_to_it() -> None:
    found = _terms("Officials said 40 Hamas terrorists were killed near the border.")
    assert ("hamas", "terrorists", "terrorist", False, "named with it") in found


def test_a_term_of_an_actor() -> None:
    found = _terms("The army said 12 militants of Hamas were captured.")
    assert ("hamas", "militants", "militant", False, "of X") in found


def test_an_owner_word_is_part_of_the_wording() -> None:
    found = _terms("The statement said 30 Zionist soldiers were killed in Gaza.")
    assert ("israel", "zionist soldiers", "soldier", False, "named with it") in found


def test_aliases_are_terms_and_wings_count_for_their_organisation() -> None:
    found = _terms("The Qassam Brigades said Israeli forces lost 10 tanks; the IDF denied it.")
    assert ("hamas", "qassam brigades", "name", False, "named") in found
    assert ("israel", "israeli forces", "forces", False, "named") in found
    assert ("israel", "idf", "name", False, "named") in found


def test_a_bare_term_takes_the_actor_the_article_names_most() -> None:
    found = _terms("Hamas said it fired rockets. Hamas later said the terrorists had withdrawn, the army said.")
    assert ("hamas", "terrorists", "terrorist", False, "article context") in found
    assert _terms("The terrorists withdrew overnight.") == []  # no actor named: no guess


def test_quoted_terms_are_the_speakers() -> None:
    found = _terms('Hamas said: "The occupation army lost 20 soldiers." The IDF said 2 soldiers died.')
    assert ("israel", "occupation army", "occupation", True, "article context") in found
    assert ("israel", "idf", "name", False, "named") in found


def test_weighted_log_odds_on_a_hand_computed_example() -> None:
    # Outlet A says x 3 times and y once, B the reverse. Prior α_w = all counts of w (4),
    # α0 = 8: δ(A, x) = log(7/5) − log(5/7) = 0.672944; σ² = 1/7 + 1/5; z = 1.149271.
    scores = weighted_log_odds({"A": Counter({"x": 3, "y": 1}), "B": Counter({"x": 1, "y": 3})})
    assert scores[("A", "x")] == pytest.approx(2 * math.log(1.4) / math.sqrt(1 / 7 + 1 / 5))
    assert scores[("A", "x")] == pytest.approx(1.149271, abs=1e-6)
    assert scores[("B", "x")] == pytest.approx(-scores[("A", "x")])
    assert weighted_log_odds({"A": Counter({"x": 3})}) == {}  # one outlet: nothing to contrast


def test_seed_framing_per_outlet(tmp_path: Path, shared: Path) -> None:
    db = tmp_path / "seeds.db"
    assert CliRunner().invoke(app, ["ingest", str(shared / "corpus" / "seeds"), "--db", str(db)]).exit_code == 0
    result = CliRunner().invoke(app, ["framing", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(rows[0]) == {"actor", "outlet", "term", "term_class", "count", "quoted_count", "log_odds_z",
                            "examples"}
    hamas = {(r["outlet"], r["term"]) for r in rows if r["actor"] == "hamas"}
    assert ("unknown outlet", "terrorists") in hamas  # 000
    assert ("All Israel News", "terror group") in hamas  # 001
    assert any(term == "fighters" for _, term in hamas)
    israel = {(r["outlet"], r["term"]): r for r in rows if r["actor"] == "israel"}
    assert ("All Israel News", "idf") in israel
    assert ("unknown outlet", "israeli forces") in israel
    assert israel[("South Front", "zionist soldiers")]["quoted_count"] == 1  # 004, in Abu Obeida's words
    assert israel[("South Front", "zionist entity")]["quoted_count"] == 1
    occupation = israel[("All Israel News", "occupation army")]  # 001, quoted
    assert occupation["quoted_count"] == occupation["count"] == 1
    assert "occupation army" in occupation["examples"][0].lower()
    only = CliRunner().invoke(app, ["framing", "--db", str(db), "--actor", "Qassam Brigades", "--format", "jsonl"])
    assert {json.loads(line)["actor"] for line in only.stdout.splitlines()} == {"hamas"}
