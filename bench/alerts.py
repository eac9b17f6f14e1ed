"""Stance tracking and alert delivery throughput on a fresh SQLite file.

1. tracking: observations stored through `save_classification` with alert routing (the
   tracker and the outbox run in the same transaction), articles per second;
2. dispatch: deliveries claimed, sent to a signed webhook on 127.0.0.1, and marked sent,
   per second.

Usage: python bench/alerts.py [N]   (default 300 articles, 3 countries each)
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.alerts import dispatch_once, open_channels, routing_from
from monitor.alerts.retry import RetryPolicy
from monitor.settings import AlertsConfig
from monitor.store import open_database
from monitor.store.outbox import delivery_counts
from tests.alerts.builders import Said, store_article

COUNTRIES = ["PL", "DE", "FR", "GB", "IT", "ES", "CA", "JP", "EE", "NO", "FI", "BE"]
STANCES = ["willing", "open", "undecided", "declined"]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the dispatcher sends a batch at once


class _Ok(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real receivers do

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", "0")))
        self.send_response(200)
        self.send_header("content-length", "0")
        self.end_headers()


async def main(n: int) -> None:
    server = _Server(("127.0.0.1", 0), _Ok)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    cfg = AlertsConfig(
        console=False,
        webhook_urls=(url,),
        webhook_secret="bench",
        webhook_allow_hosts=(f"127.0.0.1:{server.server_address[1]}",),
    )
    routing = routing_from(cfg)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{tmp}/bench.db")
        t0 = datetime(2025, 1, 1, tzinfo=UTC)
        started = time.perf_counter()
        for i in range(n):
            says = [
                Said(COUNTRIES[(i + k) % len(COUNTRIES)], STANCES[(i // 7 + k) % 4], 0.85)
                for k in range(3)
            ]
            store_article(db, f"b{i}", t0 + timedelta(hours=i), says, alerts=routing)
        tracked = time.perf_counter() - started
        deliveries = sum(delivery_counts(db).values())
        print(f"tracking: {n} articles, {3 * n} observations in {tracked:.2f}s "
              f"= {n / tracked:.0f} articles/s; {deliveries} deliveries queued")  # fmt: skip
        started = time.perf_counter()
        async with open_channels(cfg) as channels:
            while (await dispatch_once(db, channels, RetryPolicy(), clock=_later)).claimed:
                pass
        sent = time.perf_counter() - started
        assert delivery_counts(db) == {"sent": deliveries}
        print(f"dispatch: {deliveries} signed webhooks in {sent:.2f}s "
              f"= {deliveries / sent:.0f} deliveries/s")  # fmt: skip
        db.dispose()
    server.shutdown()


def _later() -> datetime:
    return datetime.now(UTC) + timedelta(minutes=5)  # everything queued is due


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
