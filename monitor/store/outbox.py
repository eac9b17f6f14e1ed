"""The alert outbox: stance events, their causes, and one delivery row per channel.

Events and deliveries are written in the transaction that stores the observations, so a
crash cannot lose an alert. Delivery states (`DeliveryState`) change only here:

    pending --claim--> sending --sent--> sent
                          |--failure--> failed --claim (when due)--> sending ...
                          |--last failure / permanent--> dead --retry--> pending
    sending with an expired lease (the worker died) is claimed again.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import (
    ColumnElement,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    and_,
    exists,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from monitor.store.db import Database
from monitor.store.models import Article, Base, Observation
from monitor.store.types import UTCDateTime
from monitor.tracker import EventKind, StanceEvent, TrackerRules, country_name


class DeliveryState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a dispatcher until `lease_until`
    SENT = "sent"
    FAILED = "failed"  # waiting for its next attempt
    DEAD = "dead"  # no more attempts; `monitor alerts retry` re-queues it


class DigestPeriod(StrEnum):
    NONE = "none"
    HOURLY = "hourly"
    DAILY = "daily"


@dataclass(frozen=True, slots=True)
class AlertRouting:
    """What the store needs to turn observations into alerts: the tracker's rules, the
    configured channel names, and which of them get digests instead of one per event."""

    channels: tuple[str, ...] = ()
    rules: TrackerRules = field(default_factory=TrackerRules)
    digest: DigestPeriod = DigestPeriod.NONE
    digest_channels: tuple[str, ...] = ()


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
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime)  # publication time
    observation_id: Mapped[int] = mapped_column(Integer)
    article_id: Mapped[str] = mapped_column(String(16))
    article_title: Mapped[str] = mapped_column(Text, default="")
    article_url: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    condition: Mapped[str | None] = mapped_column(Text)
    sources: Mapped[int] = mapped_column(Integer)


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


# -- writing events (inside the caller's transaction) ---------------------------------


def digest_due(now: datetime, period: DigestPeriod) -> datetime:
    """The end of the digest period `now` falls in (UTC hours and days)."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    if period is DigestPeriod.DAILY:
        return hour.replace(hour=0) + timedelta(days=1)
    return hour + timedelta(hours=1)


def record_event_in(
    s: Session,
    actor: str,
    event: StanceEvent,
    observations: dict[int, Observation],
    routing: AlertRouting,
    *,
    now: datetime,
) -> int:
    """Store an event, its causes and (unless it is a flap) one delivery per channel."""
    o = observations[event.observation_id]
    article = s.get(Article, o.article_id)
    row = StanceEventRow(
        created_at=now,
        kind=str(event.kind),
        actor=actor,
        old_stance=event.old,
        new_stance=event.new,
        decided_at=event.decided_at,
        observation_id=o.id,
        article_id=o.article_id,
        article_title=article.title if article else "",
        article_url=(article.canonical_url or article.url) if article else "",
        source=o.source,
        evidence=o.evidence,
        confidence=o.confidence,
        condition=o.condition,
        sources=event.sources,
    )
    s.add(row)
    s.flush()
    s.add_all(
        EventCause(event_id=row.id, observation_id=i, article_id=observations[i].article_id)
        for i in event.cause_ids
    )
    if event.kind is not EventKind.FLAP:
        for channel in routing.channels:
            digest = routing.digest is not DigestPeriod.NONE and channel in routing.digest_channels
            due = digest_due(now, routing.digest) if digest else now
            s.add(
                Delivery(
                    event_id=row.id,
                    channel=channel,
                    key=uuid.uuid4().hex,
                    state=DeliveryState.PENDING,
                    attempts=0,
                    next_attempt_at=due,
                    batch=f"{channel}:{due:%Y-%m-%dT%H}" if digest else None,
                    created_at=now,
                )
            )
    return row.id


# -- the dispatcher's side ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AlertRecord:
    """Everything an alert says, as stored when the event was decided."""

    id: int
    kind: str
    actor: str
    name: str
    old_stance: str | None
    new_stance: str
    created_at: datetime
    published_at: datetime
    article_id: str
    article_title: str
    article_url: str
    source: str | None
    evidence: str
    confidence: float
    condition: str | None
    sources: int
    observation_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ClaimedDelivery:
    id: int
    channel: str
    key: str  # stable across attempts: the idempotency key receivers dedupe on
    attempts: int  # including the one just claimed
    batch: str | None
    token: str  # the lease: only its holder may record the outcome
    alert: AlertRecord


def _record(e: StanceEventRow, causes: Sequence[int]) -> AlertRecord:
    return AlertRecord(
        id=e.id,
        kind=e.kind,
        actor=e.actor,
        name=country_name(e.actor),
        old_stance=e.old_stance,
        new_stance=e.new_stance,
        created_at=e.created_at,
        published_at=e.decided_at,
        article_id=e.article_id,
        article_title=e.article_title,
        article_url=e.article_url,
        source=e.source,
        evidence=e.evidence,
        confidence=e.confidence,
        condition=e.condition,
        sources=e.sources,
        observation_ids=tuple(sorted(causes)),
    )


def _due(now: datetime) -> ColumnElement[bool]:
    return or_(
        and_(
            Delivery.state.in_((DeliveryState.PENDING, DeliveryState.FAILED)),
            Delivery.next_attempt_at <= now,
        ),
        and_(Delivery.state == DeliveryState.SENDING, Delivery.lease_until <= now),
    )


def _claim(
    s: Session,
    db: Database,
    where: ColumnElement[bool],
    *,
    now: datetime,
    until: datetime,
    token: str,
    limit: int | None = None,
) -> list[str | None]:
    pick = (
        select(Delivery.id).where(where, _due(now)).order_by(Delivery.next_attempt_at, Delivery.id)
    )
    if limit is not None:
        pick = pick.limit(limit)
    if db.dialect == "postgresql":
        # Several dispatchers share the table: each takes rows the others have not locked.
        pick = pick.with_for_update(skip_locked=True)
    # A CTE is evaluated once; as a plain IN subquery PostgreSQL may re-run the locking
    # pick per row and return more than `limit` rows.
    picked = pick.cte("picked")
    stmt = (
        update(Delivery)
        .where(Delivery.id.in_(select(picked.c.id)), _due(now))
        .values(
            state=DeliveryState.SENDING,
            lease_token=token,
            lease_until=until,
            attempts=Delivery.attempts + 1,
            last_attempt_at=now,
        )
        .returning(Delivery.batch)
        .execution_options(synchronize_session=False)
    )
    return list(s.scalars(stmt))


def claim_due(
    db: Database, *, now: datetime, lease: timedelta, limit: int = 20
) -> list[ClaimedDelivery]:
    """Lease up to `limit` due deliveries (and whole digest batches) to the caller."""
    token = uuid.uuid4().hex
    until = now + lease
    with db.session() as s:
        batches = _claim(s, db, true(), now=now, until=until, token=token, limit=limit)
        wanted = sorted({b for b in batches if b is not None})
        if wanted:  # a digest goes out whole: take its other due rows too
            _claim(s, db, Delivery.batch.in_(wanted), now=now, until=until, token=token)
        rows = s.execute(
            select(Delivery, StanceEventRow)
            .join(StanceEventRow, StanceEventRow.id == Delivery.event_id)
            .where(Delivery.lease_token == token, Delivery.state == DeliveryState.SENDING)
            .order_by(Delivery.id)
        ).all()
        causes = _causes(s, [e.id for _, e in rows])
        return [
            ClaimedDelivery(
                d.id, d.channel, d.key, d.attempts, d.batch, token, _record(e, causes[e.id])
            )
            for d, e in rows
        ]


def _causes(s: Session, event_ids: Sequence[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {i: [] for i in event_ids}
    if event_ids:
        q = select(EventCause.event_id, EventCause.observation_id).where(
            EventCause.event_id.in_(sorted(set(event_ids)))
        )
        for event_id, obs_id in s.execute(q):
            out[event_id].append(obs_id)
    return out


def mark_sent(db: Database, ids: Sequence[int], *, token: str, now: datetime) -> int:
    """Record success; a delivery whose lease was taken over is left to its new owner."""
    return _finish(db, ids, token, state=DeliveryState.SENT, sent_at=now, next_attempt_at=None)


def mark_failed(
    db: Database, ids: Sequence[int], *, token: str, error: str, retry_at: datetime | None
) -> int:
    """Record a failed attempt: retried at `retry_at`, or a dead letter when it is None."""
    state = DeliveryState.DEAD if retry_at is None else DeliveryState.FAILED
    return _finish(db, ids, token, state=state, last_error=error, next_attempt_at=retry_at)


def _finish(db: Database, ids: Sequence[int], token: str, **values: object) -> int:
    with db.session() as s:
        stmt = (
            update(Delivery)
            .where(Delivery.id.in_(list(ids)), Delivery.lease_token == token)
            .values(lease_token=None, lease_until=None, **values)
            .execution_options(synchronize_session=False)
        )
        return int(s.execute(stmt).rowcount)  # type: ignore[attr-defined]


# -- read models and user actions (CLI, web) -----------------------------------------------


@dataclass(frozen=True, slots=True)
class DeliveryView:
    channel: str
    state: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class AlertView:
    id: int
    created_at: datetime
    kind: str  # "new" | "changed"
    actor: str
    name: str
    old_stance: str | None
    new_stance: str
    article_id: str
    evidence: str
    deliveries: tuple[DeliveryView, ...]


_ALERTED = (str(EventKind.NEW), str(EventKind.CHANGED))


def list_alerts(
    db: Database, *, limit: int = 50, offset: int = 0, state: str | None = None
) -> list[AlertView]:
    """Alerts newest first; `state` keeps those with a delivery in that state."""
    with db.session() as s:
        q = select(StanceEventRow).where(StanceEventRow.kind.in_(_ALERTED))
        if state:
            q = q.where(
                exists().where(Delivery.event_id == StanceEventRow.id, Delivery.state == state)
            )
        events = list(s.scalars(q.order_by(StanceEventRow.id.desc()).limit(limit).offset(offset)))
        by_event: dict[int, list[DeliveryView]] = {e.id: [] for e in events}
        if events:
            dq = select(Delivery).where(Delivery.event_id.in_(list(by_event)))
            for d in s.scalars(dq.order_by(Delivery.channel)):
                by_event[d.event_id].append(
                    DeliveryView(
                        d.channel, d.state, d.attempts, d.last_error, d.next_attempt_at, d.sent_at
                    )
                )
        return [
            AlertView(
                id=e.id,
                created_at=e.created_at,
                kind=e.kind,
                actor=e.actor,
                name=country_name(e.actor),
                old_stance=e.old_stance,
                new_stance=e.new_stance,
                article_id=e.article_id,
                evidence=e.evidence,
                deliveries=tuple(by_event[e.id]),
            )
            for e in events
        ]


def get_alert(db: Database, alert_id: int) -> AlertRecord | None:
    with db.session() as s:
        e = s.get(StanceEventRow, alert_id)
        return _record(e, _causes(s, [e.id])[e.id]) if e is not None else None


def _requeue(db: Database, where: ColumnElement[bool], now: datetime) -> int:
    with db.session() as s:
        stmt = (
            update(Delivery)
            .where(where)
            .values(state=DeliveryState.PENDING, attempts=0, next_attempt_at=now)
            .execution_options(synchronize_session=False)
        )
        return int(s.execute(stmt).rowcount)  # type: ignore[attr-defined]


def retry_alert(db: Database, alert_id: int, now: datetime) -> int:
    """Re-queue an alert's dead and failed deliveries now, with a fresh set of attempts."""
    unsent = Delivery.state.in_((DeliveryState.DEAD, DeliveryState.FAILED))
    return _requeue(db, and_(Delivery.event_id == alert_id, unsent), now)


def retry_dead(db: Database, now: datetime) -> int:
    """Re-queue every dead letter now."""
    return _requeue(db, Delivery.state == DeliveryState.DEAD, now)


def delivery_counts(db: Database) -> dict[str, int]:
    """Deliveries per state, for metrics and health."""
    with db.session() as s:
        q = select(Delivery.state, func.count()).group_by(Delivery.state)
        return {str(state): int(n) for state, n in s.execute(q)}
