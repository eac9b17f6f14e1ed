"""PostgreSQL search through the narrow table `articles_search`: the page, its total and
its headlines.

`articles_search` (migration 0015) holds each article's tsvector (GIN index), time (index
on (at, article_id)), feed and filter columns, and (0017) its words as written for
prefixes (GIN index), kept in sync by triggers; only the page's headlines read the wide
`articles` rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Double,
    and_,
    cast,
    func,
    literal_column,
    or_,
    select,
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
    SNIPPET_WORDS,
    Parts,
    Position,
    SearchFilters,
    Term,
    page_bounds,
    ts_parts,
    tsquery,
)

_ENGLISH = "'english'::regconfig"
_SIMPLE = "'simple'::regconfig"


def pg_search(
    s: Connection, terms: Sequence[Term], f: SearchFilters, after: Position | None
) -> Found:
    # Ranking and headlines read the stemmed vector with the whole query, a prefix as a
    # stemmed prefix (`deploy:*`); which articles match is the stemmed side's words and
    # phrases and the prefixes' words as written (`words`, its own GIN index).
    tsq = func.to_tsquery(literal_column(_ENGLISH), tsquery(terms) or "")
    vector: ColumnElement[Any] = SEARCH.c.vector
    where = [*_matching(ts_parts(terms)), *conditions(f, SEARCH_COLS)]
    if f.order == "newest":
        page, total = _newest(s, where, f, after)
    else:
        page, total = _ranked(s, vector, tsq, where, f, after)
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
    s: Connection, where: list[ColumnElement[bool]], f: SearchFilters, after: Position | None
) -> tuple[list[Position], int]:
    """The page as a plain ORDER BY ... LIMIT: the planner walks `ix_articles_search_at` and tests
    each row when the words are common (a page comes within a few hundred rows), and reads
    the few matches through the GIN index and sorts them when they are rare."""
    c = SEARCH_COLS
    q = newest_page(select(c.id, c.at).where(*where), c, f, after)
    page = [Position(str(r[0]), at=r[1]) for r in s.execute(q)]
    return page, _count(s, where)


def _ranked(
    s: Connection,
    vector: ColumnElement[Any],
    tsq: ColumnElement[Any],
    where: list[ColumnElement[bool]],
    f: SearchFilters,
    after: Position | None,
) -> tuple[list[Position], int]:
    limit, offset = page_bounds(f)
    # One pass over the matches (a bitmap scan of the GIN index) yields the page and the
    # count: a second pass to count costs as much again. ts_rank reads less than
    # ts_rank_cd. The rank as float8: a float4 comes back rounded to its shortest text and
    # would not compare equal to itself in the next page's cursor.
    key = cast(func.ts_rank(vector, tsq), Double)
    # OFFSET 0 keeps the key computed in the scan: flattened, the planner would put it
    # above the count and carry every row's whole tsvector up to there.
    picked = select(SEARCH.c.article_id.label("id"), key.label("key")).where(*where)
    scan = picked.offset(0).subquery()
    # Counted a level below the cursor's condition, which must not change the total.
    inner = select(scan.c.id, scan.c.key, func.count().over().label("n")).subquery()
    q = select(inner.c.id, inner.c.key, inner.c.n)
    if after is not None and after.rank is not None:
        q = q.where(
            or_(inner.c.key < after.rank, and_(inner.c.key == after.rank, inner.c.id > after.id))
        )
    q = q.order_by(inner.c.key.desc(), inner.c.id).limit(limit).offset(offset)
    rows = list(s.execute(q))
    if not rows:
        return [], _count(s, where)
    return [Position(str(r[0]), rank=float(r[1])) for r in rows], int(rows[0][2])
