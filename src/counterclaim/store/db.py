"""Open the ledger, store an article with its claims, read the claims back.

SQLite by default (a file path or `sqlite:///…`), in WAL mode with a busy timeout so a
reader can look while an ingest writes; PostgreSQL with `postgresql://…`; any SQLAlchemy
URL otherwise. The schema is built and upgraded by Alembic migrations when the ledger is
opened. Each article is written with its claims, actors, mentions and MinHash bands in one
transaction: a crash leaves an article with all of them or with none, and an article
already stored (same id, the hash of its text) is skipped, so a rerun finishes the job.
An article whose URL is already stored with another text is a new version of it.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, func, inspect, or_, select, text
from sqlalchemy.engine import URL, Connection, RowMapping, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.sql.elements import ColumnElement

from counterclaim import syndication

if TYPE_CHECKING:
    from alembic.config import Config
from counterclaim.model import CLAIM_FIELDS, Actor, Article, Claim, Extracted, TermUse, voice
from counterclaim.store.reviews import carry_reviews
from counterclaim.store.schema import (
    actors,
    articles,
    claims,
    figure_merges,
    mentions,
    minhash_bands,
    review_log,
    term_uses,
)
from counterclaim.store.search import word_search

SQLITE_BUSY_TIMEOUT_MS = 30_000
_MIGRATION_LOCK = 0x636C61696D  # any fixed number: the advisory lock of schema changes on PostgreSQL
STREAM_ROWS = 500  # rows fetched at a time where claims are read as a stream

# The claims table holds every field of Claim but the article's URL (read through the
# join) and the row's id (its own); the lists are stored as JSON arrays.
STORED_FIELDS = tuple(name for name in CLAIM_FIELDS if name not in ("url", "id"))
LIST_FIELDS = ("claimant_aliases", "reasons")


class StoreError(Exception):
    """The ledger could not be opened, read or written; the message says which and why."""


@dataclass(frozen=True)
class ClaimFilter:
    """Which stored claims to read; every field left None matches everything."""

    measure: str | None = None
    claimant: str | None = None  # part of the claimant's name or its actor id
    # part of any name of the claimant's actor (every spelling the articles and the actor base
    # give it), or of the claimant's own name where it links to none: the web's claimant filter
    claimant_named: str | None = None
    party: str | None = None
    parties: tuple[str, ...] = ()  # any of these parties (the web form's repeatable `party=`)
    outlet: str | None = None  # part of the outlet's name
    since: str | None = None  # ISO date: articles of that day or later
    until: str | None = None  # ISO date: articles of that day or earlier
    search: str | None = None  # words of the sentence, counted phrase or claimant (word starts)
    counted_group: str | None = None
    place: str | None = None  # part of the place's name as written, or its id
    country: str | None = None  # ISO code
    located: bool = False  # only claims with coordinates
    conflict: str | None = None  # a conflict id (`conflicts.py`): "israel-hamas"
    figure: str | None = None  # one figure's id
    # A person's verdict (`review.py`): "machine" (none yet), "verified", "corrected" or
    # "rejected". Left None, every claim but the rejected ones.
    review: str | None = None


@dataclass(frozen=True)
class StoredClaim:
    """A claim with what the ledger knows of its article beyond the claim itself."""

    claim: Claim
    syndication: str | None  # the group of near-identical articles it belongs to


def database_url(db: str) -> str:
    """A URL for `db`: a plain path is an SQLite file; postgresql:// uses psycopg 3."""
    if "://" not in db:
        return f"sqlite:///{db}"
    for prefix in ("postgresql://", "postgres://"):
        if db.startswith(prefix):
            return "postgresql+psycopg://" + db[len(prefix):]
    return db


def shown_url(db: str) -> str:
    """`db` as it may be shown on a page or a terminal: a URL's password masked.

    >>> shown_url("postgresql://ana:s3cret@db.example/ledger"), shown_url("ledger.db")
    ('postgresql://ana:***@db.example/ledger', 'ledger.db')
    """
    if "://" not in db:
        return db
    try:
        return make_url(db).render_as_string(hide_password=True)
    except ArgumentError:
        return db.split("://", 1)[0] + "://…"  # unparsable: show no part that could be a secret


def open_store(db: str) -> Engine:
    """The ledger at `db` (a path or a URL), its schema migrated to the latest version.

    An SQLite ledger this process may not write to (a read-only file or folder) is opened
    read-only, for the commands that only read; it must then be at the latest version.

    Raises:
        StoreError: when the database cannot be opened, created or migrated, or was made by
            a newer counterclaim.
    """
    url = database_url(db)
    try:
        engine = new_engine(url)
        try:
            _migrate(engine, db, writable=True)
        except OperationalError as error:
            read_only = _read_only_url(url, error)
            if read_only is None:
                raise
            engine.dispose()
            engine = new_engine(read_only)
            _migrate(engine, db, writable=False)
    except SQLAlchemyError as error:
        raise StoreError(f"cannot open the ledger {shown_url(db)!r}: {error.__class__.__name__}: {error}") from error
    return engine


def new_engine(url: str | URL, **pool: Any) -> Engine:
    """An engine for `url` (with `pool`'s options for SQLAlchemy's pool); an SQLite one sets
    WAL mode, the busy timeout and foreign keys on every connection it opens."""
    engine = create_engine(url, **pool)
    if make_url(url).get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _migrate(engine: Engine, db: str, *, writable: bool) -> None:
    """Bring the schema to the latest revision, unless it is there (then nothing is written)."""
    with engine.connect() as connection:
        revision = _revision(connection, db)
    if revision == _head():
        return
    if not writable:
        raise StoreError(f"{shown_url(db)!r} is read-only and was made by an older counterclaim: open it once "
                         "where it can be written (any command upgrades it), then read it here")
    with engine.begin() as connection:
        # Two processes opening a new ledger at once would both create its tables: the first
        # to take this lock migrates, the second waits, then finds the schema there.
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        elif connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        if _revision(connection, db) != _head():
            from alembic import command

            config = _alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")


def _revision(connection: Connection, db: str) -> str | None:
    """The ledger's schema revision (None for a new database), refused when this version
    of counterclaim cannot read it."""
    tables = inspect(connection).get_table_names()
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar() if (
        "alembic_version" in tables) else None
    if revision is None and "articles" in tables:
        raise StoreError(f"{shown_url(db)!r} was made by counterclaim 0.1 before migrations existed: "
                         "ingest again into a new ledger")
    if revision is not None and revision not in _revisions():
        raise StoreError(f"{shown_url(db)!r} was made by a newer counterclaim (schema {revision}; this one "
                         f"knows up to {_head()}): upgrade counterclaim (pip install -U counterclaim) to read it")
    return revision


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("counterclaim.store").joinpath("migrations")))
    return config


@cache
def _revisions() -> dict[str, str | None]:
    """Each migration's revision and the one before it, read from the migration files' own
    lines: importing Alembic to learn them would cost a read-only command most of its start."""
    found: dict[str, str | None] = {}
    for entry in resources.files("counterclaim.store").joinpath("migrations", "versions").iterdir():
        if entry.name.endswith(".py"):
            source = entry.read_text("utf-8")
            revision = re.search(r'^revision = "(\w+)"', source, re.M)
            before = re.search(r'^down_revision = (?:"(\w+)"|None)', source, re.M)
            if revision is not None and before is not None:
                found[revision[1]] = before[1]
    return found


@cache
def _head() -> str:
    """The latest revision: the one no other revision comes after."""
    (head,) = set(_revisions()) - set(_revisions().values())
    return head


def _read_only_url(url: str, error: OperationalError) -> str | None:
    """A read-only URL for the SQLite file of `url` when `error` says it cannot be written
    (None otherwise). In a folder where SQLite cannot make the WAL's shared-memory file, the
    file is opened as immutable: no process can be writing it there."""
    parsed = make_url(url)
    message = str(error.orig)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.query or not any(
            words in message for words in ("readonly", "read-only", "unable to open")):
        return None
    path = Path(parsed.database).resolve()
    if not path.is_file():
        return None
    immutable = "" if os.access(path.parent, os.W_OK) or Path(f"{path}-shm").exists() else "&immutable=1"
    return f"sqlite:///file:{quote(str(path))}?mode=ro{immutable}&uri=true"


def _sqlite_pragmas(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")  # first: a new file's WAL switch may wait
    with suppress(sqlite3.OperationalError):  # a read-only ledger is read in the journal mode it has
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def save_article(
    engine: Engine, article: Article, found: list[Claim], known: Mapping[str, Actor] | None = None,
    terms: list[TermUse] | None = None,
) -> bool:
    """Store `article` with its claims in one transaction; False when already stored.

    `known` are the actors the claims may link to (the actor base); an actor not in it is
    stored from the claim that names it. `terms` are the words the article uses for
    actors (`framing.find_terms`).
    """
    try:
        with engine.begin() as connection:
            return _insert(connection, Extracted(article, found, terms or []), known or {})
    except IntegrityError as error:
        if _stored(engine, article.id):
            return False  # another process stored the same article first
        raise StoreError(f"cannot store {article.doc}: {error.__class__.__name__}: {error}") from error
    except SQLAlchemyError as error:
        raise StoreError(f"cannot store {article.doc}: {error.__class__.__name__}: {error}") from error


def save_articles(engine: Engine, batch: Sequence[Extracted], known: Mapping[str, Actor] | None = None) -> int:
    """Store a batch of articles in one transaction, in order; how many were new.

    One commit per batch instead of per article is what makes a single writer keep up
    with many extracting workers. When another process stored one of the articles first,
    the batch is stored again article by article, so the rest still land.
    """
    try:
        with engine.begin() as connection:
            return sum(_insert(connection, item, known or {}) for item in batch)
    except IntegrityError:
        return sum(save_article(engine, item.article, item.claims, known, item.terms) for item in batch)
    except SQLAlchemyError as error:
        raise StoreError(f"cannot store a batch of {len(batch)} articles: {error.__class__.__name__}: {error}") \
            from error


def _insert(connection: Connection, item: Extracted, known: Mapping[str, Actor]) -> bool:
    """Insert one article with its claims, actors and terms; False when already stored."""
    article, found = item.article, item.claims
    if connection.execute(select(articles.c.id).where(articles.c.id == article.id)).first():
        return False
    signature = syndication.signature(article.text)
    group = _same_story(connection, signature) or article.id
    earlier = _earlier_version(connection, article)
    connection.execute(articles.insert().values(
        id=article.id, doc=article.doc, url=article.url, outlet=article.outlet,
        date=article.date, title=article.title, text=article.text,
        source_path=article.source_path, ingested_at=datetime.now(UTC).isoformat(),
        version_of=earlier, syndication=group,
        minhash=syndication.to_bytes(signature),
    ))
    connection.execute(minhash_bands.insert(), [
        {"band": band, "hash": value, "article": article.id} for band, value in syndication.bands(signature)
    ])
    if found:
        connection.execute(claims.insert(), _claim_rows(connection, article, found, group))
        _save_actors(connection, article, found, known)
        if earlier is not None:
            carry_reviews(connection, earlier, article.id)
    if item.terms:
        connection.execute(term_uses.insert(), [{**asdict(t), "outlet": article.outlet} for t in item.terms])
    return True


def replace_claims(
    connection: Connection, article: Article, found: list[Claim], known: Mapping[str, Actor],
) -> list[int]:
    """Put `found` in place of the claims stored for `article` (a new extraction of it); the
    new claims' ids in order. The caller's transaction keeps the reviews in step (`reextract.py`)."""
    group = connection.execute(select(articles.c.syndication).where(articles.c.id == article.id)).scalar()
    connection.execute(claims.delete().where(claims.c.article == article.id))
    connection.execute(mentions.delete().where(mentions.c.article == article.id))
    if found:
        connection.execute(claims.insert(), _claim_rows(connection, article, found, group or article.id))
        _save_actors(connection, article, found, known)
    query = select(claims.c.id).where(claims.c.article == article.id).order_by(claims.c.position)
    return list(connection.execute(query).scalars())


def _claim_rows(connection: Connection, article: Article, found: list[Claim], group: str) -> list[dict[str, object]]:
    rows = [_claim_row(i, c, article, group) for i, c in enumerate(found)]
    merged = merged_figures(connection, {str(row["figure"]) for row in rows if row["figure"]})
    for row in rows:  # a figure a reviewer merged into another takes its new claims there too
        row["figure"] = merged.get(str(row["figure"]), row["figure"])
        row["part_of"] = merged.get(str(row["part_of"]), row["part_of"])
    return rows


def merged_figures(connection: Connection, figures: set[str]) -> dict[str, str]:
    """The figures among `figures` that a reviewer merged into another, and that other."""
    if not figures:
        return {}
    query = select(figure_merges.c.figure, figure_merges.c.into).where(figure_merges.c.figure.in_(figures))
    return {figure: into for figure, into in connection.execute(query).all()}


def _stored(engine: Engine, article_id: str) -> bool:
    with engine.connect() as connection:
        return connection.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None


def _earlier_version(connection: Connection, article: Article) -> str | None:
    if not article.url:
        return None
    query = (select(articles.c.id).where(articles.c.url == article.url)
             .order_by(articles.c.ingested_at.desc()).limit(1))
    return connection.execute(query).scalar()


# One statement with a parameter per band, built once: composing the 32 conditions as
# SQLAlchemy expressions for every article cost more than the lookup itself.
_SAME_BANDS = text(
    "SELECT syndication, minhash FROM articles WHERE id IN (SELECT DISTINCT article FROM minhash_bands WHERE "
    + " OR ".join(f"(band = :band{i} AND hash = :hash{i})" for i in range(syndication.BANDS)) + " LIMIT 50)"
)


def _same_story(connection: Connection, signature: syndication.MinHash) -> str | None:
    """The syndication group of a stored article with the same story, if any."""
    values = {}
    for i, (band, value) in enumerate(syndication.bands(signature)):
        values[f"band{i}"], values[f"hash{i}"] = band, value
    for group, stored in connection.execute(_SAME_BANDS, values):
        if stored is not None and syndication.same_story(signature, bytes(stored)):
            return str(group)
    return None


def _save_actors(connection: Connection, article: Article, found: list[Claim], known: Mapping[str, Actor]) -> None:
    rows: dict[str, dict[str, object]] = {}
    seen: dict[tuple[str, str], str] = {}
    for claim in found:
        if claim.claimant_id is None:
            continue
        actor = known.get(claim.claimant_id) or Actor(
            id=claim.claimant_id, name=claim.claimant, type="group", party=claim.claimant_party or "",
            provisional=claim.claimant_id.startswith("~"),
        )
        rows.setdefault(actor.id, {"id": actor.id, "name": actor.name, "type": actor.type,
                                   "conflict": actor.conflict or None, "party": actor.party or None,
                                   "role": actor.role or None, "provisional": actor.provisional})
        seen.setdefault((actor.id, claim.claimant), claim.claimant_link or "")
    if not rows:
        return
    from sqlalchemy.dialects import postgresql, sqlite  # here: the PostgreSQL dialect imports asyncio, for writers

    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    connection.execute(insert(actors).on_conflict_do_nothing(index_elements=["id"]), list(rows.values()))
    connection.execute(mentions.insert(), [
        {"article": article.id, "actor": actor, "name": name, "reason": reason}
        for (actor, name), reason in seen.items()
    ])


def _claim_row(position: int, claim: Claim, article: Article, group: str) -> dict[str, object]:
    """A claims row: every field of `claim` the table holds, with what the row adds."""
    row: dict[str, object] = {name: getattr(claim, name) for name in STORED_FIELDS}
    for name in LIST_FIELDS:
        row[name] = json.dumps(list(getattr(claim, name)), ensure_ascii=False)
    row.update(date=article.date, outlet=article.outlet, syndication=group, position=position,
               extractor=extractor_version())
    if claim.party is None:  # a claim not made by `extract` (the Python API, a test)
        row["party"] = voice(claim.claimant_party, claim.claimant, article.outlet)
    return row


@cache
def extractor_version() -> str:
    """The counterclaim release whose rules found the claims stored now."""
    try:
        return importlib.metadata.version("counterclaim")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def read_claims(engine: Engine, filters: ClaimFilter = ClaimFilter()) -> Iterator[Claim]:
    """The stored claims that pass `filters`, article by article in the order they were stored."""
    for stored in read_stored(engine, filters):
        yield stored.claim


def read_stored(engine: Engine, filters: ClaimFilter = ClaimFilter()) -> Iterator[StoredClaim]:
    """Like `read_claims`, with each claim's syndication group."""
    query = (
        select(claims, articles.c.url)
        .join(articles, claims.c.article == articles.c.id)
        .where(*claim_conditions(filters))
        .order_by(articles.c.ingested_at, articles.c.id, claims.c.position)
    )
    with reading(engine) as connection:
        # A server-side cursor (PostgreSQL) read in batches: a download of a whole ledger
        # holds one batch of rows at a time, not every row at once.
        streamed = connection.execution_options(stream_results=True, yield_per=STREAM_ROWS)
        for row in streamed.execute(query).mappings():
            yield StoredClaim(_claim(row), row["syndication"])


SORTABLE = ("date", "value", "measure", "claimant", "outlet", "party")


@dataclass(frozen=True)
class LedgerSummary:
    """What a ledger holds, for its overview."""

    articles: int
    outlets: int
    first_date: str | None
    last_date: str | None
    claims_by_measure: dict[str, int]
    parties: list[str]


def ledger_conflicts(engine: Engine) -> list[str]:
    """The conflicts the stored claims belong to, by id (the index on conflict answers)."""
    query = select(claims.c.conflict).distinct().where(claims.c.conflict.is_not(None)).order_by(claims.c.conflict)
    with reading(engine) as connection:
        return [row.conflict for row in connection.execute(query)]


def claims_page(
    engine: Engine, filters: ClaimFilter, *, sort: str = "date", descending: bool = True,
    limit: int = 50, offset: int = 0,
) -> tuple[list[Claim], int]:
    """One page of the claims that pass `filters`, sorted, and how many pass in all."""
    if sort not in SORTABLE:
        raise StoreError(f"cannot sort by {sort!r}: use one of {', '.join(SORTABLE)}")
    column = claims.c[sort]
    order = column.desc().nulls_last() if descending else column.asc().nulls_last()
    query = (
        select(claims, articles.c.url).join(articles, claims.c.article == articles.c.id)
        .where(*claim_conditions(filters)).order_by(order, claims.c.id).limit(limit).offset(offset)
    )
    total = select(func.count()).select_from(claims).where(*claim_conditions(filters))
    with reading(engine) as connection:
        rows = [_claim(row) for row in connection.execute(query).mappings()]
        return rows, int(connection.execute(total).scalar() or 0)


def read_article(engine: Engine, article_id: str) -> tuple[Article, list[Claim]] | None:
    """A stored article with its claims in order; None when there is none with that id."""
    with reading(engine) as connection:
        row = connection.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
        if row is None:
            return None
        found = connection.execute(
            select(claims, articles.c.url).join(articles, claims.c.article == articles.c.id)
            .where(claims.c.article == article_id).order_by(claims.c.position)
        ).mappings()
        article = Article(id=row["id"], doc=row["doc"], text=row["text"], title=row["title"], date=row["date"],
                          url=row["url"], outlet=row["outlet"], source_path=row["source_path"])
        return article, [_claim(r) for r in found]


def read_actor(engine: Engine, actor_id: str) -> tuple[Actor, list[str]] | None:
    """A stored actor and the names articles gave it; None when there is none with that id."""
    with reading(engine) as connection:
        row = connection.execute(select(actors).where(actors.c.id == actor_id)).mappings().first()
        if row is None:
            return None
        names = connection.execute(
            select(mentions.c.name).where(mentions.c.actor == actor_id).distinct().order_by(mentions.c.name)
        ).scalars()
        actor = Actor(id=row["id"], name=row["name"], type=row["type"], conflict=row["conflict"] or "",
                      party=row["party"] or "", role=row["role"] or "", provisional=bool(row["provisional"]))
        return actor, list(names)


def ledger_version(engine: Engine) -> tuple[int, str | None, int | None]:
    """Changes whenever an article is stored or a review made: (articles, the last ingest
    time, the last entry of the review log)."""
    with reading(engine) as connection:
        count, last = connection.execute(select(func.count(), func.max(articles.c.ingested_at))).one()
        return int(count), last, connection.execute(select(func.max(review_log.c.id))).scalar()


def read_claim(engine: Engine, claim_id: int) -> Claim | None:
    """The stored claim with ledger number `claim_id` (rejected or not); None when there is none."""
    with reading(engine) as connection:
        row = connection.execute(select(claims, articles.c.url).join(articles, claims.c.article == articles.c.id)
                                 .where(claims.c.id == claim_id)).mappings().first()
        return _claim(row) if row is not None else None


def summarise(engine: Engine) -> LedgerSummary:
    """Articles, outlets, the dates they span, the claims of each measure, the parties."""
    with reading(engine) as connection:
        stored, outlets, first, last = connection.execute(select(
            func.count(), func.count(func.distinct(articles.c.outlet)), func.min(articles.c.date),
            func.max(articles.c.date),
        )).one()
        by_measure = connection.execute(
            select(claims.c.measure, func.count()).group_by(claims.c.measure).order_by(func.count().desc())
        ).all()
        parties = connection.execute(select(claims.c.party).distinct().order_by(claims.c.party)).scalars()
        return LedgerSummary(stored, outlets, first, last, {measure: count for measure, count in by_measure},
                             [p for p in parties if p])


def read_term_uses(
    engine: Engine, *, actor: str | None = None, outlet: str | None = None
) -> Iterator[tuple[TermUse, str]]:
    """The stored term uses with their article's outlet ("unknown outlet" where none)."""
    query = select(term_uses).order_by(term_uses.c.actor, term_uses.c.outlet, term_uses.c.id)
    if actor:
        query = query.where(term_uses.c.actor == actor)
    if outlet:
        query = query.where(_contains(term_uses.c.outlet, outlet))
    with reading(engine) as connection:
        for row in connection.execute(query).mappings():
            use = TermUse(article=row["article"], actor=row["actor"], term=row["term"],
                          term_class=row["term_class"], quoted=bool(row["quoted"]), sentence=row["sentence"],
                          start=row["start"], reason=row["reason"])
            yield use, row["outlet"] or "unknown outlet"


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for reading; a database error becomes a StoreError that says so."""
    try:
        with engine.connect() as connection:
            yield connection
    except SQLAlchemyError as error:
        raise StoreError(f"cannot read the ledger: {error.__class__.__name__}: {error}") from error


# The filters that ask a column for one value: ClaimFilter's field and the claims column.
EQUAL_TO = ("measure", "counted_group", "conflict", "figure", "party")


def claim_conditions(filters: ClaimFilter, table: Any = claims) -> list[ColumnElement[bool]]:
    """The WHERE conditions of `filters`, on the claims table (or an alias of it) alone."""
    found: list[ColumnElement[bool]] = [table.c[name] == getattr(filters, name)
                                        for name in EQUAL_TO if getattr(filters, name)]
    found += _named_conditions(filters, table)
    if filters.parties:
        found.append(table.c.party.in_(filters.parties))
    if filters.since:
        found.append(table.c.date >= filters.since)
    if filters.until:
        found.append(table.c.date <= filters.until)
    if filters.search:
        found.append(word_search(table, filters.search))
    if filters.country:
        found.append(table.c.country == filters.country.upper())
    if filters.located:
        found.append(table.c.lat.is_not(None))
    found.append(_review_condition(filters.review, table))
    return found


def _named_conditions(filters: ClaimFilter, table: Any) -> list[ColumnElement[bool]]:
    """The filters by a name written in part: claimant, outlet, place."""
    found: list[ColumnElement[bool]] = []
    if filters.claimant:
        found.append(or_(_contains(table.c.claimant, filters.claimant), table.c.claimant_id == filters.claimant))
    if filters.claimant_named:
        found.append(or_(_contains(table.c.claimant, filters.claimant_named),
                         table.c.claimant_id == filters.claimant_named,
                         table.c.claimant_id.in_(actors_named(filters.claimant_named))))
    if filters.outlet:
        found.append(_contains(table.c.outlet, filters.outlet))
    if filters.place:
        found.append(or_(_contains(table.c.place, filters.place), table.c.place_id == filters.place))
    return found


def _review_condition(review: str | None, table: Any) -> ColumnElement[bool]:
    column: ColumnElement[str] = table.c.review
    if review == "machine":
        return column.is_(None)
    if review:
        return column == review
    # A claim a reviewer rejected (not a claim, or a duplicate) counts in no figure.
    return or_(column.is_(None), column != "rejected")


def actors_named(name: str) -> Any:
    """The ids of the actors that an article or the actor base names with `name` in it: a
    claimant filter of "Abu Tamir" then finds the claims of "Abu Tamer" and "Abou Tamer" too,
    which the stored links say are one actor (a text match finds one spelling)."""
    return (select(mentions.c.actor).where(_contains(mentions.c.name, name))
            .union(select(actors.c.id).where(_contains(actors.c.name, name))))


FACETS = ("party", "measure", "conflict", "country", "counted_group", "outlet")


def facet_counts(engine: Engine, filters: ClaimFilter, column: str, *, limit: int = 40) -> list[tuple[str, int]]:
    """The values of `column` among the claims that pass `filters`, each with its count,
    most claims first (Datasette's facets): what a filter on that column would leave."""
    if column not in FACETS:
        raise StoreError(f"cannot count by {column!r}: use one of {', '.join(FACETS)}")
    field = claims.c[column]
    query = (select(field, func.count().label("n")).where(*claim_conditions(filters), field.is_not(None))
             .group_by(field).order_by(func.count().desc(), field).limit(limit))
    with reading(engine) as connection:
        return [(str(row[0]), int(row.n)) for row in connection.execute(query)]


@dataclass(frozen=True)
class ArticleRow:
    """An article as the index lists it."""

    id: str
    doc: str
    title: str | None
    outlet: str | None
    url: str | None
    date: str | None
    claims: int
    opening: str  # the first 200 characters of its text: a heading where it has no title


def list_articles(engine: Engine, *, limit: int = 100, offset: int = 0) -> tuple[list[ArticleRow], int]:
    """One page of the stored articles, the newest first (undated last), with their claim
    counts; and how many articles there are."""
    counted = (select(claims.c.article, func.count().label("n")).group_by(claims.c.article).subquery())
    query = (select(articles.c.id, articles.c.doc, articles.c.title, articles.c.outlet, articles.c.url,
                    articles.c.date, func.coalesce(counted.c.n, 0).label("n"),
                    func.substr(articles.c.text, 1, 200).label("opening"))
             .outerjoin(counted, counted.c.article == articles.c.id)
             .order_by(articles.c.date.desc().nulls_last(), articles.c.doc, articles.c.id).limit(limit).offset(offset))
    with reading(engine) as connection:
        rows = [ArticleRow(r.id, r.doc, r.title, r.outlet, r.url, r.date, int(r.n), r.opening or "")
                for r in connection.execute(query)]
        return rows, int(connection.execute(select(func.count()).select_from(articles)).scalar() or 0)


def _contains(column: ColumnElement[str], text: str) -> ColumnElement[bool]:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


def _claim(row: RowMapping) -> Claim:
    """The claim of a claims row joined with its article's URL."""
    values = {name: row[name] for name in CLAIM_FIELDS}
    for name in LIST_FIELDS:
        values[name] = tuple(json.loads(str(values[name])))
    values["optional"] = bool(values["optional"])
    return Claim(**values)
