"""`monitor run`: the scheduler polling feeds, beside the workers monitor.wiring builds
(alert dispatcher, web UI), in one asyncio process, until SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
from collections.abc import Callable, Coroutine, Sequence
from datetime import timedelta
from typing import Any

from monitor.housekeeping import Periodic, periodic_jobs
from monitor.ingest import PollReport, utcnow
from monitor.records import FeedDef
from monitor.runstate import Runtime, ServiceState
from monitor.scheduler import FeedScheduler, Report, SchedulerOptions
from monitor.store.claims import FeedClaim
from monitor.store.feeds import sync_feeds

log = logging.getLogger(__name__)

REGISTRY_CHECK_S = 1.0  # how soon a feed added while running is polled
REGISTRY_JOB = "feed registry"


# A long-running part of the service (web server, alert dispatcher) that ends when
# the stop event is set.
Worker = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


def _count(state: ServiceState, report: Report) -> None:
    state.polls += 1
    if isinstance(report, PollReport):  # what the track flow decided reaches /metrics
        state.events += report.events
        state.alerts_queued += report.alerts_queued
        state.held_back += report.held_back


async def run_service(
    rt: Runtime,
    *,
    stop: asyncio.Event | None = None,
    state: ServiceState | None = None,
    workers: Sequence[Worker] = (),
) -> ServiceState:
    """Poll every enabled feed at its interval until `stop` is set or a signal arrives.

    On stop (SIGTERM, SIGINT) polls and workers in flight get `scheduler.stop_grace_s` to
    finish; what still runs then is cancelled and its leases released.
    """
    stop = stop or asyncio.Event()
    state = state or ServiceState()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread
            loop.add_signal_handler(sig, stop.set)
    sync_feeds(rt.db, list(rt.feeds), utcnow())
    cfg = rt.settings.scheduler
    options = SchedulerOptions(
        owner=f"{socket.gethostname()}:{os.getpid()}",
        lease=timedelta(seconds=cfg.feed_lease_s),
        concurrency=rt.settings.poll_concurrency,
        stop_grace_s=cfg.stop_grace_s,
        per_host=rt.settings.fetch.per_host_concurrency,
    )
    async with rt.fetcher() as fetcher:
        ingestor = rt.ingestor(fetcher)

        def polled(_feed: FeedDef, report: Report) -> None:
            _count(state, report)

        async def poll(feed: FeedDef, claim: FeedClaim) -> PollReport:
            # The scheduler records outcomes in batches, with its next claim.
            return await ingestor.poll(feed, claim, record=False)

        scheduler = FeedScheduler(rt.db, poll, options, on_poll=polled)
        scheduler.start(list(rt.feeds), synced=True)  # synced above
        state.started_at = utcnow()

        async def guarded(worker: Worker) -> None:
            try:
                await worker(stop)
            except Exception as exc:
                # A worker that cannot run (port taken, bad channel config) stops the
                # service with its reason rather than leaving it half alive.
                log.exception("service worker failed")
                state.failed = str(exc)
                stop.set()

        extra = [asyncio.create_task(guarded(w)) for w in workers]
        log.info("service started", extra={"feeds": len(rt.feeds), "database": rt.db.dialect})
        jobs = (
            Periodic(REGISTRY_JOB, REGISTRY_CHECK_S, _registry_check(rt, scheduler, state), True),
            Periodic("lease renewal", options.renew_every_s, scheduler.renew),
        )
        async with periodic_jobs(jobs) as timer:
            try:
                await stop.wait()
            finally:
                log.info("service stopping")
                timer.remove_job(REGISTRY_JOB)  # leases are still renewed while polls finish
                await asyncio.gather(
                    scheduler.stop(cfg.stop_grace_s), _finish(extra, cfg.stop_grace_s)
                )
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(sig)
    log.info("service stopped")
    return state


def _registry_check(
    rt: Runtime, scheduler: FeedScheduler, state: ServiceState
) -> Callable[[], Coroutine[Any, Any, None]]:
    """One tick: keep the scheduler in step with the feed list (the web UI adds feeds).
    /healthz reads the scheduler as alive while ticks come and its trips succeed."""
    seen = rt.feeds.all()

    async def check() -> None:
        nonlocal seen
        try:
            if rt.feeds.all() != seen:  # a snapshot of the registry
                seen = rt.feeds.all()
                scheduler.update(list(seen))
            state.last_tick_ok = scheduler.last_run_ok
        except Exception:
            # A database hiccup must not end the service; the next tick retries.
            log.exception("feed registry update failed")
            state.last_tick_ok = False
        state.ticks += 1
        state.last_tick_at = utcnow()

    return check


async def _finish(tasks: list[asyncio.Task[None]], grace_s: float) -> None:
    """Workers watch `stop` themselves; give them the grace period, then cancel."""
    if not tasks:
        return
    _done, pending = await asyncio.wait(tasks, timeout=grace_s)
    for task in pending:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
