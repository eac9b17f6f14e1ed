"""httpcore's connection pool, with a one-pass assignment of requests to connections.

httpcore 1.0 re-plans its pool (`_assign_requests_to_connections`) on every request
and every response close, and each plan costs O(connections^2 + queued x connections):
it counts the pool's connections again for each idle one, and asks every idle
connection whether the server hung up (a poll(2) each). At 64 connections the plans
were half of `monitor run`'s CPU (27.6 of 57 s polling 5,000 feeds). Upstream knows
(encode/httpcore#1035, open; pydantic/httpx2#974 and #1075 merged in that fork); httpx
0.28 is pinned to httpcore 1.0, so the plan is overridden here, nothing else.

The plan here walks the connections once; probes a socket only right before its
connection is handed out, and every idle one at most once per `SWEEP_S` (to close
what servers hung up); counts idle connections, not all of them, against
max_keepalive_connections; and never gives one idle connection, or one a queued
request was given already, to another request.
"""

from __future__ import annotations

import time
from typing import Any

import httpcore
from httpcore._async.interfaces import AsyncConnectionInterface

# Seconds between probes of every idle connection for a server hang-up or expiry.
SWEEP_S = 1.0


class LinearPool(httpcore.AsyncConnectionPool):
    """An HTTP/1.1 `httpcore.AsyncConnectionPool` whose plan costs O(connections)."""

    def __init__(self, **kwargs: Any) -> None:
        if kwargs.get("http2") or kwargs.get("proxy") is not None:
            # HTTP/2 multiplexing and proxies are planned differently; neither is used.
            raise ValueError("LinearPool is for direct HTTP/1.1 connections")
        super().__init__(**kwargs)
        self._swept_at = time.monotonic()

    def _assign_requests_to_connections(self) -> list[AsyncConnectionInterface]:
        closing: list[AsyncConnectionInterface] = []
        now = time.monotonic()
        sweep = now - self._swept_at >= SWEEP_S
        if sweep:
            self._swept_at = now
        # A connection given to a request that has not started on it still looks idle.
        taken = {id(r.connection) for r in self._requests if r.connection is not None}
        kept: list[AsyncConnectionInterface] = []
        idle: list[AsyncConnectionInterface] = []  # not taken, oldest first
        for connection in self._connections:
            if connection.is_closed():
                continue
            if id(connection) not in taken and connection.is_idle():
                if sweep and connection.has_expired():
                    closing.append(connection)
                    continue
                idle.append(connection)
            kept.append(connection)
        while len(idle) > self._max_keepalive_connections:
            surplus = idle.pop(0)
            kept.remove(surplus)
            closing.append(surplus)

        for request in self._requests:
            if not request.is_queued():
                continue
            origin = request.request.url.origin
            chosen = self._reusable(idle, origin, kept, closing)
            if chosen is None:
                if len(kept) >= self._max_connections:
                    if not idle:
                        continue  # stays queued until a connection frees
                    oldest = idle.pop(0)
                    kept.remove(oldest)
                    closing.append(oldest)
                chosen = self.create_connection(origin)
                kept.append(chosen)
            request.assign_to_connection(chosen)
        self._connections = kept
        return closing

    @staticmethod
    def _reusable(
        idle: list[AsyncConnectionInterface],
        origin: httpcore.Origin,
        kept: list[AsyncConnectionInterface],
        closing: list[AsyncConnectionInterface],
    ) -> AsyncConnectionInterface | None:
        """Take the first idle connection to `origin` the server has not closed."""
        i = 0
        while i < len(idle):
            connection = idle[i]
            if not connection.can_handle_request(origin):
                i += 1
                continue
            del idle[i]
            if not connection.has_expired():  # the one probe a reuse needs
                return connection
            kept.remove(connection)
            closing.append(connection)
        return None

    async def _close_connections(self, closing: list[AsyncConnectionInterface]) -> None:
        if closing:  # httpcore opens an anyio shield even for nothing to close
            await super()._close_connections(closing)
