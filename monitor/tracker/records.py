"""Records of the stance tracker: sightings in, tracked state and events out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class EventKind(StrEnum):
    NEW = "new"  # the first stance ever seen for a country
    CHANGED = "changed"  # the current stance moved to another one
    FLAP = "flap"  # moved back within the flap window: recorded, never alerted
    PENDING = "pending"  # a change stated and held back (corroboration): once per change


@dataclass(frozen=True, slots=True)
class Sighting:
    """One stored observation as the tracker needs it: no text, just what decides."""

    id: int
    stance: str
    confidence: float
    observed_at: datetime | None  # publication time of the article; None: date unknown
    group_id: str  # story group: syndicated copies and near-duplicates share one
    seen_at: datetime | None = None  # first seen (fetched): orders undated sightings only


@dataclass(frozen=True, slots=True)
class Pending:
    """A stance stated since the current one that has not (yet) changed it, and why."""

    stance: str
    reason: str  # for the board: "needs 2 independent sources (has 1) ..."
    sources: int  # story groups stating it so far
    since: datetime | None  # publication time of the first of them
    observation_id: int  # the latest of them


@dataclass(frozen=True, slots=True)
class TrackedState:
    """A country's current stance and what its alerts have told the users so far."""

    stance: str
    since: datetime | None  # publication time of the observation that set it; None: unknown
    observation_id: int  # that observation
    support_from: datetime | None  # earliest publication time among those that set it
    sources: int  # story groups agreeing on the stance since it was set
    updated_at: datetime | None  # latest publication time of any observation of the country
    announced: str | None = None  # the stance the last alert announced
    announced_prev: str | None = None  # the stance announced before that
    announced_at: datetime | None = None  # publication time that decided the last alert
    pending: Pending | None = None  # a held-back change, shown with its reason


@dataclass(frozen=True, slots=True)
class StanceEvent:
    """A decision worth recording; `cause_ids` are the observations that made it."""

    kind: EventKind
    old: str | None
    new: str
    decided_at: datetime | None  # publication time of the deciding observation; None: unknown
    observation_id: int
    cause_ids: tuple[int, ...]
    sources: int
    reason: str | None = None  # why a pending change is held back


@dataclass(frozen=True, slots=True)
class Decision:
    """The state after a batch of sightings and every event on the way there, in
    publication order (a batch undecided -> open -> willing gives two events)."""

    state: TrackedState | None  # None only when nothing is known about the country
    events: tuple[StanceEvent, ...] = ()
    held: StanceEvent | None = None  # a change newly held back (kind pending), if any

    @property
    def event(self) -> StanceEvent | None:
        """The last event of the batch, if any."""
        return self.events[-1] if self.events else None
