"""Near-duplicates in the store: LSH keys written with an article, candidates read by key.

A new article's candidates are the stored articles sharing one of its MinHash LSH keys
(one indexed lookup: no scan of the archive), most shared keys first; the closest one
whose 5-word-shingle Jaccard index with the new text reaches the threshold is the
article it copies (monitor.normalize.fingerprint says why the keys find those).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from monitor.normalize.shingles import jaccard, shingle_hashes
from monitor.store.models import Article, ArticleLsh

# Texts read for the check: copies share most keys and come first; a story about the
# same subject rarely shares even one (0.0003 per pair at Jaccard 0.05).
MAX_CANDIDATES = 8
MIN_SIMILARITY = 0.5  # Jaccard of 5-word shingles: copies measure >= 0.75, others <= 0.02


@dataclass(frozen=True, slots=True)
class NearDuplicate:
    article_id: str
    group_id: str
    similarity: float


def find_near_duplicate(
    s: Session, text: str, keys: tuple[int, ...], min_similarity: float = MIN_SIMILARITY
) -> NearDuplicate | None:
    """The stored article this text copies with the highest similarity, if any."""
    if not keys:
        return None
    shared = func.count().label("shared")
    ranked = (
        select(ArticleLsh.article_id, shared)
        .where(ArticleLsh.key.in_(set(keys)))
        .group_by(ArticleLsh.article_id)
        .order_by(shared.desc(), ArticleLsh.article_id)
        .limit(MAX_CANDIDATES)
    )
    ids = [aid for aid, _ in s.execute(ranked)]
    if not ids:
        return None
    rows = s.execute(
        select(Article.id, Article.group_id, Article.text, Article.fetched_at).where(
            Article.id.in_(ids)
        )
    )
    mine = shingle_hashes(text)
    scored = []
    for aid, group, other, fetched in rows:
        similarity = jaccard(mine, shingle_hashes(other))
        if similarity >= min_similarity:
            scored.append((similarity, -fetched.timestamp(), aid, group))
    if not scored:
        return None
    # The most similar; among equals the earliest stored (the group's first copy).
    similarity, _, aid, group = max(scored)
    return NearDuplicate(aid, group, similarity)


def add_keys(s: Session, dialect: str, article_id: str, keys: tuple[int, ...]) -> None:
    if not keys:
        return
    rows = [{"key": k, "article_id": article_id} for k in sorted(set(keys))]
    ins = pg_insert(ArticleLsh) if dialect == "postgresql" else sqlite_insert(ArticleLsh)
    # executemany of one cached statement: a 32-row VALUES list is compiled anew each time.
    s.execute(ins.on_conflict_do_nothing(), rows)
