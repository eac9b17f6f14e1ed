"""The alert outbox: stance events, their causes, and one delivery row per channel.

Events and deliveries are written in the transaction that stores the observations (the
track flow, monitor.track, decides them), so a crash cannot lose an alert. Delivery
states (`DeliveryState`) change only here:

    pending --claim--> sending --sent--> sent
                          |--failure--> failed --claim (when due)--> sending ...
                          |--last failure / permanent--> dead --retry--> pending
    sending with an expired lease (the worker died) is claimed again.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    exists,
    func,
    insert,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.orm import Session

from monitor.alert_records import (
    AlertRecord,
    AlertView,
    ClaimedDelivery,
    DeliveryState,
    DeliveryView,
    QueuedDelivery,
)
from monitor.store.db import Database, Tx
from monitor.store.models import Article, Delivery, EventCause, StanceEventRow
from monitor.store.notify import notify_deliveries_in
from monitor.store.observations import StoredObservation
from monitor.tracker import EventKind, StanceEvent, country_name

# -- writing events (inside the caller's transaction) ---------------------------------


_EVENTS = cast(Table, StanceEventRow.__table__)
_ADD_EVENT = insert(_EVENTS).returning(_EVENTS.c.id)
_ADD_CAUSES = insert(cast(Table, EventCause.__table__))
_ADD_DELIVERIES = insert(cast(Table, Delivery.__table__))
_ARTICLE = select(Article.title, Article.url, Article.canonical_url).where(
    Article.id == bindparam("id")
)


def add_event_in(
    s: Tx,
    actor: str,
    event: StanceEvent,
    observations: Mapping[int, StoredObservation],
    deliveries: Sequence[QueuedDelivery],
    *,
    now: datetime,
) -> int:
    """Store an event with a snapshot of its evidence, its causes and its deliveries
    (Core statements in the caller's transaction: an insert each, no ORM flush)."""
    o = observations[event.observation_id]
    conn = s.connection()
    # Three columns, not the ORM Article (which loads the article's whole text).
    article = conn.execute(_ARTICLE, {"id": o.article_id}).first()
    event_id: int = conn.execute(
        _ADD_EVENT,
        {
            "created_at": now,
            "kind": str(event.kind),
            "actor": actor,
            "old_stance": event.old,
            "new_stance": event.new,
            # Ordering time: publication, else when the article was first seen (never "now").
            "decided_at": event.decided_at or o.seen_at or now,
            "published_at": event.decided_at,
            "observation_id": o.id,
            "article_id": o.article_id,
            "article_title": article.title if article else "",
            "article_url": (article.canonical_url or article.url) if article else "",
            "source": o.source,
            "evidence": o.evidence,
            "confidence": o.confidence,
            "condition": o.condition,
            "sources": event.sources,
            "reason": event.reason,
        },
    ).scalar_one()
    causes = [
        {"event_id": event_id, "observation_id": i, "article_id": observations[i].article_id}
        for i in event.cause_ids
    ]
    if causes:
        conn.execute(_ADD_CAUSES, causes)
    queued = [
        {
            "event_id": event_id,
            "channel": d.channel,
            "key": uuid.uuid4().hex,
            "state": str(DeliveryState.PENDING),
            "attempts": 0,
            "next_attempt_at": d.due,
            "batch": d.batch,
            "created_at": now,
        }
        for d in deliveries
    ]
    if queued:
        conn.execute(_ADD_DELIVERIES, queued)
        notify_deliveries_in(s)  # dispatchers of other processes claim them at once
    return event_id


# -- the dispatcher's side ---------------------------------------------------------------


def _record(e: StanceEventRow, causes: Sequence[int]) -> AlertRecord:
    return AlertRecord(
        id=e.id,
        kind=e.kind,
        actor=e.actor,
        name=country_name(e.actor),
        old_stance=e.old_stance,
        new_stance=e.new_stance,
        created_at=e.created_at,
        published_at=e.published_at,
        article_id=e.article_id,
        article_title=e.article_title,
        article_url=e.article_url,
        source=e.source,
        evidence=e.evidence,
        confidence=e.confidence,
        condition=e.condition,
        sources=e.sources,
        observation_ids=tuple(sorted(causes)),
        reason=e.reason,
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
    db: Database,
    *,
    now: datetime,
    lease: timedelta,
    limit: int = 20,
    skip_channels: Sequence[str] = (),
) -> list[ClaimedDelivery]:
    """Lease up to `limit` due deliveries (and whole digest batches) to the caller;
    none of `skip_channels` (channels with all their slots busy)."""
    token = uuid.uuid4().hex
    until = now + lease
    where = Delivery.channel.not_in(list(skip_channels)) if skip_channels else true()
    with db.session() as s:
        batches = _claim(s, db, where, now=now, until=until, token=token, limit=limit)
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


_ALERTED = (str(EventKind.NEW), str(EventKind.CHANGED))


def list_alerts(
    db: Database, *, limit: int = 50, offset: int = 0, state: str | None = None
) -> list[AlertView]:
    """Alerts newest publication first (of the deciding article, not ingest time: an old
    article found late sorts where it belongs); `state` keeps those with a delivery in it."""
    with db.session() as s:
        q = select(StanceEventRow).where(StanceEventRow.kind.in_(_ALERTED))
        if state:
            q = q.where(
                exists().where(Delivery.event_id == StanceEventRow.id, Delivery.state == state)
            )
        q = q.order_by(StanceEventRow.decided_at.desc(), StanceEventRow.id.desc())
        events = list(s.scalars(q.limit(limit).offset(offset)))
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
                published_at=e.published_at,  # decided_at is first seen when undated
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


def release_deliveries(
    db: Database, ids: Sequence[int], *, token: str, now: datetime, attempted: bool = True
) -> int:
    """End this worker's lease on deliveries it could not finish (a stop past its grace
    period): another dispatcher may claim them at once, with the same key. Not
    `attempted` (claimed past a channel's slots, never sent): the claim's attempt is
    given back too."""
    if not ids:
        return 0
    values: dict[str, object] = {"lease_until": now}
    if not attempted:
        values["attempts"] = Delivery.attempts - 1
    with db.session() as s:
        stmt = (
            update(Delivery)
            .where(
                Delivery.id.in_(list(ids)),
                Delivery.lease_token == token,
                Delivery.state == DeliveryState.SENDING,
            )
            .values(values)
            .execution_options(synchronize_session=False)
        )
        return int(s.execute(stmt).rowcount)  # type: ignore[attr-defined]


def _requeue(db: Database, where: ColumnElement[bool], now: datetime) -> int:
    with db.session() as s:
        stmt = (
            update(Delivery)
            .where(where)
            .values(state=DeliveryState.PENDING, attempts=0, next_attempt_at=now)
            .execution_options(synchronize_session=False)
        )
        count = int(s.execute(stmt).rowcount)  # type: ignore[attr-defined]
        if count:
            notify_deliveries_in(s)
        return count


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
