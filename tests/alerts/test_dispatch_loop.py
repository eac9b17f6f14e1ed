"""The dispatcher's loop claims as soon as there is something to send and room to send
it (SQLite and PostgreSQL, a real receiver): an alert committed while others are in
flight leaves at once, and a backlog follows each freed slot, never the next poll."""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.alerts import open_channels, run_dispatcher
from monitor.alerts.config import retry_policy
from monitor.alerts.dispatcher import DispatchOptions
from monitor.store import Database, open_database
from monitor.store.outbox import delivery_counts
from tests.alerts.servers import Received, WebhookReceiver
from tests.alerts.test_dispatcher import KEY, Clock, config, one_alert
from tests.alerts.test_slow_receiver import until

# The poll interval is far past the test's bounds: only the wake-up and freed slots can
# deliver in time.
POLL_S = 600.0
BOUND_S = 10.0
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = open_database(db_url)
    yield database
    database.dispose()


class HoldFirst:
    """Holds the receiver's first request until released; answers the others at once."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.held = threading.Event()
        self._first = True
        self._lock = threading.Lock()

    def __call__(self, _: Received) -> None:
        with self._lock:
            first, self._first = self._first, False
        if first:
            self.held.set()
            self.release.wait(60)


async def test_an_alert_committed_while_another_is_in_flight_leaves_at_once(
    db: Database,
) -> None:
    hold = HoldFirst()
    with WebhookReceiver(KEY) as receiver:
        receiver.before_reply = hold
        cfg = config(webhook_urls=receiver.url, poll_interval_s=POLL_S, send_timeout_s=120)
        clock = Clock()
        one_alert(db, cfg, clock, "PL")
        stop, wake = asyncio.Event(), asyncio.Event()
        async with open_channels(cfg) as channels:
            options = DispatchOptions.from_settings(cfg)
            task = asyncio.create_task(
                run_dispatcher(db, channels, retry_policy(cfg), options, stop=stop, wake=wake)
            )
            try:
                assert await until(hold.held.is_set, BOUND_S)  # PL is in flight, held
                one_alert(db, cfg, clock, "FR")
                wake.set()  # as ingest does after the commit
                assert await until(lambda: len(receiver.received) == 2, BOUND_S)
                # FR went out and was recorded while PL's answer is still held.
                sent_one = {"sending": 1, "sent": 1}
                assert await until(lambda: delivery_counts(db) == sent_one, BOUND_S)
                assert not hold.release.is_set()
            finally:
                hold.release.set()
            assert await until(lambda: delivery_counts(db) == {"sent": 2}, BOUND_S)
            stop.set()
            await asyncio.wait_for(task, 10)


async def test_a_backlog_follows_each_freed_slot(db: Database) -> None:
    with WebhookReceiver(KEY) as receiver:
        cfg = config(webhook_urls=receiver.url, poll_interval_s=POLL_S, channel_concurrency=1)
        clock = Clock()
        actors = ("PL", "FR", "DE", "IT", "ES")
        for actor in actors:
            one_alert(db, cfg, clock, actor)
        stop = asyncio.Event()
        async with open_channels(cfg) as channels:
            options = DispatchOptions.from_settings(cfg)
            task = asyncio.create_task(
                run_dispatcher(db, channels, retry_policy(cfg), options, stop=stop)
            )
            done = await until(lambda: delivery_counts(db) == {"sent": len(actors)}, BOUND_S)
            stop.set()
            await asyncio.wait_for(task, 10)
    assert done, delivery_counts(db)
    assert len(receiver.received) == len(actors)
    # One slot: each claim took one delivery, so none was claimed and handed back.
    assert len({r.webhook_id for r in receiver.received}) == len(actors)


async def test_another_connections_commit_wakes_a_dispatcher_that_no_ingest_wakes(
    db: Database,
) -> None:
    """PostgreSQL by its notification, SQLite by the watch of data_version (a commit of
    another process looks the same to it as one of another connection)."""
    with WebhookReceiver(KEY) as receiver:
        cfg = config(webhook_urls=receiver.url, poll_interval_s=POLL_S)
        stop = asyncio.Event()
        async with open_channels(cfg) as channels:
            options = DispatchOptions.from_settings(cfg)
            # No ingest of its own (monitor alerts dispatch, or another worker committing):
            # only the commit's notification can deliver in time.
            task = asyncio.create_task(
                run_dispatcher(db, channels, retry_policy(cfg), options, stop=stop)
            )
            await asyncio.sleep(1.0)  # listening, and past its first (empty) claims
            one_alert(db, cfg, Clock(), "PL")  # committed on a connection of its own
            done = await until(lambda: delivery_counts(db) == {"sent": 1}, BOUND_S)
            stop.set()
            await asyncio.wait_for(task, 10)
    assert done, delivery_counts(db)
    assert len(receiver.received) == 1


# Run by another interpreter: stores one alert, committed by that process.
_COMMIT_ELSEWHERE = """
import sys
from monitor.store import open_database
from tests.alerts.test_dispatcher import Clock, config, one_alert
db = open_database(sys.argv[1])
one_alert(db, config(webhook_urls=sys.argv[2]), Clock(), "FR")
db.dispose()
"""


async def test_a_commit_of_another_process_wakes_the_dispatcher(db: Database, db_url: str) -> None:
    with WebhookReceiver(KEY) as receiver:
        cfg = config(webhook_urls=receiver.url, poll_interval_s=POLL_S)
        stop = asyncio.Event()
        async with open_channels(cfg) as channels:
            options = DispatchOptions.from_settings(cfg)
            task = asyncio.create_task(
                run_dispatcher(db, channels, retry_policy(cfg), options, stop=stop)
            )
            await asyncio.sleep(1.0)  # watching, and past its first (empty) claims
            other = await asyncio.create_subprocess_exec(
                sys.executable, "-c", _COMMIT_ELSEWHERE, db_url, receiver.url, cwd=ROOT
            )
            assert await asyncio.wait_for(other.wait(), 60) == 0
            done = await until(lambda: delivery_counts(db) == {"sent": 1}, BOUND_S)
            stop.set()
            await asyncio.wait_for(task, 10)
    assert done, delivery_counts(db)
    assert len(receiver.received) == 1
