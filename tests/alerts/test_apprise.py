"""Apprise targets through the outbox, against a real local receiver (Apprise's json://
target on 127.0.0.1): a failure (HTTP 500) is retried with backoff and then delivered
once; a target that keeps failing ends as a dead letter that can be retried; routing
rules and the watch list decide which delivery rows are written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monitor.alerts import dispatch_once, open_channels, routing_from
from monitor.alerts.config import check_alerts
from monitor.alerts.retry import RetryPolicy
from monitor.settings import AlertsConfig
from monitor.store import Database
from monitor.store.outbox import delivery_counts, list_alerts, retry_dead
from tests.alerts.builders import Said, store_article
from tests.alerts.servers import WebhookReceiver

POLICY = RetryPolicy(max_attempts=3, base_s=10, jitter=0)
T0 = datetime(2025, 9, 1, 8, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def json_target(receiver: WebhookReceiver) -> str:
    return receiver.url.replace("http://", "json://", 1)


def config(**kw: object) -> AlertsConfig:
    values: dict[str, object] = {"console": "off", "send_timeout_s": 10}
    values.update(kw)
    return AlertsConfig.model_validate(values)


def alert(db: Database, cfg: AlertsConfig, clock: Clock, actor: str, seed: str = "") -> None:
    said = [Said(actor, "declined")]
    store_article(db, seed or actor, T0, said, alerts=routing_from(cfg), now=clock())


async def test_apprise_500_then_200_is_delivered_once(db: Database) -> None:
    clock = Clock()
    with WebhookReceiver(b"unused", replies=[500]) as receiver:
        cfg = config(apprise_urls=json_target(receiver))
        alert(db, cfg, clock, "PL")
        async with open_channels(cfg) as channels:
            assert set(channels) == {"apprise"}
            first = await dispatch_once(db, channels, POLICY, clock=clock)
            assert (first.claimed, first.sent, first.retrying) == (1, 0, 1)
            [view] = list_alerts(db)[0].deliveries
            assert view.channel == "apprise" and view.state == "failed"
            assert "apprise json://127.0.0.1" in (view.last_error or "")
            assert (await dispatch_once(db, channels, POLICY, clock=clock)).claimed == 0
            clock.advance(10)  # the backoff has passed
            assert (await dispatch_once(db, channels, POLICY, clock=clock)).sent == 1
            clock.advance(3600)
            assert (await dispatch_once(db, channels, POLICY, clock=clock)).claimed == 0
    assert len(receiver.received) == 2  # the failed attempt and the delivery
    body = receiver.received[-1].json
    assert "Poland (PL): first stance seen: declined" in body["title"]
    assert "PL is declined about sending troops" in body["message"]
    assert delivery_counts(db) == {"sent": 1}


async def test_apprise_that_keeps_failing_is_a_dead_letter_then_retried(db: Database) -> None:
    clock = Clock()
    policy = RetryPolicy(max_attempts=2, base_s=10, jitter=0)
    with WebhookReceiver(b"unused", replies=[503, 500]) as receiver:
        cfg = config(apprise_urls=f"{json_target(receiver)},{json_target(receiver)}")
        alert(db, cfg, clock, "FR")
        async with open_channels(cfg) as channels:
            assert sorted(channels) == ["apprise", "apprise2"]
            await dispatch_once(db, channels, policy, clock=clock)  # both fail once
            clock.advance(10)
            await dispatch_once(db, channels, policy, clock=clock)  # both sent
            assert delivery_counts(db) == {"sent": 2}

    with WebhookReceiver(b"unused", replies=[500, 500]) as receiver:
        cfg = config(apprise_urls=json_target(receiver))
        alert(db, cfg, clock, "DE")
        async with open_channels(cfg) as channels:
            await dispatch_once(db, channels, policy, clock=clock)
            clock.advance(10)
            report = await dispatch_once(db, channels, policy, clock=clock)
            assert report.dead == 1
            assert delivery_counts(db) == {"sent": 2, "dead": 1}
            assert retry_dead(db, clock()) == 1
            assert (await dispatch_once(db, channels, policy, clock=clock)).sent == 1
    assert delivery_counts(db) == {"sent": 3}
    assert len(receiver.received) == 3


async def test_routing_and_watch_list_decide_the_delivery_rows(db: Database) -> None:
    clock = Clock()
    with WebhookReceiver(b"unused") as hook, WebhookReceiver(b"unused") as target:
        cfg = config(
            webhook_urls=hook.url,
            webhook_allow_hosts="127.0.0.1",
            apprise_urls=json_target(target),
            routes=[{"channels": ["apprise"], "countries": ["France", "de"], "kinds": ["new"]}],
            watch="France, Germany, pl",
        )
        alert(db, cfg, clock, "FR")  # webhook and apprise
        alert(db, cfg, clock, "PL")  # webhook only: no rule for Poland names apprise
        alert(db, cfg, clock, "IT")  # not watched: no delivery at all
        channels_of = {a.actor: sorted(d.channel for d in a.deliveries) for a in list_alerts(db)}
        assert channels_of == {"FR": ["apprise", "webhook"], "PL": ["webhook"], "IT": []}
        async with open_channels(cfg) as channels:
            await dispatch_once(db, channels, POLICY, clock=clock)
    assert len(hook.received) == 2 and len(target.received) == 1
    assert "France (FR)" in target.received[0].json["title"]


def test_unknown_apprise_scheme_is_found_by_the_check() -> None:
    cfg = config(apprise_urls="json://127.0.0.1:9/ok,nosuch://token@host")
    [problem] = check_alerts(cfg)
    assert problem.key == "alerts.apprise_urls (apprise2)"
    assert "nosuch" in str(problem) and "token" not in str(problem)
