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
import logging
import random
from collections.abc import Callable, Coroutine, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Concatenate, ParamSpec, TypeVar

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

# The dispatcher's database calls get threads of their own: in the default executor they
# would queue behind ingest's extraction and classification (seconds during a burst of
# new articles), and each alert would wait for them. Claims have one, and outcomes
# another: a claim never waits in line behind the recording of earlier sends.
_CLAIMS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dispatcher-claims")
_OUTCOMES = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dispatcher-outcomes")


P = ParamSpec("P")
T = TypeVar("T")


async def _in_thread(pool: ThreadPoolExecutor, fn: Callable[[], T]) -> T:
    return await asyncio.get_running_loop().run_in_executor(pool, fn)


async def _write(
    fn: Callable[Concatenate[Database, P], T], db: Database, *args: P.args, **kwargs: P.kwargs
) -> T:
    """An outcome written in its turn among this process's writers (on SQLite it would
    otherwise wait behind every commit of an ingest burst: monitor.store.db)."""

    def run() -> T:
        with db.write_turn():
            return fn(db, *args, **kwargs)

    return await _in_thread(_OUTCOMES, run)


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
    poll_interval_s: float = 1.0  # between claims that found less than they could take
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
    record: SentRecorder,
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
            await _write(disable_channel, db, first.channel, reason, clock())
            log.error("alert channel disabled", extra={**fields, "error": str(exc)})
    except Exception as exc:  # a bug in one channel must not stop the others
        log.exception("alert channel crashed", extra=fields)
        error = DeliveryError(f"internal error: {type(exc).__name__}: {exc}")
    else:
        await record.sent(ids)
        report.sent += len(unit)
        # Routine: at INFO it would double the console channel's one line per alert.
        log.debug("alert delivered", extra=fields)
        return
    attempts = max(d.attempts for d in unit)
    decision = policy.decide(error, attempts, rand())
    retry_at = clock() + timedelta(seconds=decision.delay_s) if decision.retry else None
    await _write(mark_failed, db, ids, token=first.token, error=str(error), retry_at=retry_at)
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


class SentRecorder:
    """Records one claim's successes: the sends that finish while a write is in flight
    go together in the next one, so a burst costs a few transactions, not one per
    message (on SQLite each would wait its turn for the write lock behind ingest)."""

    def __init__(self, db: Database, token: str, clock: Clock) -> None:
        self._db, self._token, self._clock = db, token, clock
        self._open: tuple[list[int], asyncio.Future[None]] | None = None
        self._writing = asyncio.Lock()
        self._writes: set[asyncio.Task[None]] = set()  # referenced until done

    async def sent(self, ids: Sequence[int]) -> None:
        """Returns once `ids` are recorded as sent; raises what the write raised."""
        if self._open is None:
            self._open = ([], asyncio.get_running_loop().create_future())
            write = asyncio.create_task(self._flush(self._open))
            self._writes.add(write)
            write.add_done_callback(self._writes.discard)
        batch, done = self._open
        batch.extend(ids)
        await asyncio.shield(done)  # a cancelled sender leaves the write to finish

    async def _flush(self, opened: tuple[list[int], asyncio.Future[None]]) -> None:
        batch, done = opened
        try:
            async with self._writing:
                if self._open is opened:
                    self._open = None  # later successes go in the next write
                await _write(mark_sent, self._db, batch, token=self._token, now=self._clock())
            done.set_result(None)
        except Exception as exc:
            done.set_exception(exc)
        finally:
            if not done.done():  # cancelled (the loop is ending): so are its senders
                done.cancel()


@dataclass(slots=True)
class Round:
    """What one claim took: its report, and the task sending it (None: nothing claimed)."""

    report: DispatchReport
    sending: asyncio.Task[None] | None = None


async def start_round(
    db: Database,
    channels: Mapping[str, Channel],
    policy: RetryPolicy,
    options: DispatchOptions,
    *,
    clock: Clock,
    rand: Callable[[], float],
    slots: ChannelSlots | None,
    limit: int,
) -> Round:
    """Claim up to `limit` due deliveries (none for a channel whose slots are all busy)
    and start sending them; what was claimed past a channel's free slots is handed back
    at once, unattempted."""
    full = slots.full() if slots is not None else []
    now = clock()

    def claim() -> tuple[list[ClaimedDelivery], dict[str, str]]:
        with db.write_turn():
            claimed = claim_due(db, now=now, lease=options.lease, limit=limit, skip_channels=full)
        return claimed, disabled_channels(db) if claimed else {}

    claimed, disabled = await _in_thread(_CLAIMS, claim)
    report = DispatchReport(claimed=len(claimed))
    if not claimed:
        return Round(report)
    token = claimed[0].token
    try:
        channels = {
            name: _Disabled(name, disabled[name]) if name in disabled else channel
            for name, channel in channels.items()
        }
        units: list[Sequence[ClaimedDelivery]] = list(_units(claimed))
        over: list[Sequence[ClaimedDelivery]] = []
        if slots is not None:
            units, over = slots.admit(units)
        record = SentRecorder(db, token, clock)
        sends = [
            _deliver_in_slot(db, channels, u, policy, options, clock, rand, report, slots, record)
            for u in units
        ]
        sending = asyncio.create_task(_send_all(db, sends, claimed, clock))
        if over:
            ids = [d.id for unit in over for d in unit]
            await _write(release_deliveries, db, ids, token=token, now=clock(), attempted=False)
    except asyncio.CancelledError:
        release_deliveries(db, [d.id for d in claimed], token=token, now=clock())
        raise
    return Round(report, sending)


async def _send_all(
    db: Database,
    sends: Sequence[Coroutine[Any, Any, None]],
    claimed: Sequence[ClaimedDelivery],
    clock: Clock,
) -> None:
    gathered = asyncio.gather(*sends, return_exceptions=True)
    try:
        outcomes = await gathered
    except asyncio.CancelledError:
        # Stopped past the grace period: hand the unfinished ones back at once rather
        # than after their lease (one short write; the process is ending anyway).
        gathered.cancel()
        release_deliveries(db, [d.id for d in claimed], token=claimed[0].token, now=clock())
        raise
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            # Recording the outcome failed (the database); the lease runs out and the
            # delivery is sent again with its key: at least once, never lost.
            log.error("alert outcome not recorded", exc_info=outcome)


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
    record: SentRecorder,
) -> None:
    """_deliver, giving the unit's channel slot back however it ends."""
    try:
        await _deliver(db, channels, unit, policy, options, clock, rand, report, record)
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
    started = await start_round(
        db, channels, policy, options, clock=clock, rand=rand, slots=slots, limit=options.limit
    )
    if started.sending is not None:
        await started.sending
    return started.report
