"""The outbox on SQLite and PostgreSQL: claims, leases, outcomes, retries, digests."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from monitor.alert_records import AlertRouting, DigestPeriod
from monitor.store import Database
from monitor.store.outbox import (
    claim_due,
    delivery_counts,
    list_alerts,
    mark_failed,
    mark_sent,
    retry_alert,
    retry_dead,
)
from monitor.track import digest_due
from tests.alerts.builders import NOW, Said, store_article

T0 = datetime(2025, 9, 1, 8, tzinfo=UTC)
LEASE = timedelta(seconds=60)
ROUTING = AlertRouting(channels=("console", "webhook"))


def three_alerts(db: Database, routing: AlertRouting = ROUTING) -> None:
    store_article(
        db,
        "a",
        T0,
        [Said("PL", "declined"), Said("DE", "open"), Said("GB", "willing")],
        alerts=routing,
    )


def test_claim_takes_due_rows_once_and_carries_the_alert(db: Database) -> None:
    three_alerts(db)
    first = claim_due(db, now=NOW, lease=LEASE, limit=4)
    second = claim_due(db, now=NOW, lease=LEASE, limit=10)
    assert len(first) == 4 and len(second) == 2
    assert not {d.id for d in first} & {d.id for d in second}
    assert claim_due(db, now=NOW, lease=LEASE) == []
    d = first[0]
    assert d.attempts == 1 and len(d.key) == 32 and d.alert.kind == "new"
    assert d.alert.evidence and d.alert.article_title == "Story a" and d.alert.observation_ids


def test_an_expired_lease_is_claimed_again_with_the_same_key(db: Database) -> None:
    three_alerts(db)
    first = claim_due(db, now=NOW, lease=LEASE)
    assert claim_due(db, now=NOW + LEASE - timedelta(seconds=1), lease=LEASE) == []
    again = claim_due(db, now=NOW + LEASE, lease=LEASE)
    assert {(d.id, d.key) for d in again} == {(d.id, d.key) for d in first}
    assert all(d.attempts == 2 for d in again)
    # The first worker's late outcome is ignored: the lease is no longer its own.
    assert mark_sent(db, [d.id for d in first], token=first[0].token, now=NOW) == 0
    assert mark_sent(db, [d.id for d in again], token=again[0].token, now=NOW) == 6
    assert delivery_counts(db) == {"sent": 6}


def test_failures_wait_then_die_and_can_be_retried(db: Database) -> None:
    three_alerts(db)
    claimed = claim_due(db, now=NOW, lease=LEASE)
    web = [d for d in claimed if d.channel == "webhook"]
    con = [d for d in claimed if d.channel == "console"]
    token = claimed[0].token
    mark_sent(db, [d.id for d in con], token=token, now=NOW)
    mark_failed(db, [web[0].id], token=token, error="HTTP 500", retry_at=NOW + timedelta(minutes=1))
    mark_failed(db, [d.id for d in web[1:]], token=token, error="HTTP 410", retry_at=None)
    assert delivery_counts(db) == {"sent": 3, "failed": 1, "dead": 2}
    assert claim_due(db, now=NOW, lease=LEASE) == []
    [retried] = claim_due(db, now=NOW + timedelta(minutes=1), lease=LEASE)
    assert retried.id == web[0].id and retried.attempts == 2

    dead = list_alerts(db, state="dead")
    assert len(dead) == 2
    view = next(d for d in dead[0].deliveries if d.channel == "webhook")
    assert (view.state, view.attempts, view.last_error) == ("dead", 1, "HTTP 410")
    assert retry_alert(db, dead[0].id, NOW) == 1
    assert retry_dead(db, NOW) == 1
    assert retry_dead(db, NOW) == 0
    requeued = claim_due(db, now=NOW, lease=LEASE)
    assert {d.id for d in requeued} == {d.id for d in web[1:]}
    assert all(d.attempts == 1 for d in requeued)  # a fresh set of attempts


def test_list_alerts_pages_newest_first_with_delivery_state(db: Database) -> None:
    three_alerts(db)
    alerts = list_alerts(db)
    assert [a.id for a in alerts] == sorted((a.id for a in alerts), reverse=True)
    assert [a.id for a in list_alerts(db, limit=1, offset=1)] == [alerts[1].id]
    assert list_alerts(db, state="sent") == []
    assert len(list_alerts(db, state="pending")) == 3


def test_digest_deliveries_wait_for_the_period_end_and_go_out_together(db: Database) -> None:
    routing = AlertRouting(
        channels=("email", "console"), digest=DigestPeriod.HOURLY, digest_channels=("email",)
    )
    three_alerts(db, routing)
    now_claim = claim_due(db, now=NOW, lease=LEASE)
    assert {d.channel for d in now_claim} == {"console"}
    mark_sent(db, [d.id for d in now_claim], token=now_claim[0].token, now=NOW)
    end = digest_due(NOW, DigestPeriod.HOURLY)
    assert end == NOW + timedelta(hours=1)
    # Even with a limit of one, the whole batch is claimed: a digest is one message.
    batch = claim_due(db, now=end, lease=LEASE, limit=1)
    assert len(batch) == 3 and len({d.batch for d in batch}) == 1 and batch[0].batch


def test_digest_periods() -> None:
    t = datetime(2025, 1, 31, 23, 59, tzinfo=UTC)
    assert digest_due(t, DigestPeriod.HOURLY) == datetime(2025, 2, 1, tzinfo=UTC)
    assert digest_due(t, DigestPeriod.DAILY) == datetime(2025, 2, 1, tzinfo=UTC)
    assert digest_due(datetime(2025, 1, 1, tzinfo=UTC), DigestPeriod.DAILY) == datetime(
        2025, 1, 2, tzinfo=UTC
    )


def test_concurrent_claims_never_share_a_delivery(db: Database) -> None:
    countries = ("AT", "BE", "CZ", "DK", "EE", "FI", "HU", "IE", "LT", "LU", "NL", "PT")
    for n in range(0, len(countries), 4):
        says = [Said(c, "willing") for c in countries[n : n + 4]]
        store_article(db, f"s{n}", T0, says, alerts=ROUTING)
    total = sum(delivery_counts(db).values())
    seen: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        while batch := claim_due(db, now=NOW, lease=LEASE, limit=2):
            with lock:
                seen.extend(d.id for d in batch)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == total and len(set(seen)) == total


def test_released_deliveries_are_claimed_again_at_once_with_their_key(db: Database) -> None:
    # A worker stopped past its grace period hands back what it could not send.
    from monitor.store.outbox import release_deliveries

    three_alerts(db)
    first = claim_due(db, now=NOW, lease=LEASE)
    assert claim_due(db, now=NOW, lease=LEASE) == []
    released = release_deliveries(db, [d.id for d in first], token=first[0].token, now=NOW)
    assert released == len(first)
    again = claim_due(db, now=NOW, lease=LEASE)
    assert {(d.id, d.key) for d in again} == {(d.id, d.key) for d in first}
    # A stale token releases nothing.
    assert release_deliveries(db, [d.id for d in again], token=first[0].token, now=NOW) == 0
