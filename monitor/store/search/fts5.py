"""SQLite search through FTS5: the page in rank or time order, its total and its highlights.

The FTS5 table (`articles_fts`) holds title and text; the map `articles_fts_docs` gives
each FTS rowid its article id and the columns the filters read, so the wide `articles`
rows are never read to search.
"""

from __future__ import annotations

from dataclasses import replace
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
    Position,
    SearchFilters,
    page_bounds,
)

_FTS = table("articles_fts", column("rowid"))

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


_HITS = _CrossJoin(_FTS, DOCS, DOCS.c.docid == _FTS.c.rowid)

# The unary + keeps FTS5 from taking `rowid IN (...)` as one lookup per value, each of which
# starts the full-text query again (a prefix or several words cost 3 to 5 times more): the
# matches are read once and tested against the list.
_PLAIN_ROWID: ColumnElement[Any] = literal_column("+articles_fts.rowid")


def _match() -> ColumnElement[bool]:
    match: ColumnElement[bool] = literal_column("articles_fts").op("MATCH", is_comparison=True)(
        bindparam("match", type_=String())
    )
    return match


def sqlite_search(s: Connection, match: str, f: SearchFilters, after: Position | None) -> Found:
    conds = conditions(f, DOC_COLS)
    params = {"match": match}
    total: int | None = None
    if not conds:  # FTS5 counts its own matches without reading a row
        total = int(s.scalar(select(func.count()).select_from(_FTS).where(_match()), params) or 0)
    if f.order == "newest":
        walk = total is None or total > WALK_ABOVE
        page = _newest(s, params, f, conds, after, walk=walk)
    else:
        page, counted = _ranked(s, params, f, conds, after)
        total = counted if total is None else total
    if total is None:  # filtered matches: the map tells which ones the filters keep
        counted_q = select(func.count()).select_from(_HITS).where(_match(), *conds)
        total = int(s.scalar(counted_q, params) or 0)
    if not page:
        return [], total
    # Highlighting is the costly part: only the rows of this page get it. The same read
    # gives each hit's article id (the unfiltered rank order has only rowids) and columns.
    fts: ColumnElement[Any] = literal_column("articles_fts")
    marked = select_meta(
        DOCS.c.docid,
        func.highlight(fts, 0, HIT_OPEN, HIT_CLOSE),
        func.snippet(fts, 1, HIT_OPEN, HIT_CLOSE, " … ", SNIPPET_WORDS),
    ).select_from(_HITS.join(Article, Article.id == DOCS.c.article_id))
    rows = s.execute(marked.where(_match(), _PLAIN_ROWID.in_([docid for docid, _ in page])), params)
    by_doc = {int(r[-3]): r for r in rows}
    return [
        Ranked(replace(pos, id=r[0]), r[-2], r[-1], row=r[:-3])
        for docid, pos in page
        if (r := by_doc.get(docid)) is not None  # gone between the two reads
    ], total


def _newest(
    s: Connection,
    params: dict[str, str],
    f: SearchFilters,
    conds: list[ColumnElement[bool]],
    after: Position | None,
    *,
    walk: bool,
) -> list[tuple[int, Position]]:
    hits = select(_FTS.c.rowid).where(_match())
    # `docid + 0` keeps the planner from starting at the matches: it walks the time (or
    # feed, time) index instead and tests each row against the set of matches.
    docid = DOCS.c.docid + 0 if walk else DOCS.c.docid
    q = select(DOCS.c.docid, DOCS.c.article_id, DOCS.c.at).where(docid.in_(hits), *conds)
    rows = s.execute(newest_page(q, DOC_COLS, f, after), params)
    return [(int(r[0]), Position(str(r[1]), at=r[2])) for r in rows]


def _ranked(
    s: Connection,
    params: dict[str, str],
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
    score = func.bm25(literal_column("articles_fts"), _TITLE_WEIGHT, _TEXT_WEIGHT)
    cols = [_FTS.c.rowid.label("docid"), score.label("score")]
    if conds:  # counted a level below the cursor's condition, which must not change it
        scan = select(*cols, DOCS.c.article_id).select_from(_HITS).where(_match(), *conds)
        inner = select(scan.subquery(), func.count().over().label("n")).subquery()
    else:  # FTS5 has counted the matches already, and a window costs a fifth more
        scan = select(*cols, literal_column("NULL").label("article_id")).where(_match())
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
    rows = list(s.execute(q, params))
    # Without filters the article id is not read yet: the highlights' read gives it.
    page = [(int(r[0]), Position(r[1] or "", rank=float(r[2]), doc=int(r[0]))) for r in rows]
    return page, int(rows[0][3]) if rows and conds else None
