"""The delivery orchestrator: claim due deliveries, render, send, record the outcome.

1. claim due deliveries with a lease (store; SKIP LOCKED on PostgreSQL) ->
2. group digest deliveries by batch -> 3. render (content) -> 4. send (channel) ->
5. mark sent, or failed with the retry policy's delay, or dead (store).
A worker killed between 4 and 5 loses nothing: the lease expires, the delivery is
claimed again and sent with the same key (webhook-id, Message-ID). Delivery is at
least once; the key lets receivers drop repeats.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import ParamSpec, TypeVar

from monitor.alert_records import ClaimedDelivery
from monitor.alerts.content import digest_key, render_alert, render_digest
from monitor.alerts.message import Channel, Outgoing
from monitor.alerts.retry import RetryPolicy
from monitor.alerts.slots import ChannelSlots
from monitor.errors import DeliveryError, ErrorKind
from monitor.settings import AlertsConfig
from monitor.store import Database
from monitor.store.channels import disable_channel, disabled_channels
from monitor.store.outbox import claim_due, mark_failed, mark_sent, release_deliveries

log = logging.getLogger(__name__)

# The dispatcher's database calls get a thread of their own: in the default executor they
# would queue behind ingest's extraction and classification (seconds during a burst of
# new articles), and each alert would wait for them.
_DB_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dispatcher-db")


P = ParamSpec("P")
T = TypeVar("T")


async def _in_db_thread(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_DB_THREAD, functools.partial(fn, *args, **kwargs))


Clock = Callable[[], datetime]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class DispatchReport:
    """What one round did, counted in deliveries."""

    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    dead: int = 0


@dataclass(frozen=True, slots=True)
class DispatchOptions:
    lease: timedelta = timedelta(seconds=90)  # 3 x the default send timeout
    limit: int = 20
    timeout_s: float = 30.0
    poll_interval_s: float = 1.0  # between rounds that found less than a full batch
    channel_concurrency: int = 4  # messages in flight per channel (run_dispatcher)
    channel_timeouts: tuple[tuple[str, float], ...] = ()  # (channel, seconds) overrides

    @classmethod
    def from_settings(cls, cfg: AlertsConfig) -> DispatchOptions:
        return cls(
            timedelta(seconds=cfg.delivery_lease_s),
            cfg.batch_size,
            cfg.send_timeout_s,
            cfg.poll_interval_s,
            cfg.channel_concurrency,
            tuple(sorted(cfg.channel_timeouts_s.items())),
        )

    def timeout_for(self, channel: str) -> float:
        """The deadline of one attempt on `channel`."""
        return dict(self.channel_timeouts).get(channel, self.timeout_s)


def _units(claimed: Sequence[ClaimedDelivery]) -> list[list[ClaimedDelivery]]:
    """One unit per message: a single delivery, or every delivery of one digest batch."""
    batches: dict[str, list[ClaimedDelivery]] = {}
    units: list[list[ClaimedDelivery]] = []
    for d in claimed:
        if d.batch is None:
            units.append([d])
        else:
            batches.setdefault(d.batch, []).append(d)
    return units + list(batches.values())


def _render(unit: Sequence[ClaimedDelivery]) -> Outgoing:
    if unit[0].batch is None:
        return render_alert(unit[0].alert, unit[0].key)
    return render_digest([d.alert for d in unit], digest_key([d.key for d in unit]))


class _Disabled:
    """A channel its receiver switched off: its deliveries end as dead letters at once
    (`monitor alerts retry --dead` sends them once the channel is enabled again)."""

    def __init__(self, name: str, reason: str) -> None:
        self._name = name
        self._reason = reason

    @property
    def name(self) -> str:
        return self._name

    async def send(self, message: Outgoing) -> None:
        raise DeliveryError(
            f"channel {self._name} {self._reason}", transient=False, kind=ErrorKind.GONE
        )


async def _attempt(
    channel: Channel | None, unit: Sequence[ClaimedDelivery], timeout: float
) -> None:
    if channel is None:
        # Removed from the settings: kept retrying, so re-adding it still delivers.
        raise DeliveryError(f"channel {unit[0].channel!r} is not configured")
    try:
        await asyncio.wait_for(channel.send(_render(unit)), timeout)
    except TimeoutError as exc:
        raise DeliveryError(f"no answer within {timeout:g}s") from exc


async def _deliver(
    db: Database,
    channels: Mapping[str, Channel],
    unit: Sequence[ClaimedDelivery],
    policy: RetryPolicy,
    options: DispatchOptions,
    clock: Clock,
    rand: Callable[[], float],
    report: DispatchReport,
) -> None:
    first = unit[0]
    ids = [d.id for d in unit]
    fields = {"channel": first.channel, "alerts": [d.alert.id for d in unit], "key": first.key}
    try:
        await _attempt(channels.get(first.channel), unit, options.timeout_for(first.channel))
    except DeliveryError as exc:
        error = exc
        if exc.kind is ErrorKind.GONE:
            # The receiver says it is gone for good: stop sending there until a user
            # enables the channel again (`monitor alerts enable-channel`).
            reason = f"disabled: {exc}"
            await _in_db_thread(disable_channel, db, first.channel, reason, clock())
            log.error("alert channel disabled", extra={**fields, "error": str(exc)})
    except Exception as exc:  # a bug in one channel must not stop the others
        log.exception("alert channel crashed", extra=fields)
        error = DeliveryError(f"internal error: {type(exc).__name__}: {exc}")
    else:
        await _in_db_thread(mark_sent, db, ids, token=first.token, now=clock())
        report.sent += len(unit)
        # Routine: at INFO it would double the console channel's one line per alert.
        log.debug("alert delivered", extra=fields)
        return
    attempts = max(d.attempts for d in unit)
    decision = policy.decide(error, attempts, rand())
    retry_at = clock() + timedelta(seconds=decision.delay_s) if decision.retry else None
    await _in_db_thread(
        mark_failed, db, ids, token=first.token, error=str(error), retry_at=retry_at
    )
    if retry_at is None:
        report.dead += len(unit)
        log.error(
            "alert delivery dead", extra={**fields, "error": str(error), "why": decision.reason}
        )
    else:
        report.retrying += len(unit)
        log.warning(
            "alert delivery failed",
            extra={**fields, "error": str(error), "attempts": attempts, "retry_at": retry_at},
        )


async def _deliver_in_slot(
    db: Database,
    channels: Mapping[str, Channel],
    unit: Sequence[ClaimedDelivery],
    policy: RetryPolicy,
    options: DispatchOptions,
    clock: Clock,
    rand: Callable[[], float],
    report: DispatchReport,
    slots: ChannelSlots | None,
) -> None:
    """_deliver, giving the unit's channel slot back however it ends."""
    try:
        await _deliver(db, channels, unit, policy, options, clock, rand, report)
    finally:
        if slots is not None:
            slots.give(unit[0].channel)


async def dispatch_once(
    db: Database,
    channels: Mapping[str, Channel],
    policy: RetryPolicy,
    options: DispatchOptions = DispatchOptions(),
    *,
    clock: Clock = utcnow,
    rand: Callable[[], float] = random.random,
    slots: ChannelSlots | None = None,
) -> DispatchReport:
    """Claim what is due now, send it all concurrently, record every outcome. With
    `slots`, nothing is claimed for a channel whose slots are all busy, and what was
    claimed past a channel's free slots is handed back at once, unattempted."""
    full = slots.full() if slots is not None else []
    claimed = await _in_db_thread(
        claim_due, db, now=clock(), lease=options.lease, limit=options.limit, skip_channels=full
    )
    report = DispatchReport(claimed=len(claimed))
    if not claimed:
        return report
    token = claimed[0].token
    units: list[Sequence[ClaimedDelivery]] = list(_units(claimed))
    over: list[Sequence[ClaimedDelivery]] = []
    sends: asyncio.Future[list[BaseException | None]] | None = None
    try:
        disabled = await _in_db_thread(disabled_channels, db)
        channels = {
            name: _Disabled(name, disabled[name]) if name in disabled else channel
            for name, channel in channels.items()
        }
        if slots is not None:
            units, over = slots.admit(units)
        sends = asyncio.gather(
            *(
                _deliver_in_slot(db, channels, unit, policy, options, clock, rand, report, slots)
                for unit in units
            ),
            return_exceptions=True,
        )
        if over:
            ids = [d.id for unit in over for d in unit]
            await _in_db_thread(
                release_deliveries, db, ids, token=token, now=clock(), attempted=False
            )
        outcomes = await sends
    except asyncio.CancelledError:
        # Stopped past the grace period: hand the unfinished ones back at once rather
        # than after their lease (one short write; the process is ending anyway).
        if sends is not None:
            sends.cancel()
        release_deliveries(db, [d.id for d in claimed], token=token, now=clock())
        raise
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            # Recording the outcome failed (the database); the lease runs out and the
            # delivery is sent again with its key: at least once, never lost.
            log.error("alert outcome not recorded", exc_info=outcome)
    return report


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
    """Deliver alerts until `stop` is set: claim due deliveries every
    `options.poll_interval_s` (at once again after a full batch, and as soon as `wake`
    is set: ingest sets it after a commit that queued alerts). The channels are the
    caller's (monitor.wiring opens them, with their shared HTTP client)."""
    log.info("dispatcher started", extra={"channels": sorted(channels)})
    # A round waits for its slowest receiver (up to that channel's deadline). Rounds
    # overlap, and each channel has `channel_concurrency` slots across all of them: a
    # slow receiver holds its own slots only (its backlog waits unclaimed), so the
    # other channels' deliveries due meanwhile go out in the next round.
    slots = ChannelSlots(options.channel_concurrency)
    # Each round in flight holds a slot, or ends as soon as its claim does: more rounds
    # than slots means the database is slow, and waiting on it is right then.
    max_rounds = len(channels) * options.channel_concurrency + 2
    rounds: set[asyncio.Task[DispatchReport]] = set()
    while not stop.is_set():
        if wake is not None:
            wake.clear()  # what it announced is claimed by the round below
        current = asyncio.create_task(
            dispatch_once(db, channels, policy, options, clock=clock, slots=slots)
        )
        rounds.add(current)
        current.add_done_callback(functools.partial(_finished, rounds))
        await asyncio.wait({current}, timeout=options.poll_interval_s)
        if current.done() and _claimed(current) >= options.limit:
            continue
        if len(rounds) >= max_rounds:
            await asyncio.wait(rounds, return_when=asyncio.FIRST_COMPLETED)
        if current.done():
            await _pause(stop, wake, options.poll_interval_s)
    if rounds:
        await asyncio.wait(rounds)  # each ends within send_timeout_s
    log.info("dispatcher stopped")


def _finished(
    rounds: set[asyncio.Task[DispatchReport]], round_: asyncio.Task[DispatchReport]
) -> None:
    rounds.discard(round_)
    if not round_.cancelled() and round_.exception() is not None:
        # A database hiccup must not end delivery: logged, and the next round goes on.
        log.error("dispatch round failed", exc_info=round_.exception())


def _claimed(round_: asyncio.Task[DispatchReport]) -> int:
    if round_.cancelled() or round_.exception() is not None:
        return 0
    return round_.result().claimed


async def _pause(stop: asyncio.Event, wake: asyncio.Event | None, seconds: float) -> None:
    """Wait `seconds`, or less when `stop` or `wake` is set meanwhile."""
    events = [stop] if wake is None else [stop, wake]
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for w in waiters:
            w.cancel()
