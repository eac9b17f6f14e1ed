"""The service's periodic jobs, on APScheduler's asyncio scheduler.

Feeds are not jobs here: one APScheduler job per feed did not scale to thousands of
feeds, so the claim loop (monitor.scheduler) leases due feeds from the database in
batches. What runs in a fixed rhythm is here: following the feed registry (the health
tick /healthz reads) and renewing the leases of the feeds being polled. APScheduler
gives each job its own interval, never runs two of one job at once and folds runs
missed while the loop was busy into one, so a slow database trip delays the next run
rather than piling runs up.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler


@dataclass(frozen=True, slots=True)
class Periodic:
    name: str
    every_s: float
    run: Callable[[], Awaitable[None]]
    at_start: bool = False  # run once now, not one interval from now


@contextlib.asynccontextmanager
async def periodic_jobs(jobs: Sequence[Periodic]) -> AsyncIterator[AsyncIOScheduler]:
    """Run `jobs` on the running event loop until the block ends; a run in flight then
    is cancelled (each job is a short trip that the next start repeats)."""
    timer = AsyncIOScheduler(timezone=UTC)
    for job in jobs:
        # next_run_time=None would add the job paused: leave it out for "one interval on".
        first = {"next_run_time": datetime.now(UTC)} if job.at_start else {}
        timer.add_job(
            job.run,
            "interval",
            seconds=job.every_s,
            id=job.name,
            name=job.name,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,  # late is better than skipped
            **first,
        )
    timer.start()
    try:
        yield timer
    finally:
        timer.shutdown(wait=False)
