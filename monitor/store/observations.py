"""Classifications and stance observations of stored articles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, delete, insert, select, update

from monitor.classify.records import Classification
from monitor.store.articles import INSERTED
from monitor.store.db import Database, Tx
from monitor.store.models import Article, ArticleClass, Observation


@dataclass(frozen=True, slots=True)
class StoredObservation:
    id: int
    article_id: str
    actor: str
    stance: str
    confidence: float
    evidence: str
    start: int
    end: int
    rule: str
    condition: str | None
    classifier_version: str
    observed_at: datetime | None  # the article's publication time; None: date unknown
    group_id: str
    source: str | None
    seen_at: datetime | None = None  # the article's first-seen (fetch) time


@dataclass(frozen=True, slots=True)
class ClassificationChange:
    """What a (re)classification changed for one article: (actor, stance) pairs."""

    article_id: str
    added: frozenset[tuple[str, str]]
    removed: frozenset[tuple[str, str]]
    relevance_changed: bool
    touched: frozenset[str] = frozenset()  # countries whose observations were rewritten

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.relevance_changed)


def stored_observation(o: Any) -> StoredObservation:
    """From an ORM Observation or a row of the observations table."""
    return StoredObservation(
        id=o.id,
        article_id=o.article_id,
        actor=o.actor,
        stance=o.stance,
        confidence=o.confidence,
        evidence=o.evidence,
        start=o.start,
        end=o.end,
        rule=o.rule,
        condition=o.condition,
        classifier_version=o.classifier_version,
        observed_at=o.observed_at,
        group_id=o.group_id,
        source=o.source,
        seen_at=o.seen_at,
    )


# The verdict's statements, built once over the tables (Core): a save is then a few
# cached executes, not an ORM unit of work (and never a load of the article's text).
_A = cast(Table, Article.__table__)
_C = cast(Table, ArticleClass.__table__)
_O = cast(Table, Observation.__table__)
_ARTICLE = select(_A.c.id, _A.c.group_id, _A.c.published_at, _A.c.fetched_at).where(
    _A.c.id == bindparam("id")
)
_PUBLISHED = select(_A.c.published_at).where(_A.c.id == bindparam("id"))
_BEFORE = select(_C.c.relevant).where(_C.c.article_id == bindparam("id"))
_PAIRS = select(_O.c.actor, _O.c.stance).where(_O.c.article_id == bindparam("id"))
_ADD_CLASS = insert(_C)
_SET_CLASS = update(_C).where(_C.c.article_id == bindparam("of"))
_DROP_OBSERVATIONS = delete(_O).where(_O.c.article_id == bindparam("id"))
_ADD_OBSERVATIONS = insert(_O)


def _story_date(conn: Connection, article: Any) -> datetime | None:
    """When the story was published: a copy (near-duplicate) is dated by the first article
    of its group when that one has a date, so an old story re-published with a new date
    is history, not news (a copy never changes a stance on its own date)."""
    own: datetime | None = article.published_at
    if article.group_id == article.id:
        return own
    first: datetime | None = conn.execute(_PUBLISHED, {"id": article.group_id}).scalar()
    if first is None or own is None:
        return first if first is not None else own
    return min(first, own)


def save_classification_in(
    s: Tx, article_id: str, cls: Classification, *, now: datetime, source: str | None
) -> ClassificationChange:
    """Write the verdict and replace the article's observations, inside the caller's
    transaction (so what reacts to new observations, the track flow, commits with them).
    The change names every country whose observations were rewritten: those to re-track."""
    conn = s.connection()
    fresh = s.info.get(INSERTED, {}).get(article_id)  # inserted by this transaction
    article = fresh or conn.execute(_ARTICLE, {"id": article_id}).first()
    if article is None:
        raise LookupError(f"no article {article_id}")
    before = None
    old_pairs: frozenset[tuple[str, str]] = frozenset()
    if fresh is None:  # else it has no verdict and no observations yet
        before = conn.execute(_BEFORE, {"id": article_id}).first()
        old_pairs = frozenset((a, st) for a, st in conn.execute(_PAIRS, {"id": article_id}))
    relevance_changed = before is None or before.relevant != cls.relevant
    verdict = {
        "relevant": cls.relevant,
        "relevance": cls.relevance,
        "countries": " ".join(cls.countries),
        "classifier_version": cls.classifier_version,
        "classified_at": now,
    }
    if before is None:
        conn.execute(_ADD_CLASS, {"article_id": article_id, **verdict})
    else:
        conn.execute(_SET_CLASS, {"of": article_id, **verdict})
    new_pairs = frozenset((f.actor, str(f.stance)) for f in cls.stances)
    if new_pairs == old_pairs and not relevance_changed:
        return ClassificationChange(article_id, frozenset(), frozenset(), False)
    if old_pairs:
        conn.execute(_DROP_OBSERVATIONS, {"id": article_id})
    observed = _story_date(conn, article)
    rows = [
        {
            "article_id": article_id,
            "actor": f.actor,
            "stance": str(f.stance),
            "confidence": f.confidence,
            "evidence": f.evidence,
            "start": f.start,
            "end": f.end,
            "rule": f.rule,
            "condition": f.condition,
            "classifier_version": cls.classifier_version,
            # Never the fetch time: an undated article is not "published now".
            "observed_at": observed,
            "seen_at": article.fetched_at,
            "group_id": article.group_id,
            "source": source,
            "created_at": now,
        }
        for f in cls.stances
    ]
    if rows:
        conn.execute(_ADD_OBSERVATIONS, rows)
    return ClassificationChange(
        article_id,
        new_pairs - old_pairs,
        old_pairs - new_pairs,
        relevance_changed,
        touched=frozenset(a for a, _ in old_pairs | new_pairs),
    )


def save_classification(
    db: Database, article_id: str, cls: Classification, *, now: datetime, source: str | None
) -> ClassificationChange:
    """Store a verdict in a transaction of its own, without tracking (see monitor.track)."""
    with db.session() as s:
        return save_classification_in(s, article_id, cls, now=now, source=source)


def article_observations(db: Database, article_id: str) -> list[StoredObservation]:
    with db.session() as s:
        q = (
            select(Observation)
            .where(Observation.article_id == article_id)
            .order_by(Observation.start, Observation.actor)
        )
        return [stored_observation(o) for o in s.scalars(q)]


def article_relevance(db: Database, article_id: str) -> tuple[bool, float, str] | None:
    with db.session() as s:
        row = s.get(ArticleClass, article_id)
        return (row.relevant, row.relevance, row.classifier_version) if row else None
