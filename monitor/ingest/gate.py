"""The ordering gate: new items of polls that finish together are stored and tracked in
publication order, one at a time.

Each poll prepares its new items (fetch, extract, classify) concurrently, then hands
them to the gate of its process. A round of the gate collects what the polls in flight
hand in, until none of them is still preparing or `window_s` has passed since the
round's first batch; it then commits the round's items one at a time, oldest first
(monitor.ordering), each in its own transaction through its poll's own `commit`. Rounds
commit one after another, so storage stays sequential. A poll alone in flight waits
for nothing.

Across processes (several `monitor run` on one database) each orders its own polls; the
tracker then takes what is committed in publication order, and an older article
committed after a newer one's change is history, as any article found late.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from monitor.ordering import publication_key

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Ready:
    """One prepared item: its publication time and how to store and track it."""

    published: datetime | None
    commit: Callable[[], Awaitable[None]]  # never raises: failures are the poll's to record


@dataclass(slots=True)
class _Round:
    items: list[tuple[int, Ready]] = field(default_factory=list)
    closed: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Future[None] | None = None


class Ticket:
    """A poll in flight at the gate, from `enter()` until it submits or leaves."""

    __slots__ = ("inside",)

    def __init__(self) -> None:
        self.inside = True


class OrderingGate:
    """One per process (per ingestor): see the module docstring."""

    def __init__(self, window_s: float = 0.3):
        self.window_s = window_s
        self._preparing = 0  # polls entered and not yet submitted or left
        self._round: _Round | None = None
        self._commits = asyncio.Lock()  # one round commits at a time
        self._arrival = itertools.count()

    def enter(self) -> Ticket:
        """A poll starts preparing: a round does not close while it may still submit."""
        self._preparing += 1
        return Ticket()

    def leave(self, ticket: Ticket) -> None:
        """The poll will submit nothing (more); idempotent."""
        if ticket.inside:
            ticket.inside = False
            self._preparing -= 1
            rnd = self._round
            if rnd is not None and self._preparing == 0:
                rnd.closed.set()

    async def submit(self, ticket: Ticket, items: Sequence[Ready]) -> None:
        """Hand in a poll's prepared items; returns once they are committed."""
        if not items:
            self.leave(ticket)
            return
        rnd = self._round
        if rnd is None:
            rnd = self._round = _Round()
            rnd.done = asyncio.ensure_future(self._run(rnd))
        rnd.items.extend((next(self._arrival), r) for r in items)
        self.leave(ticket)
        assert rnd.done is not None
        # Shielded: a poll cancelled meanwhile (its deadline) leaves its items to commit.
        await asyncio.shield(rnd.done)

    async def _run(self, rnd: _Round) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(rnd.closed.wait(), self.window_s)
        if self._round is rnd:
            self._round = None
        async with self._commits:
            for _, ready in sorted(rnd.items, key=lambda a: publication_key(a[1].published, a[0])):
                try:
                    await ready.commit()
                except Exception:  # a bug in one commit never loses the others
                    log.exception("commit crashed")
