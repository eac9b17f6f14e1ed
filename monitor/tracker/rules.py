"""The tracker's tunable rules: the alert policy, as one value object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class TrackerRules:
    """How much evidence moves a stance.

    By default one clear statement (confidence >= `min_confidence`) sets a country's
    first stance or changes it: the classifier only reads stances from state sources
    (governments, ministers, spokespeople), so one is enough. A less clear one is held
    back (pending, with its reason) until `min_sources` story groups state the same
    stance within `corroboration_window`.

    With `corroborate`, a change (with `corroborate_first`, a first stance) needs one
    observation with `high_confidence` or more, or `min_sources` story groups
    within `corroboration_window`, all published after the current stance was set.

    Anti-flapping: a move back to a stance announced before, within `flap_window` of
    the last alert, is recorded (history, board) but not alerted again.
    """

    min_confidence: float = 0.5
    corroborate: bool = False
    high_confidence: float = 0.8
    min_sources: int = 2
    corroboration_window: timedelta = timedelta(days=7)
    flap_window: timedelta = timedelta(hours=48)
    corroborate_first: bool = False  # the same for a country's first stance

    def __post_init__(self) -> None:
        if self.min_sources < 1:
            raise ValueError("min_sources must be at least 1")
        if not 0 <= self.min_confidence <= 1 or not 0 <= self.high_confidence <= 1:
            raise ValueError("confidences are between 0 and 1")

    def alone(self, first: bool) -> float:
        """The confidence at which one observation is enough."""
        strict = self.corroborate_first if first else self.corroborate
        return self.high_confidence if strict else self.min_confidence
