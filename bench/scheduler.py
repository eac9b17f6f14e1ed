"""Scheduler scale: claiming due feeds, and `monitor run` polling 5,000 feeds.

1. claim: `claim_due` leasing 5,000 due feeds in one statement (target < 50 ms), the same
   5,000 in batches of 500 as the scheduler claims them, and `claim_feed` (one UPDATE by
   key) per call; SQLite, and PostgreSQL when MONITOR_TEST_POSTGRES_URL is set.
   plan: the query plan of one claim (EXPLAIN) among 5,000 feeds, 100 due.
2. scale: one local server process serves 5,000 feeds (ETag; 5% of them change each
   minute with one new item), `monitor run` polls them every 60 s for `--seconds`
   (default 180): feeds polled per minute (target >= 5,000), lag of due feeds p95 (how
   long after its due time a feed was polled), peak RSS and CPU share of the worker.

Usage: python bench/scheduler.py [claim|plan|scale|all] [--feeds N] [--seconds S] [--warm]
       [--interval S] [--profile FILE]
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import update  # noqa: E402

from monitor.records import FeedDef, FeedKind  # noqa: E402
from monitor.store import Database, open_database  # noqa: E402
from monitor.store.claims import (  # noqa: E402
    claim_due,
    claim_feed,
    claim_statement,
    release_leases,
)
from monitor.store.feeds import sync_feeds  # noqa: E402
from monitor.store.models import FeedState  # noqa: E402


def _pg_url() -> str | None:
    base = os.environ.get("MONITOR_TEST_POSTGRES_URL")
    if not base:
        return None
    import uuid

    import sqlalchemy as sa

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    with sa.create_engine(base).begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}"


def _drop_pg(url: str) -> None:
    import sqlalchemy as sa

    base, _, opts = url.partition("?options=-csearch_path%3D")
    with sa.create_engine(base).begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{opts}" CASCADE'))


Claim = tuple[float, float, float, float]


def bench_claim(db: Database, n: int, batch: int = 500) -> Claim:
    """Medians of 7 rounds: (ms of one claim_due of n due feeds, its CPU ms in this
    process, ms to claim the n in batches of `batch`, us of one claim_feed)."""
    now = datetime.now(UTC)
    feeds = [FeedDef(f"f{i:05d}", f"http://127.0.0.1/{i}.xml", FeedKind.RSS) for i in range(n)]
    sync_feeds(db, feeds, now - timedelta(minutes=1))
    lease = timedelta(minutes=2)
    whole: list[float] = []
    cpu: list[float] = []
    batched: list[float] = []
    for _ in range(7):
        t0, c0 = time.perf_counter(), time.process_time()
        got = claim_due(db, None, now=now, owner="bench", lease=lease, limit=n)
        whole.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert len(got) == n, len(got)
        release_leases(db, owner="bench")
        t0, total = time.perf_counter(), 0
        while part := claim_due(db, None, now=now, owner="bench", lease=lease, limit=batch):
            total += len(part)
        batched.append((time.perf_counter() - t0) * 1000)
        assert total == n, total
        release_leases(db, owner="bench")
    single: list[float] = []
    for f in feeds[:500]:
        t0 = time.perf_counter()
        claim_feed(db, f.name, now=now, owner="bench", lease=lease)
        single.append((time.perf_counter() - t0) * 1e6)
    release_leases(db, owner="bench")
    return tuple(statistics.median(x) for x in (whole, cpu, batched, single))  # type: ignore[return-value]


def _print_claim(name: str, got: Claim) -> None:
    ms, cpu, batched, us = got
    print(
        f"  {name:<11} claim_due {ms:6.1f} ms (CPU here {cpu:5.1f}; target < 50)"
        f"   in batches of 500 {batched:6.1f} ms   claim_feed {us:5.0f} us"
    )


def run_claim(n: int) -> None:
    print(f"claim: {n} due feeds (medians of 7)")
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/bench.db")
        _print_claim("sqlite", bench_claim(db, n))
        db.dispose()
    url = _pg_url()
    if url is None:
        print("  postgresql  skipped: set MONITOR_TEST_POSTGRES_URL")
        return
    try:
        db = open_database(url)
        _print_claim("postgresql", bench_claim(db, n))
        db.dispose()
    finally:
        _drop_pg(url)


def explain_claim(db: Database, n: int, due: int = 100, limit: int = 64) -> list[str]:
    """The plan of one claim of `limit` feeds among n, `due` of them due (EXPLAIN
    ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite); rolled back."""
    now = datetime.now(UTC)
    feeds = [FeedDef(f"f{i:05d}", f"http://127.0.0.1/{i}.xml", FeedKind.RSS) for i in range(n)]
    sync_feeds(db, feeds[:due], now - timedelta(minutes=1))
    sync_feeds(db, feeds[due:], now + timedelta(minutes=5))
    statement = claim_statement(db, now=now, owner="plan", lease=timedelta(minutes=2), limit=limit)
    with db.engine.connect() as conn:
        if db.dialect == "postgresql":
            conn.exec_driver_sql("ANALYZE feed_state")
        sql = str(statement.compile(conn, compile_kwargs={"literal_binds": True}))
        prefix = (
            "EXPLAIN (ANALYZE, COSTS OFF) " if db.dialect == "postgresql" else "EXPLAIN QUERY PLAN "
        )
        rows = conn.exec_driver_sql(prefix + sql).all()
        conn.rollback()
    return [str(r[0]) if db.dialect == "postgresql" else f"{r[-1]}" for r in rows]


def run_plan(n: int) -> None:
    print(f"plan: one claim of 64 among {n} feeds, 100 due")
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/bench.db")
        print("  sqlite:\n    " + "\n    ".join(explain_claim(db, n)))
        db.dispose()
    url = _pg_url()
    if url is None:
        return
    try:
        db = open_database(url)
        print("  postgresql:\n    " + "\n    ".join(explain_claim(db, n)))
        db.dispose()
    finally:
        _drop_pg(url)


def _proc_stats(pid: int) -> tuple[float, int]:
    """(CPU seconds so far, peak RSS in bytes) of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    peak = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) * 1024
    return cpu, peak


def _warm(url: str, port: int, n: int) -> None:
    """The state a restarted service finds: every feed known, with the farm's ETag."""
    db = open_database(url)
    feeds = [
        FeedDef(f"f{i:05d}", f"http://127.0.0.1:{port}/f/{i}.xml", FeedKind.RSS) for i in range(n)
    ]
    sync_feeds(db, feeds, datetime.now(UTC))
    with db.engine.begin() as conn:
        conn.execute(update(FeedState).values(etag='"v0"'))
    db.dispose()


def run_scale(
    n: int, seconds: float, interval: int = 60, *, warm: bool = False, profile: str | None = None
) -> None:
    start = "known feeds (ETags stored)" if warm else "a fresh database (first round: all new)"
    print(
        f"scale: {n} feeds every {interval}s, 5% changing per minute, {seconds:g}s of monitor "
        f"run from {start}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        feeds_dir = root / "feeds"
        feeds_dir.mkdir()
        hits_file = root / "hits.txt"
        server = subprocess.Popen(
            [sys.executable, str(REPO / "bench" / "feedfarm.py"), str(n), str(hits_file)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert server.stdout is not None
        port = int(server.stdout.readline().strip())
        for i in range(n):
            (feeds_dir / f"f{i:05d}.toml").write_text(
                f'name = "f{i:05d}"\nurl = "http://127.0.0.1:{port}/f/{i}.xml"\nkind = "rss"\n'
                f'interval = "{interval}s"\nallow_private = true\nfetch_pages = false\n'
            )
        db_url = f"sqlite:///{root}/scale.db"
        if warm:
            _warm(db_url, port, n)
        env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
        env.update(
            MONITOR_DATABASE_URL=db_url,
            MONITOR_FEEDS_DIR=str(feeds_dir),
            MONITOR_WEB_ENABLED="false",
            MONITOR_LOG_LEVEL="WARNING",
            MONITOR_POLL_CONCURRENCY="64",
            MONITOR_FETCH__PER_HOST_CONCURRENCY="32",
            MONITOR_FETCH__MAX_CONNECTIONS="64",
            MONITOR_ALERTS__CONSOLE="false",
            PYTHONPATH=str(REPO),
        )
        prof = ["-m", "cProfile", "-o", profile] if profile else []
        worker = subprocess.Popen(
            [sys.executable, *prof, "-m", "monitor", "run"],
            cwd=root,
            env=env,
            stdout=(root / "worker.log").open("wb"),
            stderr=subprocess.STDOUT,
        )
        t0 = time.monotonic()
        peak = 0
        cpu = 0.0
        while time.monotonic() - t0 < seconds and worker.poll() is None:
            time.sleep(1)
            cpu, peak = _proc_stats(worker.pid)
        wall = time.monotonic() - t0
        worker.terminate()
        worker.wait(timeout=60)
        server.terminate()
        server.wait(timeout=10)
        _report_scale(hits_file, n, interval, wall, cpu, peak)


def _report_scale(
    hits_file: Path, n: int, interval: int, wall: float, cpu: float, peak: int
) -> None:
    per_feed: dict[int, list[float]] = {}
    for line in hits_file.read_text().splitlines():
        feed, _, when = line.partition(" ")
        per_feed.setdefault(int(feed), []).append(float(when))
    first = min((t[0] for t in per_feed.values()), default=0.0)
    polls = sum(len(t) for t in per_feed.values())
    # A feed's lag: how late each poll after the first came past its due time.
    lags = [
        max(0.0, (b - a) - interval) for t in per_feed.values() for a, b in itertools.pairwise(t)
    ]
    # The first round: all feeds due at start; their lag is the time since the first poll.
    first_round = sorted(t[0] - first for t in per_feed.values())
    p95 = (
        statistics.quantiles(lags, n=20, method="inclusive")[18] if len(lags) >= 2 else float("nan")
    )
    print(f"  feeds polled at least once   {len(per_feed)} of {n}")
    print(f"  polls per minute             {polls / (wall / 60):8.0f} (target >= 5000)")
    print(f"  first round done after       {first_round[-1] if first_round else 0:8.1f} s")
    print(f"  lag of due feeds p95         {p95:8.2f} s (after the first round)")
    print(f"  peak RSS                     {peak / 2**20:8.0f} MB (target <= 250)")
    print(f"  CPU share of one core        {cpu / wall:8.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", default="all", choices=["claim", "plan", "scale", "all"])
    parser.add_argument("--feeds", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--warm", action="store_true", help="scale: start from known feeds")
    parser.add_argument("--interval", type=int, default=60, help="scale: seconds between polls")
    parser.add_argument("--profile", help="scale: write a cProfile of the worker here")
    args = parser.parse_args()
    if args.what in ("claim", "all"):
        run_claim(args.feeds)
    if args.what in ("plan", "all"):
        run_plan(args.feeds)
    if args.what in ("scale", "all"):
        run_scale(args.feeds, args.seconds, args.interval, warm=args.warm, profile=args.profile)


if __name__ == "__main__":
    main()
