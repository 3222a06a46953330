"""People's review on a real SQLite file and a real PostgreSQL server: verdicts and
corrections beside the machine's claim, what every reader is then shown, optimistic
locking, figures merged and split, and a log the database will not let anyone alter."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select, text, update
from sqlalchemy.exc import DBAPIError

from counterclaim.actors import load_base
from counterclaim.compare import figures
from counterclaim.extract import extract_articles
from counterclaim.ingest import read
from counterclaim.model import Article, Claim
from counterclaim.review import (
    ReviewConflict,
    ReviewError,
    current_review,
    history,
    merge_figures,
    review_claim,
    review_counts,
    split_figure,
)
from counterclaim.store import ClaimFilter, open_store, read_claims, save_article
from counterclaim.store.schema import claims, review_log, reviews

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def examples() -> list[tuple[Article, list[Claim]]]:
    found = list(read(EXAMPLES))
    return list(zip(found, extract_articles(found), strict=True))


@pytest.fixture
def ledger(ledger_url: str, examples: list[tuple[Article, list[Claim]]]) -> Engine:
    engine = open_store(ledger_url)
    for article, found in examples:
        save_article(engine, article, found, load_base().actors)
    return engine


def claim_ids(engine: Engine, **where: object) -> list[int]:
    query = select(claims.c.id).order_by(claims.c.id)
    for name, value in where.items():
        query = query.where(claims.c[name] == value)
    with engine.connect() as connection:
        return list(connection.execute(query).scalars())


def row(engine: Engine, claim_id: int) -> dict:
    with engine.connect() as connection:
        return dict(connection.execute(select(claims).where(claims.c.id == claim_id)).mappings().one())


def test_a_correction_is_shown_everywhere_and_the_machine_value_kept(ledger: Engine) -> None:
    claim_id = claim_ids(ledger)[0]
    machine = row(ledger, claim_id)
    review = review_claim(ledger, claim_id, reviewer="ana", changes={"value": "1,234", "claimant": "Field Office"},
                          note="the ministry's figure, not the army's")
    assert review.verdict == "corrected" and review.version == 1
    assert review.corrections == {"value": 1234.0, "claimant": "Field Office"}
    assert review.machine["value"] == machine["value"] and review.machine["claimant"] == machine["claimant"]
    shown = row(ledger, claim_id)
    assert (shown["value"], shown["claimant"], shown["review"]) == (1234.0, "Field Office", "corrected")
    assert shown["claimant_id"] is None and shown["party"] == "unattributed"  # a new source, no actor yet
    read_back = [c for c in read_claims(ledger) if c.value == 1234.0 and c.claimant == "Field Office"]
    assert len(read_back) == 1 and read_back[0].review == "corrected"


def test_verify_then_reject_and_the_rejected_claim_leaves_every_figure(ledger: Engine) -> None:
    first, second = claim_ids(ledger)[:2]
    assert review_claim(ledger, first, reviewer="ana", verdict="verified").verdict == "verified"
    figure = row(ledger, second)["figure"]
    before = len(list(read_claims(ledger, ClaimFilter(figure=figure))))
    review_claim(ledger, second, reviewer="ben", verdict="rejected", note="a date, not a count")
    assert len(list(read_claims(ledger, ClaimFilter(figure=figure)))) == before - 1
    assert [c.review for c in read_claims(ledger, ClaimFilter(review="rejected"))] == ["rejected"]
    assert len(list(read_claims(ledger, ClaimFilter(review="verified")))) == 1
    counts = review_counts(ledger)
    assert counts["verified"] == 1 and counts["rejected"] == 1 and counts["machine"] == len(claim_ids(ledger)) - 2
    shown = {f.figure: f for f in figures(ledger, ClaimFilter())}
    if figure in shown:
        assert all(c.review != "rejected" for c in shown[figure].claims)


def test_a_stale_edit_is_refused_with_the_current_state(ledger: Engine) -> None:
    claim_id = claim_ids(ledger)[0]
    seen = 0  # both reviewers opened the claim before anyone reviewed it
    review_claim(ledger, claim_id, reviewer="ana", changes={"qualifier": "approx"}, expected_version=seen)
    with pytest.raises(ReviewConflict) as refused:
        review_claim(ledger, claim_id, reviewer="ben", changes={"qualifier": "over"}, expected_version=seen)
    assert refused.value.current is not None and refused.value.current.corrections == {"qualifier": "approx"}
    assert row(ledger, claim_id)["qualifier"] == "approx"  # nothing of ben's edit landed
    again = review_claim(ledger, claim_id, reviewer="ben", changes={"qualifier": "over"}, expected_version=1)
    assert again.version == 2 and row(ledger, claim_id)["qualifier"] == "over"


def test_a_new_measure_moves_the_claim_to_that_measures_figure(ledger: Engine) -> None:
    claim_id = next(i for i in claim_ids(ledger, measure="killed") if row(ledger, i)["figure"])
    old = row(ledger, claim_id)["figure"]
    review_claim(ledger, claim_id, reviewer="ana", changes={"measure": "wounded"})
    new = row(ledger, claim_id)["figure"]
    assert new == old.replace("/killed/", "/wounded/", 1) and new != old


def test_bad_corrections_are_refused_and_change_nothing(ledger: Engine) -> None:
    claim_id = claim_ids(ledger)[0]
    for changes, message in [({"measure": "exploded"}, "unknown measure"), ({"value": "many"}, "must be a number"),
                             ({"sentence": "x"}, "cannot be corrected"), ({"claimant_id": "nobody"}, "no actor")]:
        with pytest.raises(ReviewError, match=message):
            review_claim(ledger, claim_id, reviewer="ana", changes=changes)
    with pytest.raises(ReviewError, match="no claim"):
        review_claim(ledger, 10**9, reviewer="ana", verdict="verified")
    with pytest.raises(ReviewError, match="reviewer"):
        review_claim(ledger, claim_id, reviewer=" ", verdict="verified")
    assert current_review(ledger, claim_id) is None and row(ledger, claim_id)["review"] is None


def test_merge_and_split_figures_and_claims_stored_later_follow_the_merge(
        ledger: Engine, examples: list[tuple[Article, list[Claim]]]) -> None:
    with ledger.connect() as connection:
        found = connection.execute(select(claims.c.figure).where(claims.c.figure.is_not(None))
                                   .group_by(claims.c.figure).order_by(claims.c.figure)).scalars().all()
    source, target = found[0], found[1]
    moved = merge_figures(ledger, source, target, reviewer="ana", note="same strike, two ids")
    assert moved >= 1 and not claim_ids(ledger, figure=source)
    # An article stored after the merge, with a claim in the merged figure, lands under the target.
    article, extracted = next((a, f) for a, f in examples if any(c.figure == source for c in f))
    copy = Article(id="later-copy", doc="later.txt", text=article.text + "\n\nUpdated.", date=article.date)
    save_article(ledger, copy, [c.__class__(**{**c.__dict__, "article": "later-copy"}) for c in extracted])
    assert not claim_ids(ledger, figure=source)
    with pytest.raises(ReviewError, match="loop"):
        merge_figures(ledger, target, source, reviewer="ana")
    part = claim_ids(ledger, figure=target)[:1]
    split_figure(ledger, part, target + "/split", reviewer="ben")
    assert claim_ids(ledger, figure=target + "/split") == part
    actions = [entry.action for entry in history(ledger, part[0])]
    assert actions[-1] == "correct" and "merge figure" in actions


def test_the_log_holds_every_step_and_the_database_refuses_to_alter_it(ledger: Engine) -> None:
    claim_id = claim_ids(ledger)[0]
    review_claim(ledger, claim_id, reviewer="ana", verdict="verified")
    review_claim(ledger, claim_id, reviewer="ben", changes={"value": 7}, note="the later statement")
    review_claim(ledger, claim_id, reviewer="ana", verdict="rejected")
    steps = history(ledger, claim_id)
    assert [(e.action, e.reviewer) for e in steps] == [("verify", "ana"), ("correct", "ben"), ("reject", "ana")]
    assert steps[1].after["value"] == 7 and steps[1].before["value"] != 7 and steps[1].note == "the later statement"
    for change in (update(review_log).values(reviewer="mallory"), delete(review_log)):
        with pytest.raises(DBAPIError, match="append-only"), ledger.begin() as connection:
            connection.execute(change)
    if ledger.dialect.name == "postgresql":
        with pytest.raises(DBAPIError, match="append-only"), ledger.begin() as connection:
            connection.execute(text("TRUNCATE review_log"))
    assert [e.reviewer for e in history(ledger, claim_id)] == ["ana", "ben", "ana"]
    with ledger.connect() as connection:
        assert connection.execute(select(reviews.c.version).where(reviews.c.claim == claim_id)).scalar() == 3


@pytest.mark.slow
def test_a_ledger_of_the_release_before_reviews_is_upgraded_with_its_claims(
        ledger_url: str, examples: list[tuple[Article, list[Claim]]]) -> None:
    from alembic import command

    from counterclaim.store.db import _alembic_config, database_url, new_engine

    # The ledger as the release before reviews made it: schema 0007, one article's claims.
    engine = new_engine(database_url(ledger_url))
    with engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0007")
    article, found = next((a, f) for a, f in examples if f)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO articles (id, doc, text, ingested_at) VALUES (:id, :doc, :text, 'then')"),
                           {"id": article.id, "doc": article.doc, "text": article.text})
        for position, claim in enumerate(found):
            connection.execute(text(
                "INSERT INTO claims (article, position, doc, text, start, \"end\", sentence, value, qualifier, unit, "
                "measure, counted, claimant, claimant_aliases, optional, reasons, figure) VALUES (:article, :position, "
                ":doc, :text, :start, :end, :sentence, :value, :qualifier, :unit, :measure, :counted, :claimant, '[]', "
                ":optional, '[]', :figure)"), {**claim.__dict__, "position": position})
    engine.dispose()
    upgraded = open_store(ledger_url)  # migrates to the head
    stored = list(read_claims(upgraded))
    assert [(c.value, c.measure, c.claimant, c.figure) for c in stored] == [
        (c.value, c.measure, c.claimant, c.figure) for c in found]
    assert all(c.review is None for c in stored)
    first = claim_ids(upgraded)[0]
    assert review_claim(upgraded, first, reviewer="ana", verdict="verified").version == 1
    assert row(upgraded, first)["extractor"] is None  # made before extractor versions were kept


@pytest.mark.slow
def test_reextract_keeps_every_review_or_lists_it_as_needing_a_look(
        ledger: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from counterclaim import extract as extract_stage
    from counterclaim.reextract import needing_a_look, reextract

    ids = claim_ids(ledger)
    assert len(ids) >= 20
    dropped_word = "soldier"
    counts_soldiers = {i for i in ids if dropped_word in row(ledger, i)["text"].lower()}
    assert counts_soldiers and len(counts_soldiers) < 20
    reviewed = ids[:20]
    for n, claim_id in enumerate(reviewed):
        if n % 3 == 0:
            review_claim(ledger, claim_id, reviewer="ana", verdict="verified")
        elif n % 3 == 1:
            review_claim(ledger, claim_id, reviewer="ben", changes={"qualifier": "approx"}, note="'some' in the lead")
        else:
            review_claim(ledger, claim_id, reviewer="ana", verdict="rejected")
    reviewed_soldiers = [i for i in reviewed if i in counts_soldiers]
    # The new release's one changed rule: "N soldiers" is taken for a measurement, not a count.
    monkeypatch.setattr(extract_stage, "MEASUREMENT_UNITS", extract_stage.MEASUREMENT_UNITS | {dropped_word})
    report = reextract(ledger, extract_stage.extract_articles)
    assert report.kept + len(report.needs_look) == 20 and report.claims_after < report.claims_before
    flagged = needing_a_look(ledger)
    lost = [r for r in flagged if r.claim is None]
    assert len(lost) == len(reviewed_soldiers) and all("no longer found" in (r.needs_look or "") for r in lost)
    assert all(dropped_word in r.machine["text"].lower() for r in lost)
    # Dropping a claim may change another's figure (its part or total is gone): flagged, with what changed.
    assert all("found differently" in (r.needs_look or "") and "→" in (r.needs_look or "")
               for r in flagged if r.claim is not None)
    with ledger.connect() as connection:
        kept = connection.execute(select(reviews).where(reviews.c.needs_look.is_(None))).mappings().all()
        for review in kept:  # each kept review sits on a new claim, its verdict and corrections shown there
            shown = row(ledger, review["claim"])
            assert shown["review"] == review["verdict"]
            if review["verdict"] == "corrected":
                assert shown["qualifier"] == "approx"
        log = connection.execute(select(review_log.c.action)).scalars().all()
    assert log.count("reextract") == 20 and len(log) == 40  # 20 reviews, 20 re-attachments: every step
    assert len(list(read_claims(ledger, ClaimFilter(review="rejected")))) == sum(
        1 for n, i in enumerate(reviewed) if n % 3 == 2 and i not in counts_soldiers)


@pytest.mark.slow
def test_reextract_flags_a_claim_found_with_other_machine_values(ledger: Engine) -> None:
    from counterclaim.extract import extract_articles
    from counterclaim.reextract import reextract

    claim_id = claim_ids(ledger, measure="killed")[0]
    review_claim(ledger, claim_id, reviewer="ana", verdict="verified")

    def counts_the_dead_as_casualties(batch):  # a release whose measure rule changed
        for found in extract_articles(batch):
            yield [c.__class__(**{**c.__dict__, "measure": "killed_or_wounded"}) if c.measure == "killed" else c
                   for c in found]

    report = reextract(ledger, counts_the_dead_as_casualties)
    (flag,) = report.needs_look
    assert "found differently" in flag[1] and "'killed' → 'killed_or_wounded'" in flag[1]
    review = next(r for r in (current_review(ledger, i) for i in claim_ids(ledger)) if r is not None)
    assert row(ledger, review.claim)["review"] == "verified"  # the verdict stays shown, and is flagged


def test_a_new_version_of_an_article_keeps_the_reviews_of_its_unchanged_claims(
        ledger: Engine, examples: list[tuple[Article, list[Claim]]]) -> None:
    article, found = next((a, f) for a, f in examples if len(f) >= 3 and a.url)
    ids = [i for i in claim_ids(ledger) if row(ledger, i)["article"] == article.id]
    review_claim(ledger, ids[0], reviewer="ana", verdict="verified")
    review_claim(ledger, ids[1], reviewer="ben", changes={"qualifier": "at_least"})
    review_claim(ledger, ids[2], reviewer="ana", verdict="rejected")
    # The page changed: a correction appended, and the second claim's figure restated.
    second = found[1]
    restated = replace(second, value=(second.value or 0) + 1000)
    text_now = article.text + "\n\nCorrection: an earlier version misstated a figure."
    new = replace(article, id="new-version", text=text_now)
    new_claims = [replace(c, article="new-version") for c in (found[0], restated, *found[2:])]
    assert save_article(ledger, new, new_claims) is True
    carried = {current_review(ledger, i).verdict for i in claim_ids(ledger)  # type: ignore[union-attr]
               if row(ledger, i)["article"] == "new-version" and current_review(ledger, i) is not None}
    assert carried == {"verified", "rejected"}  # the restated claim is new: no review carried to it
    old_reviews = [current_review(ledger, i) for i in ids[:3]]
    assert all(r is not None for r in old_reviews)  # the earlier version keeps its own


def test_a_claimant_corrected_back_takes_its_party_back(ledger: Engine) -> None:
    # The outlet's own voice: its party is the outlet's, an unlinked source's is "unattributed".
    claim_id = next(i for i in claim_ids(ledger) if row(ledger, i)["party"].startswith("outlet: "))
    machine = row(ledger, claim_id)
    review_claim(ledger, claim_id, reviewer="ana", changes={"claimant": "Someone Else"})
    assert row(ledger, claim_id)["party"] == "unattributed"
    review_claim(ledger, claim_id, reviewer="ana", changes={"claimant": machine["claimant"]})
    back = row(ledger, claim_id)
    assert (back["claimant_id"], back["claimant_party"], back["party"]) == (
        machine["claimant_id"], machine["claimant_party"], machine["party"])
    assert current_review(ledger, claim_id).corrections == {}  # type: ignore[union-attr]
