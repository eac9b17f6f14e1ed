"""SQLite search through FTS5: the page in rank or time order, its total and its highlights.

The FTS5 table (`articles_fts`) holds title and text, stemmed; `articles_fts_words` indexes
the same words as written, for prefixes (migration 0017); the map `articles_fts_docs` gives
each FTS rowid its article id and the columns the filters read, so the wide `articles`
rows are never read to search.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Join,
    String,
    and_,
    bindparam,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

from monitor.store.models import Article
from monitor.store.search.engines import (
    DOC_COLS,
    DOCS,
    WALK_ABOVE,
    Found,
    Ranked,
    conditions,
    newest_page,
    select_meta,
)
from monitor.store.search.query import (
    HIT_CLOSE,
    HIT_OPEN,
    SNIPPET_WORDS,
    Parts,
    Position,
    SearchFilters,
    page_bounds,
)

# bm25 with a hit in the title counting five times a hit in the text (as the `rank`
# configured by migration 0004).
_TITLE_WEIGHT, _TEXT_WEIGHT = 5.0, 1.0


class _CrossJoin(Join):
    """`a CROSS JOIN b ON ...`: SQLite keeps the tables of a cross join in the order given.

    The full-text index drives and the map is read by rowid; otherwise the planner may start
    at an index of the map (feed, time, an IN list) and probe the full-text index row by
    row, which is far slower.
    """

    inherit_cache = True


@compiles(_CrossJoin)
def _cross_join(join: _CrossJoin, compiler: SQLCompiler, **kw: Any) -> str:
    assert join.onclause is not None
    on = join.onclause._compiler_dispatch(compiler, **kw)
    kw["asfrom"] = True
    left = join.left._compiler_dispatch(compiler, **kw)
    right = join.right._compiler_dispatch(compiler, **kw)
    return f"{left} CROSS JOIN {right} ON {on}"


class _Index:
    """One FTS5 table over the articles' title and text, rowid = the map's docid:
    `articles_fts` (porter stems: words and phrases) or `articles_fts_words` (the words as
    written, migration 0017: prefixes)."""

    def __init__(self, name: str) -> None:
        self.table = table(name, column("rowid"))
        self.hits = _CrossJoin(self.table, DOCS, DOCS.c.docid == self.table.c.rowid)
        self.fts: ColumnElement[Any] = literal_column(name)
        # The unary + keeps FTS5 from taking `rowid IN (...)` as one lookup per value, each
        # of which starts the full-text query again (a prefix or several words cost 3 to 5
        # times more): the matches are read once and tested against the list.
        self.plain_rowid: ColumnElement[Any] = literal_column(f"+{name}.rowid")

    def match(self, param: str = "match") -> ColumnElement[bool]:
        matched: ColumnElement[bool] = self.fts.op("MATCH", is_comparison=True)(
            bindparam(param, type_=String())
        )
        return matched


_STEMS = _Index("articles_fts")
_WORDS = _Index("articles_fts_words")


@dataclass(frozen=True, slots=True)
class _Query:
    """The index that drives (ranks, highlights, counts) with its expression, and what the
    other index adds: its matches required (`other`) or excluded (`other_excluded`)."""

    index: _Index
    params: dict[str, str]
    other: ColumnElement[bool] | None = None

    @property
    def matches(self) -> list[ColumnElement[bool]]:
        return [self.index.match(), *([self.other] if self.other is not None else [])]


def _plan(parts: Parts) -> _Query:
    """Words and phrases drive when there are any, else the prefixes."""
    stems = (_STEMS, parts.stems, parts.stems_excluded)
    words = (_WORDS, parts.prefixes, parts.prefixes_excluded)
    (index, expr, _), (other, required, excluded) = (
        (stems, words) if parts.stems is not None else (words, stems)
    )
    assert expr is not None
    params = {"match": expr}
    if required is None and excluded is None:
        return _Query(index, params)
    params["other"] = required if required is not None else str(excluded)
    found = select(other.table.c.rowid).where(other.match("other"))
    inside = index.plain_rowid.in_(found)
    return _Query(index, params, inside if required is not None else ~inside)


def sqlite_search(s: Connection, parts: Parts, f: SearchFilters, after: Position | None) -> Found:
    conds = conditions(f, DOC_COLS)
    q = _plan(parts)
    params = q.params
    total: int | None = None
    if not conds:  # FTS5 counts its own matches without reading a row
        counted_q = select(func.count()).select_from(q.index.table).where(*q.matches)
        total = int(s.scalar(counted_q, params) or 0)
    if f.order == "newest":
        walk = total is None or total > WALK_ABOVE
        page = _newest(s, q, f, conds, after, walk=walk)
    else:
        page, counted = _ranked(s, q, f, conds, after)
        total = counted if total is None else total
    if total is None:  # filtered matches: the map tells which ones the filters keep
        counted_q = select(func.count()).select_from(q.index.hits).where(*q.matches, *conds)
        total = int(s.scalar(counted_q, params) or 0)
    if not page:
        return [], total
    # Highlighting is the costly part: only the rows of this page get it. The same read
    # gives each hit's article id (the unfiltered rank order has only rowids) and columns.
    fts = q.index.fts
    marked = select_meta(
        DOCS.c.docid,
        func.highlight(fts, 0, HIT_OPEN, HIT_CLOSE),
        func.snippet(fts, 1, HIT_OPEN, HIT_CLOSE, " … ", SNIPPET_WORDS),
    ).select_from(q.index.hits.join(Article, Article.id == DOCS.c.article_id))
    page_rows = q.index.plain_rowid.in_([docid for docid, _ in page])
    rows = s.execute(marked.where(q.index.match(), page_rows), {"match": params["match"]})
    by_doc = {int(r[-3]): r for r in rows}
    return [
        Ranked(replace(pos, id=r[0]), r[-2], r[-1], row=r[:-3])
        for docid, pos in page
        if (r := by_doc.get(docid)) is not None  # gone between the two reads
    ], total


def _newest(
    s: Connection,
    query: _Query,
    f: SearchFilters,
    conds: list[ColumnElement[bool]],
    after: Position | None,
    *,
    walk: bool,
) -> list[tuple[int, Position]]:
    hits = select(query.index.table.c.rowid).where(*query.matches)
    # `docid + 0` keeps the planner from starting at the matches: it walks the time (or
    # feed, time) index instead and tests each row against the set of matches.
    docid = DOCS.c.docid + 0 if walk else DOCS.c.docid
    q = select(DOCS.c.docid, DOCS.c.article_id, DOCS.c.at).where(docid.in_(hits), *conds)
    rows = s.execute(newest_page(q, DOC_COLS, f, after), query.params)
    return [(int(r[0]), Position(str(r[1]), at=r[2])) for r in rows]


def _ranked(
    s: Connection,
    query: _Query,
    f: SearchFilters,
    conds: list[ColumnElement[bool]],
    after: Position | None,
) -> tuple[list[tuple[int, Position]], int | None]:
    """A page in rank order (bm25 ascending: best first, then by rowid), and with filters
    the number of matches they keep (None without filters, or on an empty page).

    bm25 is the costly part, so it runs in the one scan of the matches, after the filters:
    a match they drop is never scored, and with filters the same pass counts those kept.
    Without filters the scan reads the full-text table alone (joining the map for every
    match cost as much again as bm25); the highlights' read gives the page's article ids.
    """
    limit, offset = page_bounds(f)
    index = query.index
    score = func.bm25(index.fts, _TITLE_WEIGHT, _TEXT_WEIGHT)
    cols = [index.table.c.rowid.label("docid"), score.label("score")]
    if conds:  # counted a level below the cursor's condition, which must not change it
        scan = select(*cols, DOCS.c.article_id).select_from(index.hits)
        scan = scan.where(*query.matches, *conds)
        inner = select(scan.subquery(), func.count().over().label("n")).subquery()
    else:  # FTS5 has counted the matches already, and a window costs a fifth more
        scan = select(*cols, literal_column("NULL").label("article_id")).where(*query.matches)
        inner = select(scan.subquery(), literal_column("NULL").label("n")).subquery()
    q = select(inner.c.docid, inner.c.article_id, inner.c.score, inner.c.n)
    if after is not None and after.rank is not None:
        doc: Any = after.doc
        if doc is None:  # a cursor handed out before ties were broken by rowid
            doc = select(DOCS.c.docid).where(DOCS.c.article_id == after.id).scalar_subquery()
        q = q.where(
            or_(
                inner.c.score > after.rank,
                and_(inner.c.score == after.rank, inner.c.docid > doc),
            )
        )
    q = q.order_by(inner.c.score, inner.c.docid).limit(limit).offset(offset)
    rows = list(s.execute(q, query.params))
    # Without filters the article id is not read yet: the highlights' read gives it.
    page = [(int(r[0]), Position(r[1] or "", rank=float(r[2]), doc=int(r[0]))) for r in rows]
    return page, int(rows[0][3]) if rows and conds else None
