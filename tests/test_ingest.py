"""Ingest end to end against a real HTTP server on 127.0.0.1 and a real database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.alert_records import AlertRouting
from monitor.classify.records import Classification, Stance, StanceFinding
from monitor.fetch import Fetcher, FetchSettings
from monitor.ingest import IngestOptions, Ingestor, PollReport
from monitor.records import FeedDef, FeedKind
from monitor.store import Database
from monitor.store.articles import count_articles, list_articles
from monitor.store.feeds import feed_statuses, sync_feeds
from monitor.store.outbox import list_alerts
from monitor.store.page_errors import page_errors
from tests.alerts.builders import story_text
from tests.support.httpserver import HttpServer, Reply, Request, static, status

SETTINGS = FetchSettings(
    user_agent="monitor-tests/0.1",
    connect_timeout_s=2,
    read_timeout_s=3,
    total_timeout_s=5,
    max_bytes=64 * 1024,
)

BODY = [
    "The defence ministry said on Monday that the country is ready to send an engineering "
    "company to Ukraine once a ceasefire is signed, and that parliament will vote on it.",
    "Officials added that planning with allies has started and that the unit would clear "
    "mines, repair bridges and support the reconstruction of rail lines in the east.",
    "The opposition asked for a debate before the vote, but did not reject the plan.",
]


def page(title: str, extra_top: str, extra_bottom: str, canonical: str | None = None) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f"<html><head><title>{title}</title>{link}"
        '<meta property="article:published_time" content="2026-02-03T09:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>{extra_top}"
        f"<article><h1>{title}</h1>{paras}</article>"
        f"<footer>{extra_bottom}</footer></body></html>"
    ).encode()


def rss(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Item {i}</title><link>{base}{link}</link><guid>{i}</guid>"
        "<pubDate>Tue, 03 Feb 2026 10:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    return f"{head}{items}</channel></rss>".encode()


def feed(name: str, url: str) -> FeedDef:
    return FeedDef(name=name, url=url, kind=FeedKind.RSS, interval_s=600, allow_private=True)


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(SETTINGS) as f:
        yield f


def ingestor(db: Database, fetcher: Fetcher) -> Ingestor:
    return Ingestor(db, fetcher, IngestOptions(respect_robots=True))


async def poll_all(ing: Ingestor, db: Database, feeds: list[FeedDef]) -> dict[str, PollReport]:
    sync_feeds(db, feeds, datetime.now(UTC))
    reports = await ing.poll_due(feeds, owner="test", force=True)
    return {r.feed: r for r in reports}


async def test_one_article_under_two_urls_is_stored_once_and_304_parses_nothing(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    server.route("/robots.txt", status(404))
    server.route(
        "/a/story",
        static(page("Engineers for Ukraine", "<div class='share'>Share on X</div>", "© News A")),
    )
    server.route(
        "/b/syndicated",
        static(
            page("Engineers for Ukraine", "<p class='promo'>Subscribe now!</p>", "Legal notice B")
        ),
    )
    server.route(
        "/feed.xml",
        static(
            rss(server.url(""), ["/a/story", "/b/syndicated?utm_source=rss"]),
            content_type="application/rss+xml",
            etag='"v1"',
        ),
    )
    f = feed("local", server.url("/feed.xml"))
    ing = ingestor(db, fetcher)
    (report,) = (await poll_all(ing, db, [f])).values()
    assert report.ok and report.entries == 2, report
    assert report.errors == 0, report.error_details
    assert (report.new, report.duplicates) == (1, 1)
    assert count_articles(db) == 1
    (article,) = list_articles(db)
    assert article.published_at == datetime(2026, 2, 3, 9, tzinfo=UTC)
    assert "Share on X" not in article.text and "Subscribe" not in article.text
    assert all(p in article.text for p in BODY)

    pages_before = server.hits("/a/story") + server.hits("/b/syndicated")
    (again,) = (await poll_all(ing, db, [f])).values()
    assert again.not_modified and again.entries == 0 and again.new == 0
    last = server.requests[-1]
    assert last.path == "/feed.xml" and last.header("if-none-match") == '"v1"'
    assert server.hits("/a/story") + server.hits("/b/syndicated") == pages_before
    assert count_articles(db) == 1


async def test_known_urls_are_not_fetched_again_when_the_feed_changes(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    server.route("/robots.txt", status(404))
    server.route("/a/story", static(page("Story", "", "")))
    links = ["/a/story"]

    def feed_doc(_req: Request) -> Reply:
        return Reply(
            body=rss(server.url(""), links), headers=(("Content-Type", "application/rss+xml"),)
        )

    server.route("/feed.xml", feed_doc)
    f = feed("local", server.url("/feed.xml"))
    ing = ingestor(db, fetcher)
    await poll_all(ing, db, [f])
    links.append("/a/story#comments")  # same canonical URL
    (report,) = (await poll_all(ing, db, [f])).values()
    assert report.known == 2 and report.new == 0
    assert server.hits("/a/story") == 1


async def test_a_failing_feed_keeps_failing_without_stopping_the_others(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    server.route("/robots.txt", status(404))
    server.route("/a/story", static(page("Story", "", "")))
    server.route("/good.xml", static(rss(server.url(""), ["/a/story"])))
    server.route("/broken.xml", status(500, body=b"boom"))
    server.route("/garbage.xml", static(b"<html><body>not a feed</body></html>"))
    feeds = [
        feed("good", server.url("/good.xml")),
        feed("broken", server.url("/broken.xml")),
        feed("garbage", server.url("/garbage.xml")),
    ]
    ing = ingestor(db, fetcher)
    for round_ in range(2):
        reports = await poll_all(ing, db, feeds)
        assert reports["good"].ok
        assert not reports["broken"].ok and not reports["garbage"].ok
        states = feed_statuses(db)
        assert "500" in (states["broken"].last_error or "")
        assert "not a feed" in (states["garbage"].last_error or "")
        assert states["broken"].consecutive_failures == round_ + 1
        # Backoff: the next poll of a failing feed is at least its interval away.
        assert (
            states["broken"].next_poll_at is not None and states["broken"].last_poll_at is not None
        )
        assert states["broken"].next_poll_at - states["broken"].last_poll_at >= timedelta(
            seconds=540
        )
    assert count_articles(db) == 1
    assert feed_statuses(db)["good"].last_error is None


async def test_a_page_past_the_size_cap_is_refused_with_a_stored_error(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    server.route("/robots.txt", status(404))
    huge = page("Huge", "", "x" * (SETTINGS.max_bytes + 10))
    server.route("/huge", static(huge))
    server.route("/feed.xml", static(rss(server.url(""), ["/huge"])))
    f = feed("local", server.url("/feed.xml"))
    ing = ingestor(db, fetcher)
    (report,) = (await poll_all(ing, db, [f])).values()
    assert report.ok and report.errors == 1 and report.new == 0
    (err,) = page_errors(db)
    assert err.url.endswith("/huge") and err.permanent and "byte" in err.error.lower()
    assert feed_statuses(db)["local"].page_errors == 1
    # A permanent failure is not fetched again on the next poll.
    hits = server.hits("/huge")
    (report,) = (await poll_all(ing, db, [f])).values()
    assert report.skipped == 1 and server.hits("/huge") == hits


async def test_robots_txt_disallow_is_respected(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    server.route(
        "/robots.txt", static(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    )
    server.route("/private/story", static(page("Secret", "", "")))
    server.route("/feed.xml", static(rss(server.url(""), ["/private/story"])))
    ing = ingestor(db, fetcher)
    (report,) = (await poll_all(ing, db, [feed("local", server.url("/feed.xml"))])).values()
    assert report.errors == 1 and server.hits("/private/story") == 0
    assert "robots" in page_errors(db)[0].error


async def test_corpus_import_is_idempotent(db: Database) -> None:
    corpus = Path(__file__).resolve().parent / "data" / "corpus"
    ing = Ingestor(db, None)
    first = await ing.import_directory(corpus)
    assert first.new >= 3 and first.errors == 0
    assert first.duplicates >= 1  # the fixture corpus carries an exact duplicate
    second = await ing.import_directory(corpus)
    assert second.new == 0 and second.known == first.entries


async def test_page_charset_comes_from_the_content_type_header(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    server.route("/robots.txt", status(404))
    body = page("Café talks", "", "").replace(b"Officials added", "Élysée officials added".encode())
    latin1 = body.decode("utf-8").encode("iso-8859-1")
    server.route("/latin", static(latin1, content_type="text/html; charset=ISO-8859-1"))
    server.route("/feed.xml", static(rss(server.url(""), ["/latin"])))
    ing = ingestor(db, fetcher)
    (report,) = (await poll_all(ing, db, [feed("local", server.url("/feed.xml"))])).values()
    assert report.new == 1, report
    (article,) = list_articles(db)
    assert "Élysée officials added" in article.text and article.title == "Café talks"


async def test_changes_arriving_in_one_poll_newest_first_alert_oldest_first(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:

    stances = {"undecided": "08:00", "open": "10:00", "willing": "12:00"}
    for stance, hour in stances.items():
        body = (
            f"<html><head><title>Norway {stance}</title>"
            f'<meta property="article:published_time" content="2026-02-03T{hour}:00Z">'
            f"</head><body><article><h1>Norway {stance}</h1><p>{story_text(stance)}</p>"
            "</article></body></html>"
        )
        server.route(f"/{stance}", static(body.encode()))
    newest_first = ["/willing", "/open", "/undecided"]
    server.route("/feed.xml", static(rss(server.base_url, newest_first)))

    def classifier(text: str, title: str) -> Classification:
        stance = title.split()[-1]
        finding = StanceFinding("NO", Stance(stance), 0.9, text[:20], 0, 5, "test")
        return Classification(True, 0.9, (finding,), ("NO",), "test-1")

    routing = AlertRouting(channels=("webhook",))
    ing = Ingestor(db, fetcher, IngestOptions(), classifier=classifier, alerts=routing)
    report = (await poll_all(ing, db, [feed("no", server.url("/feed.xml"))]))["no"]
    assert report.new == 3 and report.alerts_queued == 3, report
    alerts = sorted(list_alerts(db), key=lambda a: a.id)
    assert [(a.old_stance, a.new_stance) for a in alerts] == [
        (None, "undecided"),
        ("undecided", "open"),
        ("open", "willing"),
    ]
