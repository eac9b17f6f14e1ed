"""The dispatcher's loop: claim as soon as there is something to send and room to send it.

A claim takes at most what the channels' free slots can send now (`channel_concurrency`
each), and its sends run as a task of their own while the loop goes on: a delivery
committed meanwhile is claimed at once if its channel has a free slot, not after the
messages in flight. The loop claims again at once after a claim that took all it could;
otherwise when ingest announces a commit that queued alerts (`wake`), when a commit of
any other process did (monitor.store.notify: LISTEN/NOTIFY on PostgreSQL, a watch of the
file's data_version on SQLite), when a slot comes free while a channel was full, or after
`poll_interval_s` (retries coming due).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Mapping, Sequence

from monitor.alerts.dispatcher import Clock, DispatchOptions, start_round, utcnow
from monitor.alerts.message import Channel
from monitor.alerts.retry import RetryPolicy
from monitor.alerts.slots import ChannelSlots
from monitor.store import Database
from monitor.store.notify import listen_deliveries

log = logging.getLogger("monitor.alerts.dispatcher")


async def run_dispatcher(
    db: Database,
    channels: Mapping[str, Channel],
    policy: RetryPolicy,
    options: DispatchOptions = DispatchOptions(),
    *,
    stop: asyncio.Event,
    clock: Clock = utcnow,
    wake: asyncio.Event | None = None,
) -> None:
    """Deliver alerts until `stop` is set (see the module docstring). The channels are
    the caller's (monitor.wiring opens them, with their shared HTTP client)."""
    log.info("dispatcher started", extra={"channels": sorted(channels)})
    # A slow receiver holds its own channel's slots only: its backlog waits unclaimed,
    # and the other channels' deliveries go out meanwhile.
    slots = ChannelSlots(options.channel_concurrency)
    sending: set[asyncio.Task[None]] = set()
    # A commit of another process wakes it too (monitor.store.notify); this process's
    # own commits do when no ingest here announces them (`wake` None).
    own = wake is None
    wake = wake if wake is not None else asyncio.Event()
    listener = asyncio.create_task(listen_deliveries(db, wake.set, own_commits_wake=own))
    try:
        while not stop.is_set():
            slots.freed.clear()
            room = min(options.limit, slots.room(channels))
            if room == 0:  # every channel sends all it may: the next claim waits for a slot
                await _pause(stop, [slots.freed], options.poll_interval_s)
                continue
            wake.clear()  # what it announced is claimed below
            skipped = bool(slots.full())
            try:
                started = await start_round(
                    db, channels, policy, options, clock=clock, rand=random.random,
                    slots=slots, limit=room,
                )  # fmt: skip
            except Exception:
                # A database hiccup must not end delivery: logged, and the next claim goes on.
                log.exception("dispatch round failed")
                await _pause(stop, [], options.poll_interval_s)
                continue
            if started.sending is not None:
                sending.add(started.sending)
                started.sending.add_done_callback(sending.discard)
            if started.report.claimed >= room:
                continue  # it took all it could: more may be due
            events = [wake]
            if skipped or slots.full():
                events.append(slots.freed)  # a full channel's backlog waits for its slots
            await _pause(stop, events, options.poll_interval_s)
        if sending:
            await asyncio.wait(sending)  # each ends within its channel's deadline
    finally:
        listener.cancel()
        # Cancelled past the grace period: each round hands its unfinished deliveries back.
        for task in sending:
            task.cancel()
        if sending:
            await asyncio.wait(sending)
    log.info("dispatcher stopped")


async def _pause(stop: asyncio.Event, events: Sequence[asyncio.Event], seconds: float) -> None:
    """Wait `seconds`, or less when `stop` or one of `events` is set meanwhile."""
    waiters = [asyncio.ensure_future(e.wait()) for e in (stop, *events)]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waiters:
            w.cancel()
