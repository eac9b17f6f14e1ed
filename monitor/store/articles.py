"""Articles: save with exact and near-duplicate dedupe, look up, list, iterate for export."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import cast

from sqlalchemy import (
    Connection,
    Table,
    Text,
    and_,
    bindparam,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from monitor.records import Document
from monitor.store import raw
from monitor.store.db import Database, Tx
from monitor.store.models import Article, ArticleLsh, ArticleUrl
from monitor.store.near import (
    MIN_SIMILARITY,
    add_keys,
    find_near_duplicate,
    pg_key_literal,
    pg_keys,
)
from monitor.store.types import UTCDateTime

# Session.info key: the articles this transaction inserted (id -> Inserted).
INSERTED = "monitor.inserted_articles"


@dataclass(frozen=True, slots=True)
class Inserted:
    """An article this transaction inserted, as a verdict saved next for it needs it."""

    id: str
    group_id: str
    published_at: datetime | None
    fetched_at: datetime


class SaveResult(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"  # same content hash: stored once, the URL recorded as an alias


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    result: SaveResult
    article_id: str
    group_id: str
    near_duplicate_of: str | None = None  # an earlier article of the same story


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: str
    content_hash: str
    url: str
    canonical_url: str | None
    title: str
    text: str
    published_at: datetime | None
    fetched_at: datetime
    author: str | None
    language: str | None
    feed: str | None
    group_id: str


def _stored(a: Article) -> StoredArticle:
    return StoredArticle(
        id=a.id,
        content_hash=a.content_hash,
        url=a.url,
        canonical_url=a.canonical_url,
        title=a.title,
        text=a.text,
        published_at=a.published_at,
        fetched_at=a.fetched_at,
        author=a.author,
        language=a.language,
        feed=a.feed,
        group_id=a.group_id,
    )


def known_urls(db: Database, urls: list[str]) -> set[str]:
    """The subset of `urls` already stored (raw or canonical form)."""
    if not urls:
        return set()
    with db.session() as s:
        return set(s.scalars(select(ArticleUrl.url).where(ArticleUrl.url.in_(urls))))


# The save path's statements, built once over the tables (Core, not ORM entities): the
# cache key of a statement object is memoized, so each use is a lookup and an execute.
_A = cast(Table, Article.__table__)
_U = cast(Table, ArticleUrl.__table__)
_BY_HASH = select(_A.c.id, _A.c.group_id).where(_A.c.content_hash == bindparam("h"))
_BY_CANONICAL = select(_A.c.id).where(_A.c.canonical_url == bindparam("u"))
_ORIGINAL = select(_A.c.url, _A.c.canonical_url).where(_A.c.id == bindparam("id"))
_INSERTS = {
    name: (
        ins(_A).on_conflict_do_nothing().returning(_A.c.id),
        ins(_U).on_conflict_do_nothing(index_elements=["url"]),
    )
    for name, ins in (("postgresql", pg_insert), ("sqlite", sqlite_insert))
}


# PostgreSQL: a new article, its URLs and its LSH keys in one statement (the URLs and
# keys inserted from the article's RETURNING, so nothing when it is taken already): each
# round trip costs the client about 0.2 ms CPU (SQLAlchemy, psycopg, the socket).
_L = cast(Table, ArticleLsh.__table__)
_NEW = (
    pg_insert(_A)
    .values({c.name: bindparam(c.name) for c in _A.c})
    .on_conflict_do_nothing()
    .returning(_A.c.id)
    .cte("new_article")
)
_PG_SAVE = (
    select(_NEW.c.id)
    .add_cte(
        pg_insert(_U)
        .from_select(
            ["url", "article_id"],
            select(func.unnest(bindparam("new_urls", type_=ARRAY(Text))), _NEW.c.id),
        )
        .on_conflict_do_nothing(index_elements=["url"])
        .cte("new_urls")
    )
    .add_cte(
        pg_insert(_L)
        .from_select(
            ["key", "article_id"],
            select(func.unnest(pg_keys("new_keys")), _NEW.c.id),
        )
        .on_conflict_do_nothing()
        .cte("new_keys")
    )
)


def _insert_pg(
    conn: Connection, row: dict[str, object], urls: set[str], keys: tuple[int, ...]
) -> bool:
    """`_insert_article`, `_add_urls` and `add_keys` in one round trip (PostgreSQL)."""
    params = {**row, "new_urls": sorted(urls), "new_keys": pg_key_literal(sorted(set(keys)))}
    try:
        done = conn.execute(_PG_SAVE, params)
    except IntegrityError as exc:  # a conflict no ON CONFLICT covers (none today)
        raise ConcurrentSave(str(row["content_hash"])) from exc
    return done.first() is not None


def _add_urls(conn: Connection, dialect: str, urls: set[str], article_id: str) -> None:
    if not urls:
        return
    if dialect == "sqlite":
        raw.executemany(conn, _SQLITE_URLS, [(u, article_id) for u in sorted(urls)])
        return
    rows = [{"url": u, "article_id": article_id} for u in sorted(urls)]
    conn.execute(_INSERTS[dialect][1], rows)  # executemany of one cached statement


def _prefer_original(s: Session, article_id: str, doc: Document) -> None:
    """The same text found again at its own canonical address, where the stored article was
    first fetched under another URL (an aggregator's link with tracking parameters): the
    article now points to the original's URL and canonical URL; the first URL stays known
    as an alias (article_urls), so it is not fetched again."""
    conn = s.connection()
    stored = conn.execute(_ORIGINAL, {"id": article_id}).one()
    if doc.url != doc.canonical_url or stored.url == stored.canonical_url:
        return  # the new one is not at its canonical address, or the stored one is
    if stored.canonical_url == doc.canonical_url:
        return
    if conn.execute(_BY_CANONICAL, {"u": doc.canonical_url}).first() is not None:
        return
    try:
        with s.begin_nested():  # a concurrent save taking that canonical URL wins
            s.execute(
                update(Article)
                .where(Article.id == article_id)
                .values(url=doc.url, canonical_url=doc.canonical_url)
            )
    except IntegrityError:
        return


class ConcurrentSave(Exception):
    """Another worker stored the same content first; the transaction must be rolled back
    and the document recorded as a duplicate (`save_duplicate`)."""


def save_document_in(
    s: Tx, doc: Document, *, now: datetime, min_similarity: float = MIN_SIMILARITY
) -> SaveOutcome:
    """Store a document once, inside the caller's transaction (so what the flow stores
    about it commits with it). Raises ConcurrentSave when a concurrent insert won."""
    conn = s.connection()
    dialect = conn.dialect.name
    urls = _urls(doc)
    # The insert tells whether the text is stored already (a unique key taken), so a new
    # article costs no lookup before it; a duplicate, rare here, costs its near check.
    near = find_near_duplicate(
        conn, doc.id, doc.text, doc.lsh_keys, min_similarity, shingles=doc.shingles
    )
    group_id = near.group_id if near is not None else doc.id
    # One Core INSERT: the ORM's unit of work (identity map, change tracking, flush
    # ordering) costs more than the statement for a row nothing else touches here.
    row: dict[str, object] = dict(
        id=doc.id,
        content_hash=doc.content_hash,
        url=doc.url,
        canonical_url=doc.canonical_url,
        title=doc.title,
        text=doc.text,
        published_at=doc.published,
        fetched_at=now,
        author=doc.author,
        language=doc.language,
        feed=doc.feed,
        group_id=group_id,
    )
    together = dialect == "postgresql"  # the URLs and keys go in with the article
    inserted = (
        _insert_pg(conn, row, urls, doc.lsh_keys)
        if together
        else _insert_article(conn, dialect, row)
    )
    if not inserted:
        # A unique key is taken: by the same text (stored before, or by a concurrent
        # save committed first, the insert having waited for it): a duplicate; or by
        # the canonical URL: a changed text under a known canonical URL is kept as its
        # own article, the unique canonical URL staying with the first version. Else a
        # real conflict.
        existing = conn.execute(_BY_HASH, {"h": doc.content_hash}).first()
        if existing is not None:
            _add_urls(conn, dialect, urls, existing.id)
            _prefer_original(s, existing.id, doc)
            return SaveOutcome(SaveResult.DUPLICATE, existing.id, existing.group_id)
        if not _insert_article(conn, dialect, {**row, "canonical_url": None}):
            raise ConcurrentSave(doc.content_hash)
        together = False
    if not together:
        _add_urls(conn, dialect, urls, doc.id)
        add_keys(conn, dialect, doc.id, doc.lsh_keys)
    # The verdict saved next in this transaction reads none of this back.
    s.info.setdefault(INSERTED, {})[doc.id] = Inserted(doc.id, group_id, doc.published, now)
    return SaveOutcome(
        SaveResult.NEW, doc.id, group_id, near.article_id if near is not None else None
    )


def _insert_article(conn: Connection, dialect: str, row: dict[str, object]) -> bool:
    """One Core INSERT that does nothing on a unique conflict (after waiting for the
    transaction holding the key, on PostgreSQL); whether the row went in. An exception
    would abort a PostgreSQL transaction, so the caller could not look up the winner."""
    try:
        if dialect == "sqlite":
            when = raw.time_binder(conn.dialect)
            values = [when(row[c]) if c in _TIMES else row[c] for c in _COLUMNS]
            return raw.execute(conn, _SQLITE_ARTICLE, values).fetchone() is not None
        done = conn.execute(_INSERTS[dialect][0], row)
    except IntegrityError as exc:  # a conflict no ON CONFLICT covers (none today)
        raise ConcurrentSave(str(row["content_hash"])) from exc
    return done.first() is not None


# SQLite's inserts of the save path, on the driver (monitor.store.raw): the statements
# _INSERTS compiles to, the times bound as the column type binds them.
_COLUMNS = [c.name for c in _A.c]
_TIMES = frozenset(c.name for c in _A.c if isinstance(c.type, UTCDateTime))
_SQLITE_ARTICLE = (
    f"INSERT INTO {_A.name} ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"
    " ON CONFLICT DO NOTHING RETURNING id"
)
_SQLITE_URLS = f"INSERT INTO {_U.name} (url, article_id) VALUES (?, ?) ON CONFLICT (url) DO NOTHING"


def save_duplicate(db: Database, doc: Document) -> SaveOutcome:
    """After ConcurrentSave: record the document's URLs on the article that won."""
    with db.session() as s:
        conn = s.connection()
        existing = conn.execute(_BY_HASH, {"h": doc.content_hash}).first()
        if existing is None:
            raise LookupError(f"no article with hash {doc.content_hash}")
        _add_urls(conn, db.dialect, _urls(doc), existing.id)
        return SaveOutcome(SaveResult.DUPLICATE, existing.id, existing.group_id)


def save_document(
    db: Database, doc: Document, *, now: datetime, min_similarity: float = MIN_SIMILARITY
) -> SaveOutcome:
    """Store a document once in a transaction of its own.

    Idempotent: a concurrent insert of the same hash is a duplicate, not an error.
    """
    try:
        with db.session() as s:
            return save_document_in(s, doc, now=now, min_similarity=min_similarity)
    except (ConcurrentSave, IntegrityError):
        return save_duplicate(db, doc)


def _urls(doc: Document) -> set[str]:
    return {u for u in (doc.url, doc.canonical_url, *doc.aliases) if u}


def get_article(db: Database, ref: str) -> StoredArticle | None:
    """By id (16 hex), a unique id prefix of at least 4 digits, or a stored URL."""
    with db.session() as s:
        row = s.get(Article, ref)
        if row is None and len(ref) >= 4 and all(c in "0123456789abcdef" for c in ref):
            rows = list(s.scalars(select(Article).where(Article.id.startswith(ref)).limit(2)))
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            aid = s.scalar(select(ArticleUrl.article_id).where(ArticleUrl.url == ref))
            row = s.get(Article, aid) if aid else None
        return _stored(row) if row is not None else None


def list_articles(
    db: Database,
    *,
    limit: int = 50,
    offset: int = 0,
    feed: str | None = None,
    after: str | None = None,
) -> list[StoredArticle]:
    """Newest first; `after` (the last id of the previous page) continues the list by key,
    which costs the same on every page, where `offset` makes the database skip rows."""
    when = func.coalesce(Article.published_at, Article.fetched_at)
    with db.session() as s:
        q = select(Article)
        if feed:
            q = q.where(Article.feed == feed)
        if after is not None:
            last = s.scalar(select(when).where(Article.id == after))
            if last is None:
                raise LookupError(f"no article {after!r} to continue after")
            q = q.where(or_(when < last, and_(when == last, Article.id > after)))
        q = q.order_by(when.desc(), Article.id).limit(limit).offset(offset)
        return [_stored(a) for a in s.scalars(q)]


def count_articles(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Article)) or 0)


def group_members(db: Database, group_id: str) -> list[str]:
    with db.session() as s:
        q = select(Article.id).where(Article.group_id == group_id).order_by(Article.fetched_at)
        return list(s.scalars(q))


def iter_articles(db: Database, batch: int = 500) -> Iterator[StoredArticle]:
    """Every article in storage order (fetched time, then id), in batches."""
    last: tuple[datetime, str] | None = None
    while True:
        with db.session() as s:
            q = select(Article).order_by(Article.fetched_at, Article.id).limit(batch)
            if last is not None:
                q = q.where(
                    or_(
                        Article.fetched_at > last[0],
                        (Article.fetched_at == last[0]) & (Article.id > last[1]),
                    )
                )
            rows = [_stored(a) for a in s.scalars(q)]
        if not rows:
            return
        yield from rows
        last = (rows[-1].fetched_at, rows[-1].id)
