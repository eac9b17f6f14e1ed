"""Hostile feeds through ingest: each failure stored with its kind, every text storable,
the allow-list held for article links, and nothing taken from the feed's own URL."""

from __future__ import annotations

import gzip
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from monitor.errors import ErrorKind
from monitor.fetch import Fetcher
from monitor.ingest import IngestOptions, Ingestor, PollReport
from monitor.records import FeedDef, FeedKind
from monitor.store import Database
from monitor.store.articles import list_articles
from monitor.store.feeds import feed_statuses, sync_feeds
from monitor.store.page_errors import page_errors
from tests.support.httpserver import HttpServer, Reply, static
from tests.test_ingest import SETTINGS, page, rss


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(SETTINGS) as f:
        yield f


def allowed(name: str, server: HttpServer, path: str, **kw: object) -> FeedDef:
    return FeedDef(
        name=name,
        url=server.url(path),
        kind=kw.pop("kind", FeedKind.RSS),  # type: ignore[arg-type]
        allow_hosts=(f"127.0.0.1:{server.port}",),
        **kw,  # type: ignore[arg-type]
    )


async def poll(db: Database, fetcher: Fetcher, feed: FeedDef) -> PollReport:
    sync_feeds(db, [feed], datetime.now(UTC))
    ing = Ingestor(db, fetcher, IngestOptions(respect_robots=False))
    (report,) = await ing.poll_due([feed], owner="test", force=True)
    return report


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        (Reply(status=200, body=b""), ErrorKind.EMPTY_BODY),
        (Reply(status=204), ErrorKind.EMPTY_BODY),
        (Reply(body=gzip.compress(b"x" * 10_000)), ErrorKind.NOT_A_FEED),
        (Reply(body=b"<html><body>a page</body></html>"), ErrorKind.NOT_A_FEED),
        (Reply(status=429, headers=(("Retry-After", "9" * 20),)), ErrorKind.HTTP_429),
        (Reply(status=503), ErrorKind.HTTP_5XX),
        (Reply(status=410), ErrorKind.HTTP_4XX),
        (
            Reply(status=302, headers=(("Location", "javascript:alert(1)"),)),
            ErrorKind.BLOCKED_SCHEME,
        ),
        (
            Reply(headers=tuple((f"X-Pad-{i}", "p" * 1000) for i in range(70))),
            ErrorKind.PROTOCOL_ERROR,
        ),
    ],
)
async def test_each_failure_is_stored_with_its_kind(
    server: HttpServer, db: Database, fetcher: Fetcher, reply: Reply, kind: ErrorKind
) -> None:
    server.route("/feed", reply)
    report = await poll(db, fetcher, allowed("f", server, "/feed"))
    assert not report.ok and report.error_kind is kind, report.error
    state = feed_statuses(db)["f"]
    assert state.last_error_kind == kind.value
    assert state.last_error == report.error


async def test_a_20_digit_retry_after_waits_an_hour_at_most(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    server.route("/feed", Reply(status=429, headers=(("Retry-After", "9" * 20),)))
    report = await poll(db, fetcher, allowed("f", server, "/feed"))
    assert report.retry_after == 3600
    state = feed_statuses(db)["f"]
    assert state.next_poll_at is not None and state.last_poll_at is not None
    assert (state.next_poll_at - state.last_poll_at).total_seconds() <= 3600 * 1.1


async def test_a_feed_with_no_items_is_a_healthy_feed(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    server.route("/feed", static(rss(server.url(""), []), content_type="application/rss+xml"))
    report = await poll(db, fetcher, allowed("f", server, "/feed"))
    assert report.ok and report.entries == 0
    assert feed_statuses(db)["f"].last_error is None


async def test_linkless_items_never_fetch_the_feed_as_an_article(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>no link</title><description>random</description></item>"
        b"<item><title>also none</title><guid isPermaLink='false'>urn:1</guid></item>"
        b"</channel></rss>"
    )
    server.route("/feed", static(body, content_type="application/rss+xml"))
    report = await poll(db, fetcher, allowed("f", server, "/feed"))
    assert report.ok and report.entries == 0
    assert server.hits("/feed") == 1  # never fetched again as a page
    assert list_articles(db, limit=10) == []
    assert feed_statuses(db)["f"].last_warnings == "item_without_link x2"


async def test_article_links_off_the_allow_list_are_refused(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    with HttpServer() as other:
        other.route("/story", static(page("Elsewhere", "", "")))
        server.route("/story", static(page("Here", "", "")))
        links = [server.url("/story"), other.url("/story")]
        server.route("/feed", static(rss("", links), content_type="application/rss+xml"))
        report = await poll(db, fetcher, allowed("f", server, "/feed"))
        assert report.ok and report.new == 1 and report.errors == 1, report.error_details
        assert other.hits() == 0
        (error,) = page_errors(db)
        assert "not on the allow-list" in error.error


async def test_unstorable_text_is_cleaned_and_stored(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    """21 NULs, escapes and a lone surrogate in a title: stored clean (PostgreSQL too)."""
    text = " ".join(["Poland is ready to send an engineering company to Ukraine."] * 40)
    doc = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "J",
        "items": [
            {
                "id": "1",
                "url": server.url("/a"),
                "title": "Poland\u0000" * 21 + "\u001b[2J\ud800 ready",
                "authors": [{"name": "A\u0000" + "b" * 1000}],
                "content_html": f"<p>{text}\u0000\u0085</p>",
            }
        ],
    }
    server.route(
        "/feed",
        Reply(body=json.dumps(doc).encode(), headers=(("Content-Type", "application/feed+json"),)),
    )
    feed = allowed("j", server, "/feed", kind=FeedKind.JSON, fetch_pages=False)
    report = await poll(db, fetcher, feed)
    assert report.ok and report.new == 1, report
    (row,) = list_articles(db, limit=10)
    assert row.title == "Poland" * 21 + "[2J ready"
    assert "field_truncated" in (feed_statuses(db)["j"].last_warnings or "")


async def test_an_undeclared_cp1251_feed_is_stored_readable_with_a_warning(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    title = "Польша готова направить инженерную роту на Украину"
    text = " ".join(["Министр обороны заявил, что страна готова направить роту."] * 40)
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Новости</title>'
        f"<item><title>{title}</title><link>{server.url('/a')}</link>"
        f"<description>{text}</description></item></channel></rss>"
    ).encode("cp1251")
    server.route("/feed", Reply(body=body, headers=(("Content-Type", "application/xml"),)))
    report = await poll(db, fetcher, allowed("c", server, "/feed", fetch_pages=False))
    assert report.ok and report.new == 1, report
    assert list_articles(db, limit=1)[0].title == title
    assert (feed_statuses(db)["c"].last_warnings or "").startswith("encoding_fallback")


async def test_an_undeclared_cp1251_page_is_stored_readable(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    para = "Министр обороны заявил, что страна готова направить инженерную роту на Украину."
    html = f"<html><head><title>Польша</title></head><body><article>{'<p>' + para + '</p>' * 1}"
    html += "".join(f"<p>{para} Абзац {i}.</p>" for i in range(8)) + "</article></body></html>"
    server.route("/a", Reply(body=html.encode("cp1251"), headers=(("Content-Type", "text/html"),)))
    server.route("/feed", static(rss(server.url(""), ["/a"]), content_type="application/rss+xml"))
    report = await poll(db, fetcher, allowed("p", server, "/feed"))
    assert report.ok and report.new == 1, report
    (row,) = list_articles(db, limit=1)
    assert row.title == "Польша"
