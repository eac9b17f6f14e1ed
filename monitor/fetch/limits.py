"""Bounded concurrency: one global limit, a per-host limit and an optional per-host delay."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

# Hosts with no request in flight are forgotten once the table grows past this, so an
# article crawl over many sites does not keep one entry per host forever.
_PRUNE_AT = 1024


@dataclass(slots=True)
class _Host:
    semaphore: asyncio.Semaphore
    users: int = 0
    next_start: float = field(default=0.0)


class HostLimiter:
    """Hands out request slots; hold one for each request (each redirect hop)."""

    def __init__(
        self,
        *,
        total: int,
        per_host: int,
        delay_s: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._total = asyncio.Semaphore(total)
        self._per_host = per_host
        self._delay_s = delay_s
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _Host] = {}

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Wait for the host's turn (concurrency, then delay), then for a global slot.

        The host is waited on first so that requests queued behind a slow host do not
        sit on global slots that other hosts could use.
        """
        entry = self._hosts.get(host)
        if entry is None:
            if len(self._hosts) >= _PRUNE_AT:
                self._prune()
            entry = self._hosts[host] = _Host(asyncio.Semaphore(self._per_host))
        entry.users += 1
        try:
            async with entry.semaphore:
                if self._delay_s > 0:
                    now = self._clock()
                    start = max(now, entry.next_start)
                    entry.next_start = start + self._delay_s
                    if start > now:
                        await self._sleep(start - now)
                async with self._total:
                    yield
        finally:
            entry.users -= 1

    def _prune(self) -> None:
        now = self._clock()
        for host in [h for h, e in self._hosts.items() if e.users == 0 and e.next_start <= now]:
            del self._hosts[host]

    @property
    def hosts_tracked(self) -> int:
        return len(self._hosts)
