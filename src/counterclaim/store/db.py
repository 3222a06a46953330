"""Open the ledger, store an article with its claims, read the claims back.

SQLite by default (a file path or `sqlite:///…`), in WAL mode with a busy timeout so a
reader can look while an ingest writes; any SQLAlchemy URL otherwise. Each article is
written with its claims in one transaction: a crash leaves an article with all its claims
or not at all, and an article already stored (same id, the hash of its text) is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import SQLAlchemyError

from counterclaim.model import Article, Claim
from counterclaim.store.schema import articles, claims, metadata

SQLITE_BUSY_TIMEOUT_MS = 30_000


class StoreError(Exception):
    """The ledger could not be opened, read or written; the message says which and why."""


def database_url(db: str) -> str:
    """A URL for `db`: URLs pass through, a plain path is an SQLite file."""
    return db if "://" in db else f"sqlite:///{db}"


def open_store(db: str) -> Engine:
    """The ledger at `db` (a path or a URL), with its tables created if missing.

    Raises:
        StoreError: when the database cannot be opened or created.
    """
    url = database_url(db)
    try:
        engine = create_engine(url)
        if url.startswith("sqlite"):
            event.listen(engine, "connect", _sqlite_pragmas)
        metadata.create_all(engine)
    except SQLAlchemyError as error:
        raise StoreError(f"cannot open the ledger {db!r}: {error.__class__.__name__}: {error}") from error
    return engine


def _sqlite_pragmas(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def save_article(engine: Engine, article: Article, found: list[Claim]) -> bool:
    """Store `article` with its claims in one transaction; False when already stored."""
    try:
        with engine.begin() as connection:
            exists = connection.execute(select(articles.c.id).where(articles.c.id == article.id)).first()
            if exists:
                return False
            connection.execute(articles.insert().values(
                id=article.id, doc=article.doc, url=article.url, outlet=article.outlet,
                date=article.date, title=article.title, text=article.text,
                source_path=article.source_path, ingested_at=datetime.now(UTC).isoformat(),
            ))
            if found:
                connection.execute(claims.insert(), [_claim_row(i, c) for i, c in enumerate(found)])
    except SQLAlchemyError as error:
        raise StoreError(f"cannot store {article.doc}: {error.__class__.__name__}: {error}") from error
    return True


def _claim_row(position: int, claim: Claim) -> dict[str, object]:
    return {
        "article": claim.article, "position": position, "doc": claim.doc, "text": claim.text,
        "start": claim.start, "end": claim.end, "sentence": claim.sentence, "value": claim.value,
        "value_high": claim.value_high, "qualifier": claim.qualifier, "unit": claim.unit,
        "measure": claim.measure, "counted": claim.counted, "claimant": claim.claimant,
        "claimant_aliases": json.dumps(list(claim.claimant_aliases), ensure_ascii=False),
        "optional": claim.optional, "reasons": json.dumps(list(claim.reasons), ensure_ascii=False),
        "claimant_id": claim.claimant_id, "claimant_party": claim.claimant_party,
        "claimant_link": claim.claimant_link, "counted_group": claim.counted_group,
    }


def read_claims(engine: Engine) -> Iterator[Claim]:
    """Every stored claim, article by article in the order they were stored."""
    query = (
        select(claims, articles.c.outlet, articles.c.date, articles.c.url)
        .join(articles, claims.c.article == articles.c.id)
        .order_by(articles.c.ingested_at, articles.c.id, claims.c.position)
    )
    try:
        with engine.connect() as connection:
            for row in connection.execute(query).mappings():
                yield Claim(
                    article=row["article"], doc=row["doc"], text=row["text"], start=row["start"],
                    end=row["end"], sentence=row["sentence"], value=row["value"],
                    value_high=row["value_high"], qualifier=row["qualifier"], unit=row["unit"],
                    measure=row["measure"], counted=row["counted"], claimant=row["claimant"],
                    claimant_aliases=tuple(json.loads(row["claimant_aliases"])),
                    optional=bool(row["optional"]), outlet=row["outlet"], date=row["date"],
                    url=row["url"], reasons=tuple(json.loads(row["reasons"])),
                    claimant_id=row["claimant_id"], claimant_party=row["claimant_party"],
                    claimant_link=row["claimant_link"], counted_group=row["counted_group"],
                )
    except SQLAlchemyError as error:
        raise StoreError(f"cannot read the ledger: {error.__class__.__name__}: {error}") from error
