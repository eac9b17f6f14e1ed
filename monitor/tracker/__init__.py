"""Stance tracking: pure rules deciding when a country's stance is new or has changed."""

from monitor.tracker.countries import country_name
from monitor.tracker.decision import decide
from monitor.tracker.records import (
    Decision,
    EventKind,
    Pending,
    Sighting,
    StanceEvent,
    TrackedState,
)
from monitor.tracker.rules import TrackerRules

__all__ = [
    "Decision",
    "EventKind",
    "Pending",
    "Sighting",
    "StanceEvent",
    "TrackedState",
    "TrackerRules",
    "country_name",
    "decide",
]
