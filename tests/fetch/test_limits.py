"""Host limiter: per-host and global concurrency bounds, per-host spacing of starts."""

from __future__ import annotations

import asyncio
from collections import Counter

from monitor.fetch.limits import HostLimiter


async def test_per_host_and_global_bounds_hold() -> None:
    limiter = HostLimiter(total=3, per_host=2)
    in_flight: Counter[str] = Counter()
    peak_host: Counter[str] = Counter()
    peak_total = 0

    async def request(host: str) -> None:
        nonlocal peak_total
        async with limiter.slot(host):
            in_flight[host] += 1
            peak_host[host] = max(peak_host[host], in_flight[host])
            peak_total = max(peak_total, sum(in_flight.values()))
            await asyncio.sleep(0.01)
            in_flight[host] -= 1

    await asyncio.gather(*(request(h) for h in ["a"] * 6 + ["b"] * 6 + ["c"] * 3))
    assert peak_host["a"] == 2 and peak_host["b"] == 2
    assert peak_total == 3


async def test_per_host_delay_spaces_request_starts() -> None:
    now = 100.0
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    limiter = HostLimiter(total=10, per_host=5, delay_s=2.0, clock=lambda: now, sleep=fake_sleep)
    for _ in range(3):
        async with limiter.slot("a"):
            pass
    async with limiter.slot("b"):  # another host does not wait for "a"
        pass
    assert slept == [2.0, 4.0]


async def test_idle_hosts_are_forgotten_when_the_table_grows() -> None:
    limiter = HostLimiter(total=10, per_host=1)
    for i in range(1100):
        async with limiter.slot(f"host{i}.example"):
            pass
    assert limiter.hosts_tracked < 1100
