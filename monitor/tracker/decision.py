"""Stance tracking rules: from a country's prior state and its sightings, decide the event.

Sightings are replayed in publication order (not the order they were found) from the
current stance on; a sighting published before the current stance was set is history
only, so an old article found late never flips today's stance. Story groups count once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from monitor.tracker.records import Decision, EventKind, Sighting, StanceEvent, TrackedState
from monitor.tracker.rules import TrackerRules


@dataclass(frozen=True, slots=True)
class _Run:
    """The stance the replay holds, and the sightings that established it."""

    stance: str
    since: datetime
    observation_id: int
    cause_ids: tuple[int, ...]
    support_from: datetime


def _order(s: Sighting) -> tuple[datetime, int]:
    # Equal publication times fall back to the id, i.e. the order they were stored.
    return (s.observed_at, s.id)


def _corroborated(
    s: Sighting, pending: Sequence[Sighting], rules: TrackerRules
) -> tuple[Sighting, ...] | None:
    """The sightings that together establish `s.stance`, or None when they do not yet."""
    if s.confidence >= rules.high_confidence:
        return (s,)
    start = s.observed_at - rules.corroboration_window
    by_group: dict[str, Sighting] = {}
    for p in (*pending, s):
        if p.stance == s.stance and p.observed_at >= start:
            by_group.setdefault(p.group_id, p)
    return tuple(by_group.values()) if len(by_group) >= rules.min_sources else None


def _replay(start: _Run | None, ordered: Sequence[Sighting], rules: TrackerRules) -> _Run | None:
    current = start
    pending: list[Sighting] = []  # sightings of other stances since `current` was set
    for s in ordered:
        if current is not None and s.stance == current.stance:
            continue
        if current is None and not rules.corroborate_first:
            causes: tuple[Sighting, ...] | None = (s,)
        else:
            causes = _corroborated(s, pending, rules)
        if causes is None:
            pending.append(s)
            continue
        current = _Run(
            s.stance,
            s.observed_at,
            s.id,
            tuple(c.id for c in causes),
            min(c.observed_at for c in causes),
        )
        pending = []
    return current


def _sources(ordered: Sequence[Sighting], stance: str, support_from: datetime) -> int:
    return len(
        {s.group_id for s in ordered if s.stance == stance and s.observed_at >= support_from}
    )


def decide(
    prior: TrackedState | None, sightings: Iterable[Sighting], rules: TrackerRules
) -> Decision:
    """Decide a country's state and the event (if any) from every sighting of it.

    >>> from datetime import UTC
    >>> t = datetime(2025, 3, 1, tzinfo=UTC)
    >>> d = decide(None, [Sighting(1, "open", 0.6, t, "g1")], TrackerRules())
    >>> (str(d.event.kind), d.event.new, d.state.stance)
    ('new', 'open', 'open')
    """
    ordered = sorted(sightings, key=_order)
    if not ordered:
        return Decision(prior, None)
    latest = ordered[-1].observed_at
    if prior is None:
        run = _replay(None, ordered, rules)
        if run is None:
            return Decision(None, None)
        sources = _sources(ordered, run.stance, run.support_from)
        state = TrackedState(
            stance=run.stance,
            since=run.since,
            observation_id=run.observation_id,
            support_from=run.support_from,
            sources=sources,
            updated_at=latest,
            announced=run.stance,
            announced_at=run.since,
        )
        event = StanceEvent(
            EventKind.NEW, None, run.stance, run.since, run.observation_id, run.cause_ids, sources
        )
        return Decision(state, event)

    anchor = (prior.since, prior.observation_id)
    start = _Run(
        prior.stance, prior.since, prior.observation_id, (prior.observation_id,), prior.support_from
    )
    run = _replay(start, [s for s in ordered if _order(s) > anchor], rules)
    assert run is not None  # a replay that starts from a stance keeps one
    if run.stance == prior.stance:
        # Away and back within one batch, or nothing new: the board keeps its anchor.
        sources = _sources(ordered, prior.stance, prior.support_from)
        return Decision(replace(prior, sources=sources, updated_at=latest), None)

    sources = _sources(ordered, run.stance, run.support_from)
    recent = prior.announced_at is not None and run.since - prior.announced_at <= rules.flap_window
    flap = recent and run.stance in (prior.announced, prior.announced_prev)
    state = TrackedState(
        stance=run.stance,
        since=run.since,
        observation_id=run.observation_id,
        support_from=run.support_from,
        sources=sources,
        updated_at=latest,
        announced=prior.announced if flap else run.stance,
        announced_prev=prior.announced_prev if flap else prior.announced,
        announced_at=prior.announced_at if flap else run.since,
    )
    event = StanceEvent(
        EventKind.FLAP if flap else EventKind.CHANGED,
        prior.stance,
        run.stance,
        run.since,
        run.observation_id,
        run.cause_ids,
        sources,
    )
    return Decision(state, event)
