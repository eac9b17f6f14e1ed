"""Stance tracking rules: from a country's prior state and its sightings, decide the events.

Dated sightings are replayed in publication order (not the order they were found) from
the current stance on, and every change on the way is an event: undecided -> open ->
willing arriving in one batch gives two. A sighting published before the current
stance was set is history only, so an old article found late never flips today's
stance. Story groups (syndicated copies, near-duplicates) count once.

Undated sightings (no publication date anywhere in the article or its feed entry) may
give a country its first stance when nothing dated does, in the order they were first
seen; that stance's `since` stays unknown. They never change a stance: an article of
unknown date may be years old. A stance of unknown date gives way to dated evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime

from monitor.tracker.records import (
    Decision,
    EventKind,
    Pending,
    Sighting,
    StanceEvent,
    TrackedState,
)
from monitor.tracker.rules import TrackerRules

_Replayed = tuple[TrackedState | None, list[StanceEvent], Pending | None]


def _order(s: Sighting) -> tuple[datetime, int]:
    # Equal publication times fall back to the id, i.e. the order they were stored.
    assert s.observed_at is not None
    return (s.observed_at, s.id)


def _seen_order(s: Sighting) -> tuple[bool, datetime | None, int]:
    return (s.seen_at is None, s.seen_at, s.id)


def _after(s: Sighting, prior: TrackedState) -> bool:
    if prior.since is None:
        return True  # dated evidence after a stance of unknown date
    return _order(s) > (prior.since, prior.observation_id)


def _within(s: Sighting, start: datetime | None) -> bool:
    return start is None or (s.observed_at is not None and s.observed_at >= start)


def _establish(
    s: Sighting, pending: Sequence[Sighting], rules: TrackerRules, *, first: bool
) -> tuple[tuple[Sighting, ...] | None, str]:
    """The sightings that together establish `s.stance`, or None and why not yet."""
    alone = rules.alone(first)
    if s.confidence >= alone:
        return (s,), ""
    start = s.observed_at - rules.corroboration_window if s.observed_at is not None else None
    by_group: dict[str, Sighting] = {}
    for p in (*pending, s):
        if p.stance == s.stance and _within(p, start):
            by_group.setdefault(p.group_id, p)
    if len(by_group) >= rules.min_sources:
        return tuple(by_group.values()), ""
    days = rules.corroboration_window.total_seconds() / 86400
    why = (
        f"needs {rules.min_sources} independent sources within {days:g} days, has "
        f"{len(by_group)}, or one statement with confidence >= {alone:.2f} "
        f"(the latest: {s.confidence:.2f})"
    )
    return None, why


def _sources(seen: Iterable[Sighting], stance: str, support_from: datetime | None) -> int:
    return len({s.group_id for s in seen if s.stance == stance and _within(s, support_from)})


def _advance(
    state: TrackedState | None,
    s: Sighting,
    causes: Sequence[Sighting],
    seen: Sequence[Sighting],
    rules: TrackerRules,
) -> tuple[TrackedState, StanceEvent]:
    """The state once `s` (with `causes`) has set its stance, and the event saying so."""
    dates = [c.observed_at for c in causes if c.observed_at is not None]
    support_from = min(dates) if len(dates) == len(causes) else None
    sources = _sources(seen, s.stance, support_from)
    ids = tuple(c.id for c in causes)
    when = s.observed_at
    if state is None:
        new = TrackedState(s.stance, when, s.id, support_from, sources, when, s.stance, None, when)
        return new, StanceEvent(EventKind.NEW, None, s.stance, when, s.id, ids, sources)
    recent = (
        state.announced_at is not None
        and when is not None
        and when - state.announced_at <= rules.flap_window
    )
    flap = recent and s.stance in (state.announced, state.announced_prev)
    new = TrackedState(
        stance=s.stance,
        since=when,
        observation_id=s.id,
        support_from=support_from,
        sources=sources,
        updated_at=when,
        announced=state.announced if flap else s.stance,
        announced_prev=state.announced_prev if flap else state.announced,
        announced_at=state.announced_at if flap else when,
    )
    kind = EventKind.FLAP if flap else EventKind.CHANGED
    return new, StanceEvent(kind, state.stance, s.stance, when, s.id, ids, sources)


def _pending(pending: Sequence[Sighting], reason: str) -> Pending | None:
    if not pending:
        return None
    last = pending[-1]
    same = [p for p in pending if p.stance == last.stance]
    dates = [p.observed_at for p in same if p.observed_at is not None]
    return Pending(
        stance=last.stance,
        reason=reason,
        sources=len({p.group_id for p in same}),
        since=min(dates) if dates else None,
        observation_id=last.id,
    )


def _replay(
    start: TrackedState | None,
    ordered: Sequence[Sighting],
    rules: TrackerRules,
    *,
    first_only: bool = False,
) -> _Replayed:
    state = start
    events: list[StanceEvent] = []
    pending: list[Sighting] = []  # sightings of other stances since `state` was set
    reason = ""
    for i, s in enumerate(ordered):
        if state is not None and s.stance == state.stance:
            continue
        causes, why = _establish(s, pending, rules, first=state is None)
        if causes is None:
            pending.append(s)
            reason = why
            continue
        state, event = _advance(state, s, causes, ordered[: i + 1], rules)
        events.append(event)
        pending = []
        if first_only:
            break
    return state, events, _pending(pending, reason)


def decide(
    prior: TrackedState | None, sightings: Iterable[Sighting], rules: TrackerRules
) -> Decision:
    """Decide a country's state and the events (if any) from every sighting of it.

    >>> from datetime import UTC
    >>> t = datetime(2025, 3, 1, tzinfo=UTC)
    >>> d = decide(None, [Sighting(1, "open", 0.6, t, "g1")], TrackerRules())
    >>> (str(d.event.kind), d.event.new, d.state.stance)
    ('new', 'open', 'open')
    """
    given = list(sightings)
    if not given:
        return Decision(prior)
    dated = sorted((s for s in given if s.observed_at is not None), key=_order)
    undated = sorted((s for s in given if s.observed_at is None), key=_seen_order)
    fresh = [s for s in dated if prior is None or _after(s, prior)]
    state, events, pending = _replay(prior, fresh, rules)
    if state is None and undated:
        state, events, _ = _replay(None, undated, rules, first_only=True)
        if state is not None:  # the dated sightings that did not set it come after it
            state, later, pending = _replay(state, fresh, rules)
            events = [*events, *later]
    if state is None:
        return Decision(None)
    # Undated sightings count towards a dated stance only when it was set without a date.
    counted = given if state.support_from is None else dated
    latest = dated[-1].observed_at if dated else state.updated_at
    final = replace(
        state,
        sources=_sources(counted, state.stance, state.support_from),
        updated_at=latest,
        pending=pending,
    )
    return Decision(final, tuple(events), _held_back(prior, final, given))


def _held_back(
    prior: TrackedState | None, final: TrackedState, given: Sequence[Sighting]
) -> StanceEvent | None:
    """A pending event when a change is newly held back: once per held-back change (its
    stance, against the current one), not again for each article that repeats it."""
    p = final.pending
    if p is None:
        return None
    if (
        prior is not None
        and prior.pending is not None
        and prior.stance == final.stance
        and prior.pending.stance == p.stance
    ):
        return None
    latest = next(s for s in given if s.id == p.observation_id)
    ids = tuple(s.id for s in given if s.stance == p.stance and _within(s, p.since))
    return StanceEvent(
        EventKind.PENDING,
        final.stance,
        p.stance,
        latest.observed_at,
        p.observation_id,
        ids or (p.observation_id,),
        p.sources,
        p.reason,
    )
