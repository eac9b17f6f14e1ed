"""Article pages (feed entries) that failed: recorded where the user sees them, with the
kind of failure, how often it happened and when the entry may be tried again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from monitor.store.db import Database
from monitor.store.models import PageError


@dataclass(frozen=True, slots=True)
class PageErrorView:
    url: str
    feed: str
    error: str
    permanent: bool
    attempts: int
    first_at: datetime
    last_at: datetime
    kind: str = ""  # the exception class or error kind
    next_retry_at: datetime | None = None  # None: not tried again


@dataclass(frozen=True, slots=True)
class PageErrorState:
    """What ingest needs to decide whether an entry that failed is tried again now."""

    attempts: int
    permanent: bool
    next_retry_at: datetime | None  # None on rows older than per-entry backoff


def record_page_error(
    db: Database,
    *,
    url: str,
    feed: str,
    error: str,
    permanent: bool,
    now: datetime,
    kind: str = "",
    next_retry_at: datetime | None = None,
) -> None:
    """Record one more failed attempt of an entry; `next_retry_at` is the caller's backoff."""
    with db.session() as s:
        row = s.get(PageError, url)
        if row is None:
            s.add(
                PageError(
                    url=url,
                    feed=feed,
                    error=error,
                    permanent=permanent,
                    attempts=1,
                    first_at=now,
                    last_at=now,
                    kind=kind,
                    next_retry_at=next_retry_at,
                )
            )
        else:
            row.error, row.permanent, row.last_at = error, permanent, now
            row.kind, row.next_retry_at = kind, next_retry_at
            row.attempts += 1


def page_error_states(db: Database, urls: list[str]) -> dict[str, PageErrorState]:
    """The failures recorded for those of `urls` that failed before."""
    if not urls:
        return {}
    with db.session() as s:
        q = select(
            PageError.url, PageError.attempts, PageError.permanent, PageError.next_retry_at
        ).where(PageError.url.in_(urls))
        return {
            url: PageErrorState(attempts, permanent, retry_at)
            for url, attempts, permanent, retry_at in s.execute(q)
        }


def clear_page_errors(db: Database, urls: list[str]) -> None:
    with db.session() as s:
        s.execute(delete(PageError).where(PageError.url.in_(urls)))


def page_errors(db: Database, *, feed: str | None = None, limit: int = 100) -> list[PageErrorView]:
    with db.session() as s:
        q = select(PageError).order_by(PageError.last_at.desc()).limit(limit)
        if feed:
            q = q.where(PageError.feed == feed)
        return [
            PageErrorView(
                url=r.url,
                feed=r.feed,
                error=r.error,
                permanent=r.permanent,
                attempts=r.attempts,
                first_at=r.first_at,
                last_at=r.last_at,
                kind=r.kind,
                next_retry_at=r.next_retry_at,
            )
            for r in s.scalars(q)
        ]
