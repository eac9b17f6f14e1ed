"""A webhook receiver answering 410 Gone switches its channel off, visibly, until a user
enables it again; other channels keep delivering meanwhile."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.alerts import dispatch_once, open_channels
from monitor.store import Database
from monitor.store.channels import disabled_channels
from monitor.store.outbox import delivery_counts
from tests.alerts.builders import run_cli
from tests.alerts.servers import WebhookReceiver
from tests.alerts.test_dispatcher import KEY, POLICY, Clock, config, db, one_alert

__all__ = ["db"]  # the fixture, shared with the dispatcher tests


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
