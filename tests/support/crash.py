"""SIGKILLs of a real `monitor run` during ingest and delivery (issue 14), for
bench/crash.py (20 kills) and tests/test_crash_run.py (a bounded few).

Five local feeds list stories (each a new country's stance, pages fetched), revealed one
per run; a signed webhook receiver on 127.0.0.1 kills the worker on its next request,
before answering, so that kills land mid-delivery; the other runs are killed a few seconds
after start-up, mid-ingest. Leases are short (poll deadline 3 s + 1 s, delivery 3 x a 1 s
send timeout) so that each restarted worker takes over at once. After the kills one
clean run delivers the rest; then every story listed must be stored once and every
alert delivered at least once (repeats under the same webhook-id).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from bench.reveal_latency import COUNTRIES, SECRET, Room
from monitor.store import open_database
from monitor.store.models import Article
from tests.alerts.servers import Received, WebhookReceiver
from tests.support.httpserver import HttpServer

REPO = Path(__file__).resolve().parents[2]
FEEDS = 5


@dataclass(frozen=True, slots=True)
class CrashResult:
    kills: int
    mid_send: int  # kills that landed while a webhook request waited for its answer
    stories: int  # listed in the feeds
    stored: int  # distinct stories stored
    rows: int  # article rows (the stories and the feeds' one unrelated item)
    duplicates: int  # rows stored twice under one URL
    expected: int  # countries that must be alerted
    delivered: int  # of them, delivered at least once
    requests: int  # webhook requests received
    repeats: int  # requests repeating a webhook-id already received
    seconds: float

    @property
    def ok(self) -> bool:
        return (
            self.stored == self.stories and self.duplicates == 0 and self.delivered == self.expected
        )

    def lines(self) -> list[str]:
        return [
            f"crash: {self.kills} SIGKILLs during ingest and delivery ({self.mid_send} mid-"
            f"delivery), {self.seconds:.0f} s",
            f"  stories stored {self.stored} of {self.stories}, rows {self.rows} "
            f"(duplicates {self.duplicates})",
            f"  alerts delivered {self.delivered} of {self.expected} countries, "
            f"{self.requests} requests, {self.repeats} repeats (same webhook-id)",
            "  OK" if self.ok else "  FAILED",
        ]


def _env(root: Path, db_url: str, hook_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update(
        MONITOR_DATABASE_URL=db_url,
        MONITOR_FEEDS_DIR=str(root / "feeds"),
        MONITOR_WEB_ENABLED="false",
        MONITOR_LOG_LEVEL="WARNING",
        MONITOR_ALERTS__CONSOLE="false",
        MONITOR_ALERTS__WEBHOOK_URLS=hook_url,
        MONITOR_ALERTS__WEBHOOK_SECRET=SECRET,
        MONITOR_ALERTS__WEBHOOK_ALLOW_HOSTS="127.0.0.1",
        MONITOR_ALERTS__POLL_INTERVAL_S="0.2",
        MONITOR_ALERTS__SEND_TIMEOUT_S="1",
        MONITOR_ALERTS__BACKOFF_BASE_S="1",
        MONITOR_FETCH__RESPECT_ROBOTS="false",
        MONITOR_SCHEDULER__POLL_DEADLINE_S="3",
        MONITOR_SCHEDULER__LEASE_MARGIN_S="1",
        PYTHONPATH=str(REPO),
    )
    return env


class _Killer:
    """Kills the armed worker when the next webhook request arrives, before the answer."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid: int | None = None
        self.fired = threading.Event()

    def arm(self, pid: int) -> None:
        with self._lock:
            self._pid = pid
            self.fired.clear()

    def disarm(self) -> None:
        with self._lock:
            self._pid = None

    def __call__(self, _got: Received) -> None:
        with self._lock:
            if self._pid is not None:
                os.kill(self._pid, signal.SIGKILL)
                self._pid = None
                self.fired.set()


def run_crash(
    root: Path,
    db_url: str,
    *,
    kills: int,
    stories: int | None = None,
    ingest_kill_s: tuple[float, float] = (4.5, 8.0),
    send_wait_s: float = 20.0,
    final_wait_s: float = 90.0,
    log: Callable[[str], None] = print,
) -> CrashResult:
    """`kills` SIGKILLs (even ones mid-ingest after `ingest_kill_s` seconds, odd ones on
    the next webhook request or after `send_wait_s`), then one clean run."""
    rng = random.Random(14)
    started = time.monotonic()
    total = min(stories or len(COUNTRIES), len(COUNTRIES))
    feeds_dir = root / "feeds"
    feeds_dir.mkdir()
    with HttpServer() as server, WebhookReceiver(SECRET.encode()) as hook:
        room = Room(server, feeds=FEEDS)
        for i in range(FEEDS):
            (feeds_dir / f"f{i}.toml").write_text(
                f'name = "f{i}"\nurl = "{server.url(f"/f{i}.xml")}"\nkind = "rss"\n'
                'interval = "1s"\nallow_private = true\n'
            )
        killer = _Killer()
        hook.before_reply = killer
        env = _env(root, db_url, hook.url)

        def start() -> subprocess.Popen[bytes]:
            return subprocess.Popen(
                [sys.executable, "-m", "monitor", "run"],
                cwd=root,
                env=env,
                stdout=(root / "worker.log").open("ab"),
                stderr=subprocess.STDOUT,
            )

        revealed = mid_send = 0
        for k in range(kills):
            if revealed < total:
                room.reveal(revealed % FEEDS, revealed)
                revealed += 1
            worker = start()
            if k % 2:
                killer.arm(worker.pid)
                killer.fired.wait(send_wait_s)
                killer.disarm()
                mid_send += killer.fired.is_set()
            else:
                time.sleep(rng.uniform(*ingest_kill_s))  # start-up takes a few seconds
            worker.kill()
            worker.wait()
            log(f"  kill {k + 1}: {revealed} stories revealed, {len(hook.received)} requests")
        while revealed < total:
            room.reveal(revealed % FEEDS, revealed)
            revealed += 1
        expected = {code for _name, code in COUNTRIES[:total]}
        _final_run(start, hook, expected, final_wait_s)
        received = list(hook.received)
    return _result(db_url, received, expected, kills, mid_send, total, started)


def _codes(received: list[Received]) -> set[str]:
    return {str(r.json["data"]["country"]["code"]) for r in received}


def _final_run(
    start: Callable[[], subprocess.Popen[bytes]],
    hook: WebhookReceiver,
    expected: set[str],
    wait_s: float,
) -> None:
    worker = start()
    try:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline and not _codes(list(hook.received)) >= expected:
            time.sleep(0.2)
        time.sleep(1)  # a repeat in flight arrives too
    finally:
        worker.terminate()
        worker.wait(timeout=60)


def _result(
    db_url: str,
    received: list[Received],
    expected: set[str],
    kills: int,
    mid_send: int,
    stories: int,
    started: float,
) -> CrashResult:
    db = open_database(db_url, migrate=False)
    try:
        with db.session() as s:
            urls = list(s.scalars(select(Article.url)))
    finally:
        db.dispose()
    story_urls = {u for u in urls if "/s/" in u}
    ids = [r.webhook_id for r in received]
    return CrashResult(
        kills=kills,
        mid_send=mid_send,
        stories=stories,
        stored=len(story_urls),
        rows=len(urls),
        duplicates=len(urls) - len(set(urls)),
        expected=len(expected),
        delivered=len(_codes(received) & expected),
        requests=len(ids),
        repeats=len(ids) - len(set(ids)),
        seconds=time.monotonic() - started,
    )
