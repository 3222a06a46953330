"""`counterclaim.evaluate` and `counterclaim evaluate`: the metrics of ../shared/eval/score.py.

Three kinds of check: on the shared gold (seeds and news) every number equals what the
script prints for the same inputs, also for system outputs spoiled at random (the real ones
score near 1.0, where a wrong rule hides); small hand-made cases whose numbers are worked
out by hand from SCHEMA.md's "Matching"; and `gold_records` read back as gold. The checks
on ../shared are marked gold and slow (`make check` leaves them out).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from counterclaim.cli import app
from counterclaim.errors import CounterclaimError
from counterclaim.evaluate import (
    GOLD_FIELDS,
    bcubed_f1,
    evaluate,
    evaluate_file,
    gold_records,
    names_match,
    pairwise,
    read_jsonl,
    summary_lines,
)
from counterclaim.model import MEASURES, QUALIFIERS, Claim

CORPORA = ("seeds", "news")


@dataclass(frozen=True)
class Gold:
    """One corpus of ../shared with its gold, docs file and the extractor's output on it."""

    name: str
    corpus: Path
    claims: Path
    docs: Path
    system: Path  # `counterclaim extract CORPUS --format jsonl`
    scorer: Path


@pytest.fixture(scope="module", params=CORPORA)
def gold(request: pytest.FixtureRequest, shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Gold:
    name = request.param
    found = Gold(name, shared / "corpus" / name, shared / "gold" / f"{name}.claims.jsonl",
                 shared / "gold" / f"{name}.docs.jsonl", tmp_path_factory.mktemp(name) / "system.jsonl",
                 shared / "eval" / "score.py")
    for needed in (found.corpus, found.claims, found.docs, found.scorer):
        if not needed.exists():
            pytest.skip(f"{needed} is missing")
    result = CliRunner().invoke(app, ["extract", str(found.corpus), "--format", "jsonl", "--output",
                                      str(found.system)])
    assert result.exit_code == 0, result.output
    return found


def scorer(gold: Gold, gold_file: Path, system: Path, *options: str) -> str:
    """What `python3 score.py GOLD SYSTEM --docs DOCS OPTIONS` prints."""
    run = subprocess.run([sys.executable, str(gold.scorer), str(gold_file), str(system), "--docs", str(gold.docs),
                          *options], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


def scorer_metrics(gold: Gold, gold_file: Path, system: Path, *, figures: bool) -> dict[str, Any]:
    printed = scorer(gold, gold_file, system, "--json", *(["--figures"] if figures else []))
    metrics, _ = json.JSONDecoder().raw_decode(printed[printed.index("{"):])
    return metrics


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# --- the shared gold: the script's numbers ----------------------------------------------------


@pytest.mark.gold
@pytest.mark.slow  # extracts a corpus or reads a ledger, and runs the script
@pytest.mark.parametrize("figures", [False, True], ids=["claims", "figures"])
def test_every_metric_is_the_scorers_on_the_shared_gold(gold: Gold, figures: bool) -> None:
    expected = scorer_metrics(gold, gold.claims, gold.system, figures=figures)
    got = evaluate_file(gold.claims, read_jsonl(gold.system), docs=gold.docs, figures=figures).metrics()
    assert got == expected
    assert got["gold"] > 20 and got["claims"]["tp"] > 20  # the gold was read, the claims matched


@pytest.mark.gold
@pytest.mark.slow  # extracts a corpus or reads a ledger, and runs the script
def test_the_command_prints_the_scorers_lines(gold: Gold) -> None:
    """`counterclaim evaluate GOLD CORPUS --show --figures` extracts and prints what the script
    prints for `extract`'s output, detail lines included."""
    expected = scorer(gold, gold.claims, gold.system, "--show", "--figures")
    result = CliRunner().invoke(app, ["evaluate", str(gold.claims), str(gold.corpus), "--docs", str(gold.docs),
                                      "--figures", "--show"])
    assert result.exit_code == 0, result.output
    assert result.stdout == expected


@pytest.mark.gold
@pytest.mark.slow  # extracts a corpus or reads a ledger, and runs the script
def test_a_ledger_scores_as_its_claims_export(news_ledger: Path, shared: Path, tmp_path: Path) -> None:
    """`--ledger DB --format json` is the script's object for `counterclaim claims --db DB --format jsonl`."""
    runner = CliRunner()
    stored = tmp_path / "stored.jsonl"
    listed = runner.invoke(app, ["claims", "--db", str(news_ledger), "--format", "jsonl", "-o", str(stored)])
    assert listed.exit_code == 0, listed.output
    news = Gold("news", shared / "corpus" / "news", shared / "gold" / "news.claims.jsonl",
                shared / "gold" / "news.docs.jsonl", stored, shared / "eval" / "score.py")
    result = runner.invoke(app, ["evaluate", str(news.claims), "--ledger", str(news_ledger), "--docs", str(news.docs),
                                 "--figures", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == scorer_metrics(news, news.claims, stored, figures=True)


def spoiled(records: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """The extractor's records with mistakes of every kind the metrics see: claims lost, numbers,
    measures, units, qualifiers and claimants changed (to another source, a surname, a
    respelling, the article's voice), repeats added, offsets lost, figures and conflicts moved."""
    claimants = sorted({r["claimant"] for r in records}) + ["@author", "Al Jazeera", "the ministry", ""]
    figures = sorted({r["figure"] for r in records if r.get("figure")}) + [None]
    conflicts = sorted({r["conflict"] for r in records if r.get("conflict")}) + [None]
    for record in records:
        r = dict(record)
        roll = rng.random
        if roll() < 0.08:
            continue
        if roll() < 0.15:
            r["claimant"] = rng.choice([*claimants, r["claimant"].split()[-1] if r["claimant"] else "",
                                        r["claimant"].replace("a", "o").replace("u", "o")])
        if roll() < 0.05:
            r["value"] = (r["value"] or 0) + 1
        if roll() < 0.03:
            r["value"] = rng.choice([None, "", str(r["value"]), float(r["value"] or 0) + 1e-12])
        if roll() < 0.03:
            r["value_high"] = (r["value"] or 0) * 2 if isinstance(r["value"], int | float) else None
        if roll() < 0.05:
            r["measure"] = rng.choice(MEASURES)
        if roll() < 0.03:
            r["unit"] = rng.choice(["count", "percent", "USD", None])
        if roll() < 0.1:
            r["qualifier"] = rng.choice([*QUALIFIERS, None])
        if roll() < 0.05:
            r.pop("start", None)
        if roll() < 0.15:
            r["figure"] = rng.choice(figures)
        if roll() < 0.08:
            r["conflict"] = rng.choice(conflicts)
        yield r
        if roll() < 0.12:  # the same figure said again, by whoever, before or after, maybe put otherwise
            yield {**r, "claimant": rng.choice(claimants), "start": (r.get("start") or 0) + rng.choice([-1, 1]),
                   "qualifier": rng.choice([r.get("qualifier"), "approx"]),
                   "figure": rng.choice([r.get("figure"), *figures])}


def spoiled_gold(records: list[dict[str, Any]], rng: random.Random) -> Iterator[dict[str, Any]]:
    """The gold with claims made optional or required, aliases dropped and figures moved."""
    figures = sorted({r["figure"] for r in records})
    for record in records:
        r = dict(record)
        if rng.random() < 0.1:
            r["optional"] = not r.get("optional")
        if rng.random() < 0.1:
            r["claimant_aliases"] = []
        if rng.random() < 0.1:
            r["figure"] = rng.choice([*figures, None])
        yield r


@pytest.mark.gold
@pytest.mark.slow  # extracts a corpus or reads a ledger, and runs the script
@pytest.mark.parametrize("seed", range(12))
def test_spoiled_outputs_score_as_the_scorer_scores_them(gold: Gold, seed: int, tmp_path: Path) -> None:
    rng = random.Random(f"{gold.name}-{seed}")
    system = list(spoiled(read_jsonl(gold.system), rng))
    rng.shuffle(system)  # the scorer puts them in document order; so must evaluate
    gold_file = gold.claims
    if seed % 3 == 2:
        gold_file = write_jsonl(tmp_path / "gold.jsonl", list(spoiled_gold(read_jsonl(gold.claims), rng)))
    system_file = write_jsonl(tmp_path / "system.jsonl", system)
    expected = scorer_metrics(gold, gold_file, system_file, figures=True)
    assert evaluate_file(gold_file, system, docs=gold.docs, figures=True).metrics() == expected
    assert expected["claims"]["f1"] < 1.0 or expected["attribution_accuracy"] < 1.0  # spoiled indeed


# --- hand-made cases: numbers worked out by hand ----------------------------------------------


def claim(value: float | None, claimant: str, **fields: Any) -> dict[str, Any]:
    """A claim record in doc.txt, 'killed' unless told."""
    return {"doc": "doc.txt", "value": value, "value_high": None, "unit": "count", "measure": "killed",
            "qualifier": "exact", "claimant": claimant, **fields}


GOLD = [
    claim(53, "Health Ministry", claimant_aliases=["Gaza's Health Ministry"], qualifier="at_least",
          conflict="israel-hamas", figure="killed/people/strike"),
    claim(14000, "Yoav Gallant", claimant_aliases=["Gallant"], qualifier="approx",
          conflict="israel-hamas", figure="killed/hamas-fighters/since-2023-10-07"),
    claim(None, "@author", optional=True),  # "dozens"
    claim(3, "@author", measure="destroyed", optional=True),  # borderline
]


def test_all_right_is_one() -> None:
    scored = evaluate(GOLD, GOLD[:2], figures=True)
    assert (scored.claims.f1, scored.full.f1, scored.attribution_accuracy, scored.qualifier_accuracy) == (1, 1, 1, 1)
    assert scored.grouping is not None and scored.grouping.figures.f1 == 1.0


def test_a_wrong_claimant_lowers_attribution_not_the_match() -> None:
    scored = evaluate(GOLD, [GOLD[0], claim(14000, "Abu Ubaida", qualifier="approx")])
    assert scored.claims.f1 == 1.0
    assert scored.attribution_accuracy == 0.5
    assert scored.full.f1 == 0.5
    assert [m.system["claimant"] for m in scored.wrong_claimant] == ["Abu Ubaida"]


def test_a_wrong_qualifier_lowers_qualifier_accuracy() -> None:
    scored = evaluate(GOLD, [GOLD[0], {**GOLD[1], "qualifier": "exact"}])
    assert (scored.claims.f1, scored.qualifier_accuracy, scored.full.f1) == (1.0, 0.5, 1.0)


def test_an_optional_gold_claim_is_neither_rewarded_nor_punished() -> None:
    without = evaluate(GOLD, GOLD[:2])
    with_it = evaluate(GOLD, [*GOLD[:2], claim(3, "@author", measure="destroyed")])
    assert without.metrics() == with_it.metrics()
    assert (with_it.gold, with_it.predicted) == (2, 2)
    assert len(with_it.matched) == 3  # matched all the same, and grouped if it has a figure


def test_a_required_gold_claim_is_preferred_to_an_optional_one() -> None:
    gold = [claim(5, "@author", optional=True), claim(5, "@author")]
    scored = evaluate(gold, [claim(5, "@author")])
    assert (scored.counts.tp, scored.counts.fn) == (1, 0)


def test_a_conflicting_repeat_is_counted_not_punished() -> None:
    scored = evaluate(GOLD, [*GOLD[:2], claim(53, "Hamas", start=900)])
    assert scored.conflicting_repeats == 1
    assert (scored.claims.precision, scored.predicted) == (1.0, 2)
    assert summary_lines(scored)[0].endswith("| conflicting repeats 1")


def test_a_repeat_by_an_alias_is_no_conflict() -> None:
    scored = evaluate(GOLD, [*GOLD[:2], claim(53, "Gaza's Health Ministry", start=900)])
    assert scored.conflicting_repeats == 0


def test_the_attributed_mention_wins_over_an_earlier_repeat() -> None:
    """A headline "Strike kills 53" (the article's voice) before "53 were killed, the ministry said":
    the second pass leaves the headline a repeat, and attribution stays whole."""
    said = [claim(53, "@author", start=0), claim(53, "Health Ministry", start=200, qualifier="at_least")]
    scored = evaluate(GOLD[:1], said)
    assert (scored.attribution_accuracy, scored.qualifier_accuracy, scored.conflicting_repeats) == (1.0, 1.0, 1)


def test_mentions_are_taken_in_document_order() -> None:
    """Of two mentions by the same source, the first in the article is the match: "at least 53"
    in the lead, "53" in a later quote, listed the other way round."""
    said = [claim(53, "Health Ministry", start=300), claim(53, "Health Ministry", start=10, qualifier="at_least")]
    scored = evaluate(GOLD[:1], said)
    assert (scored.qualifier_accuracy, scored.matched[0].system["start"]) == (1.0, 10)


def test_number_unit_and_measure_must_all_agree() -> None:
    said = [claim(53, "Health Ministry", unit="percent"), claim(53, "Health Ministry", measure="wounded"),
            claim(53, "Health Ministry", value_high=60), claim(53.0000000001, "Health Ministry", qualifier="at_least")]
    scored = evaluate(GOLD[:1], said)
    assert (scored.counts.tp, scored.counts.fp, scored.counts.fn) == (1, 3, 0)
    assert scored.claims.precision == 0.25


def test_a_claim_without_a_number_or_outside_the_gold_documents_is_not_scored() -> None:
    scored = evaluate(GOLD[:1], [GOLD[0], claim(None, "@author"), {**GOLD[0], "doc": "other.txt"}])
    assert (scored.predicted, scored.counts.fp) == (1, 0)


def test_an_authors_claim_accepts_the_outlets_name() -> None:
    gold = [claim(7, "@author")]
    outlets = {"doc.txt": ["Al Jazeera", "aljazeera.com"]}
    assert evaluate(gold, [claim(7, "Al Jazeera")], outlets=outlets).attribution_accuracy == 1.0
    assert evaluate(gold, [claim(7, "Al Jazeera")]).attribution_accuracy == 0.0
    assert evaluate(gold, [claim(7, "Reuters")], outlets=outlets).attribution_accuracy == 0.0


@pytest.mark.parametrize(("said", "names", "expected"), [
    ("Gallant", ["Yoav Gallant"], True),  # a surname alone
    ("yoav GALLANT", ["Yoav Gallant"], True),
    ("Abu Obeida", ["Abu Ubaida"], True),  # a respelling
    ("Mohammed Deif", ["Muhammad al-Deif"], True),
    ("Defense Ministry", ["Russian Defense Ministry"], True),  # content words contained
    ("the Ministry of Health", ["Health Ministry"], True),
    ("Ministry of Defense", ["Health Ministry"], False),
    ("Hamas", ["Yoav Gallant", "Gallant"], False),
    ("@author", ["@author"], True),
    ("@author", ["Hamas"], False),
    ("Hamas", ["@author"], False),
    ("", ["@author"], False),
])
def test_claimant_names(said: str, names: list[str], expected: bool) -> None:
    assert names_match(said, names) is expected


def test_grouping_scores() -> None:
    # Gold: claims 0 and 1 one figure, 2 another. The system merges all three.
    assert pairwise(["a", "a", "b"], ["x", "x", "x"]).f1 == 0.5
    assert pairwise(["a", "a", "b"], [None, None, None]).recall == 0.0  # a split: the gold pair is missed
    assert pairwise(["a", "b"], ["x", "y"]).f1 == 1.0  # no pairs on either side: nothing wrong
    assert bcubed_f1(["a", "a", "b"], ["x", "x", "x"]) == 0.7143  # P 5/9, R 1
    assert bcubed_f1([], []) == 0.0


def test_a_split_figure_lowers_the_figure_scores_only() -> None:
    gold = [claim(53, "Health Ministry", conflict="israel-hamas", figure="killed/people/strike"),
            claim(50, "Hamas", conflict="israel-hamas", figure="killed/people/strike")]
    said = [{**gold[0], "figure": "f1", "conflict": "israel-hamas"}, {**gold[1], "figure": "f2",
                                                                      "conflict": "israel-hamas"}]
    scored = evaluate(gold, said, figures=True)
    assert scored.claims.f1 == 1.0 and scored.grouping is not None
    assert (scored.grouping.figures.pairs_gold, scored.grouping.figures.pairs_both) == (1, 0)
    assert scored.grouping.figures.f1 == 0.0
    assert scored.grouping.conflicts.f1 == 1.0


# --- gold_records ------------------------------------------------------------------------------


@pytest.mark.gold
@pytest.mark.slow  # extracts a corpus or reads a ledger, and runs the script
def test_gold_records_score_one_against_themselves(news_ledger: Path, shared: Path, tmp_path: Path) -> None:
    from counterclaim.store import open_store, read_claims

    engine = open_store(str(news_ledger))
    claims = list(read_claims(engine))
    engine.dispose()
    records = gold_records(claims)
    assert records and all(tuple(r) == GOLD_FIELDS for r in records)
    assert all(r["figure"] and not r["figure"].startswith(f"{r['conflict']}/") for r in records if r["conflict"])
    for system in (records, claims):
        scored = evaluate(records, system, figures=True).metrics()
        assert scored["claims"]["f1"] == scored["full"]["f1"] == 1.0
        assert scored["attribution_accuracy"] == scored["qualifier_accuracy"] == 1.0
        assert scored["grouping"]["figures"]["f1"] == scored["grouping"]["conflicts"]["f1"] == 1.0
    # and the script reads them as gold, with the same numbers
    news = Gold("news", shared / "corpus" / "news", write_jsonl(tmp_path / "gold.jsonl", records),
                shared / "gold" / "news.docs.jsonl", write_jsonl(tmp_path / "system.jsonl", records),
                shared / "eval" / "score.py")
    assert scorer_metrics(news, news.claims, news.system, figures=True) == evaluate(
        records, records, figures=True).metrics()


def test_a_claim_of_no_known_conflict_has_no_figure_in_gold() -> None:
    unknown = Claim(article="a1", doc="a.txt", text="5 soldiers", start=0, end=10, sentence="", value=5.0,
                    value_high=None, qualifier="exact", unit="count", measure="killed", counted="soldiers",
                    claimant="@author", figure="unknown-conflict/in-a1/killed/x/now")
    assert gold_records([unknown])[0]["conflict"] is None
    assert gold_records([unknown])[0]["figure"] == "unknown-conflict/in-a1/killed/x/now"


# --- errors ------------------------------------------------------------------------------------


def test_a_bad_gold_line_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"doc": "a.txt", "value": 1}\n{not json\n', encoding="utf-8")
    with pytest.raises(CounterclaimError, match=r"gold.jsonl:2: not JSON"):
        read_jsonl(bad)
    result = CliRunner().invoke(app, ["evaluate", str(bad), "--ledger", str(tmp_path / "none.db")])
    assert result.exit_code == 2


def test_a_gold_claim_without_a_doc_is_refused() -> None:
    with pytest.raises(CounterclaimError, match="gold claim 2 has no doc"):
        evaluate([claim(1, "@author"), {"value": 1}], [])


@pytest.mark.parametrize("where", [[], ["articles/", "--ledger", "x.db"]], ids=["neither", "both"])
def test_articles_or_a_ledger_one_of_the_two(where: list[str], tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", [claim(1, "@author")])
    result = CliRunner().invoke(app, ["evaluate", str(gold), *where])
    assert result.exit_code == 2
    assert "one of the two" in result.stderr
