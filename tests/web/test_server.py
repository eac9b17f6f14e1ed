"""serve(): a real uvicorn on 127.0.0.1 inside the caller's loop, beside the service."""

from __future__ import annotations

import asyncio
import socket
from dataclasses import replace

import httpx
import pytest

from monitor.errors import ConfigError
from monitor.runstate import FeedRegistry, ServiceState
from monitor.service import run_service
from monitor.web import serve
from monitor.web.server import bind
from tests.web.archive import Archive


async def wait_until_up(url: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=2) as c:
        for _ in range(100):
            try:
                return await c.get(url)
            except httpx.TransportError:
                await asyncio.sleep(0.05)
    raise AssertionError(f"{url} never answered")


async def test_serves_beside_the_scheduler_and_stops_with_it(fresh: Archive) -> None:
    fresh.rt = replace(fresh.rt, feeds=FeedRegistry())  # nothing to poll: the scheduler just ticks
    sock = bind("127.0.0.1", 0)
    port = sock.getsockname()[1]
    stop = asyncio.Event()
    state = ServiceState()
    service = asyncio.create_task(run_service(fresh.rt, stop=stop, state=state))
    web = asyncio.create_task(serve(fresh.rt, stop=stop, state=state, sock=sock))
    try:
        r = await wait_until_up(f"http://127.0.0.1:{port}/healthz")
        assert r.status_code == 200
        for _ in range(100):
            if state.ticks:
                break
            await asyncio.sleep(0.05)
        health = (await wait_until_up(f"http://127.0.0.1:{port}/healthz")).json()
        assert health["scheduler"]["ticks"] >= 1 and health["scheduler"]["alive"]
        page = await wait_until_up(f"http://127.0.0.1:{port}/")
        assert "Finland" in page.text
    finally:
        stop.set()
        await asyncio.wait_for(asyncio.gather(service, web), timeout=10)
    with pytest.raises(httpx.TransportError):
        async with httpx.AsyncClient(timeout=1) as c:
            await c.get(f"http://127.0.0.1:{port}/healthz")


async def test_serve_binds_the_configured_address(fresh: Archive) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    fresh.rt = replace(fresh.rt, settings=fresh.rt.settings.model_copy(update={"web_port": port}))
    stop = asyncio.Event()
    task = asyncio.create_task(serve(fresh.rt, stop=stop))
    try:
        assert (await wait_until_up(f"http://127.0.0.1:{port}/api/feeds")).status_code == 200
    finally:
        stop.set()
        await asyncio.wait_for(task, timeout=10)


def test_a_taken_port_is_a_config_error_not_an_exit() -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        with pytest.raises(ConfigError, match=r"cannot listen on 127\.0\.0\.1"):
            bind("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()
