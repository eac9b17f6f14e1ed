"""The one-pass connection pool against a real server: limits kept, sockets probed
only when a connection is handed out, hung-up connections swept."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

import httpcore
import pytest

from monitor.fetch import pool as pool_module
from monitor.fetch.pool import LinearPool
from tests.support.httpserver import HttpServer, Reply


class _Counting(httpcore.AsyncNetworkStream):
    def __init__(self, inner: httpcore.AsyncNetworkStream, probes: list[int]) -> None:
        self._inner = inner
        self._probes = probes

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            self._probes[0] += 1
        return self._inner.get_extra_info(info)


class _CountingBackend(httpcore.AnyIOBackend):
    """Counts connections opened and "has the server hung up?" probes."""

    def __init__(self) -> None:
        self.opened = 0
        self.probes = [0]

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.opened += 1
        stream = await super().connect_tcp(host, port, timeout, local_address, socket_options)
        return _Counting(stream, self.probes)


@pytest.fixture
def server() -> Any:
    with HttpServer() as s:
        s.route("/ok", Reply(body=b"ok"))
        yield s


def _pool(backend: _CountingBackend, connections: int, keepalive: int | None = None) -> LinearPool:
    return LinearPool(
        max_connections=connections,
        max_keepalive_connections=keepalive,
        keepalive_expiry=30.0,
        network_backend=backend,
    )


async def _get(pool: httpcore.AsyncConnectionPool, url: str) -> bytes:
    response = await pool.request("GET", url)
    assert response.status == 200
    return response.content


async def test_requests_beyond_the_connections_queue_and_reuse_them(server: HttpServer) -> None:
    backend = _CountingBackend()
    async with _pool(backend, connections=4) as pool:
        bodies = await asyncio.gather(*(_get(pool, server.url("/ok")) for _ in range(40)))
        assert bodies == [b"ok"] * 40
        assert backend.opened <= 4
        assert len(server.connections_seen) == backend.opened
        assert all(c.is_idle() for c in pool.connections)
        # Sequential requests now take the warm connections, opening none.
        for _ in range(10):
            await _get(pool, server.url("/ok"))
        assert backend.opened <= 4


async def test_idle_connections_past_the_keepalive_limit_are_closed(server: HttpServer) -> None:
    backend = _CountingBackend()
    async with _pool(backend, connections=6, keepalive=2) as pool:
        await asyncio.gather(*(_get(pool, server.url("/ok")) for _ in range(12)))
        assert backend.opened > 2  # several were open at once
        assert len(pool.connections) <= 2


async def test_one_probe_per_reuse_not_one_per_idle_connection(
    server: HttpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool_module, "SWEEP_S", 3600.0)
    backend = _CountingBackend()
    async with _pool(backend, connections=16) as pool:
        await asyncio.gather(*(_get(pool, server.url("/ok")) for _ in range(32)))
        idle = len(pool.connections)
        assert idle > 4, idle  # many idle connections, each of which httpcore would probe
        before = backend.probes[0]
        for _ in range(20):
            await _get(pool, server.url("/ok"))
        # httpcore 1.0 probes every idle connection on each of a request's two plans.
        assert backend.probes[0] - before == 20


async def test_the_sweep_closes_connections_the_server_hung_up(
    server: HttpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pool_module, "SWEEP_S", 0.0)
    backend = _CountingBackend()
    async with _pool(backend, connections=8) as pool:
        await asyncio.gather(*(_get(pool, server.url("/ok")) for _ in range(8)))
        assert len(pool.connections) > 1
        server.drop_connections()
        await asyncio.sleep(0.2)  # the FINs arrive
        opened = backend.opened
        assert await _get(pool, server.url("/ok")) == b"ok"
        # The sweep dropped every hung-up connection; the request got a new one.
        assert backend.opened == opened + 1
        assert len(pool.connections) == 1


async def test_http2_and_proxies_are_refused() -> None:
    with pytest.raises(ValueError):
        LinearPool(http2=True)
    with pytest.raises(ValueError):
        LinearPool(proxy=httpcore.Proxy("http://127.0.0.1:1"))
