"""PostgreSQL search through the narrow table `articles_search`: the page, its total and
its headlines.

`articles_search` (migration 0015) holds each article's tsvector (GIN index), time (index
on (at, article_id)), feed and filter columns, and (0017) its words as written for
prefixes (GIN index), kept in sync by triggers; only the page's headlines read the wide
`articles` rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Double,
    and_,
    case,
    cast,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    tuple_,
)

from monitor.store.models import Article
from monitor.store.search.engines import (
    SEARCH,
    SEARCH_COLS,
    Found,
    Ranked,
    conditions,
    newest_page,
    select_meta,
)
from monitor.store.search.query import (
    HIT_CLOSE,
    HIT_OPEN,
    RANK_WINDOW,
    SNIPPET_WORDS,
    Parts,
    Position,
    SearchFilters,
    Term,
    page_bounds,
    ts_parts,
    tsquery,
    window_size,
)
from monitor.store.types import UTCDateTime

_ENGLISH = "'english'::regconfig"
# The row address of `articles_search`, and (as a second FROM) its vector by that address.
_CTID: ColumnElement[Any] = literal_column("articles_search.ctid")
_ROW = table("articles_search", column("ctid"), column("vector"))
_SIMPLE = "'simple'::regconfig"


def pg_search(
    s: Connection, terms: Sequence[Term], f: SearchFilters, after: Position | None
) -> Found:
    # Ranking and headlines read the stemmed vector with the whole query, a prefix as a
    # stemmed prefix (`deploy:*`); which articles match is the stemmed side's words and
    # phrases and the prefixes' words as written (`words`, its own GIN index).
    tsq = func.to_tsquery(literal_column(_ENGLISH), tsquery(terms) or "")
    where = [*_matching(ts_parts(terms)), *conditions(f, SEARCH_COLS)]
    if f.order == "newest":
        page, total = _newest(s, where, f, after)
    else:
        page, total = _ranked(s, tsq, where, f, after)
    if not page:
        return [], total
    ids = [p.id for p in page]
    # Headlines are costly, so only the page's rows get them.
    options = (
        f"StartSel={HIT_OPEN}, StopSel={HIT_CLOSE}, MaxWords={SNIPPET_WORDS}, MinWords=12, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    # The article's columns for the hit come in the same read.
    headlines = s.execute(
        select_meta(
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
    rows = {r[0]: r for r in headlines}
    return [
        Ranked(p, r[-2], r[-1], row=r[:-2]) if (r := rows.get(p.id)) else Ranked(p) for p in page
    ], total


def _matching(parts: Parts) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    sides = (
        (SEARCH.c.vector, _ENGLISH, parts.stems, parts.stems_excluded),
        (SEARCH.c.words, _SIMPLE, parts.prefixes, parts.prefixes_excluded),
    )
    for col, config, required, excluded in sides:
        if required is not None:
            conds.append(col.op("@@")(func.to_tsquery(literal_column(config), required)))
        elif excluded is not None:
            conds.append(~col.op("@@")(func.to_tsquery(literal_column(config), excluded)))
    return conds


def _count(s: Connection, where: list[ColumnElement[bool]]) -> int:
    return int(s.scalar(select(func.count()).select_from(SEARCH).where(*where)) or 0)


def _newest(
    s: Connection,
    where: list[ColumnElement[bool]],
    f: SearchFilters,
    after: Position | None,
    *,
    count: bool = True,
) -> tuple[list[Position], int]:
    """The page as a plain ORDER BY ... LIMIT: the planner walks `ix_articles_search_at` and tests
    each row when the words are common (a page comes within a few hundred rows), and reads
    the few matches through the GIN index and sorts them when they are rare."""
    c = SEARCH_COLS
    q = newest_page(select(c.id, c.at).where(*where), c, f, after)
    page = [Position(str(r[0]), at=r[1]) for r in s.execute(q)]
    return page, _count(s, where) if count else -1


def _ranked(
    s: Connection,
    tsq: ColumnElement[Any],
    where: list[ColumnElement[bool]],
    f: SearchFilters,
    after: Position | None,
) -> tuple[list[Position], int]:
    """A page of the window (the newest RANK_WINDOW matches) in rank order, then the older
    matches newest first, and the number of matches."""
    limit, offset = page_bounds(f)
    if after is not None and after.rank is None:  # below the window already
        return _newest(s, where, f, after)
    edge = after.edge if after is not None else None
    scored = _scored(tsq, where, edge)
    later = _after(scored, after)
    rest = select(scored, func.count().over().label("remaining")).where(*later).subquery()
    q = select(rest).order_by(rest.c.key.desc(), rest.c.id).limit(limit).offset(offset)
    rows = list(s.execute(q))
    if rows:
        total, in_window, remaining = rows[0].total, rows[0].in_window, rows[0].remaining
        oldest = Position(rows[0].edge_id, at=rows[0].edge_at)
    else:  # past the window's end (or none): what the page below it needs
        later_n = func.sum(case((and_(*later), 1), else_=0)) if later else func.count()
        stats = select(
            func.max(scored.c.total), func.count(), later_n, scored.c.edge_at, scored.c.edge_id
        ).group_by(scored.c.edge_at, scored.c.edge_id)
        got = s.execute(stats).first()
        if got is None:
            return [], _count(s, where)
        total, in_window, remaining = got[0], got[1], int(got[2] or 0)
        oldest = Position(got[4], at=got[3])
    full = edge is not None or in_window >= RANK_WINDOW
    edge = (edge or oldest) if full else None
    page = [Position(str(r.id), rank=float(r.key), edge=edge) for r in rows]
    if edge is not None and len(page) < limit:  # below the window: newest first
        below = replace(f, limit=limit - len(page), offset=max(0, offset - remaining))
        page += _newest(s, where, below, edge, count=False)[0]
    return page, int(total)


def _scored(
    tsq: ColumnElement[Any], where: list[ColumnElement[bool]], edge: Position | None
) -> Any:
    """The window's rows with their rank, the number of matches, the window's size and
    its oldest row (time, id).

    One pass over the matches (a bitmap scan of the GIN index) counts them and cuts the
    window in time order, carrying each row's address rather than its vector (a top-N sort
    and a count over 12,000 vectors of 1.5 KB cost more than ranking them); the window's
    vectors are then read by address and ranked. OFFSET 0 keeps the filters in the scan,
    below the count; the window's cut sits above it, so it does not change the total.
    """
    c = SEARCH.c
    picked = select(c.article_id.label("id"), c.at.label("at"), _CTID.label("row"))
    matches = picked.where(*where).offset(0).subquery()
    counted = select(matches, func.count().over().label("total")).subquery()
    cut = select(counted)
    if edge is not None:
        cut = cut.where(tuple_(counted.c.at, counted.c.id) >= tuple_(edge.at, edge.id))
    cut = cut.order_by(counted.c.at.desc(), counted.c.id.desc()).limit(window_size(edge))
    w = cut.subquery()
    # The window's vectors, read by their rows' addresses (a TID scan each), ranked there
    # (OFFSET 0: above, the windows would carry every vector). The rank as float8: a
    # float4 comes back rounded to its shortest text and would not compare equal to itself
    # in the next page's cursor. ts_rank reads less than ts_rank_cd.
    again = _ROW.alias("again")
    key = cast(func.ts_rank(again.c.vector, tsq), Double).label("key")
    ranked = select(w.c.id, w.c.at, w.c.total, key).join_from(w, again, again.c.ctid == w.c.row)
    w = ranked.offset(0).subquery()
    oldest_first = (w.c.at, w.c.id)
    return select(
        w.c.id,
        w.c.total,
        w.c.key,
        func.count().over().label("in_window"),
        func.first_value(w.c.at, type_=UTCDateTime()).over(order_by=oldest_first).label("edge_at"),
        func.first_value(w.c.id).over(order_by=oldest_first).label("edge_id"),
    ).subquery()


def _after(scored: Any, after: Position | None) -> list[ColumnElement[bool]]:
    if after is None or after.rank is None:
        return []
    c = scored.c
    return [or_(c.key < after.rank, and_(c.key == after.rank, c.id > after.id))]
