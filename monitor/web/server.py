"""Serve the web app with uvicorn inside the caller's event loop until `stop` is set."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Iterator

import uvicorn

from monitor.errors import ConfigError
from monitor.runstate import Runtime, ServiceState
from monitor.web.app import create_app
from monitor.web.auth import check_exposure

log = logging.getLogger(__name__)


class _Server(uvicorn.Server):
    """uvicorn without its signal handlers: the service owns SIGINT and SIGTERM."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def bind(host: str, port: int) -> socket.socket:
    """A listening-ready TCP socket; ConfigError naming the address when it is taken.

    Bound here rather than by uvicorn, which would exit the process on failure.
    """
    try:
        family, kind, proto, _, addr = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc}", key="web_host") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(addr)
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc}", key="web_port") from None
    return sock


async def serve(
    rt: Runtime,
    *,
    stop: asyncio.Event,
    state: ServiceState | None = None,
    sock: socket.socket | None = None,
) -> None:
    """Answer HTTP on settings.web_host:web_port (or on `sock`) until `stop` is set."""
    check_exposure(rt.settings, rt.db)
    own = sock is None
    if sock is None:
        sock = bind(rt.settings.web_host, rt.settings.web_port)
    config = uvicorn.Config(
        create_app(rt, state),
        log_config=None,  # the monitor's logging setup stays in charge
        access_log=False,
        lifespan="off",
        server_header=False,
    )
    server = _Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    stopper = asyncio.create_task(stop.wait())
    host, port = sock.getsockname()[:2]
    log.info("web server listening", extra={"host": host, "port": port})
    try:
        await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        server.should_exit = True
        stopper.cancel()
        try:
            await task
        finally:
            if own:
                sock.close()
    log.info("web server stopped")
