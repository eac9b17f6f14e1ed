"""A gate round's items stored in batches (monitor.ingest.batch): one transaction for
many articles, each item still failing alone, in publication order, alerts after the
commit; two workers storing the same batch on PostgreSQL store each article once."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, func, select, text

from monitor.alert_records import AlertRouting
from monitor.classify.records import Classification, Stance, StanceFinding
from monitor.documents import to_document
from monitor.fetch import Fetcher, FetchSettings
from monitor.ingest import IngestOptions, Ingestor
from monitor.ingest.batch import BatchWriter, Pending, Stored
from monitor.ingest.gate import OrderingGate, Ready
from monitor.records import Document, ExtractedArticle, FeedDef, FeedKind
from monitor.store import Database, open_database
from monitor.store.articles import SaveResult, list_articles
from monitor.store.feeds import sync_feeds
from monitor.store.models import Article, ArticleLsh
from monitor.store.outbox import list_alerts
from monitor.store.page_errors import page_errors
from tests.alerts.builders import story_text
from tests.support.httpserver import HttpServer, static, status

T0 = datetime(2026, 2, 3, tzinfo=UTC)
STANCES = ["undecided"] * 5 + ["open"] * 5 + ["willing"] * 10  # by publication order
POISONED = 5  # the first "open" story: its change moves to the next one


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(FetchSettings(per_host_concurrency=8, max_connections=8)) as f:
        yield f


def _serve(server: HttpServer) -> FeedDef:
    server.route("/robots.txt", status(404))
    links = []
    for i, stance in enumerate(STANCES):
        path = f"/poison-{i}" if i == POISONED else f"/story-{i}"
        title = f"Norway {i} {stance}"
        when = (T0 + timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        body = (
            f"<html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="{when}">'
            f"</head><body><article><h1>{title}</h1><p>{story_text(title)}</p>"
            "</article></body></html>"
        )
        server.route(path, static(body.encode()))
        links.insert(0, f"<item><title>{title}</title><link>{server.url(path)}</link></item>")
    rss = f"<rss version='2.0'><channel><title>t</title>{''.join(links)}</channel></rss>"
    server.route("/feed.xml", static(rss.encode(), content_type="application/rss+xml"))
    return FeedDef("no", server.url("/feed.xml"), FeedKind.RSS, allow_private=True)


def _classifier(text_: str, title: str) -> Classification:
    finding = StanceFinding("NO", Stance(title.split()[-1]), 0.9, text_[:20], 0, 5, "test")
    return Classification(True, 0.9, (finding,), ("NO",), "test-1")


def _poison(db: Database) -> None:
    """A real failure of the store, for one URL only: its article_urls insert raises."""
    with db.engine.begin() as conn:
        if db.dialect == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER poison BEFORE INSERT ON article_urls "
                    "WHEN NEW.url LIKE '%poison%' BEGIN SELECT RAISE(ABORT, 'poisoned url'); END"
                )
            )
            return
        conn.execute(
            text(
                "CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN "
                "IF NEW.url LIKE '%poison%' THEN RAISE EXCEPTION 'poisoned url'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"
            )
        )
        conn.execute(
            text(
                "CREATE TRIGGER poison BEFORE INSERT ON article_urls "
                "FOR EACH ROW EXECUTE FUNCTION poison()"
            )
        )


async def test_a_failing_item_rolls_back_alone_and_the_batch_commits_together(
    server: HttpServer, db: Database, fetcher: Fetcher
) -> None:
    feed = _serve(server)
    sync_feeds(db, [feed], T0)
    _poison(db)
    commits: list[int] = []
    event.listen(db.engine, "commit", lambda _conn: commits.append(1))
    woken: list[list[tuple[str | None, str]]] = []

    def on_alerts() -> None:
        # Read through another connection: what is visible is what was committed.
        woken.append([(a.old_stance, a.new_stance) for a in list_alerts(db)])

    routing = AlertRouting(channels=("webhook",))
    ing = Ingestor(
        db,
        fetcher,
        IngestOptions(page_concurrency=8),
        classifier=_classifier,
        alerts=routing,
        on_alerts=on_alerts,
    )
    ing.entries.writer.batch_s = 60.0  # one batch even on a loaded machine
    (report,) = await ing.poll_due([feed], owner="t", force=True)
    polled = len(commits)

    assert report.ok and (report.new, report.errors) == (19, 1), report
    (err,) = page_errors(db)
    assert err.url.endswith(f"/poison-{POISONED}") and "poisoned url" in err.error
    assert err.kind == "internal_error" and not err.permanent
    titles = {a.title for a in list_articles(db, limit=100)}
    assert len(titles) == 19 and f"Norway {POISONED} open" not in titles
    with db.session() as s:  # the failing item's article and keys went with its rollback
        keyed = set(s.scalars(select(ArticleLsh.article_id).distinct()))
        assert keyed == set(s.scalars(select(Article.id))) and len(keyed) == 19
    # Tracked in publication order: the change the poisoned story carried comes with the
    # next one; each change alerts once.
    changes = [(None, "undecided"), ("undecided", "open"), ("open", "willing")]
    alerts = sorted(list_alerts(db), key=lambda a: a.id)
    assert [(a.old_stance, a.new_stance) for a in alerts] == changes
    assert alerts[1].article_id == report.new_ids[POISONED]  # the story after it
    assert report.alerts_queued == 3
    # Woken after the commit that queued them: every alert is visible when it rings.
    assert woken and sorted(woken[-1], key=str) == sorted(changes, key=str)
    # Four transactions for the 20 items, as an item that queued alerts ends its batch
    # (after items 0, 6 and 10); the others: the claim, the known URLs, the page errors
    # read, the page error written, three alert wakes' reads and the feed's state (no
    # page error to clear: none asked for). (One transaction per item: 31.)
    assert polled == 12, polled


async def test_a_round_is_batched_in_publication_order_within_the_bound() -> None:
    calls: list[list[str]] = []

    async def together(batch: object) -> None:
        assert isinstance(batch, list)
        calls.append([str(r.part) for r in batch])

    def ready(name: str, hour: int, batched: bool = True) -> Ready:
        async def alone() -> None:
            calls.append([f"alone:{name}"])

        return Ready(T0 + timedelta(hours=hour), alone, together if batched else None, name)

    gate = OrderingGate(window_s=5.0, max_batch=3)
    a, b = gate.enter(), gate.enter()
    first = [ready(f"a{h}", h) for h in (7, 5, 3, 1)]
    second = [ready(f"b{h}", h) for h in (6, 2)] + [ready("loner", 4, batched=False)]
    await asyncio.wait_for(
        asyncio.gather(gate.submit(a, first), gate.submit(b, second)), timeout=4.0
    )
    assert calls == [["a1", "b2", "a3"], ["alone:loner"], ["a5", "b6", "a7"]]


def test_a_batch_takes_no_new_item_once_its_time_is_up(db: Database) -> None:
    writer = BatchWriter(db, IngestOptions(), clock=lambda: T0, alerts=None)
    writer.batch_s = 0.0
    todo = [Pending(_doc(i), None, _feed(), lambda _r: None) for i in range(3)]
    first = writer.store_many(todo)
    assert len(first) == 1 and isinstance(first[0], Stored)
    rest = writer.store_many(todo[1:]) + writer.store_many(todo[2:])
    assert [r.outcome.result for r in rest if isinstance(r, Stored)] == [SaveResult.NEW] * 2


def _doc(i: int) -> Document:
    title = f"Copy race {i}"
    d = to_document(
        ExtractedArticle(title=title, text=story_text(title)),
        url=f"https://news.test/race/{i}",
        feed="t",
    )
    assert d is not None
    return d


def test_two_workers_storing_one_batch_store_each_article_once(pg_url: str) -> None:
    """Opposite orders: the batches wait on each other's keys (a deadlock PostgreSQL
    breaks), and every item still ends new once and a duplicate once, never an error."""
    docs = [_doc(i) for i in range(12)]
    dbs = [open_database(pg_url), open_database(pg_url)]
    results: dict[int, list[Stored | Exception]] = {}
    start = threading.Barrier(2)

    def work(k: int) -> None:
        order = docs if k == 0 else docs[::-1]
        writer = BatchWriter(dbs[k], IngestOptions(), clock=lambda: T0, alerts=None)
        todo = [Pending(d, _classifier(d.text, "x open"), _feed(), lambda _r: None) for d in order]
        start.wait()
        out: list[Stored | Exception] = []
        while todo:
            done = writer.store_many(todo)
            out += done
            todo = todo[len(done) :]
        results[k] = out if k == 0 else out[::-1]

    try:
        threads = [threading.Thread(target=work, args=(k,)) for k in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert all(not t.is_alive() for t in threads)
        for i in range(len(docs)):
            pair = [results[0][i], results[1][i]]
            assert all(isinstance(r, Stored) for r in pair), pair
            kinds = sorted(str(r.outcome.result) for r in pair if isinstance(r, Stored))
            assert kinds == [SaveResult.DUPLICATE, SaveResult.NEW], (i, pair)
        with dbs[0].session() as s:
            assert s.scalar(select(func.count()).select_from(Article)) == len(docs)
    finally:
        for db in dbs:
            db.dispose()


def _feed() -> FeedDef:
    return FeedDef("t", "https://news.test/feed.xml", FeedKind.RSS)
