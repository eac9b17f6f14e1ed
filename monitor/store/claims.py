"""Feed leases: which worker polls a feed now. One indexed UPDATE ... RETURNING per batch.

A worker only polls a feed it leased. A lease lasts a poll's deadline plus a margin, is
renewed while a long poll runs and released when the poll is recorded or the worker
stops cleanly; after a crash it runs out and another worker takes the feed.

Due feeds are found through the partial index `ix_feed_state_due` (next_poll_at of the
feeds not disabled): a claim reads the index range `next_poll_at <= now` in order and
stops after `limit` free rows, however many feeds there are.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import (
    DateTime,
    Select,
    Update,
    and_,
    any_,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
    update,
)

from monitor.store.db import Database
from monitor.store.models import FeedState


class FeedClaim(NamedTuple):
    """What a poll needs of a feed it leased: a light row, as claims come by thousands."""

    name: str
    url: str
    etag: str | None
    last_modified: str | None
    next_poll_at: datetime | None
    consecutive_failures: int
    last_error_at: datetime | None


def _raw_time(column: Any) -> Any:
    # The plain DateTime result type (C-level parse on SQLite); _utc makes it aware.
    return type_coerce(column, DateTime(timezone=True)).label(column.key)


_RETURNING = (
    FeedState.name,
    FeedState.url,
    FeedState.etag,
    FeedState.last_modified,
    _raw_time(FeedState.next_poll_at),
    FeedState.consecutive_failures,
    _raw_time(FeedState.last_error_at),
)


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is UTC:
        return value
    if value.tzinfo is None or not value.utcoffset():  # SQLite; PostgreSQL in Etc/UTC
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _claim_of(row: Any) -> FeedClaim:
    name, url, etag, modified, due, failures, error_at = row
    return FeedClaim(name, url, etag, modified, _utc(due), failures, _utc(error_at))


def _free(now: datetime) -> Any:
    return or_(FeedState.lease_until.is_(None), FeedState.lease_until < now)


def _due(now: datetime) -> list[Any]:
    # next_poll_at is never NULL (sync sets it; migration 0011 filled old rows), so the
    # range is an index condition, not a filter over the whole index.
    return [FeedState.disabled_reason.is_(None), FeedState.next_poll_at <= now, _free(now)]


def _claim_statement(
    db: Database, where: list[Any], *, owner: str, until: datetime, limit: int | None
) -> Update:
    """One statement: UPDATE the chosen rows' lease ... RETURNING them.

    On PostgreSQL the rows are picked FOR UPDATE SKIP LOCKED, so workers claiming at the
    same moment never get the same feed and never wait for each other, and updated by
    their row address (ctid = ANY(ARRAY(pick)): a TID scan, no second index lookup). SQLite
    has one writer at a time, which gives the same; there the pick is a CTE of names.
    """
    if db.dialect == "postgresql":
        due: Select[Any] = select(literal_column("ctid")).where(*where)
        due = due.order_by(FeedState.next_poll_at)
        if limit is not None:
            due = due.limit(limit)
        pick = due.with_for_update(skip_locked=True).scalar_subquery()
        chosen = literal_column("ctid") == any_(func.array(pick))
    else:
        names = select(FeedState.name).where(*where).order_by(FeedState.next_poll_at)
        picked = (names.limit(limit) if limit is not None else names).cte("picked")
        chosen = FeedState.name.in_(select(picked.c.name))
    return (
        update(FeedState)
        .where(chosen)
        .values(lease_owner=owner, lease_until=until)
        .returning(*_RETURNING)
    )


def _claim(
    db: Database, where: list[Any], *, owner: str, until: datetime, limit: int | None
) -> list[FeedClaim]:
    stmt = _claim_statement(db, where, owner=owner, until=until, limit=limit)
    with db.engine.begin() as conn:
        rows = conn.execute(stmt).all()
    return [_claim_of(r) for r in rows]  # in no particular order (RETURNING has none)


def claim_statement(
    db: Database, *, now: datetime, owner: str, lease: timedelta, limit: int
) -> Update:
    """The statement claim_due runs for any due feeds (to EXPLAIN it: bench/scheduler.py)."""
    return _claim_statement(db, _due(now), owner=owner, until=now + lease, limit=limit)


def claim_due(
    db: Database,
    names: Sequence[str] | None,
    *,
    now: datetime,
    owner: str,
    lease: timedelta,
    limit: int,
    force: bool = False,
    exclude: Collection[str] = (),
) -> list[FeedClaim]:
    """Lease up to `limit` due feeds (of `names`; None: any but `exclude`) for this worker:
    those longest due.

    With `force`, every named feed not leased by another worker is taken, due or not.
    The lease expires, so a crashed worker's feeds come back after it.
    """
    if names is not None and not names:
        return []
    where: list[Any] = [_free(now)] if force else _due(now)
    if names is not None:
        where.append(FeedState.name.in_(list(names)))
    if exclude:
        where.append(FeedState.name.not_in(list(exclude)))
    return _claim(db, where, owner=owner, until=now + lease, limit=limit)


def next_claimable(
    db: Database, *, now: datetime, owner: str, exclude: Collection[str] = ()
) -> datetime | None:
    """When a feed may next be claimed: the earliest due time of the free feeds, or the
    end of another worker's lease on a feed already due (a crashed worker's), if sooner.
    Two reads of the due index in its order, each stopping at its first row."""
    skip = [FeedState.name.not_in(list(exclude))] if exclude else []
    base = [FeedState.disabled_reason.is_(None), *skip]
    soonest_due = (
        select(FeedState.next_poll_at)
        .where(*base, _free(now))
        .order_by(FeedState.next_poll_at)
        .limit(1)
        .scalar_subquery()
    )
    lease_ends = (
        select(FeedState.lease_until)
        .where(
            *base,
            FeedState.next_poll_at <= now,
            and_(FeedState.lease_until >= now, FeedState.lease_owner != owner),
        )
        .order_by(FeedState.lease_until)
        .limit(1)
        .scalar_subquery()
    )
    with db.engine.connect() as conn:
        due, ends = conn.execute(select(_raw_time(soonest_due), _raw_time(lease_ends))).one()
    times = [t for t in (_utc(due), _utc(ends)) if t is not None]
    return min(times) if times else None


@dataclass(frozen=True, slots=True)
class ClaimMiss:
    """Why a feed was not claimed, and when to look again."""

    next_poll_at: datetime | None
    lease_until: datetime | None  # another worker holds it until then
    disabled: bool
    known: bool  # False: no state row (not synced yet)


def claim_feed(
    db: Database, name: str, *, now: datetime, owner: str, lease: timedelta
) -> FeedClaim | ClaimMiss:
    """Lease one feed if it is due and free; else say when it will be (one UPDATE by key)."""
    got = _claim(
        db, [FeedState.name == name, *_due(now)], owner=owner, until=now + lease, limit=None
    )
    if got:
        return got[0]
    with db.session() as s:
        row = s.execute(
            select(FeedState.next_poll_at, FeedState.lease_until, FeedState.disabled_reason).where(
                FeedState.name == name
            )
        ).first()
    if row is None:
        return ClaimMiss(None, None, disabled=False, known=False)
    return ClaimMiss(row[0], row[1], disabled=row[2] is not None, known=True)


def stored_feed_names(db: Database) -> set[str]:
    """The names of every feed with a state row (defined now or left by a removed file)."""
    with db.engine.connect() as conn:
        return set(conn.execute(select(FeedState.name)).scalars())


def renew_leases(db: Database, names: Sequence[str], *, owner: str, until: datetime) -> int:
    """Extend this worker's leases on feeds still being polled; returns how many it holds."""
    if not names:
        return 0
    with db.session() as s:
        result = s.execute(
            update(FeedState)
            .where(FeedState.name.in_(list(names)), FeedState.lease_owner == owner)
            .values(lease_until=until)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def release_leases(db: Database, *, owner: str, names: Sequence[str] | None = None) -> int:
    """Give back this worker's leases (all, or the named feeds) so others may poll them."""
    where = [FeedState.lease_owner == owner]
    if names is not None:
        where.append(FeedState.name.in_(list(names)))
    with db.session() as s:
        result = s.execute(
            update(FeedState).where(*where).values(lease_owner=None, lease_until=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def leased_feeds(db: Database, now: datetime) -> dict[str, str]:
    """Feeds under a live lease, with their owner (health checks and tests)."""
    with db.session() as s:
        q = select(FeedState.name, FeedState.lease_owner).where(
            FeedState.lease_until.is_not(None), FeedState.lease_until >= now
        )
        return {n: o or "" for n, o in s.execute(q)}
