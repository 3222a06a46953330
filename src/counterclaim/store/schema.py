"""The tables of the ledger, as SQLAlchemy Core: one row per article, one per claim."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Float, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),  # a hash of the cleaned text
    Column("doc", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("date", String(10)),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("source_path", Text),
    Column("ingested_at", String(32), nullable=False),
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
    Column("claimant_id", Text, index=True),  # the actor (`actors/`); "~…" for a provisional one
    Column("claimant_party", Text),
    Column("claimant_link", Text),  # why the claimant links to that actor
    Column("counted_group", Text),
    Column("reasons", Text, nullable=False),  # JSON list
)
