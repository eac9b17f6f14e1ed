"""A slow webhook receiver holds only its own channel's slots (alerts.channel_concurrency):
the other channel's deliveries go out while the slow ones are pending; a channel's own
deadline (alerts.channel_timeouts_s) ends its attempts without touching the others'."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import select

from monitor.alerts import open_channels, run_dispatcher
from monitor.alerts.config import retry_policy
from monitor.alerts.dispatcher import DispatchOptions
from monitor.settings import AlertsConfig
from monitor.store import Database
from monitor.store.models import Delivery
from tests.alerts.servers import Received, WebhookReceiver
from tests.alerts.test_dispatcher import KEY, Clock, config, one_alert

ACTORS = ("PL", "FR", "DE", "IT", "ES", "NL", "BE", "SE", "FI", "DK", "NO", "CZ")
BOUND_S = 20.0  # far past a healthy run (well under a second), far below the 600 s deadline


def states(db: Database, channel: str) -> dict[str, int]:
    with db.session() as s:
        rows = s.execute(select(Delivery.state).where(Delivery.channel == channel)).scalars()
        out: dict[str, int] = {}
        for state in rows:
            out[str(state)] = out.get(str(state), 0) + 1
        return out


class Gate:
    """Holds every request of the slow receiver until opened; counts those held at once."""

    def __init__(self) -> None:
        self.open = threading.Event()
        self.lock = threading.Lock()
        self.waiting = self.most = 0

    def __call__(self, _: Received) -> None:
        with self.lock:
            self.waiting += 1
            self.most = max(self.most, self.waiting)
        self.open.wait(60)
        with self.lock:
            self.waiting -= 1


async def until(check: Callable[[], bool], seconds: float = BOUND_S) -> bool:
    for _ in range(int(seconds / 0.02)):
        if check():
            return True
        await asyncio.sleep(0.02)
    return check()


async def test_a_slow_receiver_holds_back_only_its_own_deliveries(db: Database) -> None:
    gate = Gate()
    with WebhookReceiver(KEY) as fast, WebhookReceiver(KEY) as slow:
        slow.before_reply = gate
        cfg = config(
            webhook_urls=f"{fast.url},{slow.url}",
            # A deadline far past the test: only the slots can keep the fast channel going.
            send_timeout_s=600,
            batch_size=4,
            channel_concurrency=2,
            poll_interval_s=0.05,
        )
        clock = Clock()
        for actor in ACTORS:
            one_alert(db, cfg, clock, actor)
        stop = asyncio.Event()
        async with open_channels(cfg) as channels:
            task = asyncio.create_task(
                run_dispatcher(
                    db, channels, retry_policy(cfg), DispatchOptions.from_settings(cfg), stop=stop
                )
            )
            try:
                assert await until(lambda: len(fast.received) == len(ACTORS)), fast.received
                # Meanwhile the slow receiver holds its two slots, and no more.
                assert await until(lambda: gate.waiting == 2)
                assert len(slow.received) == 2 and gate.most == 2
                assert await until(lambda: states(db, "webhook") == {"sent": len(ACTORS)})
                assert states(db, "webhook2").get("sent", 0) == 0
            finally:
                gate.open.set()
            assert await until(lambda: states(db, "webhook2") == {"sent": len(ACTORS)})
            stop.set()
            await asyncio.wait_for(task, 10)
    assert gate.most == 2  # never more than its slots in flight
    # Handed back unattempted when claimed past the slots: each was sent on its 1st attempt.
    with db.session() as s:
        assert set(s.execute(select(Delivery.attempts)).scalars()) == {1}


async def test_a_channel_deadline_ends_its_own_attempts(db: Database) -> None:
    gate = Gate()
    with WebhookReceiver(KEY) as fast, WebhookReceiver(KEY) as slow:
        slow.before_reply = gate
        cfg = config(
            webhook_urls=f"{fast.url},{slow.url}",
            send_timeout_s=600,
            channel_timeouts_s="webhook2=0.5",
            poll_interval_s=0.05,
        )
        one_alert(db, cfg, Clock(), "PL")
        stop = asyncio.Event()
        async with open_channels(cfg) as channels:
            options = DispatchOptions.from_settings(cfg)
            assert options.timeout_for("webhook2") == 0.5 and options.timeout_for("webhook") == 600
            task = asyncio.create_task(
                run_dispatcher(db, channels, retry_policy(cfg), options, stop=stop)
            )
            try:
                assert await until(lambda: last_error(db, "webhook2") is not None)
                assert states(db, "webhook2") == {"failed": 1}  # to be retried
                assert await until(lambda: states(db, "webhook") == {"sent": 1})
            finally:
                gate.open.set()
                stop.set()
            await asyncio.wait_for(task, 10)
    assert "no answer within 0.5s" in (last_error(db, "webhook2") or "")


def last_error(db: Database, channel: str) -> str | None:
    with db.session() as s:
        q = select(Delivery.last_error).where(Delivery.channel == channel)
        return s.execute(q).scalar()


def test_channel_settings_are_checked() -> None:
    cfg = AlertsConfig.model_validate(
        {"webhook_urls": "http://a.example/h", "channel_timeouts_s": "webhook=5"}
    )
    assert cfg.channel_timeouts_s == {"webhook": 5.0} and cfg.delivery_lease_s == 90
    with pytest.raises(ValueError, match="not configured: email"):
        AlertsConfig.model_validate({"channel_timeouts_s": "email=5"})
    with pytest.raises(ValueError, match="name=seconds"):
        AlertsConfig.model_validate({"channel_timeouts_s": "webhook"})
    with pytest.raises(ValueError, match="lease_s must be longer"):
        AlertsConfig.model_validate(
            {
                "webhook_urls": "http://a.example/h",
                "channel_timeouts_s": {"webhook": 99},
                "lease_s": 60,
            }
        )
