"""Where a 304 poll's CPU goes, layer by layer: the poll path, the fetcher, bare httpx.

    .venv/bin/python bench/poll_breakdown.py [--feeds 200] [--rounds 10]

The three clients of bench/ingest_cpu.py poll (with the service's default limits) poll
`--feeds` feeds answered 304 by bench/loadserver.py, `--rounds` times per run:
`Ingestor.poll_due` (claim, conditional GET, record; SQLite), `Fetcher.fetch` alone, and
a bare `httpx.AsyncClient`. Each is measured unprofiled `--repeat` times, interleaved
(CPU microseconds per poll, median: the figure that counts), then once under cProfile
with a CPU clock, whose own time per function is summed by layer (the package a
function belongs to; system calls apart) and scaled to the unprofiled figure. Profiling
inflates call-heavy code more than system calls, so the layers are an apportionment,
not a measurement; the totals are measured.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from ingest_cpu import load_server  # noqa: E402

_SYSCALLS = ("send", "recv", "poll", "select", "epoll", "connect", "sendall", "execute")
_LAYERS = (
    ("monitor/fetch/pool.py", "pool plan (ours)"),
    ("monitor/fetch/", "fetcher (monitor.fetch)"),
    ("monitor/", "poll flow (ingest, store)"),
    ("/httpx/", "httpx"),
    ("/httpcore/", "httpcore"),
    ("/h11/", "h11"),
    ("/anyio/", "anyio, sniffio"),
    ("/sniffio/", "anyio, sniffio"),
    ("/sqlalchemy/", "SQLAlchemy"),
    ("/asyncio/", "asyncio loop"),
    ("selectors.py", "asyncio loop"),
)


def _layer(filename: str, name: str) -> str:
    if filename == "~":  # a built-in: a system call, or C code called from Python
        return "system calls" if any(s in name for s in _SYSCALLS) else "built-ins"
    for marker, layer in _LAYERS:
        if marker in filename:
            return layer
    return "other stdlib"


def _by_layer(profile: cProfile.Profile) -> dict[str, float]:
    stats = pstats.Stats(profile)
    out: dict[str, float] = defaultdict(float)
    for (filename, _line, name), row in stats.stats.items():  # type: ignore[attr-defined]
        out[_layer(filename, name)] += row[2]  # own time
    return out


async def _cpu_per_poll(work: Callable[[], Awaitable[Any]], polls: int, rounds: int) -> float:
    cpu = time.process_time()
    for _ in range(rounds):
        await work()
    return (time.process_time() - cpu) / (polls * rounds) * 1e6


async def _profiled(work: Callable[[], Awaitable[Any]], rounds: int) -> dict[str, float]:
    """Share of each layer in the work's CPU time (sums to 1)."""
    profile = cProfile.Profile(time.process_time)
    profile.enable()
    for _ in range(rounds):
        await work()
    profile.disable()
    layers = _by_layer(profile)
    total = sum(layers.values())
    return {k: v / total for k, v in layers.items()}


async def breakdown(n: int, rounds: int, repeat: int) -> dict[str, tuple[float, dict[str, float]]]:
    import httpx
    from sqlalchemy import update

    from monitor.fetch import Fetcher, FetchSettings
    from monitor.fetch.addresses import feed_allow_list
    from monitor.ingest import Ingestor
    from monitor.records import FeedDef, FeedKind
    from monitor.store import open_database
    from monitor.store.feeds import sync_feeds
    from monitor.store.models import FeedState

    settings = FetchSettings()
    out = {}
    with load_server(1) as base, tempfile.TemporaryDirectory() as tmp:
        feeds = [
            FeedDef(f"f{k}", f"{base}/c/{k}.xml", FeedKind.RSS, allow_private=True)
            for k in range(n)
        ]
        db = open_database(f"sqlite:///{tmp}/poll.db")
        sync_feeds(db, feeds, datetime.now(UTC))
        with db.engine.begin() as conn:
            conn.execute(update(FeedState).values(etag='"v1"'))
        limits = httpx.Limits(
            max_connections=settings.max_connections,
            max_keepalive_connections=settings.max_connections,
        )
        async with (
            Fetcher(settings) as fetcher,
            httpx.AsyncClient(limits=limits, timeout=30) as client,
        ):
            ing = Ingestor(db, fetcher)
            allow = feed_allow_list(feeds[0])
            gate = asyncio.Semaphore(settings.max_connections)

            async def bare(url: str) -> int:
                async with gate:
                    response = await client.get(url, headers={"If-None-Match": '"v1"'})
                    return response.status_code

            async def poll_path() -> None:
                reports = await ing.poll_due(feeds, owner="bench", limit=n, force=True)
                assert all(r.not_modified for r in reports), reports[0]

            async def fetcher_only() -> None:
                results = await asyncio.gather(
                    *(fetcher.fetch(f.url, etag='"v1"', allow=allow) for f in feeds)
                )
                assert all(r.not_modified for r in results)

            async def httpx_only() -> None:
                codes = await asyncio.gather(*(bare(f.url) for f in feeds))
                assert set(codes) == {304}, codes[:3]

            clients = {"poll path": poll_path, "fetcher": fetcher_only, "bare httpx": httpx_only}
            for work in clients.values():
                await work()  # warm pools and caches
            measured: dict[str, list[float]] = {name: [] for name in clients}
            for _ in range(repeat):  # interleaved, so load drifts hit all three alike
                for name, work in clients.items():
                    measured[name].append(await _cpu_per_poll(work, n, rounds))
            for name, work in clients.items():
                per_poll = statistics.median(measured[name])
                shares = await _profiled(work, rounds)
                out[name] = (per_poll, {k: v * per_poll for k, v in shares.items()})
        db.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3, help="unprofiled runs (median)")
    args = parser.parse_args()
    got = asyncio.run(breakdown(args.feeds, args.rounds, args.repeat))
    names = list(got)
    layers = sorted(
        {k for _t, parts in got.values() for k in parts}, key=lambda k: -got[names[0]][1].get(k, 0)
    )
    print(
        f"304 poll, CPU us per poll ({args.feeds} feeds x {args.rounds} rounds, median of "
        f"{args.repeat}; layers apportioned by a CPU-clock profile)"
    )
    print(f"{'layer':<28}" + "".join(f"{n:>12}" for n in names))
    for layer in layers:
        print(f"{layer:<28}" + "".join(f"{got[n][1].get(layer, 0.0):>12.0f}" for n in names))
    print(f"{'total (measured)':<28}" + "".join(f"{got[n][0]:>12.0f}" for n in names))


if __name__ == "__main__":
    main()
