"""Country stances: the rows of the tracker's state per country (read and written for the
track flow, monitor.track, inside its transaction) and the read models of the stance board
and a country's history."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, case, func, insert, select, update

from monitor.store.db import Database, Tx
from monitor.store.models import Article, EventCause, Observation, StanceEventRow, StanceState
from monitor.store.observations import StoredObservation, stored_observation
from monitor.tracker import EventKind, Pending, Sighting, TrackedState, country_name

# The track flow's statements, built once over the tables (Core): a tracked article
# then costs cached executes, not ORM objects loaded and flushed per country.
_S = cast(Table, StanceState.__table__)
_O = cast(Table, Observation.__table__)
_STATE = select(_S).where(_S.c.actor == bindparam("a"))
_SET_STATE = update(_S).where(_S.c.actor == bindparam("of"))
_HELD = _O.c.stance == bindparam("s")
# A stable stance's support in one aggregate: its sources, the latest publication, and
# whether anything else was said since the stance was set (then the tracker must replay).
_SUPPORT = select(
    func.count(),
    func.count(func.distinct(case((_HELD, _O.c.group_id)))),
    func.max(_O.c.observed_at),
    func.max(case((and_(~_HELD, _O.c.observed_at >= bindparam("since")), 1), else_=0)),
).where(_O.c.actor == bindparam("a"), _O.c.observed_at >= bindparam("t"))
_BY_ID = select(_O).where(_O.c.id == bindparam("id"))
# What the tracker's rules read of each observation in the window (no evidence text).
_SIGHTED = (_O.c.id, _O.c.stance, _O.c.confidence, _O.c.observed_at, _O.c.group_id, _O.c.seen_at)
_SIGHTINGS_SINCE = select(*_SIGHTED).where(
    _O.c.actor == bindparam("a"), _O.c.observed_at >= bindparam("t")
)
_SIGHTINGS_ALL = select(*_SIGHTED).where(_O.c.actor == bindparam("a"))
_ADD_STATE = insert(_S)


def _pending(row: Any) -> Pending | None:
    if row.pending_stance is None:
        return None
    return Pending(
        stance=row.pending_stance,
        reason=row.pending_reason or "",
        sources=row.pending_sources or 0,
        since=row.pending_since,
        observation_id=0,  # not stored: the tracker recomputes it from the observations
    )


def _tracked(row: Any) -> TrackedState | None:
    if row is None:
        return None
    return TrackedState(
        stance=row.stance,
        since=row.since,
        observation_id=row.observation_id,
        support_from=row.support_from,
        sources=row.sources,
        updated_at=row.updated_at,
        announced=row.announced,
        announced_prev=row.announced_prev,
        announced_at=row.announced_at,
        pending=_pending(row),
    )


def lock_actor(s: Tx, actor: str) -> None:
    """Serialise tracking of one country across workers, until the transaction ends."""
    # Two PostgreSQL workers tracking one country at once would both see "no stance yet"
    # and both alert "new"; a transaction-scoped advisory lock serialises them. SQLite
    # needs none: the caller's transaction already holds the database's write lock.
    if s.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"stance:{actor}".encode())
        s.execute(select(func.pg_advisory_xact_lock(key)))


def tracked_state(s: Tx, actor: str) -> TrackedState | None:
    """The country's tracked state as stored now (re-read: another worker may have moved it)."""
    return _tracked(s.connection().execute(_STATE, {"a": actor}).first())


@dataclass(frozen=True, slots=True)
class Support:
    """A dated stance's support from `support_from` on (see `stable_support`)."""

    observations: int
    sources: int  # story groups that said the stance
    latest: datetime | None  # the latest publication of any observation
    others_since: bool  # another stance published at or after the stance was set


def stable_support(
    s: Tx, actor: str, stance: str, since: datetime, support_from: datetime
) -> Support:
    """What the tracker needs of a stance nothing has challenged, read in the database:
    the observations since `support_from` otherwise grow with every article that repeats
    the stance, and each tracked save would read them all."""
    row = (
        s.connection()
        .execute(_SUPPORT, {"a": actor, "s": stance, "since": since, "t": support_from})
        .one()
    )
    return Support(int(row[0]), int(row[1]), row[2], bool(row[3]))


def observation_from(
    s: Tx, observation_id: int, support_from: datetime
) -> StoredObservation | None:
    """One observation, if it was published at or after `support_from`."""
    row = s.connection().execute(_BY_ID, {"id": observation_id}).first()
    if row is None or row.observed_at is None or row.observed_at < support_from:
        return None
    return stored_observation(row)


class WindowObservations(Mapping[int, StoredObservation]):
    """The observations of a tracking window by id, each whole row read on first use: the
    rules read every sighting of the window, but whole rows (evidence, article) only for
    the stance's setter and its events."""

    def __init__(self, s: Tx, ids: Iterable[int]) -> None:
        self._conn = s.connection()
        self._ids = frozenset(ids)
        self._rows: dict[int, StoredObservation] = {}

    def __getitem__(self, key: int) -> StoredObservation:
        if key not in self._ids:
            raise KeyError(key)
        if key not in self._rows:
            row = self._conn.execute(_BY_ID, {"id": key}).first()
            if row is None:
                raise KeyError(key)
            self._rows[key] = stored_observation(row)
        return self._rows[key]

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def sightings_since(
    s: Tx, actor: str, since: datetime | None
) -> tuple[list[Sighting], WindowObservations]:
    """A country's sightings published at or after `since` (all of them for None), and
    their observations by id (read as needed)."""
    conn = s.connection()
    rows = (
        conn.execute(_SIGHTINGS_ALL, {"a": actor})
        if since is None
        else conn.execute(_SIGHTINGS_SINCE, {"a": actor, "t": since})
    )
    sightings = [Sighting(*row) for row in rows]
    return sightings, WindowObservations(s, (g.id for g in sightings))


def tracked_actors(s: Tx) -> list[str]:
    """Every country with a stored observation."""
    return sorted(s.scalars(select(Observation.actor).distinct()))


def save_tracked_state(
    s: Tx, actor: str, state: TrackedState, setter: StoredObservation | None, *, now: datetime
) -> None:
    """Write a country's state; `setter` (the observation that set the stance) refreshes
    the evidence snapshot, None keeps it (the setter was reclassified away)."""
    pending = state.pending
    values: dict[str, object] = {
        "stance": state.stance,
        "since": state.since,
        "observation_id": state.observation_id,
        "support_from": state.support_from,
        "sources": state.sources,
        "updated_at": state.updated_at,
        "announced": state.announced,
        "announced_prev": state.announced_prev,
        "announced_at": state.announced_at,
        "pending_stance": pending.stance if pending else None,
        "pending_reason": pending.reason if pending else None,
        "pending_sources": pending.sources if pending else None,
        "pending_since": pending.since if pending else None,
        "changed_at": now,
    }
    if setter is not None:
        values.update(
            article_id=setter.article_id,
            evidence=setter.evidence,
            confidence=setter.confidence,
            condition=setter.condition,
        )
    conn = s.connection()
    if conn.execute(_SET_STATE, {"of": actor, **values}).rowcount == 0:
        conn.execute(_ADD_STATE, {"actor": actor, **values})


# -- read models -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CountryStance:
    """One row of the stance board."""

    actor: str  # ISO alpha-2
    name: str
    stance: str  # willing | open | undecided | declined | opposed
    since: datetime | None  # publication time of the observation that set it; None: unknown
    evidence: str
    article_id: str
    article_title: str
    article_url: str
    confidence: float
    condition: str | None
    sources: int  # independent sources (story groups) agreeing on the current stance
    updated_at: datetime | None  # latest publication time of any observation of it
    pending: str | None = None  # a change held back by the alert policy
    pending_reason: str | None = None  # why it is held back


def current_stances(db: Database) -> list[CountryStance]:
    """Every country with a stance, by name."""
    with db.session() as s:
        q = select(StanceState, Article).outerjoin(Article, Article.id == StanceState.article_id)
        out = [
            CountryStance(
                actor=st.actor,
                name=country_name(st.actor),
                stance=st.stance,
                since=st.since,
                evidence=st.evidence,
                article_id=st.article_id,
                article_title=a.title if a else "",
                article_url=(a.canonical_url or a.url) if a else "",
                confidence=st.confidence,
                condition=st.condition,
                sources=st.sources,
                updated_at=st.updated_at,
                pending=st.pending_stance,
                pending_reason=st.pending_reason,
            )
            for st, a in s.execute(q)
        ]
    return sorted(out, key=lambda c: (c.name, c.actor))


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """One observation in a country's history, oldest first."""

    observation_id: int
    observed_at: datetime | None  # None: the article has no date (listed first)
    stance: str
    evidence: str
    article_id: str
    article_title: str
    source: str | None
    confidence: float
    condition: str | None
    event: str | None  # "new" | "changed" if this observation caused an alert, else None


def country_history(db: Database, actor: str) -> list[HistoryItem]:
    """Every stored observation of a country in publication order, marked with the
    alert it caused."""
    actor = actor.upper()
    with db.session() as s:
        caused: dict[tuple[int, str], str] = {}
        cq = (
            select(EventCause.observation_id, EventCause.article_id, StanceEventRow.kind)
            .join(StanceEventRow, StanceEventRow.id == EventCause.event_id)
            .where(
                StanceEventRow.actor == actor,
                StanceEventRow.kind.in_((str(EventKind.NEW), str(EventKind.CHANGED))),
            )
            .order_by(StanceEventRow.id)
        )
        for obs_id, article_id, kind in s.execute(cq):
            # Keyed with the article too: an id freed by reclassifying must not inherit.
            caused[(obs_id, article_id)] = kind
        q = (
            select(Observation, Article.title)
            .join(Article, Article.id == Observation.article_id)
            .where(Observation.actor == actor)
            .order_by(
                Observation.observed_at.is_not(None),
                Observation.observed_at,
                Observation.seen_at,
                Observation.id,
            )
        )
        return [
            HistoryItem(
                observation_id=o.id,
                observed_at=o.observed_at,
                stance=o.stance,
                evidence=o.evidence,
                article_id=o.article_id,
                article_title=title,
                source=o.source,
                confidence=o.confidence,
                condition=o.condition,
                event=caused.get((o.id, o.article_id)),
            )
            for o, title in s.execute(q)
        ]
