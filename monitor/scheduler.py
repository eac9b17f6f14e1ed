"""The feed scheduler: one APScheduler job per feed, at the feed's own interval.

A job fires when its feed is due and leases the feed in the database (one UPDATE ...
RETURNING, SKIP LOCKED on PostgreSQL); only the worker holding the lease polls it, so
several workers on one database never poll a feed twice per interval. After each run
the job is moved to the feed's next due time as stored: one interval after the poll was
due (a backoff after a failure), or, when another worker holds the feed, the moment that
worker's lease would run out, so a killed worker's feeds are taken over within one lease.

Polls in flight are bounded by a semaphore of `concurrency` slots (requests per host are
bounded by the fetcher); each poll has its own deadline (ingest), so a slow feed holds one
slot, never the others' turn. Leases are renewed while polls run and released on stop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from monitor.records import FeedDef
from monitor.store import Database
from monitor.store.claims import (
    ClaimMiss,
    claim_feed,
    claim_states,
    release_leases,
    renew_leases,
)
from monitor.store.feeds import FeedStatus, sync_feeds

log = logging.getLogger(__name__)


class _SkippedRunFilter(logging.Filter):
    """A job still running at its next fire time is expected here (a slow poll, or one
    waiting for a slot): it polls again itself when due. APScheduler's warning for every
    such skip would flood the log under load, so it is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances" not in record.getMessage()


logging.getLogger("apscheduler.scheduler").addFilter(_SkippedRunFilter())

Clock = Callable[[], datetime]
# A small step past a lease's end, so that the claim made then finds it expired.
_AFTER_LEASE = timedelta(milliseconds=20)
# A feed due again sooner than this after a run is polled again in the same run.
_CATCH_UP_S = 0.05


class Report(Protocol):
    """What the scheduler reads of a poll's report."""

    @property
    def next_poll_at(self) -> datetime | None: ...


Poll = Callable[[FeedDef, FeedStatus], Awaitable[Report]]
OnPoll = Callable[[FeedDef, Report], None]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class SchedulerOptions:
    owner: str  # this worker's name in leases: host:pid
    lease: timedelta = timedelta(seconds=150)
    concurrency: int = 32
    stop_grace_s: float = 20.0

    @property
    def renew_every_s(self) -> float:
        # Three renewals per lease: a late one or two still keep the feed.
        return max(self.lease.total_seconds() / 3, 0.2)


class FeedScheduler:
    """Runs the per-feed jobs of one worker; `update` follows the feed registry."""

    def __init__(
        self,
        db: Database,
        poll: Poll,
        options: SchedulerOptions,
        *,
        clock: Clock = utcnow,
        on_poll: OnPoll | None = None,
    ):
        self.db = db
        self.options = options
        self.clock = clock
        self._poll = poll
        self._on_poll = on_poll
        self._feeds: dict[str, FeedDef] = {}
        self._slots = asyncio.Semaphore(options.concurrency)
        self._running: dict[str, asyncio.Task[None]] = {}  # feed -> job run holding a slot
        self._polling: set[str] = set()  # feeds leased and being polled now
        self._stopping = False
        self._aps = AsyncIOScheduler(timezone=UTC)
        self._renewer: asyncio.Task[None] | None = None
        self.polls = 0
        self.runs = 0
        self.last_run_ok = True  # whether the last job run got through (claim, record)

    # -- the feed list ---------------------------------------------------------

    def start(self, feeds: Sequence[FeedDef]) -> None:
        self._aps.start()
        self.update(feeds)
        self._renewer = asyncio.create_task(self._renew_loop())

    def update(self, feeds: Sequence[FeedDef]) -> None:
        """Add, remove and reschedule jobs so that they match `feeds` (enabled ones)."""
        wanted = {f.name: f for f in feeds if f.enabled}
        added = [f for n, f in wanted.items() if n not in self._feeds]
        now = self.clock()
        if added:
            sync_feeds(self.db, added, now)
        stored = claim_states(self.db, [f.name for f in added]) if added else {}
        for name in set(self._feeds) - set(wanted):
            del self._feeds[name]
            with contextlib.suppress(JobLookupError):
                self._aps.remove_job(name)
        for name, feed in wanted.items():
            old = self._feeds.get(name)
            self._feeds[name] = feed
            if old is None:
                self._aps.add_job(
                    self._run,
                    IntervalTrigger(seconds=feed.interval_s, timezone=UTC),
                    args=[name],
                    id=name,
                    name=f"poll {name}",
                    next_run_time=self._first_run(feed, stored.get(name), now),
                    max_instances=1,  # never two runs of one feed in this worker
                    coalesce=True,
                    misfire_grace_time=None,  # a late run still runs, once
                )
            elif old != feed:
                # New interval or URL: take it from now; the stored due time decides.
                self._aps.reschedule_job(
                    name, trigger=IntervalTrigger(seconds=feed.interval_s, timezone=UTC)
                )
                self._move(name, self.clock())

    @property
    def feeds(self) -> list[str]:
        return sorted(self._feeds)

    def next_run(self, name: str) -> datetime | None:
        job = self._aps.get_job(name)
        return job.next_run_time if job is not None else None

    # -- one job run -----------------------------------------------------------

    async def _run(self, name: str) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._running[name] = task
        try:
            while True:
                async with self._slots:
                    feed = self._feeds.get(name)
                    if self._stopping or feed is None:
                        return
                    when = await self._claim_and_poll(feed)
                wait = (when - self.clock()).total_seconds()
                if wait > _CATCH_UP_S:
                    self._move(name, when)
                    break
                # Due again already (a poll longer than the interval): poll again in this
                # run. Moving the job to now would be skipped by max_instances=1, as
                # APScheduler still counts this run as running.
                await asyncio.sleep(max(wait, 0))
            self.last_run_ok = True
        except Exception:
            # A database hiccup must not end the job; it runs again at its interval.
            log.exception("scheduled poll failed", extra={"feed": name})
            self.last_run_ok = False
        finally:
            self._running.pop(name, None)
            self.runs += 1

    async def _claim_and_poll(self, feed: FeedDef) -> datetime:
        """Claim and poll the feed if due; return when to look at it next."""
        lease = self.options.lease
        now = self.clock()
        got = await asyncio.to_thread(
            claim_feed, self.db, feed.name, now=now, owner=self.options.owner, lease=lease
        )
        if isinstance(got, ClaimMiss):
            if not got.known:
                sync_feeds(self.db, [feed], now)
            return self._when_free(feed, got, now)
        self._polling.add(feed.name)
        try:
            report = await self._poll(feed, got)
        finally:
            self._polling.discard(feed.name)
        self.polls += 1
        if self._on_poll is not None:
            self._on_poll(feed, report)
        return report.next_poll_at or self.clock() + timedelta(seconds=feed.interval_s)

    def _first_run(self, feed: FeedDef, stored: ClaimMiss | None, now: datetime) -> datetime:
        """Due now when the database says so; else when it will be (a restart does not
        poll every feed at once)."""
        if stored is None or stored.disabled:
            return now
        free = stored.lease_until is None or stored.lease_until < now
        if free and (stored.next_poll_at is None or stored.next_poll_at <= now):
            return now
        return self._when_free(feed, stored, now)

    def _when_free(self, feed: FeedDef, miss: ClaimMiss, now: datetime) -> datetime:
        step = timedelta(seconds=feed.interval_s)
        if not miss.known:
            return now + timedelta(seconds=1)
        if miss.disabled:
            return now + step  # `monitor feeds --enable` may bring it back
        if miss.lease_until is not None and miss.lease_until >= now:
            # Another worker polls it: due again an interval on, unless that worker dies.
            due = miss.next_poll_at or now
            return min(miss.lease_until + _AFTER_LEASE, max(due, now) + step)
        if miss.next_poll_at is not None and miss.next_poll_at > now:
            return miss.next_poll_at
        return now + step

    def _move(self, name: str, when: datetime) -> None:
        if self._stopping or name not in self._feeds:
            return
        with contextlib.suppress(JobLookupError):
            self._aps.modify_job(name, next_run_time=max(when, self.clock()))

    # -- leases ------------------------------------------------------------------

    async def _renew_loop(self) -> None:
        every = self.options.renew_every_s
        while True:
            await asyncio.sleep(every)
            names = sorted(self._polling)
            if not names:
                continue
            try:
                await asyncio.to_thread(
                    renew_leases,
                    self.db,
                    names,
                    owner=self.options.owner,
                    until=self.clock() + self.options.lease,
                )
            except Exception:
                log.exception("lease renewal failed")

    # -- stopping ----------------------------------------------------------------

    async def stop(self, grace_s: float | None = None) -> int:
        """Let polls in flight finish within the grace period, cancel the rest, and
        release every feed lease this worker holds. Returns how many were cancelled."""
        grace = self.options.stop_grace_s if grace_s is None else grace_s
        self._stopping = True
        self._aps.pause()  # no new runs; the ones in flight keep going
        running = list(self._running.values())
        _done, pending = await asyncio.wait(running, timeout=grace) if running else (set(), set())
        if pending:
            log.warning("stop: cancelling polls still running", extra={"polls": len(pending)})
        # Cancels what is still running (APScheduler's executor holds those tasks).
        self._aps.shutdown(wait=False)
        for task in pending:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        if self._renewer is not None:
            self._renewer.cancel()
            await asyncio.gather(self._renewer, return_exceptions=True)
        released = await asyncio.to_thread(release_leases, self.db, owner=self.options.owner)
        if released:
            log.info("stop: released feed leases", extra={"feeds": released})
        return len(pending)
