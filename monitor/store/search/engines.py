"""The two full-text engines (SQLite FTS5, PostgreSQL tsvector) and browsing without words.

Each returns one page of (id, sort key, marked title, marked snippet) and the total. Pages
continue from a cursor (the last hit's sort key) rather than an OFFSET, so a deep page
costs what the first one does. "Newest first" reads hits in the time index's order and
stops after a page; only "best match" ranks every hit, as ranking must.

The index itself is built by migrations 0004/0007 and kept in sync by the database
(triggers on SQLite, a generated column on PostgreSQL), so every writer of `articles`
keeps it current.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Double,
    Select,
    and_,
    cast,
    column,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from monitor.store.models import Article, ArticleClass, Observation
from monitor.store.search.query import (
    HIT_CLOSE,
    HIT_OPEN,
    SNIPPET_WORDS,
    Position,
    SearchFilters,
    page_bounds,
)
from monitor.store.types import UTCDateTime


@dataclass(frozen=True, slots=True)
class Ranked:
    """One hit of a page before its article is read: its sort key and its highlights."""

    pos: Position
    title: str | None = None
    snippet: str | None = None


Found = tuple[list[Ranked], int]

# SQLite: the FTS5 table and its rowid -> article map, which also holds each article's
# time and feed (migration 0007) so that filters and order never read `articles`.
_FTS = table("articles_fts", column("rowid"), column("rank"))
_DOCS = table(
    "articles_fts_docs",
    column("docid"),
    column("article_id"),
    column("at", UTCDateTime()),
    column("feed"),
)


@dataclass(frozen=True, slots=True)
class _Cols:
    """The columns the filters and the order read: from `articles` or from the map."""

    id: ColumnElement[Any]
    at: ColumnElement[Any]
    feed: ColumnElement[Any]


_ARTICLE_COLS = _Cols(
    Article.__table__.c.id,
    func.coalesce(Article.published_at, Article.fetched_at),
    Article.__table__.c.feed,
)
_DOC_COLS = _Cols(_DOCS.c.article_id, _DOCS.c.at, _DOCS.c.feed)


def _conditions(f: SearchFilters, c: _Cols) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.relevant_only:
        conds.append(
            exists().where(ArticleClass.article_id == c.id, ArticleClass.relevant.is_(True))
        )
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
        mentioned = exists().where(
            ArticleClass.article_id == c.id,
            (" " + ArticleClass.countries + " ").like(f"% {code} %"),
        )
        conds.append(or_(stated, mentioned))
    return conds


def _after_newest(c: _Cols, after: Position | None) -> list[ColumnElement[bool]]:
    if after is None:
        return []
    return [or_(c.at < after.at, and_(c.at == after.at, c.id < after.id))]


def _newest_page(q: Select[Any], c: _Cols, f: SearchFilters, after: Position | None) -> Any:
    limit, offset = page_bounds(f)
    q = q.where(*_after_newest(c, after)).order_by(c.at.desc(), c.id.desc())
    return q.limit(limit).offset(offset)


def _match() -> ColumnElement[bool]:
    return text("articles_fts MATCH :match")  # type: ignore[return-value]


# Above this many matches "newest first" walks the time index (a page of hits comes
# within a few hundred rows); below, reading the few matches and sorting them is cheaper.
WALK_ABOVE = 2_000


def sqlite_search(s: Session, match: str, f: SearchFilters, after: Position | None) -> Found:
    conds = _conditions(f, _DOC_COLS)
    hits = select(_FTS.c.rowid).where(_match())
    # FTS5 counts its own matches without reading a row.
    matches = int(
        s.scalar(select(func.count()).select_from(_FTS).where(_match()), {"match": match}) or 0
    )
    if f.order == "newest":
        # `docid + 0` keeps the planner from starting at the matches: it walks the time
        # (or feed, time) index instead and tests each row against the set of matches.
        docid = _DOCS.c.docid + 0 if matches > WALK_ABOVE else _DOCS.c.docid
        q = select(_DOCS.c.docid, _DOCS.c.article_id, _DOCS.c.at).where(docid.in_(hits), *conds)
        rows = list(s.execute(_newest_page(q, _DOC_COLS, f, after), {"match": match}))
        page = [(int(r[0]), Position(str(r[1]), at=r[2])) for r in rows]
        total = None if conds else matches
    else:
        page, total = _sqlite_ranked(s, match, f, conds, after)
        total = total if conds else matches
    if total is None:
        found = _materialized(with_rank=False)
        counted = (
            select(func.count()).select_from(found).join(_DOCS, _DOCS.c.docid == found.c.docid)
        )
        total = int(s.scalar(counted.where(*conds), {"match": match}) or 0)
    if not page:
        return [], total
    # Highlighting is the costly part: only the rows of this page get it.
    fts: ColumnElement[Any] = literal_column("articles_fts")
    marks = s.execute(
        select(
            _FTS.c.rowid,
            func.highlight(fts, 0, HIT_OPEN, HIT_CLOSE),
            func.snippet(fts, 1, HIT_OPEN, HIT_CLOSE, " … ", SNIPPET_WORDS),
        )
        .select_from(_FTS)
        .where(_match(), _FTS.c.rowid.in_([docid for docid, _ in page])),
        {"match": match},
    ).tuples()
    by_doc = {docid: (title, snippet) for docid, title, snippet in marks}
    return [Ranked(pos, *by_doc.get(docid, (None, None))) for docid, pos in page], total


def _materialized(*, with_rank: bool) -> Any:
    """The matches as a table of their own, computed first.

    Otherwise the planner may walk a filter's index (feed, dates, an IN list) and probe
    the full-text index row by row, which is far slower.
    """
    cols = [_FTS.c.rowid.label("docid")] + ([_FTS.c.rank.label("rank")] if with_rank else [])
    return select(*cols).where(_match()).cte("hits").prefix_with("MATERIALIZED")


def _sqlite_ranked(
    s: Session,
    match: str,
    f: SearchFilters,
    conds: list[ColumnElement[bool]],
    after: Position | None,
) -> tuple[list[tuple[int, Position]], int | None]:
    """A page in rank order, and the number of filtered matches (None on an empty page)."""
    limit, offset = page_bounds(f)
    # Ranking reads every match once (bm25 ascending: best first); the map gives the id
    # and the filter columns by rowid, and the wide `articles` rows are never read.
    hits = _materialized(with_rank=True)
    ranked = (
        select(hits.c.docid, hits.c.rank, _DOCS.c.article_id, func.count().over().label("n"))
        .join(_DOCS, _DOCS.c.docid == hits.c.docid)
        .where(*conds)
        .subquery()
    )
    q = select(ranked.c.docid, ranked.c.article_id, ranked.c.rank, ranked.c.n)
    if after is not None and after.rank is not None:
        q = q.where(
            or_(
                ranked.c.rank > after.rank,
                and_(ranked.c.rank == after.rank, ranked.c.article_id > after.id),
            )
        )
    q = q.order_by(ranked.c.rank, ranked.c.article_id).limit(limit).offset(offset)
    rows = list(s.execute(q, {"match": match}))
    page = [(int(r[0]), Position(str(r[1]), rank=float(r[2]))) for r in rows]
    return page, int(rows[0][3]) if rows else None


_ENGLISH = "'english'::regconfig"
_VECTOR = "articles.search_vector"


def pg_search(s: Session, query: str, f: SearchFilters, after: Position | None) -> Found:
    limit, offset = page_bounds(f)
    tsq = func.to_tsquery(literal_column(_ENGLISH), query)
    vector: ColumnElement[Any] = literal_column(_VECTOR)
    c = _ARTICLE_COLS
    where = [vector.op("@@")(tsq), *_conditions(f, c)]
    newest = f.order == "newest"
    # One pass over the matches (a bitmap scan of the GIN index) yields the page and the
    # count: a second pass to count costs as much again. ts_rank reads less than
    # ts_rank_cd; "newest" ranks nothing and keeps only the top rows of the time order.
    # The rank as float8: a float4 comes back rounded to its shortest text and would not
    # compare equal to itself in the next page's cursor.
    key = c.at if newest else cast(func.ts_rank(vector, tsq), Double)
    # OFFSET 0 keeps the key computed in the scan: flattened, the planner would put it
    # above the count and carry every row's whole tsvector up to there.
    scan = select(c.id.label("id"), key.label("key")).where(*where).offset(0).subquery()
    # Counted a level below the cursor's condition, which must not change the total.
    inner = select(scan.c.id, scan.c.key, func.count().over().label("n")).subquery()
    q = select(inner.c.id, inner.c.key, inner.c.n)
    if newest:
        if after is not None:
            q = q.where(
                or_(inner.c.key < after.at, and_(inner.c.key == after.at, inner.c.id < after.id))
            )
        q = q.order_by(inner.c.key.desc(), inner.c.id.desc())
    else:
        if after is not None and after.rank is not None:
            q = q.where(
                or_(
                    inner.c.key < after.rank, and_(inner.c.key == after.rank, inner.c.id > after.id)
                )
            )
        q = q.order_by(inner.c.key.desc(), inner.c.id)
    rows = list(s.execute(q.limit(limit).offset(offset)))
    page = [
        Position(str(r[0]), at=r[1]) if newest else Position(str(r[0]), rank=float(r[1]))
        for r in rows
    ]
    if not page:
        return [], int(s.scalar(select(func.count()).select_from(Article).where(*where)) or 0)
    total = int(rows[0][2])
    ids = [p.id for p in page]
    # Headlines are costly, so only the page's rows get them.
    options = (
        f"StartSel={HIT_OPEN}, StopSel={HIT_CLOSE}, MaxWords={SNIPPET_WORDS}, MinWords=12, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    headlines = s.execute(
        select(
            Article.id,
            func.ts_headline(
                literal_column(_ENGLISH),
                Article.title,
                tsq,
                f"StartSel={HIT_OPEN}, StopSel={HIT_CLOSE}, HighlightAll=true",
            ),
            func.ts_headline(
                literal_column(_ENGLISH), func.substr(Article.text, 1, 300000), tsq, options
            ),
        ).where(Article.id.in_(ids))
    )
    marks = {r[0]: (r[1], r[2]) for r in headlines}
    return [Ranked(p, *marks.get(p.id, (None, None))) for p in page], total


def browse(s: Session, f: SearchFilters, after: Position | None, *, sqlite: bool) -> Found:
    """Articles the filters select, newest first (no required words)."""
    if sqlite:  # the narrow map holds time and feed, indexed for exactly this
        c, base = _DOC_COLS, select(_DOCS.c.article_id, _DOCS.c.at)
    else:
        c, base = _ARTICLE_COLS, select(Article.id, _ARTICLE_COLS.at)
    base = base.where(*_conditions(f, c))
    total = int(s.scalar(select(func.count()).select_from(base.subquery())) or 0)
    rows = s.execute(_newest_page(base, c, f, after))
    return [Ranked(Position(str(r[0]), at=r[1])) for r in rows], total
