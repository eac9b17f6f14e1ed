"""Acceptance: importing the seed corpus alerts once per labeled country on every channel,
and importing it again alerts nobody (real classifier, ingest, SMTP and webhook peers)."""

from __future__ import annotations

import base64
import inspect
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from monitor.alerts import dispatch_once, open_channels, routing_from
from monitor.alerts.retry import RetryPolicy
from monitor.ingest import IngestOptions, Ingestor
from monitor.settings import AlertsConfig
from monitor.store import Database
from monitor.store.outbox import delivery_counts, list_alerts
from tests.alerts.servers import SmtpServer, WebhookReceiver

SECRET = "whsec_" + base64.b64encode(b"seeds-secret").decode()
KEY = base64.b64decode(SECRET.removeprefix("whsec_"))
HEADLINE = re.compile(r"\((?P<code>[A-Z]{2})\): first stance seen: ")


def labeled_countries(shared: Path) -> set[str]:
    lines = (shared / "eval" / "seeds.labels.jsonl").read_text(encoding="utf-8").splitlines()
    return {s["actor"] for line in lines if line.strip() for s in json.loads(line)["stances"]}


def ingestor(db: Database, cfg: AlertsConfig) -> Ingestor:
    if "alerts" not in inspect.signature(Ingestor).parameters:
        pytest.skip("monitor.ingest.Ingestor does not take `alerts` (the routing) yet")
    from monitor.wiring import make_classifier

    kwargs = {"classifier": make_classifier(), "alerts": routing_from(cfg)}
    return Ingestor(db, None, IngestOptions(), **kwargs)  # type: ignore[arg-type]


async def deliver_all(db: Database, cfg: AlertsConfig, console: io.StringIO) -> None:
    policy = RetryPolicy(max_attempts=1)
    async with open_channels(cfg, console=console) as channels:
        while (await dispatch_once(db, channels, policy)).claimed:
            pass


async def test_seeds_alert_once_per_labeled_country_on_every_channel(
    db: Database, shared_dir: Path
) -> None:
    expected = labeled_countries(shared_dir)
    console = io.StringIO()
    with SmtpServer() as smtp, WebhookReceiver(KEY) as hook:
        cfg = AlertsConfig(
            console=True,
            smtp_host="127.0.0.1",
            smtp_port=smtp.port,
            smtp_security="none",
            email_to=("desk@example.org",),
            webhook_urls=(hook.url,),
            webhook_allow_hosts=("127.0.0.1",),
            webhook_secret=SECRET,
        )
        seeds = shared_dir / "corpus" / "seeds"
        report = await ingestor(db, cfg).import_directory(seeds)
        assert report.new == len(list(seeds.glob("*.txt")))
        await deliver_all(db, cfg, console)

        new = [a for a in list_alerts(db, limit=1000) if a.kind == "new"]
        assert Counter(a.actor for a in new) == Counter(expected)
        assert delivery_counts(db) == {"sent": 3 * len(list_alerts(db, limit=1000))}

        by_hook = Counter(
            r.json["data"]["country"]["code"]
            for r in hook.received
            if r.json["data"]["kind"] == "new"
        )
        by_mail = Counter(
            m.group("code") for msg in smtp.messages if (m := HEADLINE.search(str(msg["Subject"])))
        )
        by_console = Counter(
            m.group("code")
            for line in console.getvalue().splitlines()
            if line.startswith("=== ") and (m := HEADLINE.search(line))
        )
        assert by_hook == by_mail == by_console == Counter(expected)
        assert all(r.verified for r in hook.received)

        before = (len(hook.received), len(smtp.messages), console.getvalue())
        again = await ingestor(db, cfg).import_directory(seeds)
        assert again.new == 0
        await deliver_all(db, cfg, console)
        assert (len(hook.received), len(smtp.messages), console.getvalue()) == before


async def test_seeds_are_never_dated_today(db: Database, shared_dir: Path) -> None:
    """The seeds carry no trustworthy date (002's header date is wrong): imported today,
    no alert says "Published" today and no country's stance is "since" today."""
    from datetime import UTC, datetime

    from monitor.store.articles import list_articles
    from monitor.store.changes import stance_changes
    from monitor.store.outbox import get_alert
    from monitor.store.stances import country_history, current_stances

    today = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    months = {
        json.loads(line)["file"][:3]: json.loads(line)["published"]
        for line in (shared_dir / "eval" / "seeds.labels.jsonl").read_text().splitlines()
        if line.strip()
    }
    console = io.StringIO()
    cfg = AlertsConfig(console=True)
    if "alerts" not in inspect.signature(Ingestor).parameters:
        pytest.skip("monitor.ingest.Ingestor does not take `alerts` (the routing) yet")
    from monitor.wiring import make_classifier

    ing = Ingestor(
        db, None, IngestOptions(), clock=lambda: today, classifier=make_classifier(),
        alerts=routing_from(cfg),
    )  # fmt: skip
    await ing.import_directory(shared_dir / "corpus" / "seeds")
    await deliver_all(db, cfg, console)

    articles = list_articles(db, limit=100)
    assert articles and all(a.fetched_at == today for a in articles)
    for a in articles:  # unknown, or the labelled month: never the header's 2024-01-02
        assert a.published_at is None or a.published_at.isoformat().startswith(
            str(months[a.url.rsplit("/", 1)[-1][:3]])
        ), a.url
    listed = list_alerts(db, limit=1000)
    # The alerts page, the changes page and the Atom feed read these views.
    assert all(a.published_at is None or a.published_at.date() != today.date() for a in listed)
    changes = stance_changes(db)
    assert changes and all(
        c.published_at is None or c.published_at.date() != today.date() for c in changes
    )
    alerts = [get_alert(db, a.id) for a in listed]
    assert alerts
    for alert in alerts:
        assert alert is not None
        assert alert.published_at is None or alert.published_at.date() != today.date()
    stances = current_stances(db)
    assert stances
    assert all(c.since is None or c.since.date() != today.date() for c in stances)
    for c in stances:
        assert all(h.observed_at != today for h in country_history(db, c.actor))
    from monitor.alerts.content import render_alert

    for alert in alerts:
        assert alert is not None
        out = render_alert(alert, "k")
        assert "Published: 2026-12-01" not in out.text and "2026-12-01" not in out.html
        published = json.loads(out.payload)["data"]["article"]["published_at"]
        assert not str(published).startswith("2026-12-01")
        if alert.published_at is None:
            assert "Published: date unknown" in out.text
