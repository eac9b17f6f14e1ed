"""The tracker's tunable rules: corroboration and the flap window, as one value object."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class TrackerRules:
    """How much evidence moves a stance.

    A change needs one observation with `high_confidence` or more, or `min_sources`
    story groups stating the new stance within `corroboration_window` of each other,
    all published after the current stance was set. A move back to the stance
    announced before within `flap_window` of the last alert is recorded, not alerted.
    """

    high_confidence: float = 0.8
    min_sources: int = 2
    corroboration_window: timedelta = timedelta(days=7)
    flap_window: timedelta = timedelta(hours=48)
    corroborate_first: bool = False  # also require corroboration for the first stance

    def __post_init__(self) -> None:
        if self.min_sources < 1:
            raise ValueError("min_sources must be at least 1")
