"""A webhook receiver answering 410 Gone switches its channel off, visibly, until a user
enables it again; other channels keep delivering meanwhile."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.alerts import dispatch_once, open_channels, run_dispatcher
from monitor.alerts.dispatcher import DispatchOptions
from monitor.store import Database
from monitor.store.channels import disabled_channels
from monitor.store.outbox import delivery_counts
from tests.alerts.builders import run_cli
from tests.alerts.servers import WebhookReceiver
from tests.alerts.test_dispatcher import KEY, POLICY, Clock, config, one_alert


async def test_410_disables_the_channel_until_enabled(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    clock = Clock()
    with WebhookReceiver(KEY, replies=[410]) as gone, WebhookReceiver(KEY) as fine:
        cfg = config(webhook_urls=f"{gone.url},{fine.url}")
        one_alert(db, cfg, clock)
        async with open_channels(cfg) as channels:
            first = await dispatch_once(db, channels, POLICY, clock=clock)
            assert (first.sent, first.dead) == (1, 1)
            assert "410" in disabled_channels(db)["webhook"]
            one_alert(db, cfg, clock, actor="FR")
            second = await dispatch_once(db, channels, POLICY, clock=clock)
            assert (second.sent, second.dead) == (1, 1)  # not even tried on "webhook"
        assert len(gone.received) == 1 and len(fine.received) == 2

        monkeypatch.chdir(tmp_path)
        shown = run_cli(["alerts"], db_url)
        assert "channel webhook disabled: webhook answered HTTP 410" in shown.output
        assert run_cli(["alerts", "enable-channel", "webhook"], db_url).exit_code == 0
        assert disabled_channels(db) == {}
        assert run_cli(["alerts", "enable-channel", "webhook"], db_url).exit_code != 0
        assert run_cli(["alerts", "retry", "--dead"], db_url).exit_code == 0
        clock.now = datetime.now(UTC)
        async with open_channels(cfg) as channels:
            assert (await dispatch_once(db, channels, POLICY, clock=clock)).sent == 2
    assert delivery_counts(db) == {"sent": 4}


async def test_a_slow_receiver_does_not_hold_back_other_channels(db: Database) -> None:
    clock = Clock()
    with WebhookReceiver(KEY) as slow, WebhookReceiver(KEY) as fast:
        slow.before_reply = lambda _r: time.sleep(4)  # answers, but late
        cfg = config(webhook_urls=f"{slow.url},{fast.url}", poll_interval_s=0.05)
        one_alert(db, cfg, clock)
        stop = asyncio.Event()
        options = DispatchOptions.from_settings(cfg)
        async with open_channels(cfg) as channels:
            task = asyncio.create_task(
                run_dispatcher(db, channels, POLICY, options, stop=stop, clock=clock)
            )
            assert await _until(lambda: len(fast.received) == 1, 3)
            one_alert(db, cfg, clock, actor="FR")  # due while the slow receiver still waits
            started = time.monotonic()
            assert await _until(lambda: len(fast.received) == 2, 3)
            # Delivered while the first round still waited on the slow receiver.
            assert time.monotonic() - started < 3 and len(slow.received) <= 2
            stop.set()
            await asyncio.wait_for(task, 30)


async def _until(predicate: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        await asyncio.sleep(0.02)
    return predicate()
