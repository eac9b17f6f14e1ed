"""Read model of stance changes: the tracker's alerted events (first stance, change), by the
publication time of the article that decided them, for the board, "recent changes" and Atom."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from monitor.store.db import Database
from monitor.store.models import StanceEventRow
from monitor.tracker import EventKind, country_name

CHANGE_KINDS = (str(EventKind.NEW), str(EventKind.CHANGED))


@dataclass(frozen=True, slots=True)
class StanceChange:
    """One country moving: "PL: declined -> open" (old_stance None: its first stance)."""

    event_id: int
    kind: str  # new | changed
    actor: str
    name: str
    old_stance: str | None
    new_stance: str
    published_at: datetime | None  # publication time of the deciding article
    recorded_at: datetime  # when the monitor decided it (ingest time)
    evidence: str
    article_id: str
    article_title: str
    article_url: str
    source: str | None
    confidence: float
    condition: str | None
    sources: int


def _change(e: StanceEventRow) -> StanceChange:
    return StanceChange(
        event_id=e.id,
        kind=e.kind,
        actor=e.actor,
        name=country_name(e.actor),
        old_stance=e.old_stance,
        new_stance=e.new_stance,
        published_at=e.published_at,  # None when the article has no date
        recorded_at=e.created_at,
        evidence=e.evidence,
        article_id=e.article_id,
        article_title=e.article_title,
        article_url=e.article_url,
        source=e.source,
        confidence=e.confidence,
        condition=e.condition,
        sources=e.sources,
    )


def stance_changes(
    db: Database, *, since: datetime | None = None, actor: str | None = None, limit: int = 200
) -> list[StanceChange]:
    """Changes newest publication first; `since` keeps those published from then on."""
    q = select(StanceEventRow).where(StanceEventRow.kind.in_(CHANGE_KINDS))
    if since is not None:
        q = q.where(StanceEventRow.decided_at >= since)
    if actor is not None:
        q = q.where(StanceEventRow.actor == actor.upper())
    q = q.order_by(StanceEventRow.decided_at.desc(), StanceEventRow.id.desc()).limit(limit)
    with db.session() as s:
        return [_change(e) for e in s.scalars(q)]


def latest_changes(db: Database, actors: Sequence[str] | None = None) -> dict[str, StanceChange]:
    """Each country's latest change (by event order: the tracker's own sequence)."""
    last = select(func.max(StanceEventRow.id)).where(StanceEventRow.kind.in_(CHANGE_KINDS))
    if actors is not None:
        last = last.where(StanceEventRow.actor.in_(list(actors)))
    q = select(StanceEventRow).where(StanceEventRow.id.in_(last.group_by(StanceEventRow.actor)))
    with db.session() as s:
        return {e.actor: _change(e) for e in s.scalars(q)}
