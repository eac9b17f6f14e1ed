"""Counts over the archive for /healthz and /metrics, read from the database when asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from monitor.store.db import Database
from monitor.store.models import (
    Article,
    ArticleClass,
    Delivery,
    FeedState,
    Observation,
    PollRun,
    StanceEventRow,
)


@dataclass(frozen=True, slots=True)
class PollCount:
    feed: str
    outcome: str  # ok | not_modified | error
    polls: int


@dataclass(frozen=True, slots=True)
class FeedErrors:
    feed: str
    errors: int  # all-time failures
    consecutive: int
    disabled: bool


@dataclass(frozen=True, slots=True)
class DeliveryCount:
    channel: str
    state: str
    deliveries: int


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    articles: int
    relevant_articles: int
    observations: int
    polls: tuple[PollCount, ...]
    new_articles_by_feed: tuple[tuple[str, int], ...]  # summed over polls
    feeds: tuple[FeedErrors, ...]
    last_success_at: datetime | None
    alerts_by_kind: tuple[tuple[str, int], ...]  # stance events: new, changed, flap
    deliveries: tuple[DeliveryCount, ...]
    delivery_latencies: tuple[float, ...]  # seconds from event to sent, per sent delivery


def database_ok(db: Database) -> bool:
    """Whether a trivial query answers."""
    try:
        with db.session() as s:
            return bool(s.scalar(text("SELECT 1")) == 1)
    except SQLAlchemyError:
        return False


def last_successful_poll(db: Database) -> datetime | None:
    with db.session() as s:
        return s.scalar(select(func.max(FeedState.last_success_at)))


def archive_stats(db: Database) -> ArchiveStats:
    with db.session() as s:
        articles = s.scalar(select(func.count()).select_from(Article)) or 0
        relevant = (
            s.scalar(select(func.count()).select_from(ArticleClass).where(ArticleClass.relevant))
            or 0
        )
        observations = s.scalar(select(func.count()).select_from(Observation)) or 0
        polls: list[PollCount] = []
        new_by_feed: dict[str, int] = {}
        q = select(
            PollRun.feed,
            PollRun.ok,
            PollRun.not_modified,
            func.count(),
            func.coalesce(func.sum(PollRun.new_articles), 0),
        ).group_by(PollRun.feed, PollRun.ok, PollRun.not_modified)
        for feed, ok, not_modified, n, new in s.execute(q):
            outcome = "error" if not ok else "not_modified" if not_modified else "ok"
            polls.append(PollCount(feed, outcome, int(n)))
            new_by_feed[feed] = new_by_feed.get(feed, 0) + int(new)
        feeds = tuple(
            FeedErrors(r.name, r.error_count, r.consecutive_failures, r.disabled_reason is not None)
            for r in s.scalars(select(FeedState).order_by(FeedState.name))
        )
        last = s.scalar(select(func.max(FeedState.last_success_at)))
        kinds = s.execute(select(StanceEventRow.kind, func.count()).group_by(StanceEventRow.kind))
        deliveries = s.execute(
            select(Delivery.channel, Delivery.state, func.count()).group_by(
                Delivery.channel, Delivery.state
            )
        )
        # Alerts are rare (a stance change each), so their times are read, not aggregated
        # in SQL, where interval arithmetic differs between SQLite and PostgreSQL.
        sent = s.execute(
            select(StanceEventRow.created_at, Delivery.sent_at)
            .join(StanceEventRow, StanceEventRow.id == Delivery.event_id)
            .where(Delivery.sent_at.is_not(None))
        )
        latencies = tuple(
            max(0.0, (done - created).total_seconds()) for created, done in sent if done
        )
        return ArchiveStats(
            articles=int(articles),
            relevant_articles=int(relevant),
            observations=int(observations),
            polls=tuple(sorted(polls, key=lambda p: (p.feed, p.outcome))),
            new_articles_by_feed=tuple(sorted(new_by_feed.items())),
            feeds=feeds,
            last_success_at=last,
            alerts_by_kind=tuple(sorted((str(k), int(n)) for k, n in kinds)),
            deliveries=tuple(DeliveryCount(c, str(st), int(n)) for c, st, n in sorted(deliveries)),
            delivery_latencies=latencies,
        )
