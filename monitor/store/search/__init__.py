"""Article search: full text (SQLite FTS5 or PostgreSQL tsvector) plus filters, one interface.

Hits come back as fragments (text, hit?) rather than markup, so callers escape as they
render and a stored `<script>` can never become markup here. `query.py` holds the values
and the pure parts, `fts5.py` and `tsvector.py` the SQL of each database, `engines.py`
what they share.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, select, text

from monitor.store.db import Database
from monitor.store.models import Article, Observation
from monitor.store.search.engines import Ranked, browse, select_meta
from monitor.store.search.fts5 import sqlite_search
from monitor.store.search.query import (
    HIT_CLOSE,
    HIT_OPEN,
    MAX_LIMIT,
    ArticleSummary,
    Fragment,
    HitStance,
    InvalidCursor,
    SearchFacets,
    SearchFilters,
    SearchHit,
    SearchPage,
    Term,
    decode_cursor,
    encode_cursor,
    fts5_parts,
    fts5_query,
    page_bounds,
    parse_query,
    preview,
    split_marked,
    ts_parts,
    tsquery,
)
from monitor.store.search.tsvector import pg_search


def search_articles(db: Database, filters: SearchFilters) -> SearchPage:
    """One page of articles matching the query and filters, best (or newest) first.

    Without required words the filters alone select articles, newest first. A page
    starts after `filters.after` (the previous page's `next_cursor`) when given; an
    unknown cursor raises InvalidCursor.
    """
    terms = parse_query(filters.query)
    limit, offset = page_bounds(filters)
    # Something required (a word, phrase or prefix): exclusions alone select nothing.
    match = db.dialect in ("sqlite", "postgresql") and any(not t.negated for t in terms)
    order = "relevance" if match and filters.order != "newest" else "newest"
    after = decode_cursor(order, filters.after) if filters.after else None
    # A Core connection: the ORM session's machinery cost more than the small queries.
    with db.engine.connect() as s:
        if match and db.dialect == "sqlite":
            ranked, total = sqlite_search(s, fts5_parts(terms), filters, after)
        elif match:
            ranked, total = pg_search(s, terms, filters, after)
        else:
            ranked, total = browse(s, filters, after, sqlite=db.dialect == "sqlite")
        hits = _hits(s, ranked)
    cursor = encode_cursor(order, ranked[-1].pos) if len(ranked) == limit else None
    return SearchPage(hits, total, limit, offset, next_cursor=cursor)


def _hits(s: Connection, ranked: list[Ranked]) -> tuple[SearchHit, ...]:
    ids = [r.pos.id for r in ranked]
    if not ids:
        return ()
    rows = {r.pos.id: r.row for r in ranked if r.row is not None}
    if missing := [i for i in ids if i not in rows]:
        rows.update({r[0]: r for r in s.execute(select_meta().where(Article.id.in_(missing)))})
    stances: dict[str, list[HitStance]] = {}
    obs = select(Observation.article_id, Observation.actor, Observation.stance).where(
        Observation.article_id.in_(ids)
    )
    for aid, actor, stance in s.execute(obs.order_by(Observation.actor)):
        stances.setdefault(aid, []).append(HitStance(actor, stance))
    hits = []
    for one in ranked:
        aid = one.pos.id
        r = rows.get(aid)
        if r is None:  # deleted between the two queries
            continue
        title = r[1] or ""
        hits.append(
            SearchHit(
                id=aid,
                title=title,
                title_fragments=split_marked(one.title) if one.title else (Fragment(title),),
                snippet=split_marked(one.snippet) if one.snippet else preview(r[8] or ""),
                url=r[3] or r[2],
                published_at=r[4],
                fetched_at=r[5],
                feed=r[6],
                group_id=r[7],
                relevant=r[9],
                stances=tuple(stances.get(aid, ())),
            )
        )
    return tuple(hits)


def article_summaries(db: Database, ids: Sequence[str]) -> list[ArticleSummary]:
    """Title, URL and dates of the given articles, in the order given (missing ones dropped)."""
    if not ids:
        return []
    with db.session() as s:
        q = select(
            Article.id,
            Article.title,
            Article.url,
            Article.canonical_url,
            Article.published_at,
            Article.feed,
        ).where(Article.id.in_(list(ids)))
        rows = {r[0]: r for r in s.execute(q)}
    return [
        ArticleSummary(r[0], r[1] or "", r[3] or r[2], r[4], r[5])
        for i in ids
        if (r := rows.get(i)) is not None
    ]


def search_facets(db: Database) -> SearchFacets:
    with db.session() as s:
        feeds = s.scalars(select(Article.feed).where(Article.feed.is_not(None)).distinct())
        actors = s.scalars(select(Observation.actor).distinct())
        return SearchFacets(
            feeds=tuple(sorted(f for f in feeds if f)), countries=tuple(sorted(actors))
        )


_SQLITE_OBJECTS = (
    "articles_fts",
    "articles_fts_words",
    "articles_fts_docs",
    "articles_fts_insert",
    "articles_fts_delete",
    "articles_fts_update",
    "articles_fts_order",
    "articles_fts_docs_at",
    "articles_fts_docs_feed",
    "articles_fts_class_insert",
    "articles_fts_class_update",
    "articles_fts_class_delete",
)


def search_index_ok(db: Database) -> bool:
    """Whether the full-text index and what keeps it in sync exist (e.g. after a migration
    that rebuilt `articles`)."""
    with db.session() as s:
        if db.dialect == "sqlite":
            names = set(
                s.scalars(
                    text("SELECT name FROM sqlite_master WHERE name IN :names").bindparams(
                        bindparam("names", list(_SQLITE_OBJECTS), expanding=True)
                    )
                )
            )
            return len(names) == len(_SQLITE_OBJECTS)
        if db.dialect == "postgresql":
            found = s.scalar(
                text(
                    "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                    " WHERE c.relnamespace = current_schema()::regnamespace"
                    " AND t.tgname IN ('articles_search_sync', 'articles_search_class')"
                )
            )
            return int(found or 0) == 2
        return False


__all__ = [
    "HIT_CLOSE",
    "HIT_OPEN",
    "MAX_LIMIT",
    "ArticleSummary",
    "Fragment",
    "HitStance",
    "InvalidCursor",
    "SearchFacets",
    "SearchFilters",
    "SearchHit",
    "SearchPage",
    "Term",
    "article_summaries",
    "fts5_parts",
    "fts5_query",
    "parse_query",
    "search_articles",
    "search_facets",
    "search_index_ok",
    "split_marked",
    "ts_parts",
    "tsquery",
]
