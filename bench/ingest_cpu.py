"""CPU per article and per 304 poll: the service's real code path against bare loops.

Both run in this process against `bench/loadserver.py` in another one, so the figures are
this process's CPU time (all its threads, and its worker processes) per operation.

    python bench/ingest_cpu.py ingest --db sqlite|postgresql [--articles N]
    python bench/ingest_cpu.py store --db sqlite|postgresql [--articles N] [--rounds R]
    python bench/ingest_cpu.py poll [--feeds N] [--rounds R]

`ingest`: a feed of N new ~80 KB pages polled by `Ingestor.poll_due` (fetch, robots.txt,
extract, normalize, hash, fingerprint, dedupe, classify, store, track with one alert
channel's deliveries queued) into a fresh database: on the realistic mix (one page in ten
relevant), on an all-relevant stream, and without the classifier; then the reference loop
over the same pages: httpx GET, selectolax text, sha256, one INSERT (same concurrency).
The classifier and the parse and extraction worker processes are warmed up first, as they
are in a running service. `store`: the store path alone (save with dedupe, verdict,
tracking, queued alerts), N realistic-mix articles prepared beforehand, stored into a
fresh database one per transaction and in the gate's batches (`BatchWriter`), rounds
interleaved, milliseconds of CPU per article (median and minimum). `poll`: N feeds
answered 304 polled by `poll_due` (claim, conditional GET, record), against
`Fetcher.fetch` alone and a bare `httpx.AsyncClient` with the same limits. Prints one
JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

PG_ENV = "MONITOR_TEST_POSTGRES_URL"


@contextmanager
def load_server(pages: int) -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "bench" / "loadserver.py"), "--pages", str(pages)],
        stdout=subprocess.PIPE,
        text=True,
    )
    SERVER_PIDS.add(proc.pid)
    try:
        assert proc.stdout is not None
        yield f"http://127.0.0.1:{proc.stdout.readline().strip()}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def database(kind: str, tmp: Path, name: str) -> Iterator[Any]:
    """A fresh, migrated database: a SQLite file, or a PostgreSQL schema of its own."""
    import sqlalchemy as sa

    from monitor.store import open_database

    if kind == "sqlite":
        db = open_database(f"sqlite:///{tmp / name}.db")
        try:
            yield db
        finally:
            db.dispose()
        return
    url = os.environ[PG_ENV]
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"
    db = open_database(f"{url}{sep}options=-csearch_path%3D{schema}")
    try:
        yield db
    finally:
        db.dispose()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _tree_cpu() -> float:
    """CPU seconds of this process and its live descendants (the parse and extraction
    worker processes and their forkserver), read from /proc; the load server (its pid
    in SERVER_PIDS) is not the client's cost and is left out."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    me = os.getpid()
    total = time.process_time()
    todo = [me]
    while todo:
        pid = todo.pop()
        for child, parent in parents.items():
            if parent == pid and child not in SERVER_PIDS:
                total += times[child]
                todo.append(child)
    return total


SERVER_PIDS: set[int] = set()


async def _cpu(work: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    cpu = _tree_cpu()
    result = await work()
    return _tree_cpu() - cpu, result


async def ingest_runs(kind: str, n: int) -> dict[str, float]:
    """Articles per core-second for each variant and for the reference loop."""
    from monitor.alert_records import AlertRouting
    from monitor.fetch import Fetcher, FetchSettings
    from monitor.ingest import IngestOptions, Ingestor
    from monitor.records import FeedDef, FeedKind
    from monitor.sources.offload import FeedParser
    from monitor.store.feeds import sync_feeds
    from monitor.wiring import make_classifier

    classifier = make_classifier()
    classifier("Warm-up: Poland is ready to send troops to Ukraine.", "warm-up")
    out: dict[str, float] = {}
    # One parser for all variants, its worker processes up before anything is measured,
    # as in a running service (starting the forkserver imports the parsers: about half
    # a second of CPU, which 100 articles would otherwise be charged 3-5 ms each for).
    parser = FeedParser()
    await _warm(parser)
    with load_server(n) as base, tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        settings = FetchSettings(per_host_concurrency=8, max_connections=10)
        variants = [
            ("realistic", "mix", classifier),
            ("all_relevant", "rel", classifier),
            ("no_classifier", "mix", None),
        ]
        for label, path, clf in variants:
            feed = FeedDef(label, f"{base}/{path}.xml", FeedKind.RSS, allow_private=True)
            with database(kind, tmp, label) as db:
                sync_feeds(db, [feed], datetime.now(UTC))
                async with Fetcher(settings) as fetcher:
                    ing = Ingestor(
                        db,
                        fetcher,
                        IngestOptions(max_entries=n, page_concurrency=8),
                        classifier=clf,
                        parser=parser,
                        # Tracked, with one channel's deliveries queued in the outbox, as
                        # in the service (nothing sends them here).
                        alerts=AlertRouting(channels=("bench",)),
                    )
                    cpu, reports = await _cpu(
                        lambda ing=ing, feed=feed: ing.poll_due([feed], owner="bench", force=True)
                    )
            assert reports[0].new == n, reports[0]
            out[label] = n / cpu
        with database(kind, tmp, "reference") as db:
            cpu, stored = await _cpu(lambda: _reference(base, n, db, tmp))
        assert stored == n
        out["reference"] = n / cpu
    parser.close()
    return out


async def _warm(parser: Any) -> None:
    """Start both worker pools' processes (two each) with a parse and an extraction."""
    from loadserver import article, rss

    from monitor.records import FeedKind

    url = "http://127.0.0.1/m/0"
    page = article(0, True).decode()
    feed = rss([url])
    now = datetime.now(UTC)
    await asyncio.gather(
        *(parser.extract(page, url, now=now) for _ in range(2)),
        *(parser.parse(feed, FeedKind.RSS, url) for _ in range(2)),
    )


async def _reference(base: str, n: int, db: Any, tmp: Path) -> int:
    """httpx GET + selectolax text + sha256 + one INSERT per article, 8 at a time."""
    import httpx
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    if db.dialect == "sqlite":
        conn: Any = sqlite3.connect(tmp / "reference-plain.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE pages (hash TEXT PRIMARY KEY, url TEXT, text TEXT)")
        insert = "INSERT INTO pages VALUES (?, ?, ?)"
    else:
        import psycopg

        url = db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        conn = psycopg.connect(url, autocommit=True)
        conn.execute("CREATE TABLE pages (hash TEXT PRIMARY KEY, url TEXT, text TEXT)")
        insert = "INSERT INTO pages VALUES (%s, %s, %s)"
    gate = asyncio.Semaphore(8)
    limits = httpx.Limits(max_connections=10, max_keepalive_connections=10)
    async with httpx.AsyncClient(limits=limits) as client:
        feed = (await client.get(f"{base}/mix.xml")).text
        links = [part.split("</link>")[0] for part in feed.split("<link>")[1:]]

        async def one(link: str) -> None:
            async with gate:
                body = (await client.get(link)).text
                node = HTMLParser(body).body
                text = node.text(separator="\n") if node is not None else ""
                digest = hashlib.sha256(text.encode()).hexdigest()
                conn.execute(insert, (digest, link, text))

        await asyncio.gather(*(one(link) for link in links))
    count = int(conn.execute("SELECT count(*) FROM pages").fetchone()[0])
    conn.close()
    return count


def store_runs(kind: str, n: int, rounds: int) -> dict[str, float]:
    """CPU ms per article on the store path: one item per transaction, and batches."""
    from loadserver import article

    from monitor.alert_records import AlertRouting
    from monitor.documents import to_document
    from monitor.extract import extract_article
    from monitor.ingest import IngestOptions
    from monitor.ingest.batch import BatchWriter, Pending
    from monitor.ingest.gate import OrderingGate
    from monitor.records import FeedDef, FeedKind
    from monitor.sources.text import storable_article
    from monitor.wiring import make_classifier

    classifier = make_classifier()
    now = datetime.now(UTC)
    feed = FeedDef("store", "http://127.0.0.1/mix.xml", FeedKind.RSS)
    prepared = []
    for i in range(n):  # the mix of the load server's /mix.xml: one in ten relevant
        url = f"http://127.0.0.1/m/{i}"
        extracted = extract_article(article(i, i % 10 == 3).decode(), url, now=now)
        doc = to_document(storable_article(extracted), url=url, feed=feed.name)
        assert doc is not None
        prepared.append(Pending(doc, classifier(doc.text, doc.title), feed, lambda _r: None))
    size = OrderingGate().max_batch
    out: dict[str, list[float]] = {"one_per_transaction": [], "batched": []}
    with tempfile.TemporaryDirectory() as tmp_name:
        for r in range(rounds):
            for label, step in (("one_per_transaction", 1), ("batched", size)):
                with database(kind, Path(tmp_name), f"{label}-{r}") as db:
                    writer = BatchWriter(
                        db,
                        IngestOptions(),
                        clock=lambda: datetime.now(UTC),
                        alerts=AlertRouting(channels=("bench",)),
                    )
                    cpu = time.process_time()
                    for k in range(0, n, step):
                        todo = prepared[k : k + step]
                        while todo:
                            done = writer.store_many(todo)
                            assert not any(isinstance(d, Exception) for d in done), done
                            todo = todo[len(done) :]
                    out[label].append((time.process_time() - cpu) / n * 1e3)
    result = {f"{k}_ms": statistics.median(v) for k, v in out.items()}
    result |= {f"{k}_ms_min": min(v) for k, v in out.items()}
    return result


async def poll_runs(n_feeds: int, rounds: int) -> dict[str, float]:
    """CPU microseconds per 304 poll: the poll path, the fetcher alone, bare httpx."""
    import httpx

    from monitor.fetch import Fetcher, FetchSettings
    from monitor.fetch.addresses import feed_allow_list
    from monitor.ingest import Ingestor
    from monitor.records import FeedDef, FeedKind
    from monitor.store.feeds import sync_feeds

    settings = FetchSettings()
    out: dict[str, list[float]] = {"poll_path": [], "fetcher": [], "httpx": []}
    with load_server(1) as base, tempfile.TemporaryDirectory() as tmp_name:
        feeds = [
            FeedDef(f"f{k}", f"{base}/c/{k}.xml", FeedKind.RSS, allow_private=True)
            for k in range(n_feeds)
        ]
        urls = [f.url for f in feeds]
        with database("sqlite", Path(tmp_name), "poll") as db:
            sync_feeds(db, feeds, datetime.now(UTC))
            async with Fetcher(settings) as fetcher:
                ing = Ingestor(db, fetcher)
                first = await ing.poll_due(feeds, owner="bench", limit=n_feeds, force=True)
                assert all(r.ok for r in first), first[0]
                limits = httpx.Limits(
                    max_connections=settings.max_connections,
                    max_keepalive_connections=settings.max_connections,
                )
                async with httpx.AsyncClient(limits=limits, timeout=30) as client:
                    gate = asyncio.Semaphore(settings.max_connections)

                    async def bare(url: str) -> int:
                        async with gate:
                            response = await client.get(url, headers={"If-None-Match": '"v1"'})
                            return response.status_code

                    async def poll() -> list[Any]:
                        return await ing.poll_due(feeds, owner="bench", limit=n_feeds, force=True)

                    allow = feed_allow_list(feeds[0])

                    async def fetch_only() -> list[Any]:
                        return await asyncio.gather(
                            *(fetcher.fetch(u, etag='"v1"', allow=allow) for u in urls)
                        )

                    async def httpx_only() -> list[int]:
                        return await asyncio.gather(*(bare(u) for u in urls))

                    await httpx_only()  # warm its pool as the fetcher's is
                    for _ in range(rounds):  # interleaved, so load hits all three alike
                        cpu, reports = await _cpu(poll)
                        assert all(r.not_modified for r in reports), reports[0]
                        out["poll_path"].append(cpu / n_feeds * 1e6)
                        cpu, results = await _cpu(fetch_only)
                        assert all(r.not_modified for r in results)
                        out["fetcher"].append(cpu / n_feeds * 1e6)
                        cpu, codes = await _cpu(httpx_only)
                        assert set(codes) == {304}, codes[:3]
                        out["httpx"].append(cpu / n_feeds * 1e6)
    return {k: statistics.median(v) for k, v in out.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=["ingest", "store", "poll"])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if args.part == "ingest":
        if args.db == "postgresql" and not os.environ.get(PG_ENV):
            print(json.dumps({"skipped": f"set {PG_ENV}"}))
            return 0
        result = asyncio.run(ingest_runs(args.db, args.articles))
    elif args.part == "store":
        if args.db == "postgresql" and not os.environ.get(PG_ENV):
            print(json.dumps({"skipped": f"set {PG_ENV}"}))
            return 0
        result = store_runs(args.db, args.articles, args.rounds)
    else:
        result = asyncio.run(poll_runs(args.feeds, args.rounds))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
