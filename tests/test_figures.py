"""Figures: which claims count one quantity, on a ledger of invented articles from two wars
(tests/data/grouping_articles.jsonl), written before the rules:

- two outlets give rival counts of one ambush on consecutive days (the army's 14 of its
  soldiers, the RSF's 40 Sudanese soldiers, both "on Monday" near El Obeid);
- a second ambush of the same kind on another day is another figure;
- a running total updated by three sources on three days ("since the war began", "since
  the start of the war", "so far") is one figure, and the children among its dead a part;
- an ambush in another war on the same day, with the same measure and group, is apart.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from counterclaim.actors import load_base
from counterclaim.cli import app
from counterclaim.compare import figures, scope_text
from counterclaim.conflicts import article_conflict, conflicts_for, with_conflicts
from counterclaim.model import Article, Claim
from counterclaim.store import ClaimFilter, open_store, read_claims

ARTICLES = Path(__file__).parent / "data" / "grouping_articles.jsonl"


def _ingest(tmp_path: Path, name: str, lines: list[str]) -> list[Claim]:
    source = tmp_path / f"{name}.jsonl"
    source.write_text("".join(lines), encoding="utf-8")
    db = tmp_path / f"{name}.db"
    result = CliRunner().invoke(app, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return list(read_claims(open_store(str(db))))


@pytest.fixture(scope="module")
def grouped(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, float], Claim]:
    lines = ARTICLES.read_text(encoding="utf-8").splitlines(keepends=True)
    found = _ingest(tmp_path_factory.mktemp("grouping"), "grouping", lines)
    return {(claim.doc, claim.value): claim for claim in found if claim.value is not None}


def test_rival_counts_of_one_ambush_on_consecutive_days_are_one_figure(grouped) -> None:
    army, rsf = grouped[("grp-sudan-ambush-army", 14)], grouped[("grp-sudan-ambush-rsf", 40)]
    assert army.figure == rsf.figure
    assert army.scope == rsf.scope == "event-2025-06-09"  # "on Monday", not the day either was said
    assert army.conflict == rsf.conflict == "sudan"
    # "14 of its soldiers", said by the army, and "40 Sudanese soldiers": one side's troops
    assert army.group_category == rsf.group_category == "military personnel"
    assert army.group_owner == rsf.group_owner is not None


def test_another_ambush_of_the_same_kind_is_another_figure(grouped) -> None:
    second = grouped[("grp-sudan-second-ambush", 9)]
    assert second.figure != grouped[("grp-sudan-ambush-army", 14)].figure
    assert second.scope == "event-2025-06-19"


def test_a_running_total_updated_by_three_sources_is_one_figure(grouped) -> None:
    totals = [grouped[("grp-sudan-toll-envoy", 150000)], grouped[("grp-sudan-toll-ministry", 61000)],
              grouped[("grp-sudan-toll-doctors", 70000)]]
    assert len({claim.figure for claim in totals}) == 1
    # "since the war began", "since the start of the war", "so far": the war's first day
    assert {claim.scope for claim in totals} == {"since-2023-04-15"}


def test_a_part_named_inside_a_total_is_a_figure_of_its_own(grouped) -> None:
    total, children = grouped[("grp-sudan-toll-doctors", 70000)], grouped[("grp-sudan-toll-doctors", 9000)]
    assert children.figure != total.figure
    assert children.part_of == total.figure
    assert total.part_of is None


def test_the_same_measure_and_group_in_another_war_is_another_figure(grouped) -> None:
    myanmar, sudan = grouped[("grp-myanmar-ambush", 14)], grouped[("grp-sudan-ambush-army", 14)]
    assert myanmar.conflict == "myanmar"
    assert myanmar.figure != sudan.figure
    assert myanmar.figure.startswith("myanmar/") and sudan.figure.startswith("sudan/")


def test_grouping_is_the_same_whichever_order_the_articles_arrive_in(tmp_path: Path) -> None:
    lines = ARTICLES.read_text(encoding="utf-8").splitlines(keepends=True)
    forward = _ingest(tmp_path, "forward", lines)
    backward = _ingest(tmp_path, "backward", lines[::-1])

    def figure_of(claims: list[Claim]) -> dict[tuple[str, float | None, str], str | None]:
        return {(c.doc, c.value, c.measure): c.figure for c in claims}

    assert figure_of(forward) == figure_of(backward)


def test_compare_lines_up_the_rival_counts_with_a_spread_and_keeps_totals_apart(tmp_path: Path) -> None:
    lines = ARTICLES.read_text(encoding="utf-8").splitlines(keepends=True)
    db = tmp_path / "ledger.db"
    (tmp_path / "a.jsonl").write_text("".join(lines), encoding="utf-8")
    assert CliRunner().invoke(app, ["ingest", str(tmp_path / "a.jsonl"), "--db", str(db)]).exit_code == 0
    found = {f.figure: f for f in figures(open_store(str(db)), ClaimFilter(conflict="sudan"))}
    ambush = next(f for f in found.values() if {c.value for c in f.claims} == {14, 40})
    assert set(ambush.by_party) == {"rsf", "saf"}  # the two sides, each with its own number
    assert ambush.spread == pytest.approx(40 / 14, abs=1e-3)
    assert ambush.contested
    assert "Sudan" in ambush.label and "2025" in ambush.label
    toll = next(f for f in found.values() if {c.value for c in f.claims} == {150000, 61000, 70000})
    # 61,000 on 15 June and 70,000 on 18 June are given within three days of each other;
    # 150,000 on 12 June is six days older: an earlier statement, not set against them.
    assert toll.spread == pytest.approx(70000 / 61000, abs=1e-3)
    assert toll.cumulative is True and toll.scope_text == "since 15 April 2023"
    assert "unattributed" in toll.voices  # "the envoy" links to no actor: not a party
    assert all(f.conflict == "sudan" for f in found.values())


# --- conflicts ------------------------------------------------------------------------


def _claim(sentence: str, measure: str = "killed") -> Claim:
    return Claim(article="a", doc="d", text=sentence, start=0, end=len(sentence), sentence=sentence, value=3,
                 value_high=None, qualifier="exact", unit="count", measure=measure, counted="people",
                 claimant="@author")


@pytest.mark.parametrize(("title", "text", "conflict"), [
    ("Shelling kills 12 in Juba suburb", "South Sudanese troops clashed with the White Army.", "south-sudan"),
    ("Drone strike kills 12 in El Fasher", "The RSF shelled Darfur's largest city.", "sudan"),
    ("Gunmen kill 30 in Zamfara", "Bandits attacked two villages in northwestern Nigeria.", "nigeria"),
    ("Ambush kills 12 Nigerien soldiers", "The attack near Tillaberi was claimed by Islamic State.", "niger"),
    ("Gang violence displaces thousands", "Viv Ansanm gangs attacked Port-au-Prince.", "haiti"),
    ("Clashes in Catatumbo", "The ELN fought FARC dissidents near the Venezuelan border.", "colombia"),
    ("Fighting continues", "Officials gave no figures.", None),  # nothing says which war: unknown
])
def test_the_article_conflict_comes_from_its_words(title: str, text: str, conflict: str | None) -> None:
    base = load_base()
    article = Article(id="a", doc="d", text=f"{title}\n\n{text}", title=title)
    assert article_conflict(article, [], conflicts_for(base), base, None) == conflict


def test_a_sentence_about_another_front_takes_that_front() -> None:
    base = load_base()
    text = ("Israeli strikes on Gaza killed 40 people, the health ministry in Gaza said. "
            "Hezbollah fired 30 rockets into northern Israel from southern Lebanon.")
    article = Article(id="a", doc="d", text=text, title="Strikes on Gaza kill 40")
    gaza, lebanon = text.split(". ")
    claims = with_conflicts(article, [_claim(gaza), _claim(lebanon, measure="attacks")], base, None)
    assert [c.conflict for c in claims] == ["israel-hamas", "israel-hezbollah"]


def test_a_past_war_cited_for_comparison_is_that_war() -> None:
    base = load_base()
    sentence = "In the 2014 war in Gaza, 2,251 Palestinians were killed over 50 days."
    article = Article(id="a", doc="d", text="Gaza toll passes 5,000. " + sentence, title="Gaza toll passes 5,000")
    claims = with_conflicts(article, [_claim("Gaza toll passes 5,000."), _claim(sentence)], base, None)
    assert [c.conflict for c in claims] == ["israel-hamas", "israel-hamas-2014"]


def test_scopes_read_as_words() -> None:
    assert scope_text("since-2023-10-07") == "since 7 October 2023"
    assert scope_text("since-ground-operation") == "since the ground operation"
    assert scope_text("window-2024-01-19-to-2024-01-26") == "19 January 2024 to 26 January 2024"
    assert scope_text("now") == "held at the time"


def test_claims_output_carries_the_figure_fields(tmp_path: Path) -> None:
    lines = ARTICLES.read_text(encoding="utf-8").splitlines(keepends=True)[:2]
    (tmp_path / "a.jsonl").write_text("".join(lines), encoding="utf-8")
    db = str(tmp_path / "l.db")
    assert CliRunner().invoke(app, ["ingest", str(tmp_path / "a.jsonl"), "--db", db]).exit_code == 0
    result = CliRunner().invoke(app, ["claims", "--db", db, "--format", "jsonl", "--conflict", "sudan"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all({"figure", "conflict", "scope", "part_of"} <= set(r) for r in records)
    csv_out = CliRunner().invoke(app, ["claims", "--db", db, "--format", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("doc,conflict,figure,scope,part_of")
    none = CliRunner().invoke(app, ["claims", "--db", db, "--format", "jsonl", "--conflict", "myanmar"])
    assert none.stdout.strip() == ""


def test_another_incident_in_the_same_article_is_another_figure() -> None:
    from counterclaim.extract import extract_article

    text = ("Car bomb kills civilians in Mogadishu\n\n"
            "A car bomb exploded near a market in Mogadishu on Tuesday, killing 12 civilians, police said. "
            "Witnesses said nine teachers were among those killed.\n\n"
            "In another attack on the same day, al-Shabaab fighters stormed a village near Baidoa. "
            "Residents said seven civilians were killed.")
    claims = extract_article(Article(id="s1", doc="s1", text=text, date="2025-05-07",
                                     title="Car bomb kills civilians in Mogadishu"))
    by_value = {c.value: c for c in claims}
    assert {c.conflict for c in claims} == {"somalia"}
    assert by_value[12].figure != by_value[7].figure  # two attacks, one day, one group
    assert by_value[12].group_category == by_value[7].group_category == "civilians"
    assert "/killed/people/" in by_value[12].figure  # civilians and people of one toll are one group


def _figures_of(text: str, date: str | None = "2025-04-10", title: str | None = None) -> dict[float, Claim]:
    from counterclaim.extract import extract_article

    article = Article(id="t", doc="t", text=text, date=date, title=title or text.split("\n")[0])
    return {c.value: c for c in extract_article(article) if c.value is not None}


def test_a_weekly_count_bringing_a_toll_to_a_total_is_not_the_total() -> None:
    found = _figures_of("Gaza toll rises\n\nThe health ministry in Gaza said 214 Palestinians were killed over "
                        "the past week, bringing the toll since October 7, 2023 to 50,810.")
    assert found[50810].scope == "since-2023-10-07"
    assert found[214].scope == "window-2025-04-03-to-2025-04-10"
    assert found[214].figure != found[50810].figure


def test_since_a_month_of_the_first_year_is_the_war_total_and_a_headline_toll_is_one_too() -> None:
    found = _figures_of("Houthis fire missiles at Israel\n\nThe Houthis have fired more than 200 missiles "
                        "toward Israel since October 2023, according to the Israeli military.")
    assert found[200].scope == "since-2023-10-19" and found[200].conflict == "red-sea-houthis"
    toll = _figures_of("Gaza death toll passes 45,000, health ministry says\n\nThe war began in October 2023.")
    assert toll[45000].scope == "since-2023-10-07"


def test_the_side_that_lost_troops_owns_them() -> None:
    found = _figures_of("Ukrainian army loses over 76,000 troops in Kursk area since start of incursion, "
                        "Russia's defence ministry says\n\nThe ministry gave no details.")
    claim = found[76000]
    assert claim.group_owner == "ukraine-state" and claim.scope == "since-incursion"


def test_a_running_total_does_not_carry_to_the_same_sources_next_count() -> None:
    found = _figures_of("Prisoner swap\n\nSince 2022, a total of 5,757 Ukrainians have been freed in exchanges, "
                        "the ombudsman Dmytro Lubinets said.\n\nOn Friday, 120 civilians were freed, "
                        "Dmytro Lubinets said.")
    assert found[5757].scope.startswith("since-2022")
    assert not found[120].scope.startswith("since-")
