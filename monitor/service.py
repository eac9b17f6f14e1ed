"""`monitor run`: the scheduler polling feeds (and later the dispatcher and web UI) in one
asyncio process, until SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from monitor.fetch import Fetcher
from monitor.ingest import utcnow
from monitor.records import FeedDef
from monitor.runtime import Runtime
from monitor.store.feeds import sync_feeds

log = logging.getLogger(__name__)

TICK_SECONDS = 5


# A long-running part of the service (web server, alert dispatcher) that ends when
# the stop event is set.
Worker = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


@dataclass(slots=True)
class ServiceState:
    """What /healthz and the tests read about the running service."""

    started_at: datetime | None = None
    ticks: int = 0
    polls: int = 0
    last_tick_at: datetime | None = None
    last_tick_ok: bool = True
    failed: str | None = None  # why a worker ended the service, if one did


def default_workers(rt: Runtime, state: ServiceState | None = None) -> list[Worker]:
    """The alert dispatcher, and the web UI and API when enabled."""
    from monitor.alerts import run_dispatcher

    async def dispatcher(stop: asyncio.Event) -> None:
        await run_dispatcher(rt.db, rt.settings.alerts, stop=stop)

    workers: list[Worker] = [dispatcher]
    if rt.settings.web_enabled:
        from monitor.web import serve

        async def web(stop: asyncio.Event) -> None:
            await serve(rt, stop=stop, state=state)

        workers.append(web)
    return workers


async def run_service(
    rt: Runtime,
    *,
    stop: asyncio.Event | None = None,
    state: ServiceState | None = None,
    tick_seconds: float = TICK_SECONDS,
    workers: Sequence[Worker] = (),
) -> ServiceState:
    """Poll every enabled feed at its interval until `stop` is set or a signal arrives."""
    stop = stop or asyncio.Event()
    state = state or ServiceState()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread
            loop.add_signal_handler(sig, stop.set)
    feeds: list[FeedDef] = rt.feeds
    sync_feeds(rt.db, feeds, utcnow())
    owner = f"{socket.gethostname()}:{os.getpid()}"
    async with Fetcher(rt.fetch_settings()) as fetcher:
        ingestor = rt.ingestor(fetcher)
        busy = asyncio.Lock()

        async def tick() -> None:
            if busy.locked():
                return
            async with busy:
                try:
                    reports = await ingestor.poll_due(
                        feeds, owner=owner, limit=rt.settings.poll_concurrency
                    )
                    state.polls += len(reports)
                    state.last_tick_ok = True
                except Exception:
                    # A database hiccup must not end the service; the next tick retries.
                    log.exception("scheduler tick failed")
                    state.last_tick_ok = False
                state.ticks += 1
                state.last_tick_at = utcnow()

        scheduler = AsyncIOScheduler(event_loop=loop)
        scheduler.add_job(
            tick,
            "interval",
            seconds=tick_seconds,
            next_run_time=utcnow(),
            max_instances=1,
            coalesce=True,
            id="poll-due-feeds",
        )
        scheduler.start()
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
        log.info("service started", extra={"feeds": len(feeds), "database": rt.db.dialect})
        try:
            await stop.wait()
        finally:
            log.info("service stopping")
            scheduler.shutdown(wait=False)
            async with busy:  # let an in-flight poll finish and record its outcome
                pass
            # Workers watch `stop` themselves; give them a moment, then cancel.
            _done, pending = await asyncio.wait(extra, timeout=10) if extra else (set(), set())
            for task in pending:
                task.cancel()
            await asyncio.gather(*extra, return_exceptions=True)
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(sig)
    log.info("service stopped")
    return state
