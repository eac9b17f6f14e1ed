"""Several real `monitor run` processes on one database: start-up, SIGTERM, SIGKILL.

Feeds are served by a local HTTP server that stamps every request; the database is read
directly afterwards. PostgreSQL runs every scenario; SQLite the ones of one process at a
time (start-up together, stop, take-over after a restart).
"""

from __future__ import annotations

import itertools
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor.store import open_database
from monitor.store.claims import leased_feeds
from monitor.store.feeds import feed_statuses
from monitor.store.models import Article
from tests.support.httpserver import HttpServer, Reply, Request, drip
from tests.support.workers import WorkerPool, feed_file

SHORT_LEASE = {"poll_deadline_s": 4, "lease_margin_s": 2, "stop_grace_s": 10}


def rss(items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>http://127.0.0.1/{g}</link><guid>{g}</guid>"
        f"<description>{t}</description></item>"
        for g, t in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{body}</channel></rss>'
    ).encode()


QUIET = rss([("w", "Weather: rain later.")])


class Stamped:
    """Routes that note the arrival time of every request (monotonic), per path."""

    def __init__(self, server: HttpServer):
        self.server = server
        self._lock = threading.Lock()
        self.times: dict[str, list[float]] = {}

    def route(self, path: str, reply: Reply) -> str:
        def handle(_r: Request) -> Reply:
            with self._lock:
                self.times.setdefault(path, []).append(time.monotonic())
            return reply

        self.server.route(path, handle)
        return self.server.url(path)

    def at(self, path: str) -> list[float]:
        with self._lock:
            return list(self.times.get(path, []))

    def wait_for(self, path: str, n: int, timeout_s: float) -> list[float]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and len(self.at(path)) < n:
            time.sleep(0.02)
        return self.at(path)


@pytest.fixture
def feeds_dir(tmp_path: Path) -> Path:
    path = tmp_path / "feeds"
    path.mkdir()
    return path


def xml(body: bytes) -> Reply:
    return Reply(headers=(("Content-Type", "application/rss+xml"),), body=body)


def test_three_workers_started_together_on_a_fresh_database_all_come_up(
    db_url: str, server: HttpServer, feeds_dir: Path, tmp_path: Path
) -> None:
    stamped = Stamped(server)
    for i in range(5):
        feed_file(feeds_dir, f"f{i}", stamped.route(f"/f{i}.xml", xml(QUIET)), fetch_pages=False)
    with WorkerPool(tmp_path, db_url, feeds_dir, scheduler=SHORT_LEASE) as pool:
        workers = [pool.start(n) for n in "abc"]
        for w in workers:
            w.wait_started(timeout_s=90)
        for i in range(5):
            assert stamped.wait_for(f"/f{i}.xml", 1, 20), f"f{i} never polled"
        for w in workers:
            w.terminate()
        assert [w.wait() for w in workers] == [0, 0, 0]
        for w in workers:
            assert "Traceback" not in w.text(), w.text()[-2000:]
    db = open_database(db_url, migrate=False)
    assert leased_feeds(db, datetime.now(UTC)) == {}
    assert sorted(feed_statuses(db)) == [f"f{i}" for i in range(5)]


def test_sigterm_finishes_the_poll_in_flight_and_leaves_no_lease(
    db_url: str, server: HttpServer, feeds_dir: Path, tmp_path: Path
) -> None:
    stamped = Stamped(server)
    slow = stamped.route("/slow.xml", drip(QUIET, every_s=0.1, chunk_size=12))  # ~2 s
    feed_file(feeds_dir, "slow", slow, fetch_pages=False)
    with WorkerPool(tmp_path, db_url, feeds_dir, scheduler=SHORT_LEASE) as pool:
        w = pool.start("a")
        w.wait_started(timeout_s=90)
        assert stamped.wait_for("/slow.xml", 1, 20)
        w.terminate()  # mid-poll
        assert w.wait() == 0
    db = open_database(db_url, migrate=False)
    assert leased_feeds(db, datetime.now(UTC)) == {}
    assert feed_statuses(db)["slow"].last_success_at is not None  # finished, recorded


def test_sigterm_past_the_grace_period_cancels_and_releases(
    db_url: str, server: HttpServer, feeds_dir: Path, tmp_path: Path
) -> None:
    stamped = Stamped(server)
    slow = stamped.route("/slow.xml", drip(QUIET, every_s=0.2, chunk_size=4))  # ~10 s
    feed_file(feeds_dir, "slow", slow, fetch_pages=False)
    lease = {"poll_deadline_s": 30, "lease_margin_s": 5, "stop_grace_s": 1}
    with WorkerPool(tmp_path, db_url, feeds_dir, scheduler=lease) as pool:
        w = pool.start("a")
        w.wait_started(timeout_s=90)
        assert stamped.wait_for("/slow.xml", 1, 20)
        stopped = time.monotonic()
        w.terminate()
        assert w.wait() == 0
        assert time.monotonic() - stopped < 8
    db = open_database(db_url, migrate=False)
    assert leased_feeds(db, datetime.now(UTC)) == {}


def test_a_worker_killed_mid_poll_has_its_feed_taken_over_within_one_lease(
    db_url: str, server: HttpServer, feeds_dir: Path, tmp_path: Path
) -> None:
    # On PostgreSQL two workers run from the start and the one polling is killed; on
    # SQLite (one process at a time) the second starts after the kill.
    stamped = Stamped(server)
    slow = stamped.route("/slow.xml", drip(QUIET, every_s=0.1, chunk_size=8))  # ~3 s
    feed_file(feeds_dir, "slow", slow, fetch_pages=False)
    # The ~3 s poll must also finish for the new owner on a loaded machine (at load 10 a
    # 4 s deadline cut it short).
    sched = {**SHORT_LEASE, "poll_deadline_s": 8}
    lease_s = sched["poll_deadline_s"] + sched["lease_margin_s"]
    pg = db_url.startswith("postgresql")
    with WorkerPool(tmp_path, db_url, feeds_dir, scheduler=sched) as pool:
        started = [pool.start(name) for name in ("ab" if pg else "a")]
        assert stamped.wait_for("/slow.xml", 1, 90)
        db = open_database(db_url, migrate=False)
        owner = leased_feeds(db, datetime.now(UTC)).get("slow")
        (polling,) = [w for w in started if w.owner == owner]
        polling.kill()
        killed = time.monotonic()
        if not pg:
            pool.start("b")
        hits = stamped.wait_for("/slow.xml", 2, lease_s + 60)
        assert len(hits) >= 2, "never taken over"
        if pg:
            assert hits[1] - killed <= lease_s + 1.5, (hits[1] - killed, lease_s)
        for w in pool.workers:
            w.terminate()
        assert [w.wait() for w in pool.workers if w is not polling] == [0]
    assert feed_statuses(db)["slow"].last_success_at is not None  # the new owner's poll
    assert leased_feeds(db, datetime.now(UTC)) == {}


@pytest.mark.postgres
def test_three_workers_and_300_feeds_poll_each_feed_once_per_interval(
    pg_url: str, server: HttpServer, feeds_dir: Path, tmp_path: Path
) -> None:
    stamped = Stamped(server)
    n, interval, stories = 300, 5, 30
    # Every story is listed by ten feeds: workers race to store the same articles.
    for i in range(n):
        items = [
            (
                f"s{k}",
                f"Report {k}: the regional council of district {k} met to discuss roads, "
                f"schools and the water supply budget for the year {2000 + k}.",
            )
            for k in (i % stories, (i + 1) % stories)
        ]
        url = stamped.route(f"/f{i}.xml", xml(rss(items)))
        feed_file(feeds_dir, f"f{i:03d}", url, interval=f"{interval}s", fetch_pages=False)
    sched = {"poll_deadline_s": 60, "lease_margin_s": 10, "stop_grace_s": 20}
    with WorkerPool(
        tmp_path, pg_url, feeds_dir, scheduler=sched, fetch={"per_host_concurrency": 8}
    ) as pool:
        workers = [pool.start(name) for name in "abc"]
        for w in workers:
            w.wait_started(timeout_s=120)
        # The first round stores the 30 stories; later polls find only known items.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if all(len(stamped.at(f"/f{i}.xml")) >= 2 for i in range(n)):
                break
            time.sleep(0.5)
        for w in workers:
            w.terminate()
        assert [w.wait() for w in workers] == [0, 0, 0]
        owners = {w.name: w.text().count("feed polled") for w in workers}
    polls = {i: stamped.at(f"/f{i}.xml") for i in range(n)}
    assert all(len(t) >= 2 for t in polls.values()), "every feed polled twice"
    assert all(owners.values()), owners  # the load was shared
    # Never twice within one interval: two polls of a feed are at least half an interval
    # apart (a poll started late counts its next interval from its start).
    gaps = [(i, b - a) for i, t in polls.items() for a, b in itertools.pairwise(t)]
    close = [(i, gap) for i, gap in gaps if gap < interval / 2 - 0.1]
    assert close == [], close[:10]
    db = open_database(pg_url, migrate=False)
    with db.session() as s:
        stored = s.scalar(select(func.count()).select_from(Article))
        distinct = s.scalar(select(func.count(func.distinct(Article.url))))
    assert stored == distinct == stories
    assert leased_feeds(db, datetime.now(UTC)) == {}
