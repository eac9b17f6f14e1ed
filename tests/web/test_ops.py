"""/healthz and /metrics: read from the database at request time, per app."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import httpx
from prometheus_client.parser import text_string_to_metric_families

from monitor.runstate import ServiceState
from monitor.store import Database
from monitor.store.outbox import claim_due, mark_sent
from tests.web.archive import NOW, Archive
from tests.web.conftest import client_for


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


async def test_healthz_reports_database_scheduler_and_poll_age(archive: Archive) -> None:
    async with client_for(archive.rt) as c:
        r = await c.get("/healthz")
        assert r.status_code == 200
        body = r.json()
        assert body["status"] == "ok" and body["database"] and body["search_index"]
        assert body["scheduler"] is None  # the web alone: no scheduler to judge
        assert body["last_successful_poll_age_s"] == 120.0  # demo polled 2 min before NOW
    state = ServiceState(ticks=7, polls=3, last_tick_ok=True)
    async with client_for(archive.rt, state) as c:
        assert (await c.get("/healthz")).json()["scheduler"]["ticks"] == 7
        state.last_tick_ok = False
        failing = await c.get("/healthz")
        assert failing.status_code == 503 and failing.json()["status"] == "failing"


async def test_healthz_fails_when_the_database_is_gone(fresh: Archive) -> None:
    fresh.rt.db.dispose()
    nowhere = Database("postgresql://nobody@127.0.0.1:9/none")  # nothing listens there
    fresh.rt = replace(fresh.rt, db=nowhere)
    async with client_for(fresh.rt) as c:
        r = await c.get("/healthz")
        assert r.status_code == 503
        assert r.json()["database"] is False
        scraped = samples((await c.get("/metrics")).text)
        assert scraped[("monitor_database_up", ())] == 0.0


async def test_metrics_count_from_the_database(client: httpx.AsyncClient, archive: Archive) -> None:
    r = await client.get("/metrics")
    assert r.headers["content-type"].startswith("text/plain")
    got = samples(r.text)
    total = (await client.get("/api/articles")).json()["total"]
    assert got[("monitor_database_up", ())] == 1.0
    assert got[("monitor_articles", ())] == total
    assert got[("monitor_observations", ())] == 10
    assert got[("monitor_polls_total", (("feed", "wire"), ("outcome", "error")))] == 1
    assert got[("monitor_polls_total", (("feed", "demo"), ("outcome", "ok")))] == 1
    assert got[("monitor_new_articles_total", (("feed", "demo"),))] == 11
    assert got[("monitor_feed_errors_total", (("feed", "wire"),))] == 1
    assert got[("monitor_feed_consecutive_failures", (("feed", "wire"),))] == 1
    assert got[("monitor_countries", (("stance", "declined"),))] == 2
    assert got[("monitor_alerts_total", (("kind", "new"),))] == 9
    assert got[("monitor_alerts_total", (("kind", "changed"),))] == 1
    assert got[("monitor_deliveries", (("channel", "webhook"), ("state", "dead")))] == 1
    assert got[("monitor_deliveries", (("channel", "log"), ("state", "pending")))] == 10
    assert got[("monitor_last_successful_poll_timestamp_seconds", ())] == (NOW.timestamp() - 120)
    assert got[("monitor_delivery_latency_seconds_count", ())] == 0


async def test_metrics_follow_the_database_not_process_state(fresh: Archive) -> None:
    """Two apps (two workers) over one database report the same, and see each other's work."""
    async with client_for(fresh.rt) as one, client_for(fresh.rt) as two:
        before = samples((await one.get("/metrics")).text)
        assert before == samples((await two.get("/metrics")).text)
        claimed = claim_due(fresh.rt.db, now=NOW, limit=100, lease=timedelta(minutes=1))
        mark_sent(
            fresh.rt.db,
            [d.id for d in claimed],
            token=claimed[0].token,
            now=NOW + timedelta(seconds=3),
        )
        after = samples((await two.get("/metrics")).text)
        assert after[("monitor_delivery_latency_seconds_count", ())] == len(claimed)
        assert after[("monitor_delivery_latency_seconds_bucket", (("le", "5.0"),))] == len(claimed)
        assert after[("monitor_delivery_latency_seconds_bucket", (("le", "1.0"),))] == 0


async def test_metrics_carry_what_this_process_tracked(archive: Archive) -> None:
    state = ServiceState(ticks=1, polls=2, events=3, alerts_queued=5, held_back=1)
    async with client_for(archive.rt, state) as c:
        scraped = samples((await c.get("/metrics")).text)
    assert scraped[("monitor_track_events_total", ())] == 3
    assert scraped[("monitor_track_alerts_queued_total", ())] == 5
    assert scraped[("monitor_track_held_back_total", ())] == 1
