"""The service's periodic jobs run on APScheduler: at their own intervals, one run of a
job at a time, and not after the block ends."""

from __future__ import annotations

import asyncio
import time

from monitor.housekeeping import Periodic, periodic_jobs


async def test_jobs_run_at_their_intervals_and_stop_with_the_block() -> None:
    runs: dict[str, list[float]] = {"tick": [], "renew": []}
    t0 = time.monotonic()

    def job(name: str) -> Periodic:
        async def run() -> None:
            runs[name].append(time.monotonic() - t0)

        every = 0.1 if name == "tick" else 0.4
        return Periodic(name, every, run, at_start=name == "tick")

    async with periodic_jobs([job("tick"), job("renew")]):
        await asyncio.sleep(0.3)
        assert runs["tick"] and runs["tick"][0] < 0.08  # at start, not one interval on
        assert runs["renew"] == []  # its first run is one interval away
        await asyncio.sleep(0.55)
    ended = time.monotonic() - t0
    assert 6 <= len(runs["tick"]) <= 10
    assert len(runs["renew"]) in (1, 2) and runs["renew"][0] >= 0.39
    await asyncio.sleep(0.3)
    assert all(at <= ended for at in runs["tick"] + runs["renew"])


async def test_a_slow_job_never_overlaps_itself() -> None:
    running, most, starts = 0, 0, 0

    async def slow() -> None:
        nonlocal running, most, starts
        starts += 1
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.25)  # 5 intervals
        running -= 1

    async with periodic_jobs([Periodic("slow", 0.05, slow, at_start=True)]):
        await asyncio.sleep(0.8)
    assert most == 1
    assert 2 <= starts <= 4  # missed runs are skipped or folded, not queued up
