"""Parsing and extraction in worker processes: a call past its budget is a parse_error and
its worker is killed (no thread or core keeps burning), the next call gets a fresh one,
and an ingest poll records such a page as a page error while the others are stored."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from monitor.errors import ErrorKind, error_kind
from monitor.fetch import Fetcher
from monitor.ingest import IngestOptions, Ingestor
from monitor.records import FeedKind
from monitor.sources.offload import FeedParser
from monitor.sources.workers import BudgetExceeded
from monitor.store import Database
from monitor.store.articles import list_articles
from monitor.store.page_errors import page_errors
from tests.support.httpserver import HttpServer, static, status
from tests.test_ingest import SETTINGS, feed, page, poll_all, rss

NOW = datetime(2026, 3, 1, tzinfo=UTC)
# Worse than quadratic in the extractor: about 15 s of CPU on an idle core, so any
# budget below a few seconds is exceeded by far, loaded machine or not.
NESTED = "<html><body>" + "<div>" * 30_000 + "x" + "</div>" * 30_000 + "</body></html>"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


@pytest.fixture
async def parser() -> AsyncIterator[FeedParser]:
    p = FeedParser(budget_s=1.0, extract_budget_s=1.0, workers=1)
    yield p
    p.close()


async def test_an_extraction_past_its_budget_kills_its_worker(parser: FeedParser) -> None:
    ok = await parser.extract(page("Fine", "", ""), "https://a.example/1", now=NOW)
    assert ok.title == "Fine"
    (first,) = parser.extract_pool.pids
    with pytest.raises(BudgetExceeded) as caught:
        await parser.extract(NESTED, "https://a.example/2", now=NOW)
    assert error_kind(caught.value) is ErrorKind.PARSE_ERROR
    assert "https://a.example/2" in str(caught.value)
    assert parser.extract_pool.pids == []
    for _ in range(250):  # killed at once; reaped by a thread within moments
        if not _alive(first):
            break
        await asyncio.sleep(0.02)
    assert not _alive(first)
    again = await parser.extract(page("Again", "", ""), "https://a.example/3", now=NOW)
    assert again.title == "Again"
    pids = parser.extract_pool.pids
    assert pids and pids[0] != first and os.getpid() != first


async def test_a_feed_parse_past_its_budget_is_a_parse_error(parser: FeedParser) -> None:
    # About 4 s of feedparser's HTML sanitizing, quiet machine or not. (10,000 bare items
    # no longer did it: items past the entry cap are cut before feedparser, and a quiet
    # CI run parsed the rest within the 1 s budget.)
    desc = "&lt;p&gt;&lt;b&gt;word&lt;/b&gt; &lt;i&gt;x&lt;/i&gt;&lt;/p&gt;" * 400
    items = "".join(
        f"<item><title>Item {i}</title><link>https://n.example/{i}</link><guid>{i}</guid>"
        f"<description>{desc}</description></item>"
        for i in range(100)
    )
    body = f'<rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()
    with pytest.raises(BudgetExceeded) as caught:
        await parser.parse(body, FeedKind.RSS, "https://n.example/feed")
    assert error_kind(caught.value) is ErrorKind.PARSE_ERROR
    small = await parser.parse(
        b'<rss version="2.0"><channel><title>T</title></channel></rss>',
        FeedKind.RSS,
        "https://n.example/feed",
    )
    assert small.title == "T"


async def test_errors_of_the_parse_keep_their_kind(parser: FeedParser) -> None:
    with pytest.raises(Exception) as caught:
        await parser.parse(
            b"<!DOCTYPE r [<!ENTITY x 'y'>]><rss>&x;</rss>", FeedKind.RSS, "https://n.example/f"
        )
    assert error_kind(caught.value) is ErrorKind.DTD_FORBIDDEN


async def test_a_page_past_the_budget_is_a_page_error_and_the_rest_is_stored(
    db: Database, parser: FeedParser
) -> None:
    with HttpServer() as server:
        server.route("/robots.txt", status(404))
        server.route("/nested", static(NESTED.encode(), content_type="text/html"))
        server.route("/fine", static(page("Fine", "", ""), content_type="text/html"))
        server.route("/feed.xml", static(rss(server.url(""), ["/nested", "/fine"])))
        async with Fetcher(replace(SETTINGS, max_bytes=1 << 20)) as f:
            ing = Ingestor(db, f, IngestOptions(respect_robots=True), parser=parser)
            (report,) = (await poll_all(ing, db, [feed("n", server.url("/feed.xml"))])).values()
    assert report.ok and report.new == 1 and report.errors == 1, report
    (err,) = page_errors(db)
    assert err.kind == "parse_error" and err.url.endswith("/nested"), err
    assert [a.title for a in list_articles(db)] == ["Fine"]


async def test_large_pages_and_replies_cross_whole(parser: FeedParser) -> None:
    # Past one read of the parent's socket both ways: a 3 MB page, a 1 MB text back.
    para = "<p>" + "Poland will not send troops to Ukraine, the minister said. " * 20 + "</p>"
    body = ("<html><body><article>" + para * 900 + "</article></body></html>").encode()
    assert len(body) > 1_000_000
    art, detected = await parser.extract_page(body, "https://a.example/big", charset=None, now=NOW)
    assert detected is None and len(art.text) > 1_000_000
    assert art.text.count("Poland will not send troops") == 20 * 900


async def test_a_page_is_decoded_in_the_worker(parser: FeedParser) -> None:
    text = "Польша не будет направлять войска на Украину, заявил министр. " * 10
    body = f"<html><body><article><p>{text}</p></article></body></html>".encode("cp1251")
    art, detected = await parser.extract_page(body, "https://a.example/ru", charset=None, now=NOW)
    assert detected == "cp1251" and "Польша не будет" in art.text


async def test_a_call_cancelled_midway_retires_its_worker(parser: FeedParser) -> None:
    await parser.extract(page("Fine", "", ""), "https://a.example/1", now=NOW)
    (first,) = parser.extract_pool.pids
    call = asyncio.ensure_future(parser.extract(NESTED, "https://a.example/2", now=NOW))
    await asyncio.sleep(0.2)
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call
    assert parser.extract_pool.pids == []
    again = await parser.extract(page("Again", "", ""), "https://a.example/3", now=NOW)
    assert again.title == "Again" and parser.extract_pool.pids != [first]
