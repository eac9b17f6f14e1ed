"""Records of alerting: delivery states, digest periods, the routing of events to
channels, and what the outbox hands to the dispatcher, the CLI and the web UI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from monitor.routing import RoutingRules
from monitor.tracker.rules import TrackerRules


class DeliveryState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a dispatcher until `lease_until`
    SENT = "sent"
    FAILED = "failed"  # waiting for its next attempt
    DEAD = "dead"  # no more attempts; `monitor alerts retry` re-queues it


class DigestPeriod(StrEnum):
    NONE = "none"
    HOURLY = "hourly"
    DAILY = "daily"


@dataclass(frozen=True, slots=True)
class AlertRouting:
    """What the track flow needs to turn observations into alerts: the tracker's rules,
    the configured channel names, and which of them get digests instead of one per event."""

    channels: tuple[str, ...] = ()
    rules: TrackerRules = field(default_factory=TrackerRules)
    digest: DigestPeriod = DigestPeriod.NONE
    digest_channels: tuple[str, ...] = ()
    routes: RoutingRules = field(default_factory=RoutingRules)  # which channels get an event


@dataclass(frozen=True, slots=True)
class QueuedDelivery:
    """A delivery the track flow queues for a new event: its channel, when it is due and
    the digest batch it belongs to (None: sent on its own)."""

    channel: str
    due: datetime
    batch: str | None = None


@dataclass(frozen=True, slots=True)
class AlertRecord:
    """Everything an alert says, as stored when the event was decided."""

    id: int
    kind: str
    actor: str
    name: str
    old_stance: str | None
    new_stance: str
    created_at: datetime
    published_at: datetime | None  # None: the article has no date ("date unknown")
    article_id: str
    article_title: str
    article_url: str
    source: str | None
    evidence: str
    confidence: float
    condition: str | None
    sources: int
    observation_ids: tuple[int, ...]
    reason: str | None = None  # a pending change: why it is held back


@dataclass(frozen=True, slots=True)
class ClaimedDelivery:
    id: int
    channel: str
    key: str  # stable across attempts: the idempotency key receivers dedupe on
    attempts: int  # including the one just claimed
    batch: str | None
    token: str  # the lease: only its holder may record the outcome
    alert: AlertRecord


@dataclass(frozen=True, slots=True)
class DeliveryView:
    channel: str
    state: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class AlertView:
    id: int
    created_at: datetime  # when the monitor recorded it
    published_at: datetime | None  # publication time of the article that decided it
    kind: str  # "new" | "changed"
    actor: str
    name: str
    old_stance: str | None
    new_stance: str
    article_id: str
    evidence: str
    deliveries: tuple[DeliveryView, ...]
