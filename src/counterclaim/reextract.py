"""Run the current extractor again over the stored articles, keeping people's reviews.

A better release finds claims the old one missed and drops some it got wrong; the reviews
people made must survive it. For each article the claims are replaced in one transaction,
and each review looks for its claim among the new ones: the same evidence (offsets and
text), else the same value, measure and claimant. Found with the same machine values, the
review is kept as it was and its corrections are shown on the new claim; found with other
machine values, or not found at all, the review is listed as needing a person's look.
Every outcome is a line of the review log.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Engine, select, update
from sqlalchemy.engine import Connection

from counterclaim.model import Actor, Article, Claim
from counterclaim.store.db import extractor_version, read_article, replace_claims
from counterclaim.store.reviews import (
    MACHINE_FIELDS,
    Review,
    append_log,
    apply_review,
    as_review,
    reviews_of_article,
)
from counterclaim.store.schema import articles, claims, reviews

Extractor = Callable[[Iterable[Article]], Iterator[list[Claim]]]


@dataclass
class ReextractReport:
    """What a re-extraction did, article by article summed."""

    articles: int = 0
    claims_before: int = 0
    claims_after: int = 0
    kept: int = 0  # reviews found again with the same machine values
    needs_look: list[tuple[int, str]] = field(default_factory=list)  # (review id, why)


def articles_to_reextract(engine: Engine, since: str | None = None) -> list[str]:
    """The ids of the stored articles, in the order they were stored; with `since`, only
    those with a claim made by an extractor older than that release (or of unknown release)
    and those without claims."""
    with engine.connect() as connection:
        ids = list(connection.execute(select(articles.c.id).order_by(articles.c.ingested_at, articles.c.id)).scalars())
        if since is None:
            return ids
        made = connection.execute(select(claims.c.article, claims.c.extractor).distinct()).all()
    older = {article for article, version in made if _older(version, since)}
    with_claims = {article for article, _ in made}
    return [i for i in ids if i in older or i not in with_claims]


def reextract(
    engine: Engine,
    extract: Extractor,
    *,
    since: str | None = None,
    known: dict[str, Actor] | None = None,
    reviewer: str = "counterclaim reextract",
) -> ReextractReport:
    """Extract every stored article (or those of `articles_to_reextract(since)`) again with
    `extract` and put the new claims in place of the old, keeping or flagging each review."""
    report = ReextractReport()
    for article_id in articles_to_reextract(engine, since):
        stored = read_article(engine, article_id)
        if stored is None:
            continue
        article, old = stored
        (found,) = extract([article])
        with engine.begin() as connection:
            before = reviews_of_article(connection, article_id)
            connection.execute(update(reviews).where(reviews.c.article == article_id).values(claim=None))
            new_ids = replace_claims(connection, article, found, known or {})
            for review in before:
                _reattach(connection, review, list(zip(new_ids, found, strict=True)), reviewer, report)
        report.articles += 1
        report.claims_before += len(old)
        report.claims_after += len(found)
    return report


def _reattach(connection: Connection, review: Review, found: list[tuple[int, Claim]], reviewer: str,
              report: ReextractReport) -> None:
    machine = review.machine
    match = next((pair for pair in found if (pair[1].start, pair[1].end, pair[1].text) ==
                  (review.start, review.end, machine.get("text"))), None)
    if match is None:
        match = next((pair for pair in found if (pair[1].value, pair[1].measure, pair[1].claimant) ==
                      (machine.get("value"), machine.get("measure"), machine.get("claimant"))), None)
    if match is None:
        why = f"no longer found by counterclaim {extractor_version()}"
        claim_id = None
    else:
        claim_id, claim = match
        changed = [f"{name}: {machine.get(name)!r} → {getattr(claim, name)!r}" for name in MACHINE_FIELDS
                   if name in machine and machine[name] != getattr(claim, name)]
        why = f"found differently by counterclaim {extractor_version()}: {'; '.join(changed)}" if changed else ""
        apply_review(connection, review, claim_id)
    connection.execute(update(reviews).where(reviews.c.id == review.id).values(
        claim=claim_id, needs_look=why or None, start=match[1].start if match else review.start,
        end=match[1].end if match else review.end))
    append_log(connection, "reextract", reviewer, {"claim": review.claim}, {"claim": claim_id, "needs_look": why},
               claim=claim_id, review=review.id)
    if why:
        report.needs_look.append((review.id, why))
    else:
        report.kept += 1


def needing_a_look(engine: Engine) -> list[Review]:
    """The reviews a re-extraction or a new version of an article left for a person to see."""
    with engine.connect() as connection:
        rows = connection.execute(select(reviews).where(reviews.c.needs_look.is_not(None)).order_by(reviews.c.id))
        return [as_review(row) for row in rows.mappings()]


def _older(version: str | None, since: str) -> bool:
    """Whether release `version` came before `since` ("0.9.2" before "0.10"); an unknown
    release is older than any."""
    if version is None:
        return True
    return _release(version) < _release(since)


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3])
