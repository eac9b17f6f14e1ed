"""Near-duplicates in the store: LSH keys written with an article, candidates read by key.

A new article's candidates are the stored articles sharing one of its MinHash LSH keys
(one indexed lookup: no scan of the archive), most shared keys first; the closest one
whose 5-word-shingle Jaccard index with the new text reaches the threshold is the
article it copies (monitor.normalize.fingerprint says why the keys find those).

The check needs each candidate's shingle hashes. Hashing a candidate's text again on
every save was most of the cost of a save where stories of one site share boilerplate
(every new article then has candidates), so the hashes of recent articles are kept in
memory by article id: an id is the prefix of the hash of the text, so an id always
stands for the same text, on every worker, even after a rolled-back save.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from sqlalchemy import BigInteger, Connection, Table, Text, bindparam, func, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import insert as pg_insert

from monitor.normalize.shingles import U64, jaccard, shingle_hashes
from monitor.store import raw
from monitor.store.models import Article, ArticleLsh

# Texts read for the check: copies share most keys and come first; a story about the
# same subject rarely shares even one (0.0003 per pair at Jaccard 0.05).
MAX_CANDIDATES = 8
MIN_SIMILARITY = 0.5  # Jaccard of 5-word shingles: copies measure >= 0.75, others <= 0.02
# Shingle hashes kept: 8 bytes per shingle, about 10 KB for a 7 KB story, so about
# 10 MB at most; a feed's copies and boilerplate-sharing neighbours are recent articles.
CACHED_ARTICLES = 1024

_L = cast(Table, ArticleLsh.__table__)
_A = cast(Table, Article.__table__)
_SHARED = func.count().label("shared")


def _candidates(keys: Any) -> Any:
    """The candidates with what the choice among them needs, in one round trip; `keys`:
    where the key is one of the new article's keys."""
    ranked = (
        select(_L.c.article_id, _SHARED)
        .where(keys)
        .group_by(_L.c.article_id)
        .order_by(_SHARED.desc(), _L.c.article_id)
        .limit(MAX_CANDIDATES)
        .subquery()
    )
    return select(_A.c.id, _A.c.group_id, _A.c.fetched_at).join(
        ranked, ranked.c.article_id == _A.c.id
    )


def pg_keys(name: str) -> Any:
    """A bigint[] parameter sent as its text literal ('{1,2,3}', `pg_key_literal`), cast
    by the server: psycopg dumps a list of ints element by element (a quoting regex
    each), 29 us for an article's 32 keys, where the literal costs 4 us."""
    return sql_cast(bindparam(name, type_=Text), ARRAY(BigInteger))


def pg_key_literal(keys: list[int]) -> str:
    """The bigint[] literal of `keys`.

    >>> pg_key_literal([3, -1])
    '{3,-1}'
    """
    return "{" + ",".join(map(str, keys)) + "}"


# The keys go in as one parameter (an array; a JSON list on SQLite), not one each: an
# expanding IN is rendered anew on every execution, which cost more than the query.
_JSON_KEYS = func.json_each(bindparam("keys")).table_valued("value")
_CANDIDATES = {
    "postgresql": _candidates(_L.c.key == func.any(pg_keys("keys"))),
    "sqlite": _candidates(_L.c.key.in_(select(_JSON_KEYS.c.value))),
}
_TEXTS = select(_A.c.id, _A.c.text).where(_A.c.id.in_(bindparam("ids", expanding=True)))
# A new article's keys go in with it on PostgreSQL (store.articles._PG_SAVE); these are
# for SQLite (one statement for all of an article's keys, where an executemany cost a
# parameter set each; `WHERE true`: SQLite's upsert after a SELECT needs it to parse)
# and for PostgreSQL's rare save that is not a plain insert.
_PG_KEY_INSERT = pg_insert(_L).on_conflict_do_nothing()
_SQLITE_KEYS = (
    f'INSERT INTO {_L.name} ("key", article_id) SELECT value, ? FROM json_each(?) '
    "WHERE true ON CONFLICT DO NOTHING"
)


def _keys_param(dialect: str, keys: list[int]) -> object:
    return json.dumps(keys) if dialect == "sqlite" else pg_key_literal(keys)


class _ShingleCache:
    """Article id -> its sorted shingle hashes, the least recently used dropped first."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, U64] = OrderedDict()
        self._lock = threading.Lock()  # saves run in worker threads

    def get(self, article_id: str) -> U64 | None:
        with self._lock:
            found = self._items.get(article_id)
            if found is not None:
                self._items.move_to_end(article_id)
            return found

    def put(self, article_id: str, hashes: U64) -> None:
        with self._lock:
            self._items[article_id] = hashes
            self._items.move_to_end(article_id)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


SHINGLES = _ShingleCache(CACHED_ARTICLES)


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    article_id: str
    group_id: str
    similarity: float


def find_near_duplicate(
    conn: Connection,
    article_id: str,
    text: str,
    keys: tuple[int, ...],
    min_similarity: float = MIN_SIMILARITY,
    shingles: bytes = b"",
) -> NearDuplicate | None:
    """The stored article that `text` (of the new article `article_id`) copies with the
    highest similarity, if any; `shingles`: the text's shingle hashes, when the caller
    has them (Document.shingles), so they are not computed twice."""
    if not keys:
        return None
    dialect = conn.dialect.name
    param = _keys_param(dialect, sorted(set(keys)))
    rows = list(conn.execute(_CANDIDATES[dialect], {"keys": param}))
    if not rows:
        return None
    if shingles and SHINGLES.get(article_id) is None:
        SHINGLES.put(article_id, np.frombuffer(shingles, dtype=np.uint64))
    mine = _hashes_of(article_id, text)
    theirs = {aid: SHINGLES.get(aid) for aid, _, _ in rows}
    missing = [aid for aid, hashes in theirs.items() if hashes is None]
    if missing:
        for aid, other in conn.execute(_TEXTS, {"ids": missing}):
            theirs[aid] = _hashes_of(aid, other)
    scored = []
    for aid, group, fetched in rows:
        other_hashes = theirs[aid]
        assert other_hashes is not None
        similarity = jaccard(mine, other_hashes)
        if similarity >= min_similarity:
            scored.append((similarity, -fetched.timestamp(), aid, group))
    if not scored:
        return None
    # The most similar; among equals the earliest stored (the group's first copy).
    similarity, _, aid, group = max(scored)
    return NearDuplicate(aid, group, similarity)


def _hashes_of(article_id: str, text: str) -> U64:
    hashes = SHINGLES.get(article_id)
    if hashes is None:
        hashes = shingle_hashes(text)
        SHINGLES.put(article_id, hashes)
    return hashes


def add_keys(conn: Connection, dialect: str, article_id: str, keys: tuple[int, ...]) -> None:
    if not keys:
        return
    unique = sorted(set(keys))
    if dialect == "sqlite":  # on the driver: monitor.store.raw says why
        raw.execute(conn, _SQLITE_KEYS, (article_id, json.dumps(unique)))
    else:  # executemany of one cached statement
        conn.execute(_PG_KEY_INSERT, [{"key": k, "article_id": article_id} for k in unique])
