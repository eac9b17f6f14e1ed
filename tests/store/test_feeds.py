"""Feed state: workers claim due feeds without overlap; leases expire; URLs follow the files."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from monitor.records import FeedDef, FeedKind
from monitor.store import Database, open_database
from monitor.store.claims import claim_due, next_claimable, release_leases
from monitor.store.feeds import (
    PollOutcome,
    feed_statuses,
    record_poll,
    record_polls,
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


def test_a_claim_takes_the_longest_due_first_and_says_when_to_look_again(db_url: str) -> None:
    db = open_database(db_url)
    for i, f in enumerate(FEEDS):  # f0 due 12 minutes ago ... f11 due a minute ago
        sync_feeds(db, [f], NOW - timedelta(minutes=12 - i))
    lease = timedelta(minutes=5)
    got = claim_due(db, None, now=NOW, owner="w", lease=lease, limit=3, exclude={"f1"})
    assert sorted(c.name for c in got) == ["f0", "f2", "f3"]  # f1 is not this worker's
    assert all(c.next_poll_at is not None and c.next_poll_at.tzinfo is UTC for c in got)
    rest = claim_due(db, None, now=NOW, owner="w", lease=lease, limit=100, exclude={"f1"})
    assert len(rest) == 8
    # Nothing free is due now but f1 (excluded); f0-f11 are leased by this worker.
    assert next_claimable(db, now=NOW, owner="w", exclude={"f1"}) is None
    assert next_claimable(db, now=NOW, owner="w") == NOW - timedelta(minutes=11)  # f1
    # Another worker's lease on a due feed ends: it may be claimed then.
    assert next_claimable(db, now=NOW, owner="other", exclude={"f1"}) == NOW + lease
    release_leases(db, owner="w", names=["f5"])
    assert next_claimable(db, now=NOW, owner="w", exclude={"f1"}) == NOW - timedelta(minutes=7)


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


def test_many_polls_recorded_at_once_each_as_if_alone(db_url: str) -> None:
    db = open_database(db_url)
    sync_feeds(db, FEEDS[:4], NOW)
    claim_due(db, NAMES[:4], now=NOW, owner="w", lease=timedelta(minutes=5), limit=4)
    later = NOW + timedelta(minutes=15)

    def outcome(**kw: object) -> PollOutcome:
        base: dict[str, object] = {"started_at": NOW, "finished_at": NOW, "next_poll_at": later}
        return PollOutcome(**(base | kw))  # type: ignore[arg-type]

    record_poll(db, "f1", outcome(ok=True, etag='"old"'))
    record_polls(
        db,
        [
            ("f0", outcome(ok=True, etag='"e0"', last_modified="Mon, 04 May 2026 10:00:00 GMT")),
            ("f1", outcome(ok=True, not_modified=True)),  # no validators: the old ones stay
            ("f2", outcome(ok=False, error="HTTP 503")),
            ("f3", outcome(ok=False, error="HTTP 410", disable_reason="gone for good")),
        ],
    )
    record_polls(db, [("f2", outcome(ok=False, error="HTTP 502"))])
    st = feed_statuses(db)
    assert (st["f0"].etag, st["f0"].last_modified) == ('"e0"', "Mon, 04 May 2026 10:00:00 GMT")
    assert st["f1"].etag == '"old"' and st["f1"].last_success_at == NOW
    assert (st["f2"].error_count, st["f2"].consecutive_failures) == (2, 2)
    assert st["f2"].last_error == "HTTP 502" and st["f2"].last_success_at is None
    assert st["f3"].disabled_reason == "gone for good"
    assert all(s.next_poll_at == later for s in st.values())
    # Leases are released: the feeds are due again once their next poll time comes.
    again = claim_due(db, NAMES[:4], now=later, owner="w2", lease=timedelta(minutes=5), limit=9)
    assert sorted(s.name for s in again) == ["f0", "f1", "f2"]
    assert sum(stats_polls(db).values()) == 6


def stats_polls(db: Database) -> dict[tuple[bool, bool], int]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT ok, not_modified, count(*) FROM poll_runs GROUP BY ok, not_modified")
        )
        return {(bool(r[0]), bool(r[1])): int(r[2]) for r in rows}
