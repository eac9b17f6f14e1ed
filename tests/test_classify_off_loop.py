"""Issue 12.8: a fetched article is classified in a worker thread, so a large article does
not stall polling or the web UI. A real HTTP server on 127.0.0.1, a real database, the
real rule classifier; while it runs, the event loop must keep ticking."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from monitor.classify import Classification, default_classifier
from monitor.fetch import Fetcher, FetchSettings
from monitor.ingest import IngestOptions, Ingestor
from monitor.records import FeedDef, FeedKind
from monitor.store import Database
from monitor.store.feeds import sync_feeds
from tests.support.httpserver import HttpServer, static, status

STORY = [
    "Norway is ready to send an engineering company to Ukraine once a ceasefire is "
    "signed, the defence minister said on Monday in Oslo.",
    "The unit would clear mines, repair bridges and support the reconstruction of rail "
    "lines in the east, officials added after a meeting with allies.",
    "Parliament is expected to vote on the deployment before the summer recess, and the "
    "opposition has asked for a debate on its mandate and its length.",
]


def page() -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in STORY)
    return (
        "<html><head><title>Norway ready to send engineers</title>"
        '<meta property="article:published_time" content="2026-02-03T09:00:00Z"></head>'
        f"<body><article><h1>Norway ready to send engineers</h1>{paras}</article></body></html>"
    ).encode()


def rss(link: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>Norway</title><link>{link}</link><guid>1</guid>"
        "<pubDate>Tue, 03 Feb 2026 10:00:00 GMT</pubDate></item></channel></rss>"
    ).encode()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    settings = FetchSettings(
        user_agent="monitor-tests/0.1",
        connect_timeout_s=2,
        read_timeout_s=3,
        total_timeout_s=5,
        max_bytes=64 * 1024,
    )
    async with Fetcher(settings) as f:
        yield f


async def test_a_fetched_article_is_classified_off_the_event_loop(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    server.route("/robots.txt", status(404))
    server.route("/story", static(page()))
    server.route("/feed.xml", static(rss(server.url("/story"))))
    loop_thread = threading.get_ident()
    rules = default_classifier()
    in_progress = threading.Event()
    loop_ticked = threading.Event()
    seen: dict[str, object] = {}

    def classifier(text: str, title: str) -> Classification:
        seen["thread"] = threading.get_ident()
        try:
            asyncio.get_running_loop()
            seen["inside_a_loop"] = True
        except RuntimeError:
            seen["inside_a_loop"] = False
        in_progress.set()
        # Held until the event loop has run again: on the loop itself this would wait the
        # full timeout and fail instead of hanging.
        seen["loop_ran_meanwhile"] = loop_ticked.wait(timeout=5)
        verdict = rules.classify(text, title=title)
        seen["verdict"] = verdict
        return verdict

    async def heartbeat() -> None:
        while True:
            await asyncio.sleep(0.005)
            if in_progress.is_set():
                loop_ticked.set()

    beating = asyncio.create_task(heartbeat())
    feed = FeedDef(
        name="no",
        url=server.url("/feed.xml"),
        kind=FeedKind.RSS,
        interval_s=600,
        allow_private=True,
    )
    sync_feeds(db, [feed], datetime.now(UTC))
    ingestor = Ingestor(db, fetcher, IngestOptions(), classifier=classifier)
    try:
        (report,) = await ingestor.poll_due([feed], owner="test", force=True)
    finally:
        beating.cancel()
    assert report.new == 1, report
    assert seen["thread"] != loop_thread
    assert seen["inside_a_loop"] is False
    assert seen["loop_ran_meanwhile"] is True
    verdict = seen["verdict"]
    assert isinstance(verdict, Classification)
    assert {(f.actor, f.stance.value) for f in verdict.stances} == {("NO", "willing")}
