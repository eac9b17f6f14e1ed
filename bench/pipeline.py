"""End-to-end ingest throughput: a feed of N article pages on a local HTTP server into a
fresh SQLite file (fetch, extract, normalize, hash, dedupe, classify, store).

Usage: python bench/pipeline.py [N]   (default 400 articles; bounded, stops by itself)
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.fetch import Fetcher, FetchSettings
from monitor.ingest import IngestOptions, Ingestor
from monitor.records import FeedDef, FeedKind
from monitor.store import open_database
from monitor.store.feeds import sync_feeds
from monitor.wiring import make_classifier
from tests.support.httpserver import HttpServer, static, status

COUNTRIES = ["France", "Poland", "Canada", "Japan", "Spain", "Norway", "Italy", "Estonia"]
CUES = [
    "is ready to send troops to Ukraine after a ceasefire",
    "does not rule out deploying soldiers to Ukraine",
    "says it is premature to discuss sending forces to Ukraine",
    "will not send troops to Ukraine",
]
FILLER = (
    "Ministers met in Brussels to discuss the reconstruction of the energy grid, the price of "
    "gas and the timetable for new sanctions. Diplomats said talks would continue next week. "
)


def article(i: int, rng: random.Random) -> bytes:
    paras = [
        f"<p>{rng.choice(COUNTRIES)} {rng.choice(CUES)}, the defence minister said on day {i}.</p>",
        *(f"<p>{FILLER} Item {i}.{k} {rng.random():.6f}.</p>" for k in range(8)),
    ]
    return (
        f"<html><head><title>Story {i}</title>"
        '<meta property="article:published_time" content="2026-01-05T08:00:00Z"></head><body>'
        "<nav><a href='/'>Home</a></nav><article>"
        + "".join(paras)
        + "</article><footer>© Bench News</footer></body></html>"
    ).encode()


async def run(n: int) -> None:
    rng = random.Random(7)
    with HttpServer() as srv, tempfile.TemporaryDirectory() as tmp:
        srv.route("/robots.txt", status(404))
        items = []
        for i in range(n):
            srv.route(f"/a/{i}", static(article(i, rng), content_type="text/html"))
            items.append(f"<item><title>Story {i}</title><link>{srv.url(f'/a/{i}')}</link></item>")
        feed_xml = f"<rss version='2.0'><channel><title>B</title>{''.join(items)}</channel></rss>"
        srv.route("/feed.xml", static(feed_xml.encode(), content_type="application/rss+xml"))
        feed = FeedDef("bench", srv.url("/feed.xml"), FeedKind.RSS, allow_private=True)
        settings = FetchSettings(per_host_concurrency=8, max_connections=10)
        variants = (("without classifier", None), ("with classifier", make_classifier()))
        async with Fetcher(settings) as fetcher:
            for k, (label, classifier) in enumerate(variants):
                db = open_database(f"sqlite:///{tmp}/bench-{k}.db")
                sync_feeds(db, [feed], datetime.now(UTC))
                ing = Ingestor(
                    db,
                    fetcher,
                    IngestOptions(max_entries=n, page_concurrency=8),
                    classifier=classifier,
                )
                t0 = time.perf_counter()
                (report,) = await ing.poll_due([feed], owner="bench", force=True)
                dt = time.perf_counter() - t0
                assert report.new == n, report
                print(
                    f"pipeline {label:>18}: {n} articles in {dt:.2f} s = {n / dt:,.0f} articles/s "
                    "(local HTTP -> SQLite)"
                )


if __name__ == "__main__":
    asyncio.run(run(int(sys.argv[1]) if len(sys.argv) > 1 else 400))
