"""The track flow's report: events, deliveries queued and stances held back, from one
article's verdict to the poll report and the service's counters."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.alert_records import AlertRouting, DigestPeriod
from monitor.classify.records import Classification, Stance, StanceFinding
from monitor.documents import to_document
from monitor.ingest import IngestOptions, Ingestor
from monitor.records import ExtractedArticle
from monitor.store import Database
from monitor.store.articles import save_document
from monitor.store.stances import current_stances
from monitor.track import TrackReport, digest_due, record_one
from tests.alerts.builders import story_text

T0 = datetime(2025, 9, 1, 8, tzinfo=UTC)
ROUTING = AlertRouting(channels=("console", "webhook"))


def verdict(actor: str, stance: str, confidence: float) -> Classification:
    finding = StanceFinding(
        actor=actor,
        stance=Stance(stance),
        confidence=confidence,
        evidence=f"{actor} is {stance}.",
        start=0,
        end=5,
        rule="test",
    )
    return Classification(True, 0.9, (finding,), (actor,), "test-1")


def article(db: Database, seed: str, published: datetime) -> str:
    doc = to_document(
        ExtractedArticle(title=seed, text=story_text(seed), published=published),
        url=f"https://{seed}.example/story",
        feed="test",
    )
    assert doc is not None
    return save_document(db, doc, now=T0).article_id


def test_report_counts_events_deliveries_and_what_was_held_back(db: Database) -> None:
    first = record_one(
        db, article(db, "a", T0), verdict("PL", "declined", 0.9), ROUTING, T0, source="a"
    )
    assert len(first.events) == 1 and first.alerts_queued == 2 and first.held_back == 0
    assert first.change is not None and first.change.added == {("PL", "declined")}
    # An unclear "open" (under min_confidence) from one source waits for corroboration:
    # held back, and a pending alert queued (once per held-back change).
    later = T0 + timedelta(days=1)
    weak = record_one(
        db, article(db, "b", later), verdict("PL", "open", 0.4), ROUTING, T0, source="b"
    )
    assert len(weak.events) == 1 and weak.alerts_queued == 2 and weak.held_back == 1
    # A second source agrees: the stance changes, one delivery per channel.
    agree = record_one(
        db, article(db, "c", later), verdict("PL", "open", 0.4), ROUTING, T0, source="c"
    )
    assert len(agree.events) == 1 and agree.alerts_queued == 2 and agree.held_back == 0
    # Without routing the verdict is stored and nothing is tracked.
    quiet = record_one(
        db, article(db, "d", later), verdict("FR", "willing", 0.9), None, T0, source="d"
    )
    assert quiet.events == () and quiet.change is not None and quiet.change.touched == {"FR"}


def test_digest_channels_are_due_at_the_end_of_the_period(db: Database) -> None:
    routing = AlertRouting(
        channels=("console", "email"), digest=DigestPeriod.HOURLY, digest_channels=("email",)
    )
    now = T0 + timedelta(minutes=20)
    report = record_one(
        db, article(db, "a", T0), verdict("DE", "open", 0.9), routing, now, source="a"
    )
    assert report.alerts_queued == 2
    assert digest_due(now, DigestPeriod.HOURLY) == T0 + timedelta(hours=1)
    assert digest_due(now, DigestPeriod.DAILY) == datetime(2025, 9, 2, tzinfo=UTC)


def test_reports_add_up() -> None:
    a = TrackReport((1,), 2, 0)
    b = TrackReport((3,), 1, 1)
    assert a + b == TrackReport((1, 3), 3, 1)


def test_the_poll_report_carries_what_tracking_decided(db: Database, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("one", "two"):
        (corpus / f"{name}.txt").write_text(story_text(name) + "\n")

    def classifier(text: str, title: str) -> Classification:
        # "one" states a firm stance, "two" a weak different one: a change held back.
        firm = text.startswith(story_text("one")[:40])
        return verdict("IT", "declined", 0.9) if firm else verdict("IT", "open", 0.4)

    one_at_a_time = IngestOptions(page_concurrency=1)  # files in name order: "one" first
    ingestor = Ingestor(
        db, None, one_at_a_time, classifier=classifier, alerts=ROUTING, clock=lambda: T0
    )
    report = asyncio.run(ingestor.import_directory(corpus))
    assert report.new == 2 and report.errors == 0
    assert (report.events, report.alerts_queued, report.held_back) == (1, 2, 1)


def test_an_old_story_republished_with_a_new_date_changes_no_stance(db: Database) -> None:
    old, new = T0 - timedelta(days=400), T0 + timedelta(days=30)

    def save(text: str, url: str, published: datetime) -> tuple[str, str | None]:
        doc = to_document(
            ExtractedArticle(title="Story", text=text, published=published), url=url, feed="t"
        )
        assert doc is not None
        outcome = save_document(db, doc, now=T0)
        return outcome.article_id, outcome.near_duplicate_of

    original, _ = save(story_text("old-pl"), "https://a.example/old", old)
    record_one(db, original, verdict("PL", "declined", 0.9), ROUTING, T0, source="a")
    later, _ = save(story_text("pl-now"), "https://b.example/now", T0)
    changed = record_one(db, later, verdict("PL", "willing", 0.9), ROUTING, T0, source="b")
    assert len(changed.events) == 1  # declined -> willing
    # An aggregator re-publishes the old story, lightly edited, dated a month later.
    copy, near = save(story_text("old-pl") + " Republished.", "https://agg.example/c", new)
    assert near == original
    report = record_one(db, copy, verdict("PL", "declined", 0.9), ROUTING, T0, source="agg")
    assert report.events == () and report.alerts_queued == 0
    assert {c.actor: c.stance for c in current_stances(db)}["PL"] == "willing"
