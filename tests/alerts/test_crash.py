"""SIGKILL during delivery loses no alert, and a repeat carries the same webhook-id and
Message-ID: the dispatcher runs as `monitor alerts dispatch` in a subprocess against a
SQLite file; the receivers kill it while a request is in flight, then it is restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from monitor.alerts import routing_from
from monitor.settings import AlertsConfig
from monitor.store import open_database
from monitor.store.models import Delivery
from monitor.store.outbox import delivery_counts
from tests.alerts.builders import Said, store_article
from tests.alerts.servers import SmtpServer, WebhookReceiver

SECRET = "plain-text-secret"
COUNTRIES = ("PL", "DE", "FR", "GB", "IT", "ES", "NL", "BE", "EE", "LV", "LT", "FI")
KILLS = 4  # fixed bounds: this many kills, and the whole test within DEADLINE_S
DEADLINE_S = 45.0


class Killer:
    """Kills the running dispatcher on the n-th request that reaches a receiver."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pid: int | None = None
        self.countdown = 0
        self.killed = threading.Event()

    def arm(self, pid: int, after: int) -> None:
        with self.lock:
            self.pid, self.countdown = pid, after
            self.killed.clear()

    def hit(self) -> None:
        with self.lock:
            if self.pid is None:
                return
            self.countdown -= 1
            if self.countdown <= 0:
                os.kill(self.pid, signal.SIGKILL)  # before the receiver answers
                self.pid = None
                self.killed.set()


def test_sigkill_mid_delivery_loses_nothing_and_repeats_keep_their_id(tmp_path: Path) -> None:
    started = time.monotonic()
    db_url = f"sqlite:///{tmp_path / 'crash.db'}"
    killer = Killer()
    with SmtpServer(on_data=killer.hit) as smtp, WebhookReceiver(SECRET.encode()) as hook:
        hook.before_reply = lambda _r: killer.hit()
        env = {
            **os.environ,
            "MONITOR_DATABASE_URL": db_url,
            "MONITOR_LOG_LEVEL": "ERROR",
            "MONITOR_ALERTS__CONSOLE": "false",
            "MONITOR_ALERTS__SMTP_HOST": "127.0.0.1",
            "MONITOR_ALERTS__SMTP_PORT": str(smtp.port),
            "MONITOR_ALERTS__SMTP_SECURITY": "none",
            "MONITOR_ALERTS__EMAIL_TO": "desk@example.org",
            "MONITOR_ALERTS__WEBHOOK_URLS": hook.url,
            "MONITOR_ALERTS__WEBHOOK_ALLOW_HOSTS": "127.0.0.1",
            "MONITOR_ALERTS__WEBHOOK_SECRET": SECRET,
            "MONITOR_ALERTS__SEND_TIMEOUT_S": "1",
            "MONITOR_ALERTS__LEASE_S": "1.5",
            "MONITOR_ALERTS__POLL_INTERVAL_S": "0.05",
            "MONITOR_ALERTS__BATCH_SIZE": "3",
            "MONITOR_ALERTS__MAX_ATTEMPTS": "50",
            # A send that times out on a loaded machine is retried within the deadline
            # (the default first retry is 30 s away).
            "MONITOR_ALERTS__BACKOFF_BASE_S": "0.2",
            "MONITOR_ALERTS__BACKOFF_MAX_S": "1",
        }
        env.pop("MONITOR_CONFIG", None)
        cfg = AlertsConfig(
            console=False,
            smtp_host="127.0.0.1",
            email_to=("d@x.org",),
            webhook_urls=(hook.url,),
            webhook_allow_hosts=("127.0.0.1",),
        )
        db = open_database(db_url)
        store_article(
            db,
            "all",
            datetime(2025, 9, 1, tzinfo=UTC),
            [Said(c, "willing") for c in COUNTRIES],
            alerts=routing_from(cfg),
            now=datetime.now(UTC),
        )
        total = 2 * len(COUNTRIES)

        def start() -> subprocess.Popen[bytes]:
            return subprocess.Popen(
                [sys.executable, "-m", "monitor", "alerts", "dispatch"],
                cwd=tmp_path,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )

        kills = 0
        for round_ in range(KILLS):
            proc = start()
            killer.arm(proc.pid, after=1 + round_ % 3)
            while not killer.killed.wait(0.05):
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() - started < DEADLINE_S, "no delivery reached a receiver"
                if delivery_counts(db) == {"sent": total}:
                    break
            if not killer.killed.is_set():  # everything went out before this kill
                proc.terminate()
                proc.wait(5)
                break
            assert proc.wait(5) == -signal.SIGKILL
            kills += 1

        proc = start()  # the last run, left alone, delivers the rest
        try:
            while delivery_counts(db) != {"sent": total}:
                assert time.monotonic() - started < DEADLINE_S, delivery_counts(db)
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.05)
        finally:
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(10) == 0  # a clean stop on SIGTERM
        with db.session() as s:
            keys = {(d.channel, d.event_id): d.key for d in s.scalars(select(Delivery))}
        db.dispose()

    assert kills >= 2, "the test must actually kill the dispatcher mid-delivery"
    assert all(r.verified for r in hook.received)
    hook_ids: dict[int, set[str]] = defaultdict(set)
    for r in hook.received:
        hook_ids[r.json["data"]["alert_id"]].add(r.webhook_id)
    mail_ids: dict[int, set[str]] = defaultdict(set)
    for m in smtp.messages:
        mail_ids[int(str(m["X-Monitor-Alerts"]))].add(str(m["Message-ID"]))
    events = {event for _, event in keys}
    assert set(hook_ids) == events and set(mail_ids) == events  # every alert arrived
    for event in events:  # and every repeat carried the same id
        assert hook_ids[event] == {keys[("webhook", event)]}
        assert mail_ids[event] == {f"<{keys[('email', event)]}@localhost>"}
    repeats = len(hook.received) + len(smtp.messages) - total
    assert repeats >= kills  # each kill left one delivery unacknowledged
