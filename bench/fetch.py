"""Fetcher throughput and CPU cost per request against a local server.

    .venv/bin/python bench/fetch.py [--requests 2000] [--repeat 3]

Issue 2 asked to "measure before and after" two httpx costs on the poll path: httpcore's
connection pool scanned every connection on each request (so max_connections 10 vs 100
cost differently), and without `sniffio` importable httpcore retried the failed import on
every request. The fetcher now hands httpx its own pool (`monitor/fetch/pool.py`), which
walks the connections once and probes only the one it hands out, so the max_connections
rows should cost about the same; the rows stay to show that. Each configuration runs in a
fresh child process (so sniffio can be hidden before httpx is imported) against a minimal
keep-alive HTTP server in another process; the figures are the median of `--repeat` runs:
requests per second (wall clock) and CPU time of the client process per request. A plain
`httpx.AsyncClient` (httpcore's own pool) is measured alongside, as the reference.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BODY = (
    b"<?xml version='1.0'?><rss version='2.0'><channel><title>bench</title>"
    + (b"<item><title>Troops</title><link>http://example.org/a</link></item>" * 12)
    + b"</channel></rss>"
)
RESPONSE = (
    b'HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nETag: "b1"\r\n'
    b"Content-Length: " + str(len(BODY)).encode() + b"\r\n\r\n" + BODY
)


# -- the server (a child process) ------------------------------------------------------


class _Answer(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        self._buffer = b""

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while (end := self._buffer.find(b"\r\n\r\n")) >= 0:
            self._buffer = self._buffer[end + 4 :]
            self._transport.write(RESPONSE)


async def _serve() -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_Answer, "127.0.0.1", 0, backlog=1024)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


# -- a client run (a child process) ----------------------------------------------------


def _hide_sniffio() -> None:
    """Make `import sniffio` fail the way it does when the package is not installed.

    The blocker first searches sys.path for a name that does not exist, so each failed
    import costs what a real miss costs, then raises ModuleNotFoundError.
    """
    import importlib.abc
    import importlib.machinery

    class Missing(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
            if name == "sniffio" or name.startswith("sniffio."):
                importlib.machinery.PathFinder.find_spec("sniffio_not_installed", None)
                raise ModuleNotFoundError(f"No module named {name!r}", name=name)
            return None

    sys.meta_path.insert(0, Missing())
    for name in [m for m in sys.modules if m == "sniffio" or m.startswith("sniffio.")]:
        del sys.modules[name]


async def _run_client(url: str, requests: int, connections: int, variant: str) -> dict[str, float]:
    import httpx

    from monitor.fetch import Fetcher, FetchSettings

    if variant == "fetcher/anyio":
        # Before the guard's own stream: every "is_readable" question goes through anyio.
        from monitor.fetch import guard

        guard._Stream = lambda stream: stream  # type: ignore[assignment,misc,return-value]
    if variant == "plain httpx":
        limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        client = httpx.AsyncClient(limits=limits)
        gate = asyncio.Semaphore(connections)

        async def one() -> int:
            async with gate:
                response = await client.get(url)
                return len(response.content)

        close = client.aclose
    else:
        settings = FetchSettings(max_connections=connections, per_host_concurrency=connections)
        fetcher = Fetcher(settings)

        async def one() -> int:
            return len((await fetcher.fetch(url, allow_private=True)).body)

        close = fetcher.aclose

    warm = await asyncio.gather(*(one() for _ in range(max(200, connections * 2))))
    assert all(n == len(BODY) for n in warm)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    sizes = await asyncio.gather(*(one() for _ in range(requests)))
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    await close()
    assert all(n == len(BODY) for n in sizes)
    return {"rps": requests / wall, "cpu_us": cpu / requests * 1e6}


# -- the driver --------------------------------------------------------------------------

CONFIGS = [
    ("fetcher", 10, True),
    ("fetcher/anyio", 10, True),
    ("fetcher", 100, True),
    ("fetcher", 10, False),
    ("fetcher", 100, False),
    ("plain httpx", 10, True),
    ("plain httpx", 100, True),
]


def _child(args: list[str]) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, timeout=300
    )
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--client", help=argparse.SUPPRESS)
    parser.add_argument("--connections", type=int, default=10, help=argparse.SUPPRESS)
    parser.add_argument("--hide-sniffio", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--variant", default="fetcher", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.serve:
        asyncio.run(_serve())
        return
    if args.client:
        if args.hide_sniffio:
            _hide_sniffio()
        result = asyncio.run(
            _run_client(args.client, args.requests, args.connections, args.variant)
        )
        # Check the run measured what it claims: sniffio loaded, or never loaded.
        assert ("sniffio" in sys.modules) != args.hide_sniffio, "sniffio state not as asked"
        print(json.dumps(result))
        return

    server = subprocess.Popen(
        [sys.executable, __file__, "--serve"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        url = f"http://127.0.0.1:{server.stdout.readline().strip()}/feed.xml"
        print(
            f"fetch bench: {args.requests} GETs per run, median of {args.repeat} runs, "
            f"{os.cpu_count()} CPUs, body {len(BODY)} B, keep-alive server in its own process"
        )
        print(f"{'client':<12} {'max_conn':>8} {'sniffio':>8} {'req/s':>9} {'CPU us/req':>11}")
        for name, connections, sniffio in CONFIGS:
            runs = []
            # At 100 connections a request costs ~10x more; fewer keep the run short.
            count = args.requests if connections <= 10 else max(connections * 4, args.requests // 4)
            for _ in range(args.repeat):
                child_args = [
                    "--client",
                    url,
                    "--requests",
                    str(count),
                    "--connections",
                    str(connections),
                ]
                if not sniffio:
                    child_args.append("--hide-sniffio")
                child_args += ["--variant", name]
                runs.append(_child(child_args))
            rps = statistics.median(r["rps"] for r in runs)
            cpu = statistics.median(r["cpu_us"] for r in runs)
            shown = "yes" if sniffio else "hidden"
            print(f"{name:<12} {connections:>8} {shown:>8} {rps:>9.0f} {cpu:>11.0f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=5)


if __name__ == "__main__":
    main()
