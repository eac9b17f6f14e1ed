"""Prefix search (`deploy*`) matches the words as written, the same articles on SQLite and
PostgreSQL (migration 0017), and the migration goes up and down on both."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, delete, text, update

from monitor.documents import to_document
from monitor.records import ExtractedArticle
from monitor.store import Database, open_database
from monitor.store.articles import save_document
from monitor.store.migrate import alembic_config, upgrade
from monitor.store.models import Article
from monitor.store.search import SearchFilters, search_articles, search_index_ok

T0 = datetime(2026, 2, 1, 9, tzinfo=UTC)

# Each word family where a stemmed prefix and the words as written disagree: porter stems
# "deploy" to "deploi" (so `deploy*` missed "deployment", stem "deploy"); the english
# stemmer's "deploy" is shorter than `deployme*`; "happy" and "happiness" share the stem
# "happi", yet "happy" does not begin with "happi".
STORIES = {
    "deployment": ("Parliament debate", "The report says parliament approved the deployment."),
    "deploy": ("Brigade news", "The report says the brigade will deploy in spring."),
    "deployed": ("Engineers", "The report says engineers were deployed to the border."),
    "happy": ("Residents", "The report says residents seemed happy with the talks."),
    "happiness": ("Mood", "The report says their happiness did not last."),
}

# Long enough to be stored as an article, and no word of it begins like the ones above.
FILLER = " It was published on Monday by the wire service that covers the region."

PREFIX_QUERIES = {
    "deploy*": {"deployment", "deploy", "deployed"},
    "deployme*": {"deployment"},
    "deployed*": {"deployed"},
    "happi*": {"happiness"},
    "happy*": {"happy"},
    "parliament deploy*": {"deployment"},
    "deploy* -parliament": {"deploy", "deployed"},
    "report -deploy*": {"happy", "happiness"},
    "deploy* -deployme*": {"deploy", "deployed"},
    "report -happi* -deploy*": {"happy"},
    '"brigade will" deploy*': {"deploy"},
    "deploy* engineer*": {"deployed"},
}


def stored(db: Database) -> dict[str, str]:
    ids = {}
    for n, (key, (title, body)) in enumerate(STORIES.items()):
        when = T0 + timedelta(days=n)
        doc = to_document(
            ExtractedArticle(title=title, text=body + FILLER, published=when),
            url=f"https://{key}.test/story",
            feed="wire",
        )
        assert doc is not None
        ids[key] = save_document(db, doc, now=when).article_id
    return ids


def found(db: Database, ids: dict[str, str], query: str, **kw: object) -> set[str]:
    names = {v: k for k, v in ids.items()}
    page = search_articles(db, SearchFilters(query=query, **kw))  # type: ignore[arg-type]
    assert page.total == len(page.hits)
    return {names[h.id] for h in page.hits}


@pytest.mark.parametrize("order", ["relevance", "newest"])
def test_prefixes_match_words_that_begin_with_them(db: Database, order: str) -> None:
    ids = stored(db)
    for query, expected in PREFIX_QUERIES.items():
        assert found(db, ids, query, order=order) == expected, query


def test_both_databases_find_the_same_articles(tmp_path: Path, pg_url: str) -> None:
    """The same stories stored in each: every prefix query, and the filters beside it,
    returns the same articles (ids are content hashes, equal in both)."""
    sqlite = open_database(f"sqlite:///{tmp_path / 'm.db'}")
    pg = open_database(pg_url)
    try:
        assert stored(sqlite) == stored(pg)
        for query in [*PREFIX_QUERIES, "dep*", "the*", "re*", "report*", "xyz*"]:
            for filters in (
                SearchFilters(query=query),
                SearchFilters(query=query, order="newest", since=T0 + timedelta(days=1)),
            ):
                on_sqlite = search_articles(sqlite, filters)
                on_pg = search_articles(pg, filters)
                assert {h.id for h in on_sqlite.hits} == {h.id for h in on_pg.hits}, query
                assert on_sqlite.total == on_pg.total
    finally:
        sqlite.dispose()
        pg.dispose()


def test_prefix_hits_come_marked_and_page_by_cursor(db: Database) -> None:
    ids = stored(db)
    hits = {h.id: h for h in search_articles(db, SearchFilters(query="deploy*")).hits}
    marked = [f.text.lower() for f in hits[ids["deployment"]].snippet if f.hit]
    assert marked == ["deployment"]
    for order in ("relevance", "newest"):
        whole = [
            h.id for h in search_articles(db, SearchFilters(query="deploy*", order=order)).hits
        ]
        walked: list[str] = []
        page = search_articles(db, SearchFilters(query="deploy*", order=order, limit=1))
        while True:
            walked += [h.id for h in page.hits]
            if page.next_cursor is None:
                break
            page = search_articles(
                db, SearchFilters(query="deploy*", order=order, limit=1, after=page.next_cursor)
            )
        assert walked == whole and len(whole) == 3


def test_edits_and_deletes_reach_the_words_index(db: Database) -> None:
    ids = stored(db)
    with db.session() as s:
        s.execute(
            update(Article)
            .where(Article.id == ids["happy"])
            .values(text="The report says residents welcomed the deployments." + FILLER)
        )
    assert found(db, ids, "happy*") == set()
    assert found(db, ids, "deployments*") == {"happy"}
    with db.session() as s:
        s.execute(delete(Article).where(Article.id == ids["deployment"]))
    assert found(db, ids, "deploy*") == {"deploy", "deployed", "happy"}
    # The stemmed index beside it follows as before ("welcoming" finds "welcomed").
    assert found(db, ids, "welcoming") == {"happy"}


def _downgrade(db: Database, revision: str) -> None:
    with db.engine.connect() as conn:
        command.downgrade(alembic_config(db.engine, conn), revision)
        conn.commit()


def test_the_migration_backfills_and_goes_down_and_up_again(db_url: str) -> None:
    db = open_database(db_url, migrate=False)
    try:
        upgrade(db.engine, "0016")
        first = store_raw(db, "deployment", day=0)
        upgrade(db.engine, "heads")
        assert search_index_ok(db)
        assert [h.id for h in search_articles(db, SearchFilters(query="deploy*")).hits] == [first]
        _downgrade(db, "0016")
        assert _words_index_gone(db)
        second = store_raw(db, "deploy", day=1)  # the 0016 triggers index it as before
        with db.engine.connect() as conn:
            assert _stemmed_ids(conn, db.dialect, "brigade") == [second]
        upgrade(db.engine, "heads")
        ids = {h.id for h in search_articles(db, SearchFilters(query="deploy*")).hits}
        assert ids == {first, second}
        paged = search_articles(db, replace(SearchFilters(query="deploy*"), limit=1))
        assert paged.total == 2 and paged.next_cursor is not None
    finally:
        db.dispose()


def store_raw(db: Database, key: str, *, day: int) -> str:
    """An article as any revision's triggers see it: a plain INSERT of its columns."""
    title, body = STORIES[key]
    body += FILLER
    doc = to_document(
        ExtractedArticle(title=title, text=body), url=f"https://{key}.test/s", feed="wire"
    )
    assert doc is not None
    when = (T0 + timedelta(days=day)).replace(tzinfo=None)
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO articles (id, content_hash, url, canonical_url, title, text,"
                " published_at, fetched_at, feed, group_id) VALUES"
                " (:id, :h, :u, :u, :t, :x, :w, :w, 'wire', :id)"
            ),
            {"id": doc.id, "h": doc.content_hash, "u": doc.url, "t": title, "x": body, "w": when},
        )
    return doc.id


def _words_index_gone(db: Database) -> bool:
    with db.engine.connect() as conn:
        if db.dialect == "sqlite":
            sql = "SELECT count(*) FROM sqlite_master WHERE name LIKE 'articles_fts_words%'"
        else:
            sql = (
                "SELECT count(*) FROM information_schema.columns WHERE table_schema ="
                " current_schema() AND table_name = 'articles_search' AND column_name = 'words'"
            )
        return conn.execute(text(sql)).scalar() == 0


def _stemmed_ids(conn: Connection, dialect: str, word: str) -> list[str]:
    if dialect == "sqlite":
        sql = (
            "SELECT d.article_id FROM articles_fts f JOIN articles_fts_docs d ON d.docid ="
            " f.rowid WHERE articles_fts MATCH :w"
        )
    else:
        sql = "SELECT article_id FROM articles_search WHERE vector @@ to_tsquery('english', :w)"
    return [r[0] for r in conn.execute(text(sql), {"w": word})]
