"""Per-channel delivery slots: how many messages each channel has in flight.

A slow receiver (answering after its whole deadline, or never) holds at most
`limit` slots of its own channel; the dispatcher claims nothing more for a full
channel, so its backlog waits unclaimed in the outbox while the other channels'
deliveries go out at once.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterable, Sequence

from monitor.alert_records import ClaimedDelivery


class ChannelSlots:
    """In-flight messages per channel, each channel capped at `limit`.

    >>> slots = ChannelSlots(1)
    >>> slots.take("webhook"), slots.take("webhook"), slots.full()
    (True, False, ['webhook'])
    >>> slots.give("webhook"); slots.full(), slots.room(["webhook", "email"])
    ([], 2)
    """

    def __init__(self, limit: int) -> None:
        if limit < 1:
            raise ValueError("a channel needs at least one slot")
        self.limit = limit
        self._busy: Counter[str] = Counter()
        self.freed = asyncio.Event()  # set whenever a slot is given back

    def room(self, channels: Iterable[str]) -> int:
        """Free slots over `channels`: the most one claim can send at once."""
        return sum(max(0, self.limit - self._busy[name]) for name in channels)

    def full(self) -> list[str]:
        """The channels that take nothing more now."""
        return sorted(name for name, n in self._busy.items() if n >= self.limit)

    def take(self, channel: str) -> bool:
        if self._busy[channel] >= self.limit:
            return False
        self._busy[channel] += 1
        return True

    def give(self, channel: str) -> None:
        self._busy[channel] -= 1
        if self._busy[channel] <= 0:
            del self._busy[channel]
        self.freed.set()

    def admit(
        self, units: Iterable[Sequence[ClaimedDelivery]]
    ) -> tuple[list[Sequence[ClaimedDelivery]], list[Sequence[ClaimedDelivery]]]:
        """Take a slot for each unit that fits; (admitted, over the limit)."""
        admitted: list[Sequence[ClaimedDelivery]] = []
        over: list[Sequence[ClaimedDelivery]] = []
        for unit in units:
            (admitted if self.take(unit[0].channel) else over).append(unit)
        return admitted, over
