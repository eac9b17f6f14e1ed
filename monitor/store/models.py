"""ORM models (SQLAlchemy 2, typed). Schema changes go through migrations/ (Alembic)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from monitor.store.types import UTCDateTime


class Base(DeclarativeBase):
    pass


class FeedState(Base):
    """Runtime state of a feed; its definition lives in feeds/*.toml."""

    __tablename__ = "feed_state"
    # Claims read due feeds in due order from this index (monitor.store.claims).
    __table_args__ = (
        Index(
            "ix_feed_state_due",
            "next_poll_at",
            sqlite_where=text("disabled_reason IS NULL"),
            postgresql_where=text("disabled_reason IS NULL"),
        ),
    )

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str] = mapped_column(Text)  # current URL: a permanent redirect updates it
    defined_url: Mapped[str] = mapped_column(Text)  # URL in the feed file when last synced
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # never NULL in rows
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_kind: Mapped[str | None] = mapped_column(String(32))  # monitor.errors.ErrorKind
    last_warnings: Mapped[str | None] = mapped_column(Text)  # of the last poll, "; "-joined
    last_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error_count: Mapped[int] = mapped_column(Integer, default=0)  # all-time failures
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # content_hash[:16]
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str] = mapped_column(Text)  # first URL it was found under
    canonical_url: Mapped[str | None] = mapped_column(Text, unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    author: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    feed: Mapped[str | None] = mapped_column(String(64), index=True)
    group_id: Mapped[str] = mapped_column(String(16), index=True)  # first article of the story


class ArticleLsh(Base):
    """MinHash LSH band keys of an article (monitor.normalize.fingerprint): an article
    sharing one with a new one is a near-duplicate candidate, found by the key index."""

    __tablename__ = "article_lsh"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ArticleUrl(Base):
    """Every URL (raw and canonical) an article was seen under: known URLs are not refetched."""

    __tablename__ = "article_urls"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )


class PollRun(Base):
    """One poll of one feed: what it found, for feed health and metrics."""

    __tablename__ = "poll_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    feed: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ok: Mapped[bool] = mapped_column(Boolean)
    not_modified: Mapped[bool] = mapped_column(Boolean, default=False)
    entries: Mapped[int] = mapped_column(Integer, default=0)
    new_articles: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_poll_runs_feed_started", "feed", "started_at"),)


class ArticleClass(Base):
    """The classifier's verdict on one article (the latest run of the current version)."""

    __tablename__ = "classifications"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    relevant: Mapped[bool] = mapped_column(Boolean, index=True)
    relevance: Mapped[float] = mapped_column(Float)
    countries: Mapped[str] = mapped_column(Text, default="")  # ISO codes, space separated
    classifier_version: Mapped[str] = mapped_column(String(32))
    classified_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Observation(Base):
    """One country's stance as one article states it, with its evidence and span."""

    __tablename__ = "observations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    actor: Mapped[str] = mapped_column(String(2), index=True)  # ISO 3166-1 alpha-2
    stance: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    evidence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(String(64))
    condition: Mapped[str | None] = mapped_column(Text)
    classifier_version: Mapped[str] = mapped_column(String(32))
    # Copied from the article so the tracker orders by publication, not fetch, time and
    # counts a story group (syndicated copies) once. NULL: the article has no date;
    # `seen_at` (its first-seen time) then orders it among other undated ones.
    observed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    group_id: Mapped[str] = mapped_column(String(16))
    source: Mapped[str | None] = mapped_column(Text)  # the publisher's host
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("article_id", "actor", "classifier_version", name="uq_observation"),
        Index("ix_observations_actor_time", "actor", "observed_at"),
    )


class PageError(Base):
    """An article page that could not be ingested: shown to the user, retried if transient."""

    __tablename__ = "page_errors"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    feed: Mapped[str] = mapped_column(String(64), index=True)
    error: Mapped[str] = mapped_column(Text)
    permanent: Mapped[bool] = mapped_column(Boolean)
    attempts: Mapped[int] = mapped_column(Integer)
    first_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(64), default="", server_default="")  # error class
    # The entry's backoff: polls skip it until then; None on a permanent (hopeless) error.
    next_retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StanceState(Base):
    """A country's current stance (with a snapshot of its evidence) and alert memory."""

    __tablename__ = "stance_states"

    actor: Mapped[str] = mapped_column(String(2), primary_key=True)
    stance: Mapped[str] = mapped_column(String(16))
    since: Mapped[datetime | None] = mapped_column(UTCDateTime)  # NULL: date unknown
    observation_id: Mapped[int] = mapped_column(Integer)
    support_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sources: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    announced: Mapped[str | None] = mapped_column(String(16))
    announced_prev: Mapped[str | None] = mapped_column(String(16))
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    article_id: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    condition: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)  # wall clock of the last write
    # A change held back by the alert policy, and why (shown on the board).
    pending_stance: Mapped[str | None] = mapped_column(String(16))
    pending_reason: Mapped[str | None] = mapped_column(Text)
    pending_sources: Mapped[int | None] = mapped_column(Integer)
    pending_since: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StanceEventRow(Base):
    """A tracker decision, with a snapshot of the evidence so the alert reads the same on
    every retry even if the article is later reclassified."""

    __tablename__ = "stance_events"
    __table_args__ = ({"sqlite_autoincrement": True},)  # ids are never reused

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(16))
    actor: Mapped[str] = mapped_column(String(2), index=True)
    old_stance: Mapped[str | None] = mapped_column(String(16))
    new_stance: Mapped[str] = mapped_column(String(16))
    # The time the event is ordered by: publication time, or first-seen time when the
    # article has no date; `published_at` is NULL then ("Published: date unknown").
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    observation_id: Mapped[int] = mapped_column(Integer)
    article_id: Mapped[str] = mapped_column(String(16))
    article_title: Mapped[str] = mapped_column(Text, default="")
    article_url: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    condition: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)  # why a pending change is held back


class EventCause(Base):
    """One observation that caused an event (no foreign key: history outlives reclassifying)."""

    __tablename__ = "stance_event_causes"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("stance_events.id", ondelete="CASCADE"), primary_key=True
    )
    observation_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    article_id: Mapped[str] = mapped_column(String(16))


class Delivery(Base):
    __tablename__ = "alert_deliveries"
    __table_args__ = (
        UniqueConstraint("event_id", "channel", name="uq_delivery"),
        UniqueConstraint("key", name="uq_delivery_key"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("stance_events.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(32))  # webhook-id / Message-ID: stable, unique
    state: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lease_token: Mapped[str | None] = mapped_column(String(32), index=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    batch: Mapped[str | None] = mapped_column(String(64))  # digest deliveries share one
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ChannelState(Base):
    """An alert channel switched off by its receiver (410 Gone) until a user enables it."""

    __tablename__ = "channel_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ApiToken(Base):
    """A token for the web UI and API (`monitor tokens add`): only its SHA-256 is kept."""

    __tablename__ = "api_tokens"
    __table_args__ = ({"sqlite_autoincrement": True},)  # a revoked id is never reused

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64))
    scope: Mapped[str] = mapped_column(String(8))  # read | write
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
