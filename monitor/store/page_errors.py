"""Article pages that failed: recorded where the user sees them, skipped once hopeless."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from monitor.store.db import Database
from monitor.store.models import PageError

# A transient failure (timeout, 5xx) is retried on later polls up to this many times.
MAX_TRANSIENT_ATTEMPTS = 5


@dataclass(frozen=True, slots=True)
class PageErrorView:
    url: str
    feed: str
    error: str
    permanent: bool
    attempts: int
    first_at: datetime
    last_at: datetime


def record_page_error(
    db: Database, *, url: str, feed: str, error: str, permanent: bool, now: datetime
) -> None:
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
                )
            )
        else:
            row.error, row.permanent, row.last_at = error, permanent, now
            row.attempts += 1


def failed_urls(db: Database, urls: list[str]) -> dict[str, bool]:
    """Which of `urls` failed before, each with whether it is hopeless (not worth fetching
    again: a permanent failure, or too many transient ones)."""
    if not urls:
        return {}
    with db.session() as s:
        q = select(PageError.url, PageError.permanent, PageError.attempts).where(
            PageError.url.in_(urls)
        )
        return {
            url: permanent or attempts >= MAX_TRANSIENT_ATTEMPTS
            for url, permanent, attempts in s.execute(q).tuples()
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
            )
            for r in s.scalars(q)
        ]
