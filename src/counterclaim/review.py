"""People's review of the ledger: verdicts and corrections beside the machine's claims,
figures merged and split, and an append-only log of every change.

A fact-checker publishes only what a person has checked. A review is stored beside the
claim (table `reviews`): the verdict, the reviewer's value of each corrected field, and the
machine's claim as it was when reviewed. The claim's row holds what every reader is shown
(pages, exports, `compare`), with its `review` state saying where it came from; the
machine's own values stay readable in the review. A rejected claim (not a claim, or a
duplicate) stays stored but counts in no figure.

Every change is one row of `review_log`, which the database refuses to update or delete
(migration 0008). Each review has a version: an edit made against an older version is
refused with the current state (`ReviewConflict`), so two reviewers never overwrite each
other silently.

>>> from counterclaim.review import review_claim            # doctest: +SKIP
>>> review_claim(engine, 17, reviewer="ana", changes={"claimant": "Gaza health ministry"})  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, func, insert, or_, select, update
from sqlalchemy.engine import Connection, RowMapping
from sqlalchemy.exc import IntegrityError

from counterclaim.errors import CounterclaimError
from counterclaim.model import MEASURES, QUALIFIERS, REVIEW_STATES
from counterclaim.store.db import merged_figures
from counterclaim.store.reviews import (
    CORRECTABLE,
    MACHINE_FIELDS,
    Review,
    append_log,
    now,
    review_of,
    shown_values,
    to_json,
)
from counterclaim.store.schema import actors, claims, figure_merges, review_log, reviews

VERDICTS = REVIEW_STATES[1:]  # what a person may say of a claim


class ReviewError(CounterclaimError, ValueError):
    """A review that cannot be made: an unknown claim, field or value; the message says which."""


class ReviewConflict(CounterclaimError):
    """An edit made against an older version of a review; `current` is the review now."""

    def __init__(self, current: Review | None, expected: int) -> None:
        now = current.version if current else 0
        super().__init__(f"the claim was changed by someone else (version {now}, the edit was made on {expected}); "
                         "reload it and make the change again")
        self.current = current


@dataclass(frozen=True)
class LogEntry:
    """One change, as the append-only log keeps it."""

    id: int
    action: str  # verify, correct, reject, merge figure, reextract, carry to new version
    reviewer: str
    at: str
    before: dict[str, Any]
    after: dict[str, Any]
    note: str | None = None
    claim: int | None = None
    figure: str | None = None
    review: int | None = field(default=None, compare=False)


def review_claim(
    engine: Engine,
    claim_id: int,
    *,
    reviewer: str,
    verdict: str | None = None,
    changes: Mapping[str, object] | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> Review:
    """Verify, reject or correct claim `claim_id`; the review as it is now.

    `changes` maps fields of `CORRECTABLE` to the reviewer's values (text is converted; an
    empty value clears the field). With changes the verdict is "corrected" unless it is
    "rejected". `expected_version` is the review's version the reviewer saw (0 for a claim
    never reviewed); a different one raises `ReviewConflict`.

    Raises:
        ReviewError: no such claim, an unknown verdict or field, or a value that is not one.
        ReviewConflict: the review changed since `expected_version`.
    """
    if not reviewer.strip():
        raise ReviewError("a review needs the reviewer's name")
    if verdict is not None and verdict not in VERDICTS:
        raise ReviewError(f"unknown verdict {verdict!r}: one of {', '.join(VERDICTS)}")
    corrections = {name: _converted(name, value) for name, value in (changes or {}).items()}
    if verdict is None and not corrections:
        raise ReviewError("nothing to do: give a verdict or a field to correct")
    try:
        with engine.begin() as connection:
            return _review(connection, claim_id, reviewer.strip(), verdict, corrections, note, expected_version)
    except IntegrityError as error:  # two first reviews of one claim at once: the second loses
        raise ReviewConflict(current_review(engine, claim_id), expected_version or 0) from error


def _review(
    connection: Connection, claim_id: int, reviewer: str, verdict: str | None, corrections: dict[str, Any],
    note: str | None, expected_version: int | None,
) -> Review:
    row = connection.execute(select(claims).where(claims.c.id == claim_id)).mappings().first()
    if row is None:
        raise ReviewError(f"no claim {claim_id} in this ledger")
    actor = corrections.get("claimant_id")
    if actor and connection.execute(select(actors.c.id).where(actors.c.id == actor)).first() is None:
        raise ReviewError(f"no actor {actor!r} in this ledger: `counterclaim actors` lists them")
    existing = review_of(connection, claim_id)
    version = existing.version if existing else 0
    if expected_version is not None and expected_version != version:
        raise ReviewConflict(existing, expected_version)
    machine = existing.machine if existing else {name: row[name] for name in MACHINE_FIELDS}
    merged = {**(existing.corrections if existing else {}), **corrections}
    # A correction back to the machine's own value is no correction.
    merged = {name: value for name, value in merged.items() if machine.get(name, row[name]) != value}
    verdict = "rejected" if verdict == "rejected" else "corrected" if merged else (verdict or "verified")
    before = _shown(row)
    shown = shown_values(connection, row, machine, merged, verdict)
    values = {"verdict": verdict, "corrections": to_json(merged), "note": note if note is not None else
              (existing.note if existing else None), "reviewer": reviewer, "version": version + 1,
              "needs_look": None, "updated_at": now()}
    if existing is None:
        inserted = connection.execute(insert(reviews).values(
            claim=claim_id, article=row["article"], start=row["start"], end=row["end"], machine=to_json(machine),
            **values))
        review_id = int(inserted.inserted_primary_key[0])  # type: ignore[index]
    else:
        review_id = existing.id
        changed = connection.execute(update(reviews).where(reviews.c.id == existing.id,
                                                           reviews.c.version == version).values(**values))
        if changed.rowcount != 1:
            raise ReviewConflict(review_of(connection, claim_id), version)
    connection.execute(update(claims).where(claims.c.id == claim_id).values(**shown))
    action = {"verified": "verify", "corrected": "correct", "rejected": "reject"}[verdict]
    append_log(connection, action, reviewer, before, {**before, **shown}, note=note, claim=claim_id,
               figure=shown.get("figure", row["figure"]), review=review_id)
    found = review_of(connection, claim_id)
    assert found is not None
    return found


def merge_figures(engine: Engine, figure: str, into: str, *, reviewer: str, note: str | None = None) -> int:
    """Show figure `figure`'s claims under `into`, now and for claims stored later; how many
    claims moved. A figure merged into one that was itself merged goes to the last one."""
    if not reviewer.strip():
        raise ReviewError("a merge needs the reviewer's name")
    with engine.begin() as connection:
        target = _merged_into(connection, into)
        if target == figure:
            raise ReviewError(f"{into} is already shown under {figure}: merging would make a loop")
        count = connection.execute(select(claims.c.id).where(claims.c.figure == figure)).all()
        if not count:
            raise ReviewError(f"no claim in figure {figure}")
        connection.execute(insert(figure_merges).values(figure=figure, into=target, reviewer=reviewer, at=now()))
        connection.execute(update(figure_merges).where(figure_merges.c.into == figure).values(into=target))
        connection.execute(update(claims).where(claims.c.figure == figure).values(figure=target))
        append_log(connection, "merge figure", reviewer, {"figure": figure},
                   {"figure": target, "claims": len(count)}, note=note, figure=figure)
    return len(count)


def split_figure(engine: Engine, claim_ids: Iterable[int], new_figure: str, *, reviewer: str,
                 note: str | None = None) -> list[Review]:
    """Move the claims `claim_ids` out of their figure into `new_figure`, one correction each."""
    return [review_claim(engine, claim_id, reviewer=reviewer, changes={"figure": new_figure}, note=note)
            for claim_id in claim_ids]


def _merged_into(connection: Connection, figure: str) -> str:
    return merged_figures(connection, {figure}).get(figure, figure)


def current_review(engine: Engine, claim_id: int) -> Review | None:
    """The review of claim `claim_id`, or None when no one has reviewed it."""
    with engine.connect() as connection:
        return review_of(connection, claim_id)


def history(engine: Engine, claim_id: int) -> list[LogEntry]:
    """Every logged change of claim `claim_id`'s review, oldest first, with the merges of
    other figures into the figure the machine gave it and the one it is in now."""
    with engine.connect() as connection:
        figure = connection.execute(select(claims.c.figure).where(claims.c.id == claim_id)).first()
        if figure is None:
            raise ReviewError(f"no claim {claim_id} in this ledger")
        found = review_of(connection, claim_id)
        figures = {figure[0], found.machine.get("figure") if found else None} - {None}
        merged = select(figure_merges.c.figure).where(figure_merges.c.into.in_(figures))
        conditions = [review_log.c.claim == claim_id, review_log.c.figure.in_(merged)]
        if found is not None:
            conditions.append(review_log.c.review == found.id)
        query = select(review_log).where(or_(*conditions)).order_by(review_log.c.id)
        return [_as_entry(row) for row in connection.execute(query).mappings()]


def review_counts(engine: Engine, figure: str | None = None) -> dict[str, int]:
    """How many claims (of one figure, or of the ledger) are in each review state; None
    counts as "machine"."""
    query = select(claims.c.review, func.count()).group_by(claims.c.review)
    if figure is not None:
        query = query.where(claims.c.figure == figure)
    with engine.connect() as connection:
        return {state or "machine": count for state, count in connection.execute(query).all()}


def _as_entry(row: RowMapping) -> LogEntry:
    return LogEntry(id=row["id"], action=row["action"], reviewer=row["reviewer"], at=row["at"],
                    before=json.loads(row["before"]), after=json.loads(row["after"]), note=row["note"],
                    claim=row["claim"], figure=row["figure"], review=row["review"])


def _shown(row: RowMapping) -> dict[str, Any]:
    return {name: row[name] for name in (*CORRECTABLE, "claimant_party", "party", "review")}


def _converted(name: str, value: object) -> Any:
    """A reviewer's value for field `name`, checked: numbers are numbers, a measure is one
    of the measures, a qualifier one of the qualifiers."""
    kind = CORRECTABLE.get(name)
    if kind is None:
        raise ReviewError(f"{name!r} cannot be corrected: one of {', '.join(CORRECTABLE)}")
    if value is None or (isinstance(value, str) and not value.strip()):
        if name in ("value", "qualifier", "measure", "counted", "claimant"):
            raise ReviewError(f"{name} cannot be empty")
        return None
    if kind is float:
        try:
            number = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
        except ValueError as error:
            raise ReviewError(f"{name} must be a number, not {value!r}") from error
        return number
    text = str(value).strip()
    if name == "measure" and text not in MEASURES:
        raise ReviewError(f"unknown measure {text!r}: one of {', '.join(MEASURES)}")
    if name == "qualifier" and text not in QUALIFIERS:
        raise ReviewError(f"unknown qualifier {text!r}: one of {', '.join(QUALIFIERS)}")
    return text


