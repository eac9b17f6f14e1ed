"""A held-back change (issue 9.4, issue 11.2): recorded once as a pending alert, routed
as kind "pending" through the real outbox to a real webhook receiver, and shown with
why by `monitor stances` and on the board."""

from __future__ import annotations

import asyncio
import base64
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.alerts import dispatch_once, open_channels, routing_from
from monitor.alerts.retry import RetryPolicy
from monitor.settings import AlertsConfig
from monitor.store import Database
from monitor.store.outbox import delivery_counts
from tests.alerts.builders import Said, run_cli, store_article, story_text
from tests.alerts.servers import WebhookReceiver

SECRET = "whsec_" + base64.b64encode(b"pending-secret").decode()
KEY = base64.b64decode(SECRET.removeprefix("whsec_"))
POLICY = RetryPolicy(max_attempts=3, base_s=10, jitter=0)
T0 = datetime(2025, 9, 1, 8, tzinfo=UTC)


def config(url: str, **kw: object) -> AlertsConfig:
    values: dict[str, object] = {
        "console": False,
        "webhook_secret": SECRET,
        "webhook_allow_hosts": "127.0.0.1",
        "webhook_urls": url,
        "corroborate": True,  # one statement under 0.8 waits for a second source
    }
    values.update(kw)
    return AlertsConfig.model_validate(values)


def received(hook: WebhookReceiver) -> list[tuple[str, str | None, str, str | None]]:
    """Each alert once (a retry repeats it), in the order they were decided (alert ids)."""
    by_id = {}
    for r in hook.received:
        assert r.verified
        d = r.json["data"]
        by_id[d["alert_id"]] = (r.json["type"], d["old_stance"], d["new_stance"], d["reason"])
    return [by_id[k] for k in sorted(by_id)]


def test_a_held_back_change_alerts_once_as_pending_then_the_change(
    db: Database, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with WebhookReceiver(KEY, replies=[500]) as hook:  # the first attempt fails
        cfg = config(hook.url)
        routing = routing_from(cfg)
        store_article(db, "base", T0, [Said("IT", "declined")], alerts=routing)
        wire = story_text("wire")
        day = T0 + timedelta(days=1)
        store_article(db, "w1", day, [Said("IT", "open", 0.6)], alerts=routing, text=wire)
        # The same story again (a syndicated copy): still held back, no second pending.
        copy = wire.replace("w", "W", 1) + " Republished."
        store_article(
            db, "w2", day, [Said("IT", "open", 0.6)], alerts=routing, text=copy, host="b.example"
        )

        async def deliver() -> None:
            async with open_channels(cfg) as channels:
                await dispatch_once(db, channels, POLICY)
                # The failed delivery is due again after its backoff.
                later = datetime.now(UTC) + timedelta(seconds=60)
                await dispatch_once(db, channels, POLICY, clock=lambda: later)

        asyncio.run(deliver())
        assert len(hook.received) == 3  # the failed attempt and two deliveries
        assert delivery_counts(db) == {"sent": 2}
        monkeypatch.chdir(tmp_path)  # no stray monitor.toml
        shown = run_cli(["stances", "--json"], db_url)
        assert shown.exit_code == 0, shown.output
        [italy] = json.loads(shown.output)
        assert (italy["stance"], italy["pending"]) == ("declined", "open")
        assert "needs 2 independent sources" in italy["pending_reason"]
        # An independent source corroborates: the change itself alerts.
        store_article(db, "indep", day, [Said("IT", "open", 0.6)], alerts=routing)
        asyncio.run(deliver())
    alerts = received(hook)
    assert [a[:3] for a in alerts] == [
        ("stance.new", None, "declined"),
        ("stance.pending", "declined", "open"),
        ("stance.changed", "declined", "open"),
    ], alerts
    assert "needs 2 independent sources" in (alerts[1][3] or "")
    assert alerts[0][3] is None and alerts[2][3] is None


def test_rules_keep_pending_alerts_off_a_channel(db: Database) -> None:
    with WebhookReceiver(KEY) as hook:
        routes = [{"channels": ["webhook"], "kinds": ["new", "changed"]}]
        cfg = config(hook.url, routes=json.dumps(routes))
        routing = routing_from(cfg)
        store_article(db, "base", T0, [Said("IT", "declined")], alerts=routing)
        day = T0 + timedelta(days=1)
        store_article(db, "w1", day, [Said("IT", "open", 0.6)], alerts=routing)

        async def deliver() -> None:
            async with open_channels(cfg) as channels:
                await dispatch_once(db, channels, POLICY)

        asyncio.run(deliver())
    assert [t for t, *_ in received(hook)] == ["stance.new"]
