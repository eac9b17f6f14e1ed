"""Build a review archive for the web tests: imported corpora, stances, feeds and alerts.

Observations are inserted directly (the evidence sentences of the fixtures' answer keys,
located in the stored text), then the real tracker decides the stances and writes alerts.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from monitor.alert_records import AlertRouting, DeliveryState
from monitor.documents import to_document
from monitor.ingest import Ingestor
from monitor.records import ExtractedArticle, FeedDef, FeedKind
from monitor.runstate import FeedRegistry, Runtime
from monitor.settings import Settings
from monitor.store import Database, open_database
from monitor.store.articles import get_article, save_document
from monitor.store.feeds import PollOutcome, record_poll, sync_feeds
from monitor.store.models import Article, Delivery, Observation
from monitor.track import track_all
from monitor.wiring import assemble

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "corpus"
DEMO = REPO / "feeds" / "demo"
NOW = datetime(2026, 7, 1, 12, tzinfo=UTC)

# (file, country, stance, the start of the evidence sentence): from the answer keys.
STANCES = [
    (CORPUS / "01-oslo-offers-engineers.txt", "NO", "willing", "Norway is ready to send"),
    (CORPUS / "01-oslo-offers-engineers.txt", "RU", "opposed", "Russia's foreign ministry said"),
    (CORPUS / "02-lisbon-no-plans.txt", "PT", "declined", "Portugal has no plans"),
    (CORPUS / "02-lisbon-no-plans.txt", "GR", "open", "Greece does not rule out"),
    (CORPUS / "04-dublin-premature.txt", "IE", "undecided", "It is premature to discuss"),
    (CORPUS / "04-dublin-premature.txt", "AT", "declined", "Austria will not send troops"),
    (CORPUS / "05-rome-considering.html", "IT", "open", "Italy is considering sending"),
    (DEMO / "01-paris-talks-postwar-force.txt", "FI", "undecided", "It is premature to discuss"),
    (DEMO / "04-helsinki-ready-to-send.html", "FI", "willing", "Finland's Defence Minister"),
]

HOSTILE_TITLE = 'Evil <script>alert("title")</script> headline'
HOSTILE_SENTENCE = "Malta is ready to send troops <img src=x onerror=alert(1)> to Ukraine."
HOSTILE_TEXT = (
    "Valletta officials spoke on Monday about the plan. " + HOSTILE_SENTENCE + " "
    "Another line <script>alert('text')</script> follows with more words about the force. "
    "The rest of the story is ordinary reporting about a ceasefire and its observers."
)


@dataclass
class Archive:
    rt: Runtime
    ids: dict[str, str] = field(default_factory=dict)  # fixture file name -> article id
    hostile_id: str = ""
    seeds: list[str] = field(default_factory=list)  # article ids of ../shared seeds


def sentence_span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    ends = [i for i in (text.find(". ", start), text.find(".\n", start)) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    return start, end


def add_observation(db: Database, article_id: str, actor: str, stance: str, needle: str) -> None:
    with db.session() as s:
        a = s.get(Article, article_id)
        assert a is not None
        start, end = sentence_span(a.text, needle)
        s.add(
            Observation(
                article_id=a.id,
                actor=actor,
                stance=stance,
                confidence=0.9,
                evidence=a.text[start:end],
                start=start,
                end=end,
                rule="fixture",
                condition=None,
                classifier_version="test",
                observed_at=a.published_at or a.fetched_at,
                group_id=a.group_id,
                source="fixture.test",
                created_at=NOW,
            )
        )


def feed_files(feeds_dir: Path) -> list[FeedDef]:
    feeds_dir.mkdir(parents=True, exist_ok=True)
    (feeds_dir / "wire.toml").write_text(
        'name = "wire"\nkind = "rss"\nurl = "https://wire.test/feed.xml"\ninterval = "30m"\n'
        'tags = ["news"]\n',
        encoding="utf-8",
    )
    return [
        FeedDef(name="wire", url="https://wire.test/feed.xml", kind=FeedKind.RSS, tags=("news",)),
        FeedDef(name="demo", url=str(DEMO), kind=FeedKind.CORPUS, fetch_pages=False),
    ]


def build_archive(root: Path, *, seeds: Path | None = None, pg_url: str | None = None) -> Archive:
    db = open_database(pg_url or f"sqlite:///{root / 'archive.db'}")
    ingestor = Ingestor(db, None, clock=lambda: NOW)
    asyncio.run(ingestor.import_directory(CORPUS, feed="fixtures"))
    asyncio.run(ingestor.import_directory(DEMO, feed="demo"))
    archive = Archive(assemble(Settings(feeds_dir=root / "feeds"), db))
    if seeds is not None and seeds.is_dir():
        asyncio.run(ingestor.import_directory(seeds, feed="seeds"))
        for path in sorted(seeds.iterdir()):
            found = get_article(db, path.resolve().as_uri())
            if found is not None:
                archive.seeds.append(found.id)
    for path in {p for p, *_ in STANCES}:
        found = get_article(db, path.resolve().as_uri())
        assert found is not None, path
        archive.ids[path.name] = found.id

    doc = to_document(
        ExtractedArticle(title=HOSTILE_TITLE, text=HOSTILE_TEXT, published=NOW),
        url="https://evil.test/story",
        feed="wire",
    )
    assert doc is not None
    archive.hostile_id = save_document(db, doc, now=NOW).article_id
    with db.session() as s:  # a stored link that must never become a javascript: href
        s.execute(
            update(Article)
            .where(Article.id == archive.hostile_id)
            .values(url="javascript:alert('url')", canonical_url=None)
        )

    # As the service does: each article's observations are tracked when it is stored, in
    # file order here (publication order for each country), so a later article changes an
    # earlier stance with an alert.
    routing = AlertRouting(channels=("log", "webhook"))
    for path, actor, stance, needle in sorted(STANCES, key=lambda s: s[0].name):
        add_observation(db, archive.ids[path.name], actor, stance, needle)
        track_all(db, routing, now=NOW)
    add_observation(db, archive.hostile_id, "MT", "willing", "Malta is ready")
    track_all(db, routing, now=NOW)
    with db.session() as s:  # one alert's webhook gave up: a dead letter to retry
        first = s.scalar(select(Delivery.id).where(Delivery.channel == "webhook").limit(1))
        s.execute(
            update(Delivery)
            .where(Delivery.id == first)
            .values(state=DeliveryState.DEAD, attempts=5, last_error="HTTP 500 <b>oops</b>")
        )

    archive.rt = replace(archive.rt, feeds=FeedRegistry(feed_files(root / "feeds")))
    sync_feeds(db, list(archive.rt.feeds), NOW)
    record_poll(
        db,
        "wire",
        PollOutcome(
            started_at=NOW - timedelta(minutes=5),
            finished_at=NOW - timedelta(minutes=5),
            next_poll_at=NOW + timedelta(minutes=25),
            ok=False,
            error="HTTP 503 <i>Service Unavailable</i>",
        ),
    )
    record_poll(
        db,
        "demo",
        PollOutcome(
            started_at=NOW - timedelta(minutes=2),
            finished_at=NOW - timedelta(minutes=2),
            next_poll_at=NOW + timedelta(minutes=58),
            ok=True,
            entries=12,
            new_articles=11,
        ),
    )
    return archive
