"""`Best match` ranks the newest RANK_WINDOW matches and lists the older ones after them,
newest first; totals stay exact; pages by cursor or offset cross the window's end with
none repeated or skipped; SQLite and PostgreSQL cut the same window. A real SQLite file and
a real PostgreSQL schema, with the window made small (and once at its real size)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from monitor.documents import to_document
from monitor.records import ExtractedArticle
from monitor.store import Database, open_database
from monitor.store.articles import save_document
from monitor.store.models import Article, ArticleClass
from monitor.store.search import (
    RANK_WINDOW,
    SearchFilters,
    fts5,
    query,
    search_articles,
    tsvector,
)

T0 = datetime(2026, 3, 1, 8, tzinfo=UTC)
WINDOW = 4
FILLER = " It was published on Monday by the wire service that covers the region."


@pytest.fixture
def small_window(monkeypatch: pytest.MonkeyPatch) -> int:
    for module in (query, fts5, tsvector):
        monkeypatch.setattr(module, "RANK_WINDOW", WINDOW)
    return WINDOW


def store_stories(db: Database, n: int = 10, *, start: int = 0) -> list[str]:
    """`n` articles about troops, one a day, oldest first: the older half says "troops"
    over and over (a better match than any newer one), the newer half once."""
    ids = []
    for day in range(start, start + n):
        strong = day < n // 2
        title = f"Troops troops update {day}" if strong else f"Daily digest {day}"
        body = ("Troops moved again; troops and more troops. " * 3 if strong else "") + (
            f"Report {day} says the troops stayed in the north." + FILLER
        )
        when = T0 + timedelta(days=day)
        doc = to_document(
            ExtractedArticle(title=title, text=body, published=when),
            url=f"https://wire.test/{day}",
            feed="wire" if day % 2 else "post",
        )
        assert doc is not None
        ids.append(save_document(db, doc, now=when).article_id)
    return ids


def walk(db: Database, filters: SearchFilters) -> list[str]:
    seen: list[str] = []
    page = search_articles(db, filters)
    while True:
        seen += [h.id for h in page.hits]
        if page.next_cursor is None:
            return seen
        page = search_articles(db, replace(filters, after=page.next_cursor))


def test_best_match_ranks_the_newest_window_then_lists_older_matches_newest_first(
    db: Database, small_window: int
) -> None:
    ids = store_stories(db)  # oldest first
    page = search_articles(db, SearchFilters(query="troops", limit=50))
    got = [h.id for h in page.hits]
    assert page.total == 10 and len(got) == 10  # the total stays exact past the window
    newest = set(ids[-small_window:])
    assert set(got[:small_window]) == newest
    # The older matches follow newest first, however much better they match.
    assert got[small_window:] == ids[-small_window - 1 :: -1]
    # Newest first is the same whole list in time order.
    newest_first = search_articles(db, SearchFilters(query="troops", order="newest", limit=50))
    assert [h.id for h in newest_first.hits] == ids[::-1]


def test_below_the_window_size_every_match_is_ranked(db: Database) -> None:
    ids = store_stories(db)  # window of RANK_WINDOW: all ten ranked
    got = [h.id for h in search_articles(db, SearchFilters(query="troops")).hits]
    # The five articles that say "troops" over and over rank above the five that say it once.
    assert set(got[:5]) == set(ids[:5])


@pytest.mark.parametrize("limit", [1, 3, 4, 5])
def test_pages_cross_the_window_end_with_none_repeated_or_skipped(
    db: Database, small_window: int, limit: int
) -> None:
    store_stories(db)
    filters = SearchFilters(query="troops", limit=limit)
    whole = [h.id for h in search_articles(db, replace(filters, limit=50)).hits]
    assert walk(db, filters) == whole
    by_offset: list[str] = []
    for offset in range(0, 12, limit):
        page = search_articles(db, replace(filters, offset=offset))
        assert page.total == 10
        by_offset += [h.id for h in page.hits]
    assert by_offset == whole
    # A cursor and an offset together: skipped after the cursor, across the end too.
    first = search_articles(db, replace(filters, limit=2))
    skipped = search_articles(db, replace(filters, limit=3, offset=3, after=first.next_cursor))
    assert [h.id for h in skipped.hits] == whole[5:8]


def test_articles_stored_between_pages_do_not_push_the_window_out(
    db: Database, small_window: int
) -> None:
    """The cursor names the window's oldest match: articles stored after the first page
    join the window instead of pushing its oldest matches below it, where they would be
    listed a second time. bm25 weighs words by the whole collection, so on SQLite the
    scores inside the window move as articles arrive and a rank cursor may meet a hit again
    (as before the window); ts_rank scores each article alone. Below the window, on both,
    each older match comes once, in time order."""
    ids = store_stories(db)
    filters = SearchFilters(query="troops", limit=2)
    first = search_articles(db, filters)
    later = store_stories(db, 3, start=20)  # newer than all, matching too
    rest = walk(db, replace(filters, after=first.next_cursor))
    seen = [h.id for h in first.hits] + rest
    below = ids[: 10 - small_window][::-1]
    assert rest[-len(below) :] == below and all(seen.count(i) == 1 for i in below)
    assert set(seen) <= set(ids) | set(later)
    if db.dialect == "postgresql":
        assert len(seen) == len(set(seen)) and set(ids) <= set(seen)


def test_the_window_is_cut_after_the_filters(db: Database, small_window: int) -> None:
    ids = store_stories(db)
    wire = ids[1::2]  # the odd days
    page = search_articles(db, SearchFilters(query="troops", feed="wire", limit=50))
    got = [h.id for h in page.hits]
    assert page.total == 5 and set(got) == set(wire)
    assert set(got[:small_window]) == set(wire[-small_window:])
    assert got[small_window:] == wire[:-small_window][::-1]
    assert walk(db, SearchFilters(query="troops", feed="wire", limit=1)) == got


def test_both_databases_cut_the_same_window(tmp_path: Path, pg_url: str, small_window: int) -> None:
    """Ranking functions differ (bm25, ts_rank), so the order inside the window may; which
    articles are in it, and the order below it, may not."""
    sqlite = open_database(f"sqlite:///{tmp_path / 'w.db'}")
    pg = open_database(pg_url)
    try:
        assert store_stories(sqlite) == store_stories(pg)
        for filters in (
            SearchFilters(query="troops", limit=50),
            SearchFilters(query="troop*", limit=50),
            SearchFilters(query="troops -digest", limit=50),
            SearchFilters(query="troops", feed="post", limit=50),
        ):
            on_sqlite = [h.id for h in search_articles(sqlite, filters).hits]
            on_pg = [h.id for h in search_articles(pg, filters).hits]
            assert set(on_sqlite[:small_window]) == set(on_pg[:small_window]), filters
            assert on_sqlite[small_window:] == on_pg[small_window:], filters
            small = replace(filters, limit=3)
            assert walk(sqlite, small) == on_sqlite and walk(pg, small) == on_pg
    finally:
        sqlite.dispose()
        pg.dispose()


def bulk_store(db: Database, n: int) -> Iterator[str]:
    """`n` short matching articles in one statement (save_document would take minutes)."""
    rows = []
    for i in range(n):
        aid = f"{i:016x}"
        when = T0 + timedelta(minutes=i)
        rows.append(
            {
                "id": aid,
                "content_hash": aid * 4,
                "url": f"https://bulk.test/{i}",
                "canonical_url": f"https://bulk.test/{i}",
                "title": f"Bulletin {i}",
                "text": f"Troops {'moved ' * (i % 7)}north on day {i}." + FILLER,
                "published_at": when,
                "fetched_at": when,
                "language": "en",
                "feed": "bulk",
                "group_id": aid,
            }
        )
    with db.engine.begin() as conn:
        conn.execute(sa.insert(Article), rows)
        conn.execute(
            sa.insert(ArticleClass),
            [
                {
                    "article_id": r["id"],
                    "relevant": True,
                    "relevance": 0.9,
                    "countries": "",
                    "classifier_version": "test",
                    "classified_at": r["fetched_at"],
                }
                for r in rows
            ],
        )
    return (str(r["id"]) for r in rows)


def test_the_real_window_size(db: Database) -> None:
    """RANK_WINDOW itself: the first RANK_WINDOW hits are the newest matches, the rest the
    older ones newest first, and a page across the end holds both."""
    n = RANK_WINDOW + 30
    ids = list(bulk_store(db, n))  # oldest first
    filters = SearchFilters(query="troops", limit=20, offset=RANK_WINDOW - 10)
    across = search_articles(db, filters)
    assert across.total == n
    got = [h.id for h in across.hits]
    older = ids[: n - RANK_WINDOW][::-1]
    assert set(got[:10]) <= set(ids[-RANK_WINDOW:]) and got[10:] == older[:10]
    tail = search_articles(db, replace(filters, offset=0, after=across.next_cursor))
    assert [h.id for h in tail.hits] == older[10:30] and tail.next_cursor is not None
    assert search_articles(db, replace(filters, offset=0, after=tail.next_cursor)).hits == ()
