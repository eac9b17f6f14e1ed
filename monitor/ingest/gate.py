"""The ordering gate: new items of polls that finish together are stored and tracked in
publication order.

Each poll prepares its new items (fetch, extract, classify) concurrently, then hands
them to the gate of its process. A round of the gate collects what the polls in flight
hand in, until none of them is still preparing or `window_s` has passed since the
round's first batch; it then commits the round's items oldest first (monitor.ordering):
consecutive items that name the same `together` are handed to it in batches of at most
`max_batch` (ingest stores a batch in one transaction), any other item through its own
`commit`. Rounds commit one after another, so storage stays sequential. A poll alone in
flight waits for nothing.

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
    # Commits several items at once, in the order given (never raises either); items
    # with an equal `together` are batched, `part` is what it needs of each.
    together: Callable[[Sequence[Ready]], Awaitable[None]] | None = None
    part: object = None


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

    def __init__(self, window_s: float = 0.3, max_batch: int = 32):
        self.window_s = window_s
        # Bounded, so what a batch queued is not held back long and the alert
        # dispatcher's writes get their turn between batches (monitor.store.db).
        self.max_batch = max_batch
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
        ordered = sorted(rnd.items, key=lambda a: publication_key(a[1].published, a[0]))
        async with self._commits:
            for batch in batches([r for _, r in ordered], self.max_batch):
                try:
                    if batch[0].together is None:
                        await batch[0].commit()
                    else:
                        await batch[0].together(batch)
                except Exception:  # a bug in one commit never loses the others
                    log.exception("commit crashed")


def batches(items: Sequence[Ready], most: int) -> list[list[Ready]]:
    """Runs of consecutive items with an equal `together`, at most `most` long; an item
    without one is a batch alone."""
    out: list[list[Ready]] = []
    for r in items:
        last = out[-1] if out else None
        if (
            last is not None
            and r.together is not None
            and last[0].together == r.together
            and len(last) < most
        ):
            last.append(r)
        else:
            out.append([r])
    return out
