"""The feed scheduler: one loop per worker claims due feeds in batches and polls them.

The database holds every feed's due time. The loop leases the feeds due now, longest
due first, with one indexed UPDATE ... RETURNING per batch (SKIP LOCKED on PostgreSQL,
monitor.store.claims), as many as there are free poll slots; polls them concurrently,
bounded by `concurrency` (requests per host are bounded by the fetcher); and sleeps
until the next feed is due, a slot frees while more are due, or the feed list changes.
Only the worker holding a lease polls a feed, so several workers on one database never
poll a feed twice per interval, and a crashed worker's feeds are claimed by another when
its leases run out.

Polls' outcomes (the feed's next due time, validators, errors) are recorded in batches,
with the next claim, in one trip to the database; a feed keeps its lease until then.
Leases are renewed while polls run (`renew`, which the service runs periodically) and
released on stop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol
from urllib.parse import urlsplit

from monitor.records import FeedDef
from monitor.store import Database
from monitor.store.claims import (
    FeedClaim,
    claim_due,
    next_claimable,
    release_leases,
    renew_leases,
    stored_feed_names,
)
from monitor.store.feeds import PollOutcome, record_polls, sync_feeds

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
# A small step past a lease's end, so that the claim made then finds it expired.
_AFTER_LEASE = timedelta(milliseconds=20)
_RETRY_SOON = timedelta(milliseconds=50)


class Report(Protocol):
    """What the scheduler reads of a poll's report."""

    @property
    def next_poll_at(self) -> datetime | None: ...

    @property
    def outcome(self) -> PollOutcome | None: ...  # to record (None: recorded already)


Poll = Callable[[FeedDef, FeedClaim], Awaitable[Report]]
OnPoll = Callable[[FeedDef, Report], None]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class SchedulerOptions:
    owner: str  # this worker's name in leases: host:pid
    lease: timedelta = timedelta(seconds=150)
    concurrency: int = 32
    stop_grace_s: float = 20.0
    batch: int = 500  # most feeds leased by one claim
    idle_s: float = 2.0  # longest sleep: feeds enabled or polled by hand come back then
    record_every_s: float = 0.25  # outcomes wait at most this long to be recorded
    per_host: int | None = None  # polls of one host at a time (None: no limit here)

    @property
    def renew_every_s(self) -> float:
        # Three renewals per lease: a late one or two still keep the feed.
        return max(self.lease.total_seconds() / 3, 0.2)

    @property
    def min_batch(self) -> int:
        # While more feeds are due, claim when this many slots are free (or soon after
        # the first one frees): fewer, larger claims.
        return max(1, min(self.concurrency // 4, self.batch))


class FeedScheduler:
    """Claims and polls this worker's due feeds; `update` follows the feed registry."""

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
        self._foreign: set[str] = set()  # stored feeds this worker does not poll
        self._tasks: dict[str, asyncio.Task[None]] = {}  # feed -> its poll in flight
        self._outcomes: list[tuple[str, PollOutcome]] = []  # polled, not yet recorded
        self._release: list[str] = []  # claimed but not polled: give back
        self._wake_at = clock()  # when the next feed may be claimed
        self._record_at: datetime | None = None  # when the oldest outcome must be recorded
        self._backlog = True  # the last claim was full: more feeds may be due now
        self._kick = asyncio.Event()
        self._hosts = _HostGate(options.per_host)
        self._stopping = False
        self._loop_task: asyncio.Task[None] | None = None
        self.polls = 0
        self.runs = 0  # trips to the database (record and claim)
        self.last_run_ok = True  # whether the last trip got through

    # -- the feed list ---------------------------------------------------------

    def start(self, feeds: Sequence[FeedDef], *, synced: bool = False) -> None:
        """Start polling `feeds`; `synced`: their state rows are in step already."""
        self.update(feeds, sync=not synced)
        self._loop_task = asyncio.create_task(self._loop())

    def update(self, feeds: Sequence[FeedDef], *, sync: bool = True) -> None:
        """Follow the feed list: new and changed feeds are synced (due now if new)."""
        wanted = {f.name: f for f in feeds if f.enabled}
        changed = [f for n, f in wanted.items() if self._feeds.get(n) != f]
        if changed and sync:
            sync_feeds(self.db, changed, self.clock())
        self._feeds = wanted
        self._foreign = stored_feed_names(self.db) - set(wanted)
        self._wake_at = self.clock()
        self._backlog = True
        self._kick.set()

    @property
    def feeds(self) -> list[str]:
        return sorted(self._feeds)

    # -- the claim loop ----------------------------------------------------------

    def _free(self) -> int:
        return self.options.concurrency - len(self._tasks)

    def _wait_s(self) -> float:
        """How long until the next trip to the database (0: now)."""
        now = self.clock()
        free = self._free()
        waits = [self.options.idle_s]
        if free > 0:
            if self._backlog:
                waits.append(0.0 if free >= self.options.min_batch else 0.05)
            else:
                waits.append((self._wake_at - now).total_seconds())
        if self._record_at is not None:
            waits.append((self._record_at - now).total_seconds())
        if self._release:
            waits.append(0.0)
        return max(min(waits), 0.0)

    async def _loop(self) -> None:
        while not self._stopping:
            wait = self._wait_s()
            if wait > 0:
                self._kick.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._kick.wait(), wait)
                if self._stopping or self._wait_s() > 0:
                    continue
            await self._trip()

    async def _trip(self) -> None:
        """Record what was polled, give back what will not be, claim what is due."""
        outcomes, self._outcomes, self._record_at = self._outcomes, [], None
        release, self._release = self._release, []
        now = self.clock()
        due = self._backlog or now >= self._wake_at
        want = min(self._free(), self.options.batch) if due else 0
        try:
            claimed, wake = await asyncio.to_thread(self._trip_sync, outcomes, release, want, now)
        except Exception:
            # A database hiccup must not end the loop: keep what to record, retry soon.
            log.exception("feed claim failed")
            self._outcomes[:0] = outcomes
            self._release[:0] = release
            self._record_at = self.clock() + timedelta(seconds=1) if self._outcomes else None
            self._wake_at = self.clock() + timedelta(seconds=1)
            self._backlog = False
            self.last_run_ok = False
            return
        finally:
            self.runs += 1
        self.last_run_ok = True
        if want:
            self._backlog = len(claimed) >= want
            self._wake_at = now if self._backlog else min(wake or _FAR, now + _IDLE_CAP)
        for claim in claimed:
            self._start_poll(claim)

    def _trip_sync(
        self,
        outcomes: list[tuple[str, PollOutcome]],
        release: list[str],
        want: int,
        now: datetime,
    ) -> tuple[list[FeedClaim], datetime | None]:
        record_polls(self.db, outcomes)
        owner = self.options.owner
        if release:
            release_leases(self.db, owner=owner, names=release)
        if want <= 0:
            return [], None
        claimed = claim_due(
            self.db,
            None,
            now=now,
            owner=owner,
            lease=self.options.lease,
            limit=want,
            exclude=self._foreign,
        )
        if len(claimed) >= want:
            return claimed, None
        wake = next_claimable(self.db, now=now, owner=owner, exclude=self._foreign)
        if wake is not None:
            # Past a lease's end, so that the claim then finds it free; a feed due now
            # but not claimed is being claimed by another worker: look again soon.
            wake = max(wake + _AFTER_LEASE, now + _RETRY_SOON)
        return claimed, wake

    # -- one poll ----------------------------------------------------------------

    def _start_poll(self, claim: FeedClaim) -> None:
        if claim.name in self._tasks:  # polled already (a lease renewed too late)
            return
        feed = self._feeds.get(claim.name)
        if feed is None:  # removed from the feed list meanwhile
            self._release.append(claim.name)
            return
        self._tasks[claim.name] = asyncio.create_task(self._run(feed, claim))

    async def _run(self, feed: FeedDef, claim: FeedClaim) -> None:
        try:
            async with self._hosts.slot(claim.url or feed.url):
                if self._stopping:  # not started: stop releases its lease
                    return
                report = await self._poll(feed, claim)
        except Exception:
            # The ingest flow records its own failures; this is a bug: free the feed.
            log.exception("scheduled poll failed", extra={"feed": feed.name})
            self._release.append(feed.name)
            return
        finally:
            self._tasks.pop(feed.name, None)
            self._kick.set()
        self.polls += 1
        if report.outcome is not None:
            self._outcomes.append((feed.name, report.outcome))
            if self._record_at is None:
                self._record_at = self.clock() + timedelta(seconds=self.options.record_every_s)
        if report.next_poll_at is not None and report.next_poll_at < self._wake_at:
            self._wake_at = report.next_poll_at
        if self._on_poll is not None:
            self._on_poll(feed, report)

    # -- leases ------------------------------------------------------------------

    def _held(self) -> list[str]:
        return sorted({*self._tasks, *(name for name, _o in self._outcomes)})

    async def renew(self) -> None:
        """Extend the leases of the feeds this worker is polling or has yet to record; the
        service runs this every `options.renew_every_s` (monitor.housekeeping), until
        `stop` has returned."""
        names = self._held()
        if not names:
            return
        try:
            await asyncio.to_thread(
                renew_leases,
                self.db,
                names,
                owner=self.options.owner,
                until=self.clock() + self.options.lease,
            )
        except Exception:
            log.exception("lease renewal failed")  # the next run retries

    # -- stopping ----------------------------------------------------------------

    async def stop(self, grace_s: float | None = None) -> int:
        """Let polls in flight finish within the grace period, cancel the rest, record
        what was polled and release every feed lease this worker holds. Returns how many
        polls were cancelled."""
        grace = self.options.stop_grace_s if grace_s is None else grace_s
        self._stopping = True
        self._kick.set()
        if self._loop_task is not None:
            await asyncio.gather(self._loop_task, return_exceptions=True)
        running = list(self._tasks.values())
        _done, pending = await asyncio.wait(running, timeout=grace) if running else (set(), set())
        if pending:
            log.warning("stop: cancelling polls still running", extra={"polls": len(pending)})
        for task in pending:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        outcomes, self._outcomes = self._outcomes, []
        try:
            await asyncio.to_thread(record_polls, self.db, outcomes)
        except Exception:
            log.exception("stop: recording polls failed")  # their leases run out
        released = await asyncio.to_thread(release_leases, self.db, owner=self.options.owner)
        if released:
            log.info("stop: released feed leases", extra={"feeds": released})
        return len(pending)


class _HostGate:
    """At most `per_host` polls of one host run at a time; the others wait here, before
    the poll starts, so that a poll's start (from which its next due time counts) is
    when its host takes it, not when it was claimed."""

    def __init__(self, per_host: int | None):
        self._per_host = per_host
        self._hosts: dict[str, tuple[asyncio.Semaphore, list[int]]] = {}

    @contextlib.asynccontextmanager
    async def slot(self, url: str) -> AsyncIterator[None]:
        host = urlsplit(url).hostname
        if self._per_host is None or not host:
            yield
            return
        semaphore, users = self._hosts.setdefault(host, (asyncio.Semaphore(self._per_host), [0]))
        users[0] += 1
        try:
            async with semaphore:
                yield
        finally:
            users[0] -= 1
            if not users[0]:
                del self._hosts[host]


_IDLE_CAP = timedelta(hours=1)
_FAR = datetime.max.replace(tzinfo=UTC)
