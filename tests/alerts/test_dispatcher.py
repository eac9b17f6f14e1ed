"""The dispatcher against real peers and a real database (SQLite and PostgreSQL):
outages end in delivery, failures retry visibly, dead letters can be retried, digests."""

from __future__ import annotations

import asyncio
import base64
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.alerts import dispatch_once, open_channels, routing_from, run_dispatcher
from monitor.alerts.config import retry_policy
from monitor.alerts.dispatcher import DispatchOptions
from monitor.alerts.retry import RetryPolicy
from monitor.settings import AlertsConfig
from monitor.store import Database
from monitor.store.outbox import delivery_counts, list_alerts
from tests.alerts.builders import Said, run_cli, store_article
from tests.alerts.servers import SmtpServer, WebhookReceiver, free_port

SECRET = "whsec_" + base64.b64encode(b"dispatcher-secret").decode()
KEY = base64.b64decode(SECRET.removeprefix("whsec_"))
POLICY = RetryPolicy(max_attempts=3, base_s=10, jitter=0)
T0 = datetime(2025, 9, 1, 8, tzinfo=UTC)


class Clock:
    """The dispatcher's idea of now: real time, moved forward by the test."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def config(**kw: object) -> AlertsConfig:
    values: dict[str, object] = {
        "console": False,
        "webhook_secret": SECRET,
        "webhook_allow_hosts": "127.0.0.1",  # the receivers of these tests are local
    }
    values.update(kw)
    return AlertsConfig.model_validate(values)


def one_alert(db: Database, cfg: AlertsConfig, clock: Clock, actor: str = "PL") -> None:
    store_article(db, actor, T0, [Said(actor, "declined")], alerts=routing_from(cfg), now=clock())


async def test_smtp_down_then_up_delivers_once(db: Database) -> None:
    clock = Clock()
    port = free_port()
    cfg = config(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none", email_to="d@x.org")
    one_alert(db, cfg, clock)
    async with open_channels(cfg) as channels:
        down = await dispatch_once(db, channels, POLICY, clock=clock)
        assert (down.claimed, down.sent, down.retrying) == (1, 0, 1)
        [view] = list_alerts(db)[0].deliveries
        assert view.state == "failed" and view.attempts == 1 and "SMTP" in (view.last_error or "")
        with SmtpServer(port=port) as server:
            assert (await dispatch_once(db, channels, POLICY, clock=clock)).claimed == 0
            clock.advance(10)  # the backoff has passed
            up = await dispatch_once(db, channels, POLICY, clock=clock)
            assert up.sent == 1
            clock.advance(3600)
            assert (await dispatch_once(db, channels, POLICY, clock=clock)).claimed == 0
    assert len(server.messages) == 1
    assert "Poland (PL): first stance seen: declined" in str(server.messages[0]["Subject"])
    assert delivery_counts(db) == {"sent": 1}


async def test_webhook_500_then_200_is_delivered_once_with_retries_shown(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    clock = Clock()
    with WebhookReceiver(KEY, replies=[500]) as receiver:
        cfg = config(webhook_urls=receiver.url)
        one_alert(db, cfg, clock)
        async with open_channels(cfg) as channels:
            await dispatch_once(db, channels, POLICY, clock=clock)
            clock.advance(10)
            assert (await dispatch_once(db, channels, POLICY, clock=clock)).sent == 1
            clock.advance(3600)
            assert (await dispatch_once(db, channels, POLICY, clock=clock)).claimed == 0
    first, second = receiver.received
    assert first.verified and second.verified
    assert first.webhook_id == second.webhook_id and first.body == second.body

    monkeypatch.chdir(tmp_path)  # no stray monitor.toml
    shown = run_cli(["alerts", "--json"], db_url)
    assert shown.exit_code == 0, shown.output
    [alert] = json.loads(shown.output)
    [delivery] = alert["deliveries"]
    assert (delivery["channel"], delivery["state"], delivery["attempts"]) == ("webhook", "sent", 2)
    assert delivery["last_error"] == f"webhook answered HTTP 500 ({receiver.url})"
    table = run_cli(["alerts"], db_url)
    assert "x2" in table.output and "Poland (PL)" in table.output


async def test_dead_letters_after_the_last_attempt_and_retry_from_the_cli(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_url: str
) -> None:
    clock = Clock()
    with WebhookReceiver(KEY, replies=[503, 503, 503]) as receiver:
        cfg = config(webhook_urls=receiver.url)
        one_alert(db, cfg, clock)
        async with open_channels(cfg) as channels:
            for _ in range(3):
                await dispatch_once(db, channels, POLICY, clock=clock)
                clock.advance(3600)
            assert delivery_counts(db) == {"dead": 1}
            monkeypatch.chdir(tmp_path)
            dead = run_cli(["alerts", "--json", "--state", "dead"], db_url)
            assert len(json.loads(dead.output)) == 1
            retried = run_cli(["alerts", "retry", "--dead"], db_url)
            assert retried.exit_code == 0 and "1 deliveries queued again" in retried.output
            assert run_cli(["alerts", "retry", "--dead"], db_url).exit_code == 1
            clock.now = datetime.now(UTC)  # `retry` re-queued it for the real now
            assert (await dispatch_once(db, channels, POLICY, clock=clock)).sent == 1
    assert len(receiver.received) == 4 and len({r.webhook_id for r in receiver.received}) == 1


async def test_a_permanent_failure_is_dead_at_once(db: Database) -> None:
    clock = Clock()
    with WebhookReceiver(KEY, replies=[410]) as receiver:
        cfg = config(webhook_urls=receiver.url)
        one_alert(db, cfg, clock)
        async with open_channels(cfg) as channels:
            report = await dispatch_once(db, channels, POLICY, clock=clock)
    assert report.dead == 1 and delivery_counts(db) == {"dead": 1}


async def test_hourly_digest_sends_one_email_for_all_alerts(db: Database) -> None:
    clock = Clock()
    with SmtpServer() as server:
        cfg = config(
            smtp_host="127.0.0.1",
            smtp_port=server.port,
            smtp_security="none",
            email_to="d@x.org",
            digest="hourly",
        )
        for actor in ("PL", "DE", "JP"):
            one_alert(db, cfg, clock, actor)
        async with open_channels(cfg) as channels:
            assert (await dispatch_once(db, channels, POLICY, clock=clock)).claimed == 0
            clock.advance(3600)
            report = await dispatch_once(db, channels, POLICY, clock=clock)
    assert report.sent == 3
    [digest] = server.messages
    assert "3 changes" in str(digest["Subject"])
    assert sorted(str(digest["X-Monitor-Alerts"]).split()) == sorted(
        str(a.id) for a in list_alerts(db)
    )


async def test_run_dispatcher_delivers_until_stopped(db: Database) -> None:
    clock = Clock()
    with WebhookReceiver(KEY) as receiver:
        cfg = config(webhook_urls=receiver.url, poll_interval_s=0.05)
        one_alert(db, cfg, clock)
        stop = asyncio.Event()
        options = DispatchOptions.from_settings(cfg)
        async with open_channels(cfg) as channels:
            task = asyncio.create_task(
                run_dispatcher(db, channels, retry_policy(cfg), options, stop=stop)
            )
            for _ in range(200):
                if delivery_counts(db) == {"sent": 1}:
                    break
                await asyncio.sleep(0.02)
            stop.set()
            await asyncio.wait_for(task, 5)
    assert delivery_counts(db) == {"sent": 1} and len(receiver.received) == 1


async def test_a_wake_up_delivers_before_the_next_poll(db: Database) -> None:
    clock = Clock()
    with WebhookReceiver(KEY) as receiver:
        # A poll interval far past the test's bounds: only the wake-up can deliver.
        cfg = config(webhook_urls=receiver.url, poll_interval_s=600)
        stop, wake = asyncio.Event(), asyncio.Event()
        options = DispatchOptions.from_settings(cfg)
        async with open_channels(cfg) as channels:
            task = asyncio.create_task(
                run_dispatcher(db, channels, retry_policy(cfg), options, stop=stop, wake=wake)
            )
            await asyncio.sleep(0.3)  # the first (empty) round is done; now it waits
            one_alert(db, cfg, clock)
            assert delivery_counts(db) == {"pending": 1}
            wake.set()
            for _ in range(250):
                if delivery_counts(db) == {"sent": 1}:
                    break
                await asyncio.sleep(0.02)
            assert delivery_counts(db) == {"sent": 1} and len(receiver.received) == 1
            stop.set()
            await asyncio.wait_for(task, 5)
    assert not wake.is_set()  # cleared by the round that claimed its alert
