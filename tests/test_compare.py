"""Figures compared side by side (issue 5): the seed corpus in a real SQLite ledger."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim import Ledger
from counterclaim.cli import app
from counterclaim.compare import figures
from counterclaim.extract import extract_articles
from counterclaim.ingest import read
from counterclaim.store import open_store, read_stored, save_article


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, shared: Path) -> Path:
    db = tmp_path_factory.mktemp("compare") / "seeds.db"
    result = CliRunner().invoke(app, ["ingest", str(shared / "corpus" / "seeds"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def compared(seeds_db: Path) -> list[dict]:
    result = CliRunner().invoke(app, ["compare", "--db", str(seeds_db), "--format", "jsonl", "--limit", "0",
                                      "--min-claims", "1"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _figure_with(compared: list[dict], measure: str, *values: float) -> dict:
    for figure in compared:
        found = {c["value"] for c in figure["claims"]}
        if figure["measure"] == measure and set(values) <= found:
            return figure
    raise AssertionError(f"no {measure} figure holds {values}: "
                         f"{[(f['label'], [c['value'] for c in f['claims']]) for f in compared]}")


def test_a_running_total_and_a_weekly_count_are_two_figures(compared: list[dict]) -> None:
    # Israel's 219 soldiers killed since the ground operation began and Abu Obeida's more
    # than 60 over the past week count two quantities: no spread between them (issue 17).
    total = _figure_with(compared, "killed", 219)
    week = _figure_with(compared, "killed", 60)
    assert total["figure"] != week["figure"]
    assert "Israel" in total["counted_group"] and total["counted_group"] == week["counted_group"]
    assert total["scope"] == "since-ground-operation" and total["cumulative"] is True
    assert "since the ground operation" in total["label"] and "Israel–Hamas" in total["label"]
    assert week["scope"] == "window-2024-01-19-to-2024-01-26" and week["cumulative"] is False
    by_value = {c["value"]: c for c in week["claims"]}
    assert by_value[60]["qualifier"] == "over" and "Obeida" in by_value[60]["claimant"]
    assert set(total["by_party"]) == {"israel"} and total["by_party"]["israel"]["latest"] == 219
    assert set(week["by_party"]) == {"palestinian-groups"}
    assert total["spread"] is None and week["spread"] is None


def test_people_taken_hostage_and_hostages_held(compared: list[dict]) -> None:
    taken = _figure_with(compared, "captured", 250, 240)
    claimants = {c["value"]: c["claimant"] for c in taken["claims"]}
    assert claimants[250] == "Netanyahu" and claimants[240] == "@author"
    held = _figure_with(compared, "held", 132, 100)
    assert held["independent_sources"] == 2
    assert set(held) >= {"figure", "label", "measure", "counted_group", "cumulative", "claims", "by_party",
                         "spread", "independent_sources"}


def test_figure_ids_are_stable(seeds_db: Path, compared: list[dict]) -> None:
    again = CliRunner().invoke(app, ["compare", "--db", str(seeds_db), "--format", "jsonl", "--limit", "0",
                                     "--min-claims", "1"])
    assert [json.loads(line)["figure"] for line in again.stdout.splitlines()] == [f["figure"] for f in compared]
    assert len({f["figure"] for f in compared}) == len(compared)


def test_one_wire_story_in_two_outlets_is_one_independent_source(tmp_path: Path, shared: Path) -> None:
    article = next(read(shared / "corpus" / "seeds"))
    found = next(iter(extract_articles([article])))
    engine = open_store(str(tmp_path / "wire.db"))
    save_article(engine, article, found)
    copy = replace(article, id="copy", outlet="Another Outlet", text="Advertisement\n\n" + article.text)
    save_article(engine, copy, [replace(c, article="copy", outlet="Another Outlet") for c in found])
    for figure in figures(engine):
        assert figure.independent_sources == 1, figure.label


def test_compare_about_and_the_table(seeds_db: Path) -> None:
    result = CliRunner().invoke(app, ["compare", "--db", str(seeds_db), "--about", "hostage"])
    assert result.exit_code == 0, result.output
    assert "hostages" in result.stdout and "combatants" not in result.stdout and "personnel" not in result.stdout


def test_ledger_api_returns_dataframes(seeds_db: Path) -> None:
    ledger = Ledger(str(seeds_db))
    killed = ledger.claims(measure="killed")
    assert len(killed) > 3 and set(killed["measure"]) == {"killed"}
    frame = ledger.figures(measure="killed", conflict="israel-hamas")
    row = frame[(frame["party"] == "israel") & (frame["latest"] == 219)]
    assert len(row) == 1 and row["scope"].iloc[0] == "since-ground-operation"
    assert set(frame["conflict"]) == {"israel-hamas"}
    # The outlet's own voice is a row of its own, never one of the parties.
    voice = frame[frame["party"] == "outlet: Sputnik"]
    assert len(voice) >= 1 and set(voice["measure"]) == {"killed"}


def test_local_authorities_link_to_the_gaza_health_ministry_in_a_gaza_article(seeds_db: Path) -> None:
    claims = Ledger(str(seeds_db)).claims(claimant="local authorities")
    assert len(claims) >= 1
    assert set(claims["claimant_id"]) == {"gaza-ministry-of-health"}
    assert all(reason.startswith("role noun") for reason in claims["claimant_link"])


def test_both_back_ends_compare_alike(ledger_url: str, seeds_db: Path) -> None:
    engine = open_store(ledger_url)
    for stored in _articles_with_claims(seeds_db):
        save_article(engine, *stored)
    expected = [(f.figure, f.by_party, f.spread, f.independent_sources, f.cumulative)
                for f in figures(open_store(str(seeds_db)), with_claims=False)]
    found = [(f.figure, f.by_party, f.spread, f.independent_sources, f.cumulative)
             for f in figures(engine, with_claims=False)]
    assert found == expected


def _articles_with_claims(seeds_db: Path) -> list[tuple]:
    claims_of: dict[str, list] = {}
    for stored in read_stored(open_store(str(seeds_db))):
        claims_of.setdefault(stored.claim.article, []).append(stored.claim)
    articles = {a.id: a for a in read(Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds")}
    return [(articles[article_id], found) for article_id, found in claims_of.items()]


def test_a_local_count_is_a_figure_apart_from_the_national_toll(news_ledger: Path) -> None:
    found = figures(open_store(str(news_ledger)))
    jabalia = next(f for f in found if f.place_id == "jabalia-camp" and f.measure == "killed")
    assert "Jabalia" in jabalia.place and " in Jabalia" in jabalia.label
    assert [c.value for c in jabalia.claims] == [63] and jabalia.claims[0].lat is not None
    rafah = next(f for f in found
                 if f.place_id == "rafah" and f.measure == "killed" and 43 in {c.value for c in f.claims})
    assert rafah.figure != jabalia.figure
    # The war's toll of children "in Gaza" (a region) is the national running total.
    children = next(f for f in found if f.measure == "killed" and f.counted_group == "children"
                    and f.conflict == "israel-hamas")
    assert children.place_id is None and children.scope == "since-2023-10-07"
