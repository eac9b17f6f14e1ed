"""Storage on SQLite and PostgreSQL: migrations, dedupe by hash and URL, near-duplicates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from monitor.documents import to_document
from monitor.records import Document, ExtractedArticle
from monitor.store import open_database
from monitor.store.articles import (
    SaveResult,
    count_articles,
    get_article,
    group_members,
    iter_articles,
    known_urls,
    list_articles,
    save_document,
)
from monitor.store.migrate import current_revisions, head_revisions

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)
STORY = (
    "Officials in the capital said on Tuesday that the government is prepared to send a small "
    "engineering unit once a ceasefire is signed, adding that parliament would vote first. "
    "The defence minister told reporters the unit would clear mines and rebuild bridges. "
    "Opposition parties asked for a debate before any decision is taken on the deployment. "
    "The chief of staff said planning had started in January and that the army had enough "
    "engineers, vehicles and medics to sustain a rotation for at least a year. Allies meeting "
    "in Brussels next week are expected to compare offers and agree who leads which sector. "
    "A spokesperson for the finance ministry said the cost would be covered by a reserve fund."
)


def doc(text: str, url: str, **kw: object) -> Document:
    d = to_document(ExtractedArticle(title="A story", text=text, **kw), url=url, feed="t")  # type: ignore[arg-type]
    assert d is not None
    return d


def test_migrations_reach_head_and_set_up_the_engine(db_url: str) -> None:
    db = open_database(db_url)
    assert current_revisions(db.engine) == head_revisions(db.engine)
    if db.dialect == "sqlite":
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
    # Applying again is a no-op, not an error.
    open_database(db_url)
    assert current_revisions(db.engine) == head_revisions(db.engine)


def test_same_text_under_two_urls_is_stored_once(db_url: str) -> None:
    db = open_database(db_url)
    first = save_document(db, doc(STORY, "https://a.test/story?utm_source=x"), now=NOW)
    again = save_document(
        db, doc("  " + STORY.replace(". ", ".  "), "https://b.test/copy"), now=NOW
    )
    assert first.result is SaveResult.NEW
    assert again.result is SaveResult.DUPLICATE
    assert again.article_id == first.article_id
    assert count_articles(db) == 1
    # Both URLs (and the canonical form of the first) are now known and not fetched again.
    assert known_urls(db, ["https://b.test/copy", "https://a.test/story", "https://c.test/"]) == {
        "https://b.test/copy",
        "https://a.test/story",
    }
    stored = get_article(db, first.article_id)
    assert stored is not None and stored.content_hash.startswith(stored.id)
    assert len(stored.content_hash) == 64
    assert get_article(db, first.article_id[:6]) == stored
    assert get_article(db, "https://b.test/copy") == stored


def test_edited_republication_joins_the_story_group(db_url: str) -> None:
    db = open_database(db_url)
    a = save_document(db, doc(STORY, "https://a.test/1"), now=NOW)
    edited = STORY.replace("on Tuesday", "on Tuesday evening")
    b = save_document(db, doc(edited, "https://b.test/2"), now=NOW + timedelta(minutes=1))
    other = save_document(
        db,
        doc(
            "A football club deployed a new formation and won the derby three goals to one. " * 3,
            "https://c.test/3",
        ),
        now=NOW + timedelta(minutes=2),
    )
    assert b.result is SaveResult.NEW and b.near_duplicate_of == a.article_id
    assert b.group_id == a.article_id
    assert other.group_id == other.article_id
    assert group_members(db, a.article_id) == [a.article_id, b.article_id]


def test_times_round_trip_as_aware_utc_and_export_order_is_stable(db_url: str) -> None:
    db = open_database(db_url)
    published = datetime(2025, 9, 1, 8, 30, tzinfo=UTC)
    for i in range(3):
        save_document(
            db,
            doc(f"{STORY} Item {i}.", f"https://a.test/{i}", published=published),
            now=NOW + timedelta(seconds=i),
        )
    rows = list(iter_articles(db, batch=2))
    assert [r.url for r in rows] == [f"https://a.test/{i}" for i in range(3)]
    assert all(r.published_at == published and r.fetched_at.tzinfo is not None for r in rows)


def test_the_article_list_continues_after_an_id_as_offset_pages_do(db_url: str) -> None:
    db = open_database(db_url)
    for i in range(7):  # days repeat: ties in time are ordered by id
        words = " ".join(f"w{i}x{k}" for k in range(30))
        save_document(
            db,
            doc(f"{words} {STORY}", f"https://n.test/{i}", published=NOW - timedelta(days=i // 2)),
            now=NOW,
        )
    whole = [a.id for a in list_articles(db, limit=100)]
    assert len(whole) == 7
    paged: list[str] = []
    after = None
    while page := list_articles(db, limit=3, after=after):
        paged += [a.id for a in page]
        after = page[-1].id
    assert paged == whole
    assert [a.id for a in list_articles(db, limit=3, offset=3)] == whole[3:6]
    with pytest.raises(LookupError):
        list_articles(db, after="0000000000000000")
    db.dispose()
