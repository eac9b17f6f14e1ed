"""Alert latency, commit to webhook received, and the service's idle memory.

    python bench/latency.py alerts [--db sqlite|postgresql] [--burst 100] [--singles 20]
                                   [--no-wake] [--timeline FILE]
    python bench/latency.py rss

`alerts`: ingest (the service's `Ingestor` with the classifier, tracker and outbox) and the
dispatcher (`run_dispatcher`, woken by ingest after a commit that queued alerts, as in
`monitor run`) share one event loop; pages come from `bench/loadserver.py` and the webhook
receiver is another process that notes when each delivery arrives. Latency per alert:
arrival minus the delivery row's creation time (taken before its commit, so the figure
errs high). Scenarios: `--singles` polls of one relevant article each, then one poll of
`--burst` relevant articles. `--no-wake` leaves the dispatcher to its poll interval only
(the behaviour before the wake-up), for comparison.

`rss`: `monitor run` on an empty feed folder and a fresh SQLite file (web UI on), resident
memory after it settles, against a bare `python` process.
Each prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))


async def _receiver(log_path: str) -> None:
    """Child process: answer every POST with 200 and note (webhook-id, arrival time)."""
    out = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the process

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while head := await reader.readuntil(b"\r\n\r\n"):
            arrived = time.time()
            lines = head.decode("latin-1").split("\r\n")
            headers = {k.lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:])}
            await reader.readexactly(int(headers.get("content-length", "0")))
            out.write(f"{headers.get('webhook-id', '?')} {arrived}\n")
            out.flush()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            await writer.drain()

    async def guarded(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await handle(reader, writer)
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    server = await asyncio.start_server(guarded, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    return {"n": len(values), "p50": at(0.5), "p95": at(0.95), "p99": at(0.99)}


async def alert_runs(
    burst: int, singles: int, wake: bool, kind: str = "sqlite", timeline: str | None = None
) -> dict[str, Any]:
    from ingest_cpu import database, load_server

    from monitor.settings import AlertsConfig

    if os.environ.get("BENCH_WORKERS"):
        from concurrent.futures import ThreadPoolExecutor

        asyncio.get_running_loop().set_default_executor(
            ThreadPoolExecutor(int(os.environ["BENCH_WORKERS"]))
        )
    with tempfile.TemporaryDirectory() as tmp, load_server(burst + singles) as base:
        log_path = Path(tmp) / "arrivals.log"
        receiver = subprocess.Popen(
            [sys.executable, __file__, "receive", str(log_path)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert receiver.stdout is not None
            hook = f"http://127.0.0.1:{receiver.stdout.readline().strip()}/hook"
            cfg = AlertsConfig(
                console=False,
                webhook_urls=(hook,),
                webhook_secret="bench",
                webhook_allow_hosts=("127.0.0.1",),  # the receiver is local
            )
            with database(kind, Path(tmp), "latency") as db:
                phases, times, counts = await _run(db, cfg, base, burst, singles, wake)
        finally:
            receiver.terminate()
            receiver.wait(timeout=10)
        arrivals: dict[str, float] = {}
        for line in log_path.read_text().splitlines():
            key, at = line.split()
            arrivals.setdefault(key, float(at))  # the first arrival counts
    result: dict[str, Any] = {
        "db": kind,
        "wake": wake,
        "deliveries": len(times),
        "counts": counts,
        "load": os.getloadavg()[0],
    }
    if timeline:  # per delivery: created, claimed, received (0: never), oldest first
        rows = sorted((t, c, arrivals.get(k, 0.0)) for k, (t, c) in times.items())
        Path(timeline).write_text("".join(f"{t:.3f} {c:.3f} {a:.3f}\n" for t, c, a in rows))
    for name, (begin, end) in phases.items():
        mine = {k: tc for k, tc in times.items() if begin <= tc[0] <= end and k in arrivals}
        result[name] = _percentiles([arrivals[k] - t for k, (t, _) in mine.items()]) | {
            "poll_s": end - begin,
            # Where the time goes: commit -> claimed by the dispatcher, claimed -> received.
            "to_claim": _percentiles([c - t for t, c in mine.values()]),
            "claim_to_received": _percentiles([arrivals[k] - c for k, (_, c) in mine.items()]),
        }
    return result


async def _run(
    db: Any, cfg: Any, base: str, burst: int, singles: int, wake: bool
) -> tuple[dict[str, tuple[float, float]], dict[str, tuple[float, float]], dict[str, int]]:
    """The two scenarios against `db`: (phase spans, (created, claimed) per delivery key,
    delivery counts by state at the end)."""
    from monitor.alerts import open_channels, routing_from, run_dispatcher
    from monitor.alerts.config import retry_policy
    from monitor.alerts.dispatcher import DispatchOptions
    from monitor.fetch import Fetcher, FetchSettings
    from monitor.ingest import IngestOptions, Ingestor
    from monitor.records import FeedDef, FeedKind
    from monitor.store.feeds import sync_feeds
    from monitor.store.models import Delivery
    from monitor.store.outbox import delivery_counts
    from monitor.wiring import make_classifier

    stop, queued = asyncio.Event(), asyncio.Event()

    async def dispatch() -> None:  # the channels opened as monitor.wiring does
        async with open_channels(cfg) as channels:
            options = DispatchOptions.from_settings(cfg)
            waker = queued if wake else None
            await run_dispatcher(db, channels, retry_policy(cfg), options, stop=stop, wake=waker)

    dispatcher = asyncio.create_task(dispatch())
    phases: dict[str, tuple[float, float]] = {}
    async with Fetcher(FetchSettings(per_host_concurrency=8)) as fetcher:
        ing = Ingestor(
            db,
            fetcher,
            IngestOptions(max_entries=burst),
            classifier=make_classifier(),
            alerts=routing_from(cfg),
            on_alerts=queued.set,
        )
        feeds = [
            FeedDef(f"one{i}", f"{base}/one/{burst + i}.xml", FeedKind.RSS, allow_private=True)
            for i in range(singles)
        ] + [FeedDef("burst", f"{base}/rel.xml", FeedKind.RSS, allow_private=True)]
        sync_feeds(db, feeds, datetime.now(UTC))
        start = time.time()
        for feed in feeds[:-1]:
            await ing.poll_due([feed], owner="bench", force=True)
            await asyncio.sleep(0.2)
        phases["singles"] = (start, time.time())
        await asyncio.sleep(2.0)  # the singles' alerts are out; the burst starts clean
        start = time.time()
        (report,) = await ing.poll_due(feeds[-1:], owner="bench", force=True)
        phases["burst"] = (start, time.time())
        assert report.new == burst, report
    for _ in range(300):
        counts = delivery_counts(db)
        if set(counts) <= {"sent"}:
            break
        await asyncio.sleep(0.1)
    stop.set()
    await dispatcher
    # Every alert must reach the receiver: a figure over lost or dead deliveries is no figure.
    assert set(counts) == {"sent"}, counts
    with db.session() as s:
        times = {
            d.key: (d.created_at.timestamp(), d.last_attempt_at.timestamp())
            for d in s.query(Delivery)
        }
    return phases, times, counts


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_run(settle_s: float = 8.0) -> dict[str, float]:
    """Resident MB of an idle `monitor run` and of a bare python, after `settle_s`."""
    with tempfile.TemporaryDirectory() as tmp:
        feeds = Path(tmp) / "feeds"
        feeds.mkdir()
        env = {
            **os.environ,
            "MONITOR_DATABASE_URL": f"sqlite:///{tmp}/idle.db",
            "MONITOR_FEEDS_DIR": str(feeds),
            "MONITOR_WEB_PORT": str(_free_port()),
        }
        monitor = [str(Path(sys.executable).with_name("monitor")), "run"]
        bare = [sys.executable, "-c", "import time; time.sleep(60)"]
        out = {}
        for name, cmd in (("service", monitor), ("python", bare)):
            proc = subprocess.Popen(
                cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp
            )
            try:
                time.sleep(settle_s)
                assert proc.poll() is None, f"{name} ended early ({proc.returncode})"
                status = Path(f"/proc/{proc.pid}/status").read_text()
                kb = next(
                    int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmRSS")
                )
                out[name] = kb / 1024
            finally:
                proc.terminate()
                proc.wait(timeout=15)
        return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=["alerts", "rss", "receive"])
    parser.add_argument("path", nargs="?")
    parser.add_argument("--burst", type=int, default=100)
    parser.add_argument("--singles", type=int, default=20)
    parser.add_argument("--no-wake", action="store_true")
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--timeline", help="alerts: write each delivery's times here")
    args = parser.parse_args()
    if args.part == "receive":
        asyncio.run(_receiver(args.path))
        return 0
    if args.part == "alerts":
        if args.db == "postgresql" and not os.environ.get("MONITOR_TEST_POSTGRES_URL"):
            print(json.dumps({"skipped": "set MONITOR_TEST_POSTGRES_URL"}))
            return 0
        result: Any = asyncio.run(
            alert_runs(args.burst, args.singles, not args.no_wake, args.db, args.timeline)
        )
    else:
        result = rss_run()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
