"""What both full-text engines share: filters as SQL, keyset order, browsing without words.

Each engine (`fts5.py` for SQLite, `tsvector.py` for PostgreSQL) returns one page of
(id, sort key, marked title, marked snippet) and the total. Pages continue from a cursor
(the last hit's sort key) rather than an OFFSET, so a deep page costs what the first one
does. "Newest first" reads hits in the time index's order and stops after a page; only
"best match" ranks every hit, as ranking must, and it ranks only the hits the filters keep.

The index itself is built by migrations 0004/0007/0012 and kept in sync by the database
(triggers on SQLite, a generated column on PostgreSQL), so every writer of `articles`
and `classifications` keeps it current.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Connection,
    Select,
    String,
    Text,
    and_,
    cast,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import array as pg_array

from monitor.store.models import Article, ArticleClass, Observation
from monitor.store.search.query import PREVIEW_CHARS, Position, SearchFilters, page_bounds
from monitor.store.types import UTCDateTime


@dataclass(frozen=True, slots=True)
class Ranked:
    """One hit of a page before its article is read: its sort key and its highlights."""

    pos: Position
    title: str | None = None
    snippet: str | None = None
    row: Any = None  # the hit's META row, when the engine read it with the highlights


def meta_columns() -> tuple[Any, ...]:
    """What a hit shows of its article, in the order `_hits` reads it; select_meta() joins
    what they need."""
    return (
        Article.id,
        Article.title,
        Article.url,
        Article.canonical_url,
        Article.published_at,
        Article.fetched_at,
        Article.feed,
        Article.group_id,
        func.substr(Article.text, 1, PREVIEW_CHARS + 40),
        ArticleClass.relevant,
    )


def select_meta(*more: Any) -> Select[Any]:
    q = select(*meta_columns(), *more)
    return q.outerjoin(ArticleClass, ArticleClass.article_id == Article.id)


Found = tuple[list[Ranked], int]

# SQLite: the rowid -> article map beside the FTS5 table, which also holds each article's
# time and feed (migration 0007), relevance and mentioned countries (0012), so that filters
# and order never read `articles` or `classifications`.
DOCS = table(
    "articles_fts_docs",
    column("docid"),
    column("article_id"),
    column("at", UTCDateTime()),
    column("feed"),
    column("relevant", Boolean()),
    column("countries", String()),
)


# PostgreSQL: the narrow table of migration 0015, the same columns with the tsvector.
SEARCH = table(
    "articles_search",
    column("article_id"),
    column("at", UTCDateTime()),
    column("feed"),
    column("relevant", Boolean()),
    column("countries", ARRAY(Text)),
    column("vector"),
    column("words"),
)


@dataclass(frozen=True, slots=True)
class Cols:
    """The columns the filters and the order read: from `articles` or a narrow table.

    Without `relevant`/`countries` of its own, a filter on them asks `classifications`;
    `countries` is a space-separated list on SQLite, an array on PostgreSQL.
    """

    id: ColumnElement[Any]
    at: ColumnElement[Any]
    feed: ColumnElement[Any]
    relevant: ColumnElement[Any] | None = None
    countries: ColumnElement[Any] | None = None
    countries_array: bool = False


ARTICLE_COLS = Cols(
    Article.__table__.c.id,
    func.coalesce(Article.published_at, Article.fetched_at),
    Article.__table__.c.feed,
)
DOC_COLS = Cols(DOCS.c.article_id, DOCS.c.at, DOCS.c.feed, DOCS.c.relevant, DOCS.c.countries)
SEARCH_COLS = Cols(
    SEARCH.c.article_id,
    SEARCH.c.at,
    SEARCH.c.feed,
    SEARCH.c.relevant,
    SEARCH.c.countries,
    countries_array=True,
)

# As written in migration 0012's GIN index, so that PostgreSQL can use it.
_PG_COUNTRIES = func.string_to_array(ArticleClass.countries, literal_column("' '"))


def conditions(f: SearchFilters, c: Cols) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.relevant_only:
        if c.relevant is not None:
            conds.append(c.relevant.is_(True))
        else:  # the ids of relevant articles come from a partial index alone
            relevant = select(ArticleClass.article_id).where(ArticleClass.relevant.is_(True))
            conds.append(c.id.in_(relevant))
    if f.feed:
        conds.append(c.feed == f.feed)
    if f.since is not None:
        conds.append(c.at >= f.since)
    if f.until is not None:
        conds.append(c.at < f.until)
    if f.stance:
        # IN (subquery) rather than EXISTS: the database can start from the (few) matching
        # observations instead of testing every article in date order.
        obs = [Observation.stance == f.stance]
        if f.country:
            obs.append(Observation.actor == f.country.upper())
        conds.append(c.id.in_(select(Observation.article_id).where(*obs)))
    elif f.country:
        code = f.country.upper()
        stated = c.id.in_(select(Observation.article_id).where(Observation.actor == code))
        conds.append(or_(stated, _mentioned(c, code)))
    return conds


def _mentioned(c: Cols, code: str) -> ColumnElement[bool]:
    if c.countries is not None and not c.countries_array:
        return (" " + c.countries + " ").like(f"% {code} %")
    wanted = cast(pg_array([code]), ARRAY(Text))
    if c.countries is not None:
        return c.countries.op("@>", return_type=Boolean)(wanted)
    has = _PG_COUNTRIES.op("@>", return_type=Boolean)(wanted)
    return c.id.in_(select(ArticleClass.article_id).where(has))


def after_newest(c: Cols, after: Position | None) -> list[ColumnElement[bool]]:
    if after is None:
        return []
    return [or_(c.at < after.at, and_(c.at == after.at, c.id < after.id))]


def newest_page(q: Select[Any], c: Cols, f: SearchFilters, after: Position | None) -> Any:
    limit, offset = page_bounds(f)
    q = q.where(*after_newest(c, after)).order_by(c.at.desc(), c.id.desc())
    return q.limit(limit).offset(offset)


# Above this many rows "newest first" walks the time index (a page of them comes within a
# few hundred rows); below, reading the few rows and sorting them is cheaper.
WALK_ABOVE = 2_000


def browse(s: Connection, f: SearchFilters, after: Position | None, *, sqlite: bool) -> Found:
    """Articles the filters select, newest first (no required words)."""
    if sqlite:  # the narrow map holds time and feed, indexed for exactly this
        c, base = DOC_COLS, select(DOCS.c.article_id, DOCS.c.at)
    else:
        c, base = ARTICLE_COLS, select(Article.id, ARTICLE_COLS.at)
    counted = select(func.count()).select_from(base.where(*conditions(f, c)).subquery())
    total = int(s.scalar(counted) or 0)
    # Many rows to choose from: walking the time index meets a page of them soon, while
    # SQLite would start at a stance's list of ids (the unary + hides the id's index).
    walk = sqlite and total > WALK_ABOVE
    tested = replace(c, id=literal_column("+articles_fts_docs.article_id")) if walk else c
    rows = s.execute(newest_page(base.where(*conditions(f, tested)), c, f, after))
    return [Ranked(Position(str(r[0]), at=r[1])) for r in rows], total
