"""Actors: one identity per person and organisation across spellings (issue 4)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from counterclaim.actors import Provisional, link, link_claims, load_base
from counterclaim.actors.base import ActorFileError
from counterclaim.actors.groups import counted_group
from counterclaim.actors.names import spelling_key, without_titles
from counterclaim.extract import extract_articles
from counterclaim.ingest import read
from counterclaim.model import Claim

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "actor_name_pairs.jsonl"
MIN_PRECISION, MIN_RECALL = 0.98, 0.90


@pytest.fixture(scope="module")
def base():
    return load_base()


def test_name_pairs_link_with_high_precision_and_recall(base) -> None:
    pairs = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(pairs) >= 150
    provisional = Provisional()
    true_positive = false_positive = 0
    wrong = []
    for pair in pairs:
        a = link(pair["a"], base, provisional=provisional)
        b = link(pair["b"], base, provisional=provisional)
        same = a is not None and b is not None and a.actor.id == b.actor.id
        if same and pair["same"]:
            true_positive += 1
        elif same:
            false_positive += 1
        if same != pair["same"]:
            wrong.append(f"{pair['a']!r} / {pair['b']!r}: gold {pair['same']}, "
                         f"{a.actor.id if a else None} ({a.reason if a else '-'}) vs "
                         f"{b.actor.id if b else None} ({b.reason if b else '-'})")
    gold_same = sum(p["same"] for p in pairs)
    precision = true_positive / max(1, true_positive + false_positive)
    recall = true_positive / gold_same
    print(f"\nname pairs: {len(pairs)}, precision {precision:.3f}, recall {recall:.3f}")
    print("\n".join(wrong))
    assert precision >= MIN_PRECISION
    assert recall >= MIN_RECALL


@pytest.mark.parametrize(("a", "b"), [
    ("Abu Obeida", "Abu Ubaidah"), ("Zelensky", "Zelenskyy"), ("Zelenskiy", "Зеленський"),
    ("al-Qassam", "Kassam"), ("Hezbollah", "Hizballah"), ("Mohamed Hamdan Dagalo", "Mohammed Hamdan Daglo"),
])
def test_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert spelling_key(a) == spelling_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("Yahya Sinwar", "Mohammed Sinwar"), ("Ramzan Kadyrov", "Akhmad Kadyrov"), ("Bashar al-Assad", "Maher al-Assad"),
])
def test_different_people_keep_different_keys(a: str, b: str) -> None:
    assert spelling_key(a) != spelling_key(b)


def test_titles_and_possessors_are_stripped() -> None:
    assert without_titles("Defense Minister Yoav Gallant") == "yoav gallant"
    assert without_titles("the group's spokesman Abu Obeida") == "abu obeida"
    assert without_titles("the Russian Defense Ministry") is None


def test_a_bare_name_resolves_only_through_the_base(base) -> None:
    assert link("Ahmed Jones-Okafor", base) is None  # no guess without a provisional registry
    found = link("Ahmed Jones-Okafor", base, provisional=Provisional())
    assert found is not None and found.reason == "provisional" and found.actor.id.startswith("~")


def test_provisional_actors_merge_spelling_variants(base) -> None:
    provisional = Provisional()
    first = link("Colonel Ibrahima Koulibaly-Sangare", base, provisional=provisional)
    second = link("Ibrahima Kulibali-Sangare", base, provisional=provisional)
    assert first is not None and second is not None
    assert first.actor.id == second.actor.id and first.actor.type == "person"
    assert link("Homs", base, provisional=provisional).actor.id != link("Hams", base, provisional=provisional).actor.id


def test_role_nouns_link_only_to_an_actor_seen_in_the_article(base) -> None:
    health = link("Gaza health ministry", base)
    assert health is not None
    seen = [health.actor]
    assert link("local authorities", base, seen=seen).actor == health.actor
    assert link("local authorities", base, seen=seen).reason == "role noun"
    # Without an article that names them, "local authorities" stays unresolved.
    assert link("local authorities", base, provisional=Provisional()) is None


def test_surname_links_to_the_person_seen_before(base) -> None:
    provisional = Provisional()
    person = link("Colonel Tamar Okonkwo-Brightwater", base, provisional=provisional)
    found = link("Okonkwo-Brightwater", base, seen=[person.actor], provisional=provisional)
    assert found is not None and found.actor == person.actor


@pytest.mark.parametrize(("phrase", "group"), [
    ("civilians", "civilians"),
    ("Hamas fighters", "combatants of Hamas"),
    ("militants of Hamas", "combatants of Hamas"),
    ("Qassam Brigades fighters", "combatants of Hamas"),
    ("children", "children"),
    ("hostages", "hostages"),
    ("Palestinian prisoners", "prisoners of Palestine"),
    ("vehicles", "vehicles"),
    ("armoured vehicles of the Russian army", "vehicles of Russia"),
    ("women and children", "women and children"),
    ("Wagner mercenaries", "combatants of Wagner Group"),
    ("others", None),
])
def test_counted_groups(base, phrase: str, group: str | None) -> None:
    assert counted_group(phrase, base) == group


def test_israeli_troops_and_idf_soldiers_are_one_group(base) -> None:
    assert counted_group("Israeli troops", base) == counted_group("IDF soldiers", base) is not None
    assert counted_group("Russian servicemen", base) != counted_group("Ukrainian soldiers", base)


def test_each_claim_reads_its_own_words_when_a_sentence_says_them_twice() -> None:
    # Both claims' evidence is "lost 500 soldiers": the side that lost is read before each
    # one's own number (its offsets), not before the first place the words appear.
    from counterclaim.model import Article

    text = "Moscow said Ukraine has lost 500 soldiers this week, while Kyiv said Russia has lost 500 soldiers."
    (found,) = extract_articles([Article(id="t", doc="t", text=text)])
    assert [(c.text, c.claimant, c.counted_group) for c in found] == [
        ("lost 500 soldiers", "Moscow", "military personnel of Ukraine"),
        ("lost 500 soldiers", "Kyiv", "military personnel of Russia"),
    ]
    assert [text[c.sentence_start:][:len(c.sentence)] == c.sentence for c in found] == [True, True]


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "conflict: kalvania\nparties: {kalvania: Kalvania, dlf: DLF}\nactors:\n"
        "  - {id: dlf, name: Delta Liberation Front, type: armed_group, party: dlf, aliases: [DLF]}\n",
        encoding="utf-8",
    )
    base = load_base([mine])
    assert link("the DLF", base).actor.id == "dlf"
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {id: x, name: X, type: wizard}\n", encoding="utf-8")
    with pytest.raises(ActorFileError, match="wizard"):
        load_base([bad])


def _seed_claims(shared: Path) -> list[Claim]:
    articles = list(read(shared / "corpus" / "seeds"))
    return [c for found in extract_articles(articles) for c in found]


def test_seed_claimants_resolve_to_one_actor_each(shared: Path) -> None:
    claims = _seed_claims(shared)
    by_id: dict[str, set[str]] = {}
    for claim in claims:
        if claim.claimant_id:
            by_id.setdefault(claim.claimant_id, set()).add(claim.claimant)
    gallant = {c.claimant_id for c in claims if "gallant" in c.claimant.lower()}
    obeida = {c.claimant_id for c in claims if c.claimant.lower().startswith(("abu ubaida", "abu obeida"))}
    netanyahu = {c.claimant_id for c in claims if "netanyahu" in c.claimant.lower()}
    assert len(gallant) == 1 and None not in gallant
    assert len(obeida) == 1 and None not in obeida
    assert len(netanyahu) == 1 and None not in netanyahu
    base = load_base()
    spokesman = base.actors[obeida.pop()]
    assert any("qassam" in base.actors[m].name.lower() for m in spokesman.member_of)
    for claim in claims:
        assert (claim.claimant_id is None) == (claim.claimant_link is None)


def test_link_claims_records_why(base) -> None:
    claim = Claim(article="a", doc="d", text="t", start=0, end=1, sentence="t", value=3, value_high=None,
                  qualifier="exact", unit="count", measure="killed", counted="soldiers",
                  claimant="Abu Ubaidah")
    [linked] = link_claims([claim], base, Provisional())
    assert linked.claimant_id is not None and linked.claimant_link in ("alias", "spelling key")
    assert linked.claimant_party


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "counterclaim.cli", *args], capture_output=True, text=True)


def test_cli_resolve_prints_the_actor_and_exits_1_on_none() -> None:
    found = _cli("actors", "resolve", "Abu Ubaida", "--format", "json")
    assert found.returncode == 0, found.stderr
    record = json.loads(found.stdout)
    assert set(record) == {"id", "name", "reason"} and record["reason"]
    missing = _cli("actors", "resolve", "Zzyzx Qwertyuiop")
    assert missing.returncode == 1 and "no actor" in missing.stderr


def test_cli_lists_a_conflict_and_shows_an_actor() -> None:
    listed = _cli("actors", "list", "--conflict", "russia-ukraine")
    assert listed.returncode == 0 and "Zelensky" in listed.stdout
    shown = _cli("actors", "show", "Abu Obeida")
    assert shown.returncode == 0 and "Qassam" in shown.stdout
    assert _cli("actors", "list", "--conflict", "atlantis").returncode == 2


@pytest.mark.parametrize(("name", "actor", "reason"), [
    # an owner and an institution: the owner's one body of that kind, else the owner
    ("the Israeli military's spokesperson", "israel-defense-forces", "described"),
    ("the Hamas-run government", "hamas", "described"),
    ("Israel's defence spokesman", "israel", "described"),
    ("MoH in Gaza", "gaza-ministry-of-health", "alias"),  # the abbreviation written out
    ("the Nigerien army", "niger-armed-forces", "alias"),
])
def test_descriptions_link_to_the_institution_they_name(base, name: str, actor: str, reason: str) -> None:
    found = link(name, base)
    assert found is not None and found.actor.id == actor
    assert found.reason.startswith(reason)


@pytest.mark.parametrize("name", ["the Nigerian army", "Nigerian armed forces", "the Nigerian military"])
def test_a_neighbours_demonym_never_links_to_the_other_army(base, name: str) -> None:
    found = link(name, base)
    assert found is None or not found.actor.id.startswith("niger-")


def test_a_belligerent_states_command_takes_its_side_in_the_war_it_fights(base) -> None:
    from counterclaim.conflicts import with_conflicts
    from counterclaim.model import Article, Claim

    sentence = "US Central Command said its forces shot down 12 Houthi drones over the Red Sea."
    claim = Claim(article="a", doc="d", text=sentence, start=0, end=len(sentence), sentence=sentence, value=12,
                  value_high=None, qualifier="exact", unit="count", measure="destroyed", counted="drones",
                  claimant="US Central Command", claimant_id="us-central-command", claimant_party="international")
    article = Article(id="a", doc="d", text=sentence, title="US downs 12 Houthi drones over the Red Sea")
    [found] = with_conflicts(article, [claim], base, None)
    assert found.conflict == "red-sea-houthis" and found.claimant_party == "united-states"
    sudan = "US Central Command said 12 people were killed in Khartoum, Sudan's capital, by RSF shelling."
    article = Article(id="b", doc="d", text=sudan, title="RSF shelling kills 12 in Khartoum")
    [elsewhere] = with_conflicts(article, [replace(claim, sentence=sudan, text=sudan)], base, None)
    assert elsewhere.conflict == "sudan" and elsewhere.claimant_party == "international"


def test_one_actor_base_per_run_with_the_users_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The writer, the extraction and attribution read one base: the user's file is read once.
    from typer.testing import CliRunner

    from counterclaim import extract, parallel
    from counterclaim.cli import app

    built: list[tuple[Path, ...]] = []

    def counted(files=()):  # type: ignore[no-untyped-def]
        built.append(tuple(files))
        return load_base(files)

    monkeypatch.setattr(parallel, "load_base", counted)
    monkeypatch.setattr(extract, "load_base", counted)
    parallel.actor_base.cache_clear()
    examples = Path(__file__).resolve().parents[1] / "examples"
    done = CliRunner().invoke(app, ["ingest", str(examples / "2025-03-03-kalvania-herald-clear-dawn.txt"),
                                    "--db", str(tmp_path / "ledger.db"), "--actors", str(examples / "actors.yaml")])
    parallel.actor_base.cache_clear()
    assert done.exit_code == 0, done.output
    assert built == [(examples / "actors.yaml",)]
