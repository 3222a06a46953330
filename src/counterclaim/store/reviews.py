"""Reviews in the ledger: what a person's verdict and corrections make a claim's row show,
and the review log. The people-facing operations are in `counterclaim/review.py`; this
part is the store's, because storing a new version of an article carries the reviews of
its unchanged claims over in the same transaction (`carry_reviews`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, RowMapping

from counterclaim.model import voice
from counterclaim.store.schema import actors, claims, review_log, reviews

# The fields a reviewer may correct, and how a text value becomes the stored one.
CORRECTABLE: dict[str, type] = {
    "value": float, "value_high": float, "qualifier": str, "measure": str, "counted": str,
    "counted_group": str, "claimant": str, "claimant_id": str, "place": str, "scope": str, "figure": str,
}
# Fields that decide what a claim counts: a reviewed claim found again by a new extractor
# with other machine values here needs a person's look.
MACHINE_FIELDS = ("text", "value", "value_high", "qualifier", "unit", "measure", "counted", "counted_group",
                  "claimant", "claimant_id", "place", "scope", "figure")


@dataclass(frozen=True)
class Review:
    """A person's verdict on one claim, with the machine's claim as it was when reviewed."""

    id: int
    claim: int | None  # the claim's row now; None when a new extraction no longer finds it
    article: str
    start: int  # the evidence's place in the article, to find the claim after a re-extraction
    end: int
    verdict: str
    corrections: dict[str, Any]
    machine: dict[str, Any]
    note: str | None
    reviewer: str
    version: int
    needs_look: str | None  # why a new extraction left it unmatched or changed, else None
    updated_at: str


def shown_values(
    connection: Connection, row: RowMapping, machine: Mapping[str, Any], corrections: Mapping[str, Any], verdict: str,
) -> dict[str, Any]:
    """The values the claim's row shows: the machine's, then the reviewer's corrections,
    and what follows from them (the party of a new claimant, the figure of a new measure)."""
    shown: dict[str, Any] = {name: machine.get(name, row[name]) for name in CORRECTABLE if name in machine}
    shown.update(corrections)
    if "claimant" in corrections and "claimant_id" not in corrections:
        shown["claimant_id"] = None  # another source: its actor is unknown until the reviewer names it
    # A new claimant, or one corrected back to the machine's: its party follows it.
    if {"claimant", "claimant_id"} & corrections.keys() or any(shown.get(name) != row[name]
                                                                for name in ("claimant", "claimant_id")):
        party = party_of(connection, shown.get("claimant_id"))
        shown["claimant_party"] = party
        shown["claimant_link"] = "set by a reviewer"
        shown["party"] = voice(party, str(shown.get("claimant")), row["outlet"])
    if "figure" not in corrections and shown.get("figure"):
        shown["figure"] = figure_with(str(shown["figure"]), str(machine.get("measure")), corrections.get("measure"),
                                       corrections.get("scope"))
    shown["review"] = verdict
    return {name: value for name, value in shown.items() if name in claims.c}


def apply_review(connection: Connection, review: Review, claim_id: int) -> None:
    """Show `review`'s verdict and corrections on claim `claim_id` (a new extraction's claim),
    over that claim's own machine values."""
    row = connection.execute(select(claims).where(claims.c.id == claim_id)).mappings().one()
    machine = {name: row[name] for name in MACHINE_FIELDS}
    shown = shown_values(connection, row, machine, review.corrections, review.verdict)
    connection.execute(update(claims).where(claims.c.id == claim_id).values(**shown))


def figure_with(figure: str, machine_measure: str, measure: object, scope: object) -> str:
    """A figure id (`figures.py`: CONFLICT/MEASURE/GROUP/SCOPE[@PLACE], then "/2" or "/part"
    for a second count or a part) with the reviewer's measure or scope in place of the machine's."""
    parts = figure.split("/")
    at = next((i for i in range(len(parts) - 3, -1, -1) if parts[i] == machine_measure), None)
    if at is None:
        return figure  # an id a reviewer set by hand: left as it is
    if measure:
        parts[at] = str(measure)
    if scope:
        place = parts[at + 2].partition("@")[2]
        parts[at + 2] = f"{scope}@{place}" if place else str(scope)
    return "/".join(parts)


def party_of(connection: Connection, actor_id: object) -> str | None:
    if not actor_id:
        return None
    return connection.execute(select(actors.c.party).where(actors.c.id == actor_id)).scalar() or None


def reviews_of_article(connection: Connection, article_id: str) -> list[Review]:
    rows = connection.execute(select(reviews).where(reviews.c.article == article_id).order_by(reviews.c.id))
    return [as_review(row) for row in rows.mappings()]


def append_log(connection: Connection, action: str, reviewer: str, before: Mapping[str, Any], after: Mapping[str, Any],
         *, note: str | None = None, claim: int | None = None, figure: str | None = None,
         review: int | None = None) -> None:
    """Append one entry to the review log: the only way anything is written to it."""
    connection.execute(insert(review_log).values(
        review=review, claim=claim, figure=figure, action=action, before=to_json(before), after=to_json(after),
        note=note, reviewer=reviewer, at=now()))


def review_of(connection: Connection, claim_id: int) -> Review | None:
    row = connection.execute(select(reviews).where(reviews.c.claim == claim_id)).mappings().first()
    return as_review(row) if row is not None else None


def as_review(row: RowMapping) -> Review:
    return Review(id=row["id"], claim=row["claim"], article=row["article"], start=row["start"], end=row["end"],
                  verdict=row["verdict"],
                  corrections=json.loads(row["corrections"]), machine=json.loads(row["machine"]), note=row["note"],
                  reviewer=row["reviewer"], version=row["version"], needs_look=row["needs_look"],
                  updated_at=row["updated_at"])



def carry_reviews(connection: Connection, earlier: str, article: str) -> int:
    """Give the claims of `article`, a new version of `earlier`, the reviews of the earlier
    version's claims that it states unchanged (same evidence text, value, measure and
    claimant); how many were carried. The earlier version keeps its own."""
    found = list(connection.execute(select(claims).where(claims.c.article == article)).mappings())
    carried = 0
    for review in reviews_of_article(connection, earlier):
        if review.claim is None:
            continue
        same = next((row for row in found if all(row[name] == review.machine.get(name) for name in
                                                 ("text", "value", "measure", "claimant"))), None)
        if same is None or review_of(connection, same["id"]) is not None:
            continue
        machine = {name: same[name] for name in MACHINE_FIELDS}
        inserted = connection.execute(insert(reviews).values(
            claim=same["id"], article=article, start=same["start"], end=same["end"], verdict=review.verdict,
            corrections=to_json(review.corrections), machine=to_json(machine), note=review.note,
            reviewer=review.reviewer, version=1, needs_look=None, updated_at=now()))
        shown = shown_values(connection, same, machine, review.corrections, review.verdict)
        connection.execute(update(claims).where(claims.c.id == same["id"]).values(**shown))
        append_log(connection, "carry to new version", review.reviewer, {"claim": review.claim, "article": earlier},
                   {"claim": same["id"], "article": article}, claim=same["id"],
                   review=int(inserted.inserted_primary_key[0]))  # type: ignore[index]
        carried += 1
    return carried


def to_json(value: Mapping[str, Any]) -> str:
    return json.dumps(dict(value), ensure_ascii=False, sort_keys=True)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
