"""Alert routing: which channels an event goes to, decided from rules that are data.

Pure: values in, channel names out; the track flow calls `route` when it queues the
deliveries of a new event, so routing decides which delivery rows are written.

- A watch list (country codes), when not empty, keeps only the events of those countries.
- No rules: every event goes to every channel (the default).
- With rules: a channel that some rule names gets an event only when one of the rules
  naming it matches; a channel no rule names still gets every event. So "France and
  Germany to Slack" leaves email and the webhook as they were.
- A rule matches when each of its conditions holds; an empty condition holds always.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class ChangeKind(StrEnum):
    """What an event says about a country: routed on, one per rule condition."""

    NEW = "new"  # the first stance seen for the country
    CHANGED = "changed"  # its stance moved to another one
    PENDING = "pending"  # a new stance stated, held back until corroborated


@dataclass(frozen=True, slots=True)
class Route:
    """Send events matching every given condition to `channels`."""

    channels: tuple[str, ...]
    countries: frozenset[str] = frozenset()  # ISO alpha-2 codes; empty: any country
    stances: frozenset[str] = frozenset()  # the new stance; empty: any stance
    kinds: frozenset[ChangeKind] = frozenset()  # empty: any kind

    def matches(self, actor: str, kind: ChangeKind, stance: str) -> bool:
        return (
            (not self.countries or actor in self.countries)
            and (not self.stances or stance in self.stances)
            and (not self.kinds or kind in self.kinds)
        )


@dataclass(frozen=True, slots=True)
class RoutingRules:
    routes: tuple[Route, ...] = ()
    watch: frozenset[str] = frozenset()  # ISO alpha-2 codes; empty: every country


@dataclass(frozen=True, slots=True)
class RoutedEvent:
    """What routing looks at: the country, the kind of change and the new stance."""

    actor: str
    kind: ChangeKind
    stance: str


def route(event: RoutedEvent, rules: RoutingRules, channels: Sequence[str]) -> tuple[str, ...]:
    """The channels (in configured order) that get this event.

    >>> slack_fr = Route(("slack",), countries=frozenset({"FR"}))
    >>> rules = RoutingRules((slack_fr,))
    >>> route(RoutedEvent("FR", ChangeKind.CHANGED, "open"), rules, ("email", "slack"))
    ('email', 'slack')
    >>> route(RoutedEvent("PL", ChangeKind.CHANGED, "open"), rules, ("email", "slack"))
    ('email',)
    """
    if rules.watch and event.actor not in rules.watch:
        return ()
    routed = _named(rules.routes)
    chosen = _named(r for r in rules.routes if r.matches(event.actor, event.kind, event.stance))
    return tuple(c for c in channels if c not in routed or c in chosen)


def _named(routes: Iterable[Route]) -> set[str]:
    return {channel for r in routes for channel in r.channels}
