"""Feed runtime state: sync with definitions, claim due feeds, record outcomes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Update, bindparam, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from monitor.records import FeedDef
from monitor.store.db import Database
from monitor.store.models import Article, FeedState, PageError, PollRun
from monitor.store.types import UTCDateTime


@dataclass(frozen=True, slots=True)
class FeedStatus:
    name: str
    url: str
    etag: str | None
    last_modified: str | None
    last_poll_at: datetime | None
    last_success_at: datetime | None
    next_poll_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    error_count: int
    consecutive_failures: int
    disabled_reason: str | None
    articles: int = 0
    page_errors: int = 0
    last_error_kind: str | None = None
    last_warnings: str | None = None
    last_page_error: str | None = None  # "kind: message" of the latest failed entry


@dataclass(frozen=True, slots=True)
class PollOutcome:
    """What one poll did, recorded on the feed and in poll_runs."""

    started_at: datetime
    finished_at: datetime
    next_poll_at: datetime
    ok: bool
    not_modified: bool = False
    entries: int = 0
    new_articles: int = 0
    duplicates: int = 0
    errors: int = 0
    error: str | None = None
    error_kind: str | None = None  # an ErrorKind value
    warnings: tuple[str, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    new_url: str | None = None  # permanent redirect
    disable_reason: str | None = None


def _status(
    row: FeedState, articles: int = 0, page_errors: int = 0, last_page_error: str | None = None
) -> FeedStatus:
    return FeedStatus(
        name=row.name,
        url=row.url,
        etag=row.etag,
        last_modified=row.last_modified,
        last_poll_at=row.last_poll_at,
        last_success_at=row.last_success_at,
        next_poll_at=row.next_poll_at,
        last_error=row.last_error,
        last_error_at=row.last_error_at,
        error_count=row.error_count,
        consecutive_failures=row.consecutive_failures,
        disabled_reason=row.disabled_reason,
        articles=articles,
        page_errors=page_errors,
        last_error_kind=row.last_error_kind,
        last_warnings=row.last_warnings,
        last_page_error=last_page_error,
    )


_SYNC_CHUNK = 500  # rows per INSERT: far below SQLite's limit of bound parameters


def _insert(db: Database) -> Any:
    """INSERT with ON CONFLICT for the database in use (both dialects have it)."""
    return pg_insert if db.dialect == "postgresql" else sqlite_insert


def sync_feeds(db: Database, feeds: Sequence[FeedDef], now: datetime) -> None:
    """Create state for new feeds; a changed URL in a feed file resets the stored URL.

    An idempotent upsert: workers starting together each run it, and none fails on a
    row another one inserted first (INSERT ... ON CONFLICT DO NOTHING).
    """
    if not feeds:
        return
    with db.session() as s:
        upsert = _insert(db)(FeedState).on_conflict_do_nothing(index_elements=["name"])
        for i in range(0, len(feeds), _SYNC_CHUNK):
            rows = [
                {
                    "name": f.name,
                    "url": f.url,
                    "defined_url": f.url,
                    "next_poll_at": now,
                    "error_count": 0,
                    "consecutive_failures": 0,
                }
                for f in feeds[i : i + _SYNC_CHUNK]
            ]
            # executemany of one compiled statement: a VALUES list of 500 rows would be
            # compiled anew on every start (seconds for 5,000 feeds).
            s.execute(upsert, rows)
        stored = dict(s.execute(select(FeedState.name, FeedState.defined_url)).all())
        for feed in feeds:
            if stored.get(feed.name, feed.url) == feed.url:
                continue
            s.execute(
                update(FeedState)
                .where(FeedState.name == feed.name, FeedState.defined_url != feed.url)
                .values(
                    url=feed.url,
                    defined_url=feed.url,
                    etag=None,
                    last_modified=None,
                    disabled_reason=None,
                    consecutive_failures=0,
                    next_poll_at=now,
                )
            )


def feed_statuses(db: Database) -> dict[str, FeedStatus]:
    with db.session() as s:
        counts = dict(s.execute(select(Article.feed, func.count()).group_by(Article.feed)).all())
        errors = dict(
            s.execute(select(PageError.feed, func.count()).group_by(PageError.feed)).all()
        )
        latest: dict[str, str] = {}
        newest_first = select(PageError.feed, PageError.kind, PageError.error).order_by(
            PageError.last_at.desc()
        )
        for feed, kind, error in s.execute(newest_first):
            latest.setdefault(feed, f"{kind}: {error}" if kind else error)
        return {
            r.name: _status(r, counts.get(r.name, 0), errors.get(r.name, 0), latest.get(r.name))
            for r in s.scalars(select(FeedState).order_by(FeedState.name))
        }


def record_poll(db: Database, name: str, outcome: PollOutcome) -> None:
    record_polls(db, [(name, outcome)])


def record_polls(db: Database, outcomes: Sequence[tuple[str, PollOutcome]]) -> None:
    """Record many polls in one transaction: per feed one UPDATE and one poll_runs row.

    Core statements with executemany, not ORM objects: a 304 poll's record is most of its
    cost otherwise (load the row, track changes, flush). Counters are incremented in SQL,
    so no row is read and no lock is held beyond the UPDATE itself.
    """
    if not outcomes:
        return
    by_statement: dict[tuple[bool, bool, bool, bool], list[dict[str, object]]] = {}
    for name, o in outcomes:
        validators = o.ok and (o.etag is not None or o.last_modified is not None)
        key = (o.ok, validators, bool(o.ok and o.new_url), bool(o.disable_reason))
        by_statement.setdefault(key, []).append(
            {
                "b_name": name,
                "b_finished": o.finished_at,
                "b_next": o.next_poll_at,
                "b_etag": o.etag,
                "b_modified": o.last_modified,
                "b_url": o.new_url,
                "b_error": o.error,
                "b_disable": o.disable_reason,
                "b_kind": o.error_kind,
                "b_warnings": "; ".join(o.warnings) or None,
            }
        )
    runs = [_run_row(name, o) for name, o in outcomes]
    with db.engine.begin() as conn:
        for key, params in by_statement.items():
            conn.execute(_update_statement(*key), params)
        conn.execute(insert(PollRun), runs)


def _update_statement(ok: bool, validators: bool, new_url: bool, disable: bool) -> Update:
    values: dict[str, object] = {
        "last_poll_at": bindparam("b_finished", type_=UTCDateTime()),
        "next_poll_at": bindparam("b_next", type_=UTCDateTime()),
        "lease_owner": None,
        "lease_until": None,
        "last_warnings": bindparam("b_warnings"),
    }
    if ok:
        values |= {
            "last_success_at": bindparam("b_finished", type_=UTCDateTime()),
            "consecutive_failures": 0,
            "last_error": None,
            "last_error_kind": None,
        }
        if validators:
            values |= {"etag": bindparam("b_etag"), "last_modified": bindparam("b_modified")}
        if new_url:
            values["url"] = bindparam("b_url")
    else:
        values |= {
            "last_error": bindparam("b_error"),
            "last_error_kind": bindparam("b_kind"),
            "last_error_at": bindparam("b_finished", type_=UTCDateTime()),
            "error_count": FeedState.error_count + 1,
            "consecutive_failures": FeedState.consecutive_failures + 1,
        }
        if disable:
            values["disabled_reason"] = bindparam("b_disable")
    return update(FeedState).where(FeedState.name == bindparam("b_name")).values(values)


def _run_row(name: str, o: PollOutcome) -> dict[str, object]:
    return {
        "feed": name,
        "started_at": o.started_at,
        "finished_at": o.finished_at,
        "ok": o.ok,
        "not_modified": o.not_modified,
        "entries": o.entries,
        "new_articles": o.new_articles,
        "duplicates": o.duplicates,
        "errors": o.errors,
        "error": o.error,
    }


def enable_feed(db: Database, name: str, now: datetime) -> bool:
    """Clear a disabled feed's reason and poll it soon."""
    with db.session() as s:
        row = s.get(FeedState, name)
        if row is None:
            return False
        row.disabled_reason = None
        row.consecutive_failures = 0
        row.next_poll_at = now
        return True


@dataclass(frozen=True, slots=True)
class FeedRow:
    name: str
    url: str
    kind: str
    interval_s: int
    tags: tuple[str, ...]
    enabled: bool
    defined: bool  # in feeds/*.toml (false: state left from a removed feed file)
    state: str  # ok | failing | disabled | never polled | off
    last_poll_at: datetime | None
    last_success_at: datetime | None
    next_poll_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    error_count: int
    consecutive_failures: int
    disabled_reason: str | None
    articles: int
    page_errors: int  # article pages of this feed that failed (see `monitor feeds`)
    last_error_kind: str | None = None  # monitor.errors.ErrorKind of last_error
    last_warnings: str | None = None  # what the last poll worked around (encoding_fallback ...)
    last_page_error: str | None = None  # the latest of them: "kind: message"


def _feed_state(defn: FeedDef | None, st: FeedStatus | None) -> str:
    if defn is not None and not defn.enabled:
        return "off"
    if st is None or st.last_poll_at is None:
        return "never polled"
    if st.disabled_reason:
        return "disabled"
    return "failing" if st.consecutive_failures else "ok"


def feed_rows(db: Database, defined: Sequence[FeedDef]) -> list[FeedRow]:
    """Every feed, defined in a file or left in the database, with its state."""
    states = feed_statuses(db)
    by_name = {f.name: f for f in defined}
    rows = []
    for name in sorted(set(by_name) | set(states)):
        d, st = by_name.get(name), states.get(name)
        rows.append(
            FeedRow(
                name=name,
                url=st.url if st else d.url if d else "",
                kind=str(d.kind) if d else "",
                interval_s=d.interval_s if d else 0,
                tags=d.tags if d else (),
                enabled=d.enabled if d else False,
                defined=d is not None,
                state=_feed_state(d, st),
                last_poll_at=st.last_poll_at if st else None,
                last_success_at=st.last_success_at if st else None,
                next_poll_at=st.next_poll_at if st else None,
                last_error=st.last_error if st else None,
                last_error_at=st.last_error_at if st else None,
                error_count=st.error_count if st else 0,
                consecutive_failures=st.consecutive_failures if st else 0,
                disabled_reason=st.disabled_reason if st else None,
                articles=st.articles if st else 0,
                page_errors=st.page_errors if st else 0,
                last_error_kind=st.last_error_kind if st else None,
                last_warnings=st.last_warnings if st else None,
                last_page_error=st.last_page_error if st else None,
            )
        )
    return rows
