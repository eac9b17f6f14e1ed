"""Crash test (issue 14): SIGKILL `monitor run` 20 times during ingest and delivery, then
check that every story listed was stored once and every alert delivered at least once.

Five local feeds list 16 stories (each a new country's stance, pages fetched), revealed
a few at a time; a signed webhook receiver answers slowly so that kills land mid-delivery
too. Leases are short (poll deadline 3 s + 1 s, delivery 3 x a 1 s send timeout) so that
each restarted worker takes over at once. Bounded: 20 kills, then one clean run.

Usage: python bench/crash.py [--kills N] [--database URL]
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select  # noqa: E402

from bench.reveal_latency import COUNTRIES, SECRET, Room  # noqa: E402
from monitor.store import open_database  # noqa: E402
from monitor.store.models import Article  # noqa: E402
from tests.alerts.servers import Received, WebhookReceiver  # noqa: E402
from tests.support.httpserver import HttpServer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--database", default=None)
    args = parser.parse_args()
    rng = random.Random(14)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp, HttpServer() as server:
        root = Path(tmp)
        db_url = args.database or f"sqlite:///{root}/crash.db"
        room = Room(server, feeds=5)
        feeds_dir = root / "feeds"
        feeds_dir.mkdir()
        for i in range(5):
            (feeds_dir / f"f{i}.toml").write_text(
                f'name = "f{i}"\nurl = "{server.url(f"/f{i}.xml")}"\nkind = "rss"\n'
                'interval = "1s"\nallow_private = true\n'
            )
        with WebhookReceiver(SECRET.encode()) as hook:
            armed: list[int] = []  # the pid to kill on the next webhook request
            mid_send = threading.Event()

            def on_request(_got: Received) -> None:
                if armed:
                    os.kill(armed.pop(), signal.SIGKILL)  # before the answer: mid-delivery
                    mid_send.set()

            hook.before_reply = on_request
            env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
            env.update(
                MONITOR_DATABASE_URL=db_url,
                MONITOR_FEEDS_DIR=str(feeds_dir),
                MONITOR_WEB_ENABLED="false",
                MONITOR_LOG_LEVEL="WARNING",
                MONITOR_ALERTS__CONSOLE="false",
                MONITOR_ALERTS__WEBHOOK_URLS=hook.url,
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

            def start() -> subprocess.Popen[bytes]:
                return subprocess.Popen(
                    [sys.executable, "-m", "monitor", "run"],
                    cwd=root,
                    env=env,
                    stdout=(root / "worker.log").open("ab"),
                    stderr=subprocess.STDOUT,
                )

            stories = len(COUNTRIES)
            revealed = sends = 0
            for k in range(args.kills):
                if revealed < stories:
                    room.reveal(revealed % 5, revealed)
                    revealed += 1
                worker = start()
                if k % 2:
                    # Killed while a delivery waits for its answer (or after 20 s anyway).
                    mid_send.clear()
                    armed[:] = [worker.pid]
                    mid_send.wait(20)
                    armed.clear()
                    sends += mid_send.is_set()
                else:
                    # Start-up takes a few seconds; then the kill lands mid-ingest.
                    time.sleep(rng.uniform(4.5, 8.0))
                worker.kill()
                worker.wait()
                print(
                    f"  kill {k + 1}: {revealed} stories revealed, "
                    f"{len(hook.received)} webhook requests so far",
                    flush=True,
                )
            while revealed < stories:
                room.reveal(revealed % 5, revealed)
                revealed += 1
            worker = start()
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                codes = {r.json["data"]["country"]["code"] for r in hook.received}
                if len(codes) >= stories:
                    break
                time.sleep(0.5)
            time.sleep(2)
            worker.terminate()
            worker.wait(timeout=60)
            codes = {r.json["data"]["country"]["code"] for r in hook.received}
            ids = [r.webhook_id for r in hook.received]
        db = open_database(db_url, migrate=False)
        with db.session() as s:
            urls = list(s.scalars(select(Article.url)))
            total = s.scalar(select(func.count()).select_from(Article))
        story_urls = [u for u in urls if "/s/" in u]
        expected = {code for _name, code in COUNTRIES}
        print(
            f"crash: {args.kills} SIGKILLs during ingest and delivery, "
            f"{time.monotonic() - started:.0f} s"
        )
        print(
            f"  stories stored {len(set(story_urls))} of {stories}, rows {total} "
            f"(duplicates {len(urls) - len(set(urls))})"
        )
        print(
            f"  alerts delivered {len(codes & expected)} of {len(expected)} countries, "
            f"{len(ids)} requests, {len(ids) - len(set(ids))} repeats (same webhook-id)"
        )
        ok = len(set(story_urls)) == stories and len(urls) == len(set(urls)) and codes >= expected
        print("  OK" if ok else "  FAILED")
        if not ok:
            sys.exit(1)


if __name__ == "__main__":
    main()
