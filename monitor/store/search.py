"""Article search: full text (SQLite FTS5 or PostgreSQL tsvector) plus filters, one interface.

The index itself is built by migration 0004 and kept in sync by the database (triggers on
SQLite, a generated column on PostgreSQL), so every writer of `articles` keeps it current.
Hits come back as fragments (text, hit?) rather than markup, so callers escape as they
render and a stored `<script>` can never become markup here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
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

from monitor.store.db import Database
from monitor.store.models import Article, ArticleClass, Observation

# Private-use code points mark hits inside snippets; they never occur in normalized text
# worth searching, and they survive both databases' highlighters untouched.
HIT_OPEN = "\ue000"
HIT_CLOSE = "\ue001"
SNIPPET_WORDS = 28
PREVIEW_CHARS = 280
MAX_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of a title or snippet; `hit` is true where it matched the query."""

    text: str
    hit: bool = False


@dataclass(frozen=True, slots=True)
class Term:
    """One query term: a word or a quoted phrase, maybe a prefix (`troop*`) or excluded."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True, slots=True)
class SearchFilters:
    query: str = ""
    relevant_only: bool = False
    country: str | None = None  # ISO alpha-2: a stance for it, or a mention of it
    stance: str | None = None  # an observation with this stance (for `country` if given)
    feed: str | None = None
    since: datetime | None = None  # publication (else fetch) time, inclusive
    until: datetime | None = None  # exclusive
    order: str = "relevance"  # "relevance" (when there is a query) or "newest"
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True, slots=True)
class HitStance:
    actor: str
    stance: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str
    title_fragments: tuple[Fragment, ...]
    snippet: tuple[Fragment, ...]
    url: str
    published_at: datetime | None
    fetched_at: datetime
    feed: str | None
    group_id: str
    relevant: bool | None  # None: not classified yet
    stances: tuple[HitStance, ...]


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: tuple[SearchHit, ...]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: str
    title: str
    url: str
    published_at: datetime | None
    feed: str | None


@dataclass(frozen=True, slots=True)
class SearchFacets:
    """Values the filters can take, for a search form."""

    feeds: tuple[str, ...]
    countries: tuple[str, ...]


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
_WORD = re.compile(r"\w+")


def parse_query(query: str) -> tuple[Term, ...]:
    """Words and "quoted phrases", all required; `-word` excludes, `word*` is a prefix.

    >>> parse_query('troops -football "ground forces" deploy*')[2]
    Term(words=('ground', 'forces'), prefix=False, negated=False)
    """
    terms: list[Term] = []
    for m in _TOKEN.finditer(query):
        if m.group(2) is not None:
            words = tuple(w.lower() for w in _WORD.findall(m.group(2)))
            terms.append(Term(words, negated=bool(m.group(1))))
            continue
        raw = m.group(4)
        words = tuple(w.lower() for w in _WORD.findall(raw))
        prefix = raw.endswith("*") and len(words) == 1
        terms.append(Term(words, prefix=prefix, negated=bool(m.group(3))))
    return tuple(t for t in terms if t.words)


def fts5_query(terms: Sequence[Term]) -> str | None:
    """The FTS5 MATCH expression; None when nothing is required (only exclusions or empty).

    >>> fts5_query(parse_query('troops -football'))
    '"troops" NOT "football"'
    """
    positive = [_fts5_term(t) for t in terms if not t.negated]
    if not positive:
        return None
    expr = " AND ".join(positive)
    for t in terms:
        if t.negated:
            expr += f" NOT {_fts5_term(t)}"
    return expr


def _fts5_term(t: Term) -> str:
    # Words are \w+ only, so a double-quoted string cannot break out of the syntax.
    return f'"{" ".join(t.words)}"' + ("*" if t.prefix else "")


def tsquery(terms: Sequence[Term]) -> str | None:
    """The to_tsquery() expression for PostgreSQL; None when nothing is required.

    >>> tsquery(parse_query('"ground forces" -football deploy*'))
    '(ground <-> forces) & (deploy:*) & !(football)'
    """
    positive = [_ts_term(t) for t in terms if not t.negated]
    if not positive:
        return None
    negative = [f"!{_ts_term(t)}" for t in terms if t.negated]
    return " & ".join(positive + negative)


def _ts_term(t: Term) -> str:
    inner = " <-> ".join(t.words)
    return f"({inner}:*)" if t.prefix else f"({inner})"


def split_marked(value: str) -> tuple[Fragment, ...]:
    """Fragments of a highlighter's output that uses HIT_OPEN/HIT_CLOSE as markers.

    >>> split_marked("a \ue000b\ue001 c")
    (Fragment(text='a ', hit=False), Fragment(text='b', hit=True), Fragment(text=' c', hit=False))
    """
    out: list[Fragment] = []
    hit = False
    buf: list[str] = []
    for ch in value:
        if ch in (HIT_OPEN, HIT_CLOSE):
            if buf:
                out.append(Fragment("".join(buf), hit))
                buf = []
            hit = ch == HIT_OPEN
        else:
            buf.append(ch)
    if buf:
        out.append(Fragment("".join(buf), hit))
    return tuple(out)


def _preview(text_: str) -> tuple[Fragment, ...]:
    flat = " ".join(text_.split())
    if len(flat) > PREVIEW_CHARS:
        flat = flat[:PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
    return (Fragment(flat),) if flat else ()


# -- filters -------------------------------------------------------------------------


def _when() -> ColumnElement[datetime]:
    return func.coalesce(Article.published_at, Article.fetched_at)


def _conditions(f: SearchFilters) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.relevant_only:
        conds.append(
            exists().where(ArticleClass.article_id == Article.id, ArticleClass.relevant.is_(True))
        )
    if f.feed:
        conds.append(Article.feed == f.feed)
    if f.since is not None:
        conds.append(_when() >= f.since)
    if f.until is not None:
        conds.append(_when() < f.until)
    if f.stance:
        # IN (subquery) rather than EXISTS: the database can start from the (few) matching
        # observations instead of testing every article in date order.
        obs = [Observation.stance == f.stance]
        if f.country:
            obs.append(Observation.actor == f.country.upper())
        conds.append(Article.id.in_(select(Observation.article_id).where(*obs)))
    elif f.country:
        code = f.country.upper()
        stated = Article.id.in_(select(Observation.article_id).where(Observation.actor == code))
        mentioned = exists().where(
            ArticleClass.article_id == Article.id,
            (" " + ArticleClass.countries + " ").like(f"% {code} %"),
        )
        conds.append(or_(stated, mentioned))
    return conds


def _page_bounds(f: SearchFilters) -> tuple[int, int]:
    return max(1, min(f.limit, MAX_LIMIT)), max(0, f.offset)


# -- the two engines -----------------------------------------------------------------

# Ranked id lists with their marked-up title and snippet, per dialect.
_Ranked = list[tuple[str, str | None, str | None]]


_FTS = table("articles_fts", column("rowid"), column("rank"))
_FTS_DOCS = table("articles_fts_docs", column("docid"), column("article_id"))


def _match() -> ColumnElement[bool]:
    return text("articles_fts MATCH :match")  # type: ignore[return-value]


def _sqlite_search(s: Session, match: str, f: SearchFilters) -> tuple[_Ranked, int]:
    limit, offset = _page_bounds(f)
    # The matches are computed once, first: otherwise the planner may walk a filter's
    # index (feed, dates) and probe the full-text index row by row, which is far slower.
    hits = (
        select(_FTS.c.rowid.label("docid"), _FTS.c.rank.label("rank"))
        .where(_match())
        .cte("hits")
        .prefix_with("MATERIALIZED")
    )
    order: list[Any] = (
        [_when().desc(), Article.id.desc()] if f.order == "newest" else [hits.c.rank, Article.id]
    )
    q = (
        select(hits.c.docid, Article.id, func.count().over())
        .select_from(hits)
        .join(_FTS_DOCS, _FTS_DOCS.c.docid == hits.c.docid)
        .join(Article, Article.id == _FTS_DOCS.c.article_id)
        .where(*_conditions(f))
    )
    rows = list(s.execute(q.order_by(*order).limit(limit).offset(offset), {"match": match}))
    if not rows:
        counted = select(func.count()).select_from(q.subquery())
        return [], int(s.scalar(counted, {"match": match}) or 0)
    total = int(rows[0][2])
    page = [(int(r[0]), str(r[1])) for r in rows]
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
    return [(aid, *by_doc.get(docid, (None, None))) for docid, aid in page], total


def _pg_search(s: Session, query: str, f: SearchFilters) -> tuple[_Ranked, int]:
    limit, offset = _page_bounds(f)
    tsq = func.to_tsquery(literal_column("'english'::regconfig"), query)
    vector: ColumnElement[Any] = literal_column("articles.search_vector")
    # Matches first (a bitmap scan of the GIN index), ordered afterwards: left to itself
    # the planner may walk the date index for "newest" and test every article.
    hits = (
        select(
            Article.id.label("id"),
            # ts_rank reads less than ts_rank_cd; neither is needed for "newest".
            (literal_column("0") if f.order == "newest" else func.ts_rank(vector, tsq)).label(
                "rank"
            ),
            _when().label("at"),
        )
        .where(vector.op("@@")(tsq), *_conditions(f))
        .cte("hits")
        .prefix_with("MATERIALIZED")
    )
    order: list[Any] = (
        [hits.c.at.desc(), hits.c.id.desc()]
        if f.order == "newest"
        else [hits.c.rank.desc(), hits.c.id]
    )
    base = select(hits.c.id, func.count().over())
    rows = list(s.execute(base.order_by(*order).limit(limit).offset(offset)))
    if not rows:
        return [], int(s.scalar(select(func.count()).select_from(hits)) or 0)
    total = int(rows[0][1])
    ids = [str(r[0]) for r in rows]
    # Headlines are costly, so only the page's rows get them.
    options = (
        f"StartSel={HIT_OPEN}, StopSel={HIT_CLOSE}, MaxWords={SNIPPET_WORDS}, MinWords=12, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    headlines = s.execute(
        select(
            Article.id,
            func.ts_headline(
                literal_column("'english'::regconfig"),
                Article.title,
                tsq,
                f"StartSel={HIT_OPEN}, StopSel={HIT_CLOSE}, HighlightAll=true",
            ),
            func.ts_headline(
                literal_column("'english'::regconfig"),
                func.substr(Article.text, 1, 300000),
                tsq,
                options,
            ),
        ).where(Article.id.in_(ids))
    )
    marks = {r[0]: (r[1], r[2]) for r in headlines}
    return [(i, *marks.get(i, (None, None))) for i in ids], total


def _browse(s: Session, f: SearchFilters) -> tuple[_Ranked, int]:
    limit, offset = _page_bounds(f)
    base = select(Article.id).where(*_conditions(f))
    total = int(s.scalar(select(func.count()).select_from(base.subquery())) or 0)
    newest = base.order_by(_when().desc(), Article.id.desc())
    ids = list(s.scalars(newest.limit(limit).offset(offset)))
    return [(i, None, None) for i in ids], total


def _hits(s: Session, ranked: _Ranked) -> tuple[SearchHit, ...]:
    ids = [r[0] for r in ranked]
    if not ids:
        return ()
    meta: Select[Any] = select(
        Article.id,
        Article.title,
        Article.url,
        Article.canonical_url,
        Article.published_at,
        Article.fetched_at,
        Article.feed,
        Article.group_id,
        func.substr(Article.text, 1, PREVIEW_CHARS + 40),
    ).where(Article.id.in_(ids))
    rows = {r[0]: r for r in s.execute(meta)}
    relevant = dict(
        s.execute(
            select(ArticleClass.article_id, ArticleClass.relevant).where(
                ArticleClass.article_id.in_(ids)
            )
        )
        .tuples()
        .all()
    )
    stances: dict[str, list[HitStance]] = {}
    obs = select(Observation.article_id, Observation.actor, Observation.stance).where(
        Observation.article_id.in_(ids)
    )
    for aid, actor, stance in s.execute(obs.order_by(Observation.actor)):
        stances.setdefault(aid, []).append(HitStance(actor, stance))
    hits = []
    for aid, title_marked, snippet_marked in ranked:
        r = rows.get(aid)
        if r is None:  # deleted between the two queries
            continue
        title = r[1] or ""
        hits.append(
            SearchHit(
                id=aid,
                title=title,
                title_fragments=split_marked(title_marked) if title_marked else (Fragment(title),),
                snippet=split_marked(snippet_marked) if snippet_marked else _preview(r[8] or ""),
                url=r[3] or r[2],
                published_at=r[4],
                fetched_at=r[5],
                feed=r[6],
                group_id=r[7],
                relevant=relevant.get(aid),
                stances=tuple(stances.get(aid, ())),
            )
        )
    return tuple(hits)


def search_articles(db: Database, filters: SearchFilters) -> SearchPage:
    """One page of articles matching the query and filters, best (or newest) first.

    Without required words the filters alone select articles, newest first.
    """
    terms = parse_query(filters.query)
    limit, offset = _page_bounds(filters)
    with db.session() as s:
        if db.dialect == "sqlite" and (match := fts5_query(terms)):
            ranked, total = _sqlite_search(s, match, filters)
        elif db.dialect == "postgresql" and (tsq := tsquery(terms)):
            ranked, total = _pg_search(s, tsq, filters)
        else:
            ranked, total = _browse(s, filters)
        return SearchPage(_hits(s, ranked), total, limit, offset)


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


def search_index_ok(db: Database) -> bool:
    """Whether the full-text index and what keeps it in sync exist (e.g. after a migration
    that rebuilt `articles`)."""
    with db.session() as s:
        if db.dialect == "sqlite":
            names = set(
                s.scalars(
                    text(
                        "SELECT name FROM sqlite_master WHERE name IN ('articles_fts',"
                        " 'articles_fts_docs', 'articles_fts_insert', 'articles_fts_delete',"
                        " 'articles_fts_update')"
                    )
                )
            )
            return len(names) == 5
        if db.dialect == "postgresql":
            found = s.scalar(
                text(
                    "SELECT count(*) FROM information_schema.columns WHERE table_name = 'articles'"
                    " AND column_name = 'search_vector' AND table_schema = current_schema()"
                )
            )
            return bool(found)
        return False
