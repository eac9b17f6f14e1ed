"""The per-feed scheduler inside `run_service`: cadence, slow feeds, stop, the registry.

A real HTTP server on 127.0.0.1 stamps each request with the time it arrived; the
service runs in this test's event loop against a real database.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.records import FeedDef, FeedKind
from monitor.runstate import Runtime, ServiceState
from monitor.service import run_service
from monitor.settings import load_settings
from monitor.store import Database
from monitor.store.claims import leased_feeds
from monitor.store.feeds import feed_statuses
from monitor.wiring import assemble
from tests.support.httpserver import HttpServer, Reply, Request, drip

# One short item and no pages to fetch: a poll is one request. (A feed with no items is
# an error until issue 9.3 lands.)
EMPTY_RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    b"<item><title>Weather</title><link>http://127.0.0.1/w</link><guid>w</guid>"
    b"<description>Rain later.</description></item></channel></rss>"
)


class Clocked:
    """Routes that note when each request arrived (monotonic seconds), per path."""

    def __init__(self, server: HttpServer):
        self.server = server
        self.times: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def feed(self, path: str, reply: Reply | None = None) -> str:
        answer = reply or Reply(headers=(("Content-Type", "application/rss+xml"),), body=EMPTY_RSS)

        def handle(_request: Request) -> Reply:
            with self._lock:
                self.times.setdefault(path, []).append(time.monotonic())
            return answer

        self.server.route(path, handle)
        return self.server.url(path)

    def at(self, path: str) -> list[float]:
        with self._lock:
            return list(self.times.get(path, []))


def feed(name: str, url: str, interval_s: int) -> FeedDef:
    return FeedDef(
        name=name,
        url=url,
        kind=FeedKind.RSS,
        interval_s=interval_s,
        allow_private=True,
        fetch_pages=False,
    )


def runtime(db: Database, tmp_path: Path, feeds: list[FeedDef], **scheduler: float) -> Runtime:
    settings = load_settings(
        environ={},
        database_url=db.url,
        feeds_dir=tmp_path,
        web_enabled=False,
        scheduler={"poll_deadline_s": 6, "lease_margin_s": 2, "stop_grace_s": 5, **scheduler},
        fetch={"respect_robots": False, "total_timeout_s": 8, "read_timeout_s": 8},
    )
    return assemble(settings, db, feeds)


async def run_for(rt: Runtime, seconds: float, state: ServiceState | None = None) -> ServiceState:
    stop = asyncio.Event()
    task = asyncio.create_task(run_service(rt, stop=stop, state=state))
    await asyncio.sleep(seconds)
    stop.set()
    return await asyncio.wait_for(task, timeout=20)


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in itertools.pairwise(times)]


async def test_a_control_feed_keeps_its_cadence_while_a_slow_feed_is_polled(
    server: HttpServer, db: Database, tmp_path: Path
) -> None:
    clocked = Clocked(server)
    control = clocked.feed("/control.xml")
    # Each poll of the slow feed takes about 3 s (its body trickles in).
    slow = clocked.feed("/slow.xml", drip(EMPTY_RSS, every_s=0.1, chunk_size=8))
    rt = runtime(db, tmp_path, [feed("control", control, 2), feed("slow", slow, 1)])
    await run_for(rt, 9.5)
    hits = clocked.at("/control.xml")
    assert len(hits) >= 4, hits
    assert all(1.0 <= g <= 3.0 for g in gaps(hits)), gaps(hits)
    assert len(clocked.at("/slow.xml")) >= 2
    assert leased_feeds(db, datetime.now(UTC)) == {}


async def test_the_next_poll_is_due_an_interval_after_the_last_was_due(
    server: HttpServer, db: Database, tmp_path: Path
) -> None:
    clocked = Clocked(server)
    # Half a second per poll: polled every 1 s, not every 1.5 s.
    url = clocked.feed("/f.xml", drip(EMPTY_RSS, every_s=0.1, chunk_size=20))
    rt = runtime(db, tmp_path, [feed("f", url, 1)])
    await run_for(rt, 6.3)
    hits = clocked.at("/f.xml")
    assert len(hits) >= 5, gaps(hits)
    # The first poll also pays for imports and the first connection.
    assert all(g < 1.4 for g in gaps(hits)[1:]), gaps(hits)


async def test_stop_finishes_the_poll_in_flight_and_leaves_no_lease(
    server: HttpServer, db: Database, tmp_path: Path
) -> None:
    clocked = Clocked(server)
    url = clocked.feed("/slow.xml", drip(EMPTY_RSS, every_s=0.1, chunk_size=5))  # ~2 s
    rt = runtime(db, tmp_path, [feed("slow", url, 60)])
    await run_for(rt, 0.5)  # stop while the first poll is in flight
    st = feed_statuses(db)["slow"]
    assert st.last_success_at is not None  # it finished and was recorded
    assert leased_feeds(db, datetime.now(UTC)) == {}


async def test_stop_cancels_past_the_grace_period_and_releases_the_lease(
    server: HttpServer, db: Database, tmp_path: Path
) -> None:
    clocked = Clocked(server)
    url = clocked.feed("/slow.xml", drip(EMPTY_RSS, every_s=0.2, chunk_size=2))  # ~9 s
    rt = runtime(db, tmp_path, [feed("slow", url, 60)], stop_grace_s=0.5)
    started = time.monotonic()
    await run_for(rt, 0.5)
    assert time.monotonic() - started < 4
    st = feed_statuses(db)["slow"]
    assert st.last_poll_at is None  # cancelled, not recorded...
    assert leased_feeds(db, datetime.now(UTC)) == {}  # ...and free for another worker
    assert st.next_poll_at is not None and st.next_poll_at <= datetime.now(UTC)


async def test_jobs_follow_feeds_added_and_removed_while_running(
    server: HttpServer, db: Database, tmp_path: Path
) -> None:
    clocked = Clocked(server)
    first = clocked.feed("/a.xml")
    later = clocked.feed("/b.xml")
    rt = runtime(db, tmp_path, [feed("a", first, 1)])
    stop = asyncio.Event()
    task = asyncio.create_task(run_service(rt, stop=stop))
    try:
        await asyncio.sleep(1.5)
        rt.feeds.add(lambda _: [feed("b", later, 1)])
        await asyncio.sleep(2.5)
        assert clocked.at("/b.xml"), "a feed added while running is polled"
        rt.feeds.remove("a")
        await asyncio.sleep(1.5)
        removed_at = len(clocked.at("/a.xml"))
        await asyncio.sleep(2)
        assert len(clocked.at("/a.xml")) == removed_at
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=20)


async def test_a_lease_held_elsewhere_is_respected_then_taken_over(
    server: HttpServer, db: Database, tmp_path: Path
) -> None:
    from monitor.store.claims import claim_due
    from monitor.store.feeds import sync_feeds

    clocked = Clocked(server)
    url = clocked.feed("/f.xml")
    defs = [feed("f", url, 1)]
    sync_feeds(db, defs, datetime.now(UTC))
    # A worker that died holding the feed for 2.5 s more.
    claim_due(
        db, ["f"], now=datetime.now(UTC), owner="dead:1", lease=timedelta(seconds=2.5), limit=1
    )
    rt = runtime(db, tmp_path, defs)
    t0 = time.monotonic()
    await run_for(rt, 4.5)
    hits = clocked.at("/f.xml")
    assert hits, "taken over once the lease ran out"
    assert 2.3 <= hits[0] - t0 <= 3.5, hits[0] - t0


def test_next_due_keeps_the_cadence_and_never_crowds_two_polls() -> None:
    from monitor.cadence import next_due

    t = datetime(2026, 1, 1, tzinfo=UTC)
    s = timedelta(seconds=1)
    assert next_due(t, t + 0.3 * s, 2) == t + 2 * s  # on time: an interval after due
    assert next_due(t, t + 1.5 * s, 2) == t + 3.5 * s  # late: an interval after the start
    assert next_due(t, t - 5 * s, 2) == t - 3 * s  # forced early: from its start
    assert next_due(None, t, 60) == t + 60 * s
    # A backlog (5,000 feeds due at once) spreads: a poll 5 s late counts from its start.
    assert next_due(t, t + 0.9 * s, 60) == t + 60 * s
    assert next_due(t, t + 5 * s, 60) == t + 65 * s
