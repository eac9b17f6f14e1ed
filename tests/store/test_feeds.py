"""Feed state: workers claim due feeds without overlap; leases expire; URLs follow the files."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from monitor.records import FeedDef, FeedKind
from monitor.store import open_database
from monitor.store.claims import claim_due
from monitor.store.feeds import (
    PollOutcome,
    feed_statuses,
    record_poll,
    sync_feeds,
)

NOW = datetime(2026, 5, 1, 12, tzinfo=UTC)
FEEDS = [FeedDef(f"f{i}", f"https://n.test/{i}.xml", FeedKind.RSS) for i in range(12)]
NAMES = [f.name for f in FEEDS]


def test_concurrent_workers_claim_disjoint_feeds(pg_url: str) -> None:
    # Several workers share one PostgreSQL; SQLite is the one-process embedded default.
    db = open_database(pg_url)
    sync_feeds(db, FEEDS, NOW)
    claimed: dict[str, list[str]] = {}
    barrier = threading.Barrier(3)

    def worker(owner: str) -> None:
        barrier.wait()
        got: list[str] = []
        for _ in range(6):
            got += [
                s.name
                for s in claim_due(
                    db, NAMES, now=NOW, owner=owner, lease=timedelta(minutes=5), limit=2
                )
            ]
        claimed[owner] = got

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    every = [n for names in claimed.values() for n in names]
    assert sorted(every) == sorted(NAMES)  # each feed claimed exactly once


def test_leases_expire(db_url: str) -> None:
    db = open_database(db_url)
    sync_feeds(db, FEEDS, NOW)
    first = claim_due(db, NAMES, now=NOW, owner="w", lease=timedelta(minutes=5), limit=20)
    assert len(first) == len(NAMES)
    # Leased feeds are not due again until the lease ends...
    assert claim_due(db, NAMES, now=NOW, owner="late", lease=timedelta(minutes=5), limit=20) == []
    # ...and a crashed worker's feeds come back once it has.
    back = claim_due(
        db,
        NAMES,
        now=NOW + timedelta(minutes=6),
        owner="late",
        lease=timedelta(minutes=5),
        limit=20,
    )
    assert len(back) == len(NAMES)


def test_recorded_poll_sets_next_poll_and_redirect_url(db_url: str) -> None:
    db = open_database(db_url)
    sync_feeds(db, FEEDS[:1], NOW)
    (_claimed,) = claim_due(db, ["f0"], now=NOW, owner="w", lease=timedelta(minutes=5), limit=1)
    record_poll(
        db,
        "f0",
        PollOutcome(
            started_at=NOW,
            finished_at=NOW,
            next_poll_at=NOW + timedelta(minutes=15),
            ok=True,
            etag='"e1"',
            new_url="https://n.test/moved.xml",
        ),
    )
    state = feed_statuses(db)["f0"]
    assert state.url == "https://n.test/moved.xml" and state.etag == '"e1"'
    assert state.next_poll_at == NOW + timedelta(minutes=15)
    assert (
        claim_due(
            db,
            ["f0"],
            now=NOW + timedelta(minutes=1),
            owner="w",
            lease=timedelta(minutes=5),
            limit=1,
        )
        == []
    )
    # Editing the feed file's URL resets the stored URL and validators.
    sync_feeds(db, [FeedDef("f0", "https://n.test/new.xml", FeedKind.RSS)], NOW)
    state = feed_statuses(db)["f0"]
    assert state.url == "https://n.test/new.xml" and state.etag is None


def test_workers_starting_together_migrate_and_sync_once(db_url: str) -> None:
    # Three start-ups at the same moment on a fresh database: one migrates under the
    # lock while the others wait; the feed sync is an upsert that none fails.
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def start() -> None:
        try:
            barrier.wait()
            db = open_database(db_url)
            sync_feeds(db, FEEDS, NOW)
            db.dispose()
        except BaseException as exc:  # reported below, with the others
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert sorted(feed_statuses(open_database(db_url, migrate=False))) == sorted(NAMES)
