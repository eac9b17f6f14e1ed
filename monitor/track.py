"""The track flow: from an article's verdict to country stances, events and queued alerts.

The one orchestrator of tracking, beside ingest. Inside the transaction the caller opens
(so the article, its observations, the stances and the alert outbox commit together):
1. store the verdict and the article's observations (store) ->
2. for each country whose observations were rewritten, in a fixed order: lock it, read
   its tracked state and its observations since the current stance's support (store) ->
3. decide (tracker, pure) -> 4. write the state (store) -> 5. for an event, queue one
   delivery per channel unless it is a flap, digest channels at the period's end, and
   store the event with its causes and deliveries (store).
Its report says what it decided; ingest adds it to the poll report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from monitor.alert_records import AlertRouting, DigestPeriod, QueuedDelivery
from monitor.classify.records import Classification
from monitor.routing import ChangeKind, RoutedEvent, route
from monitor.store import Database
from monitor.store.db import Tx
from monitor.store.observations import (
    ClassificationChange,
    StoredObservation,
    save_classification_in,
)
from monitor.store.outbox import add_event_in
from monitor.store.stances import (
    lock_actor,
    observation_from,
    save_tracked_state,
    sightings_since,
    stable_support,
    tracked_actors,
    tracked_state,
)
from monitor.tracker import EventKind, StanceEvent, TrackedState, decide


@dataclass(frozen=True, slots=True)
class TrackReport:
    """What tracking decided: the events stored (flaps included), the deliveries queued,
    and the countries an article spoke of whose stance it did not (yet) move: waiting
    for corroboration, or a flap recorded without an alert."""

    events: tuple[int, ...] = ()
    alerts_queued: int = 0
    held_back: int = 0
    change: ClassificationChange | None = None

    def __add__(self, other: TrackReport) -> TrackReport:
        return TrackReport(
            self.events + other.events,
            self.alerts_queued + other.alerts_queued,
            self.held_back + other.held_back,
            other.change or self.change,
        )


def digest_due(now: datetime, period: DigestPeriod) -> datetime:
    """The end of the digest period `now` falls in (UTC hours and days)."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    if period is DigestPeriod.DAILY:
        return hour.replace(hour=0) + timedelta(days=1)
    return hour + timedelta(hours=1)


_CHANGE_KINDS = {
    EventKind.NEW: ChangeKind.NEW,
    EventKind.CHANGED: ChangeKind.CHANGED,
    EventKind.PENDING: ChangeKind.PENDING,
}


def deliveries_for(
    actor: str, event: StanceEvent, routing: AlertRouting, now: datetime
) -> tuple[QueuedDelivery, ...]:
    """One delivery per channel that the routing rules give the event; none for a flap."""
    if event.kind is EventKind.FLAP:
        return ()
    kind = _CHANGE_KINDS[event.kind]
    out = []
    for channel in route(RoutedEvent(actor, kind, event.new), routing.routes, routing.channels):
        digest = routing.digest is not DigestPeriod.NONE and channel in routing.digest_channels
        due = digest_due(now, routing.digest) if digest else now
        out.append(QueuedDelivery(channel, due, f"{channel}:{due:%Y-%m-%dT%H}" if digest else None))
    return tuple(out)


def track_actors(
    tx: Tx,
    actors: Iterable[str],
    routing: AlertRouting,
    now: datetime,
    *,
    said: Mapping[str, str] | None = None,
) -> TrackReport:
    """Re-decide each country's stance from its observations; store states, events and
    deliveries. `said` (country -> stance an article stated) counts what was held back."""
    events: list[int] = []
    queued = held = 0
    for actor in sorted(set(actors)):  # a fixed order: no lock-order deadlocks
        lock_actor(tx, actor)
        prior = tracked_state(tx, actor)
        stated = (said or {}).get(actor)
        if (steady := _steady(tx, actor, prior)) is not None:
            held += stated is not None and steady[0].stance != stated
            save_tracked_state(tx, actor, steady[0], steady[1], now=now)
            continue
        # The rules look no further back than the evidence of the current stance: older
        # observations are history, so a long history costs nothing here.
        sightings, observations = sightings_since(tx, actor, prior.support_from if prior else None)
        decision = decide(prior, sightings, routing.rules)
        state = decision.state
        if stated is not None and (
            state is None
            or state.stance != stated
            or any(e.kind is EventKind.FLAP for e in decision.events)
        ):
            held += 1
        if state is None:
            continue
        setter = observations.get(state.observation_id)
        save_tracked_state(tx, actor, state, setter, now=now)
        # Every change of the batch, oldest first; then a change newly held back.
        for event in (*decision.events, *([decision.held] if decision.held else [])):
            deliveries = deliveries_for(actor, event, routing, now)
            events.append(add_event_in(tx, actor, event, observations, deliveries, now=now))
            queued += len(deliveries)
    tx.flush()
    return TrackReport(tuple(events), queued, held)


def _steady(
    tx: Tx, actor: str, prior: TrackedState | None
) -> tuple[TrackedState, StoredObservation | None] | None:
    """The state and its setter when nothing but the held stance was published since it
    was set (most tracked saves): what `decide` gives over every observation since the
    support began (no event, nothing pending, the sources recounted), read as one
    aggregate instead of every observation; None when `decide` must replay."""
    if prior is None or prior.since is None or prior.support_from is None:
        return None
    support = stable_support(tx, actor, prior.stance, prior.since, prior.support_from)
    if support.others_since or support.observations == 0:
        return None
    state = replace(
        prior,
        sources=support.sources,
        updated_at=support.latest or prior.updated_at,
        pending=None,
    )
    return state, observation_from(tx, prior.observation_id, prior.support_from)


def record(
    tx: Tx,
    article_id: str,
    classification: Classification,
    routing: AlertRouting | None,
    now: datetime,
    *,
    source: str | None,
) -> TrackReport:
    """Store an article's verdict and track the countries it changed, in `tx`.

    Without `routing` nothing is tracked yet; the next tracked save of a country (or
    `track_all`) catches up."""
    change = save_classification_in(tx, article_id, classification, now=now, source=source)
    if routing is None or not change.touched:
        return TrackReport(change=change)
    said = {f.actor: str(f.stance) for f in classification.stances}
    report = track_actors(tx, change.touched, routing, now, said=said)
    return report + TrackReport(change=change)


def record_one(
    db: Database,
    article_id: str,
    classification: Classification,
    routing: AlertRouting | None,
    now: datetime,
    *,
    source: str | None,
) -> TrackReport:
    """`record` in a transaction of its own (reclassifying, tests)."""
    with db.session() as tx:
        return record(tx, article_id, classification, routing, now, source=source)


def track_all(db: Database, routing: AlertRouting, *, now: datetime) -> TrackReport:
    """Bring every country's state up to date with the stored observations (after a
    reclassification done without tracking, for instance)."""
    with db.session() as tx:
        return track_actors(tx, tracked_actors(tx), routing, now)
