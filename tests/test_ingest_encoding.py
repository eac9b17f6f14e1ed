"""Pages and feeds in an undeclared charset: decoded right and flagged `encoding_fallback`
on the feed (stored, shown by `monitor feeds`), never stored silently as mojibake."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from monitor.fetch import Fetcher
from monitor.ingest import Ingestor
from monitor.store import Database
from monitor.store.articles import list_articles
from monitor.store.feeds import feed_statuses
from tests.support.httpserver import HttpServer, static, status
from tests.test_ingest import SETTINGS, feed, ingestor, page, poll_all, rss

RUSSIAN = "Польша не исключает отправку войск на Украину, заявил министр обороны."


@pytest.fixture
async def ing(db: Database) -> AsyncIterator[Ingestor]:
    async with Fetcher(SETTINGS) as f:
        yield ingestor(db, f)


async def test_an_undeclared_cp1251_page_is_decoded_and_flagged(
    server: HttpServer, db: Database, ing: Ingestor
) -> None:
    server.route("/robots.txt", status(404))
    body = (
        page("Новости", f"<p>{RUSSIAN}</p>", "")
        .decode()
        .replace("<article>", f"<article><p>{RUSSIAN}</p>")
    )
    server.route("/ru", static(body.encode("cp1251"), content_type="text/html"))
    server.route("/utf8", static(page("Plain", "", ""), content_type="text/html"))
    server.route("/feed.xml", static(rss(server.url(""), ["/ru"])))
    server.route("/clean.xml", static(rss(server.url(""), ["/utf8"])))
    feeds = [feed("ru", server.url("/feed.xml")), feed("clean", server.url("/clean.xml"))]
    reports = await poll_all(ing, db, feeds)
    assert reports["ru"].new == 1 and reports["clean"].new == 1, reports
    texts = {a.feed: a.text for a in list_articles(db)}
    assert RUSSIAN in texts["ru"]
    states = feed_statuses(db)
    assert states["ru"].last_error is None
    assert states["ru"].last_warnings == "encoding_fallback (pages decoded as cp1251)"
    assert not states["clean"].last_warnings


async def test_an_undeclared_cp1251_feed_is_decoded_and_flagged(
    server: HttpServer, db: Database, ing: Ingestor
) -> None:
    title = "Польша не исключает отправку войск"
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Лента</title>'
        f"<item><title>{title}</title><link>{server.url('/a')}</link><guid>1</guid>"
        f"<description>{RUSSIAN} {RUSSIAN} {RUSSIAN}</description></item></channel></rss>"
    )
    server.route("/ru.xml", static(body.encode("cp1251"), content_type="application/xml"))
    ru = replace(feed("ru", server.url("/ru.xml")), fetch_pages=False)
    reports = await poll_all(ing, db, [ru])
    assert reports["ru"].ok, reports
    (article,) = list_articles(db)
    assert article.title == title
    assert "encoding_fallback" in (feed_statuses(db)["ru"].last_warnings or "")
    assert "cp1251" in (feed_statuses(db)["ru"].last_warnings or "")
