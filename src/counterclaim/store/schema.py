"""The tables of the ledger, as SQLAlchemy Core.

One row per article (a new version of an article whose page changed points at the one
before), one per claim, one per actor the claims link to, one per name an article gives
an actor ("mentions"), one per word it uses for an actor ("term_uses", `framing.py`), and
the MinHash bands that find syndicated copies of an article.
The migrations in `migrations/versions/` build exactly these tables; a test checks that
they agree.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),  # a hash of the cleaned text
    Column("doc", Text, nullable=False),
    Column("url", Text, index=True),
    Column("outlet", Text),
    Column("date", String(10), index=True),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("source_path", Text),
    Column("ingested_at", String(32), nullable=False),
    Column("version_of", String(32), ForeignKey("articles.id")),  # same URL, earlier text
    Column("syndication", String(32), index=True),  # the first article of its near-identical group
    Column("minhash", LargeBinary),  # the article's MinHash signature (`syndication.py`)
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),  # order of the claim within its article
    Column("doc", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("sentence_start", Integer),  # where the sentence begins in the article (migration 0009)
    Column("value", Float),
    Column("value_high", Float),
    Column("qualifier", String(16), nullable=False),
    Column("unit", String(16), nullable=False),
    Column("measure", String(32), nullable=False, index=True),
    Column("counted", Text, nullable=False),
    Column("claimant", Text, nullable=False, index=True),
    Column("claimant_aliases", Text, nullable=False),  # JSON list
    Column("optional", Boolean, nullable=False),
    Column("reasons", Text, nullable=False),  # JSON list
    Column("claimant_id", Text, index=True),  # the actor (`actors/`); "~…" for a provisional one
    Column("claimant_party", Text, index=True),
    Column("claimant_link", Text),  # why the claimant links to that actor
    Column("counted_group", Text, index=True),
    Column("period_start", String(10)),
    Column("period_end", String(10)),
    Column("cumulative", Boolean),
    # Copied from the article and the claimant when stored, so that filtering and
    # comparing a large ledger reads one table through its indexes (migration 0002).
    Column("date", String(10)),
    Column("outlet", Text),
    Column("syndication", String(32)),
    Column("party", Text),  # claimant_party, else "outlet: X" for the outlet's own voice, else "unlinked"
    Column("place", Text),  # where the counted event happened (migration 0005)
    Column("place_id", Text, index=True),
    Column("country", String(2), index=True),
    Column("lat", Float),
    Column("lon", Float),
    Column("place_link", Text),
    # Decided at ingest (`conflicts.py`, `figures.py`; migration 0007): compare groups by `figure`.
    Column("group_category", Text),
    Column("group_owner", Text),
    Column("conflict", Text),
    Column("scope", Text),
    Column("figure", Text),
    Column("part_of", Text),
    # People's review (`review.py`; migration 0008): the row holds what every reader is shown,
    # the machine's own values of the fields a reviewer corrected are kept in `reviews`.
    Column("review", String(16), index=True),  # None: as the machine found it; verified, corrected, rejected
    Column("extractor", Text),  # the counterclaim version whose rules found it (None: before 0008)
    Index("ix_claims_figure", "measure", "counted_group"),
    Index("ix_claims_figure_party", "figure", "party", "date", "value"),
    Index("ix_claims_figure_sources", "figure", "syndication"),
    Index("ix_claims_conflict", "conflict", "measure", "date"),
    Index("ix_claims_date", "date"),  # the claims page sorts by date or value (migration 0003)
    Index("ix_claims_value", "value"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("conflict", Text),
    Column("party", Text),
    Column("role", Text),
    Column("provisional", Boolean, nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("actor", Text, ForeignKey("actors.id"), primary_key=True, index=True),
    Column("name", Text, primary_key=True),  # as the article writes it
    Column("reason", Text, nullable=False),  # why the name links to the actor
)

minhash_bands = Table(
    "minhash_bands",
    metadata,
    Column("band", Integer, primary_key=True),
    Column("hash", BigInteger, primary_key=True),
    Column("article", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
)

reviews = Table(
    "reviews",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # The claim it is about now: None when a new extraction no longer finds it. The article
    # and the evidence's place in it find the claim again after a re-extraction.
    Column("claim", Integer, unique=True),
    Column("article", String(32), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("verdict", String(16), nullable=False),  # verified, corrected, rejected
    Column("corrections", Text, nullable=False),  # JSON: field -> the reviewer's value
    Column("machine", Text, nullable=False),  # JSON: the machine's claim when it was reviewed
    Column("note", Text),
    Column("reviewer", Text, nullable=False),
    Column("version", Integer, nullable=False),  # raised by each change: a stale edit is refused
    Column("needs_look", Text),  # why a new extraction left the review unmatched, else None
    Column("updated_at", String(32), nullable=False),
)

review_log = Table(
    "review_log",
    metadata,
    # Append-only: the database refuses UPDATE and DELETE on it (triggers of migration 0008).
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("review", Integer, index=True),
    Column("claim", Integer),
    Column("figure", Text, index=True),
    Column("action", String(32), nullable=False),
    Column("before", Text, nullable=False),  # JSON
    Column("after", Text, nullable=False),  # JSON
    Column("note", Text),
    Column("reviewer", Text, nullable=False),
    Column("at", String(32), nullable=False),
)

figure_merges = Table(
    "figure_merges",
    metadata,
    # A figure a reviewer merged into another: its claims, and those that later articles
    # add to it, are shown under `into`.
    Column("figure", Text, primary_key=True),
    Column("into", Text, nullable=False, index=True),
    Column("reviewer", Text, nullable=False),
    Column("at", String(32), nullable=False),
)

term_uses = Table(
    "term_uses",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("actor", Text, nullable=False),
    Column("term", Text, nullable=False),
    Column("term_class", Text, nullable=False),
    Column("quoted", Boolean, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("outlet", Text),  # copied from the article, as on claims
    Index("ix_term_uses_actor_outlet", "actor", "outlet", "term"),
)
