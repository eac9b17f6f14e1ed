"""Feed leases: which worker polls a feed now. One UPDATE ... RETURNING per claim.

A worker only polls a feed it leased. A lease lasts a poll's deadline plus a margin, is
renewed while a long poll runs and released when the poll is recorded or the worker
stops cleanly; after a crash it runs out and another worker takes the feed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update

from monitor.store.db import Database
from monitor.store.feeds import FeedStatus
from monitor.store.models import FeedState

_COLUMNS = tuple(FeedState.__table__.c)


def _status_of(row: Any) -> FeedStatus:
    m = row._mapping
    return FeedStatus(**{k: m[k] for k in _STATUS_FIELDS})


_STATUS_FIELDS = (
    "name",
    "url",
    "etag",
    "last_modified",
    "last_poll_at",
    "last_success_at",
    "next_poll_at",
    "last_error",
    "last_error_at",
    "error_count",
    "consecutive_failures",
    "disabled_reason",
)


def _claim(
    db: Database, where: list[Any], *, owner: str, until: datetime, limit: int | None
) -> list[FeedStatus]:
    """One statement: UPDATE the chosen rows' lease ... RETURNING them.

    The rows are chosen by a subquery that, on PostgreSQL, locks them FOR UPDATE SKIP
    LOCKED, so workers claiming at the same moment never get the same feed and never
    wait for each other; SQLite has one writer at a time, which gives the same.
    """
    pick = select(FeedState.name).where(*where).order_by(FeedState.next_poll_at)
    if limit is not None:
        pick = pick.limit(limit)
    if db.dialect == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    # A CTE is evaluated once; as a plain IN subquery PostgreSQL may re-run the locking
    # pick per row (see store/outbox.py).
    picked = pick.cte("picked")
    stmt = (
        update(FeedState)
        .where(FeedState.name.in_(select(picked.c.name)))
        .values(lease_owner=owner, lease_until=until)
        .returning(*_COLUMNS)
    )
    with db.session() as s:
        rows = s.execute(stmt).all()
    return sorted((_status_of(r) for r in rows), key=lambda st: (st.next_poll_at or until, st.name))


def _due(now: datetime) -> list[Any]:
    return [
        FeedState.disabled_reason.is_(None),
        or_(FeedState.next_poll_at.is_(None), FeedState.next_poll_at <= now),
        or_(FeedState.lease_until.is_(None), FeedState.lease_until < now),
    ]


def claim_due(
    db: Database,
    names: Sequence[str] | None,
    *,
    now: datetime,
    owner: str,
    lease: timedelta,
    limit: int,
    force: bool = False,
) -> list[FeedStatus]:
    """Lease up to `limit` due feeds (of `names`; None: any) for this worker.

    With `force`, every named feed not leased by another worker is taken, due or not.
    The lease expires, so a crashed worker's feeds come back after it.
    """
    if names is not None and not names:
        return []
    where: list[Any] = (
        [or_(FeedState.lease_until.is_(None), FeedState.lease_until < now)] if force else _due(now)
    )
    if names is not None:
        where.append(FeedState.name.in_(list(names)))
    return _claim(db, where, owner=owner, until=now + lease, limit=limit)


@dataclass(frozen=True, slots=True)
class ClaimMiss:
    """Why a feed was not claimed, and when to look again."""

    next_poll_at: datetime | None
    lease_until: datetime | None  # another worker holds it until then
    disabled: bool
    known: bool  # False: no state row (not synced yet)


def claim_feed(
    db: Database, name: str, *, now: datetime, owner: str, lease: timedelta
) -> FeedStatus | ClaimMiss:
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


def claim_states(db: Database, names: Sequence[str]) -> dict[str, ClaimMiss]:
    """The stored due time and lease of each named feed, in one query (scheduler start)."""
    with db.session() as s:
        q = select(
            FeedState.name, FeedState.next_poll_at, FeedState.lease_until, FeedState.disabled_reason
        )
        rows = s.execute(q).all()
    wanted = set(names)
    return {
        r[0]: ClaimMiss(r[1], r[2], disabled=r[3] is not None, known=True)
        for r in rows
        if r[0] in wanted
    }


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
        return {n: o or "" for n, o in s.execute(q).tuples()}
