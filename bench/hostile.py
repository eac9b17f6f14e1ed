"""Peak memory and event-loop answer time over the hostile corpus (tests/hostile).

The corpus server runs as a child process; this process polls every attack through the
real ingest flow (SQLite in a temporary folder) `--rounds` times, sends alerts to a
webhook that answers 50 MiB, and meanwhile measures how late a 10 ms sleep wakes up
(the time /healthz would wait). Targets: peak RSS under 250 MB, loop lag under 200 ms.

    .venv/bin/python bench/hostile.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from monitor.alerts.config import open_channels  # noqa: E402
from monitor.alerts.content import render_alert  # noqa: E402
from monitor.errors import ErrorKind  # noqa: E402
from monitor.fetch import Fetcher  # noqa: E402
from monitor.ingest import IngestOptions, Ingestor  # noqa: E402
from monitor.settings import AlertsConfig  # noqa: E402
from monitor.store import open_database  # noqa: E402
from monitor.store.feeds import feed_statuses, sync_feeds  # noqa: E402
from tests.alerts.test_channels import ALERT  # noqa: E402
from tests.hostile.corpus import HOSTILE_SETTINGS, cases  # noqa: E402
from tests.hostile.test_corpus import _lag_probe, feeds_for  # noqa: E402
from tests.support.httpserver import HttpServer  # noqa: E402

RSS_TARGET_MB = 250
LAG_TARGET_S = 0.2


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def workers_peak_mb(pids: list[int]) -> float:
    """The largest peak RSS (VmHWM) of the live parse and extraction workers."""
    peaks = [0.0]
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peaks.append(int(line.split()[1]) / 1024)
        except FileNotFoundError:
            continue  # stopped past its budget meanwhile
    return max(peaks)


async def run(port: int, rounds: int) -> dict[str, float]:
    server = HttpServer.__new__(HttpServer)  # only for url(): the real one is the child
    server.host, server.port = "127.0.0.1", port
    corpus = cases()
    feeds = feeds_for(server, corpus)
    stop, lags = asyncio.Event(), list[float]()
    probe = asyncio.create_task(_lag_probe(stop, lags))
    wrong = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/hostile.db")
        async with Fetcher(HOSTILE_SETTINGS) as fetcher:
            ingestor = Ingestor(db, fetcher, IngestOptions(respect_robots=False))
            for _ in range(rounds):
                sync_feeds(db, feeds, datetime.now(UTC))
                reports = await ingestor.poll_due(feeds, owner="bench", limit=16, force=True)
                wrong += sum(r.error_kind is ErrorKind.INTERNAL_ERROR for r in reports)
            pool = ingestor.parser
            worker_mb = workers_peak_mb(pool.pool.pids + pool.extract_pool.pids)
        states = feed_statuses(db)
        for case in corpus:
            if isinstance(case.expected, ErrorKind):
                wrong += states[case.name].last_error_kind != case.expected.value
        cfg = AlertsConfig(
            console=False,
            webhook_urls=(f"http://127.0.0.1:{port}/hook",),
            webhook_allow_hosts=(f"127.0.0.1:{port}",),
        )
        async with open_channels(cfg) as channels:
            for i in range(5):
                await channels["webhook"].send(render_alert(ALERT, f"k{i}"))
        db.dispose()
    stop.set()
    await probe
    return {
        "attacks": len(corpus),
        "rounds": rounds,
        "wrong_kinds": wrong,
        "seconds": round(time.monotonic() - started, 1),
        "worker_peak_mb": round(worker_mb),
        "max_loop_lag_ms": round(max(lags) * 1000, 1),
        "p99_loop_lag_ms": round(sorted(lags)[int(len(lags) * 0.99)] * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.hostile.corpus"],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        port = int(child.stdout.readline())
        result = asyncio.run(run(port, args.rounds))
    finally:
        assert child.stdin is not None
        child.stdin.close()
        child.wait(timeout=10)
    rss = peak_rss_mb()
    print(
        f"hostile corpus: {result['attacks']} attacks x {result['rounds']} rounds in"
        f" {result['seconds']} s, {result['wrong_kinds']} wrong error kinds"
    )
    print(
        f"  peak RSS {rss:.0f} MB (target < {RSS_TARGET_MB}; each parse worker at most"
        f" {result['worker_peak_mb']} MB more),"
        f" event loop lag max {result['max_loop_lag_ms']} ms"
        f" p99 {result['p99_loop_lag_ms']} ms (target < {LAG_TARGET_S * 1000:.0f})"
    )


if __name__ == "__main__":
    main()
