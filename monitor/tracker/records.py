"""Records of the stance tracker: sightings in, tracked state and events out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class EventKind(StrEnum):
    NEW = "new"  # the first stance ever seen for a country
    CHANGED = "changed"  # the current stance moved to another one
    FLAP = "flap"  # moved back within the flap window: recorded, never alerted


@dataclass(frozen=True, slots=True)
class Sighting:
    """One stored observation as the tracker needs it: no text, just what decides."""

    id: int
    stance: str
    confidence: float
    observed_at: datetime  # publication time of the article (fetch time when unknown)
    group_id: str  # story group: syndicated copies and near-duplicates share one


@dataclass(frozen=True, slots=True)
class TrackedState:
    """A country's current stance and what its alerts have told the users so far."""

    stance: str
    since: datetime  # publication time of the observation that set the stance
    observation_id: int  # that observation
    support_from: datetime  # earliest publication time among the observations that set it
    sources: int  # story groups agreeing on the stance since it was set
    updated_at: datetime  # latest publication time of any observation of the country
    announced: str | None = None  # the stance the last alert announced
    announced_prev: str | None = None  # the stance announced before that
    announced_at: datetime | None = None  # publication time that decided the last alert


@dataclass(frozen=True, slots=True)
class StanceEvent:
    """A decision worth recording; `cause_ids` are the observations that made it."""

    kind: EventKind
    old: str | None
    new: str
    decided_at: datetime
    observation_id: int
    cause_ids: tuple[int, ...]
    sources: int


@dataclass(frozen=True, slots=True)
class Decision:
    state: TrackedState | None  # None only when nothing is known about the country
    event: StanceEvent | None
