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
