"""The hostile corpus inside a network namespace that has only loopback.

`test_netns_corpus.py` starts this as `unshare -n python -m tests.hostile.netns_corpus`.
It brings `lo` up and puts the private, CGNAT and metadata addresses the attacks
redirect to on it, each with a listener, plus a second loopback listener (port 9, where
the corpus's other-port, octal and IPv6-loopback redirects point) and one on [::1]:9.
The corpus server is the only allow-listed host:port. Then it polls every case through
the real ingest flow into a SQLite file, follows article links and robots.txt to the
second listener, posts a webhook to it, and prints one JSON object:
{"cases": {name: {"expected", "kind", "error", "warnings"}}, "hits": {listener: n},
 "links": {...}, "webhook": {...}}. Even a broken guard reaches nothing but these servers.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from monitor.alerts import open_channels
from monitor.alerts.message import Outgoing
from monitor.errors import DeliveryError, ErrorKind
from monitor.fetch import Fetcher
from monitor.ingest import IngestOptions, Ingestor
from monitor.records import FeedDef, FeedKind
from monitor.settings import AlertsConfig
from monitor.store import open_database
from monitor.store.feeds import feed_statuses, sync_feeds
from monitor.store.page_errors import page_errors
from tests.hostile.corpus import HOSTILE_SETTINGS, serve
from tests.support.httpserver import HttpServer, Reply

# Where the corpus's redirects point; each gets a listener that must see nothing.
TARGETS = {
    "second": ("127.0.0.1", 9),
    "loopback6": ("::1", 9),
    "private": ("10.0.0.1", 80),
    "cgnat": ("100.64.0.1", 80),
    "metadata": ("169.254.169.254", 80),
}


def set_up_network() -> None:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    for name in ("private", "cgnat", "metadata"):
        subprocess.run(["ip", "addr", "add", f"{TARGETS[name][0]}/32", "dev", "lo"], check=True)


def start_targets() -> dict[str, HttpServer]:
    body = b"<rss version='2.0'><channel><title>reached</title></channel></rss>"
    servers = {}
    for name, (host, port) in TARGETS.items():
        server = servers[name] = HttpServer(host=host, port=port)
        for path in ("/", "/robots.txt", "/latest/meta-data/", "/hook", "/page"):
            server.route(path, Reply(body=body, headers=(("Content-Type", "text/xml"),)))
        server.start()
    return servers


def link_feed(corpus: HttpServer) -> bytes:
    """A feed on the allow-listed server whose articles are on the second listener."""
    second = "http://127.0.0.1:9"
    items = "".join(
        f"<item><title>t{i}</title><link>{link}</link><guid>{i}</guid></item>"
        for i, link in enumerate((f"{second}/page", "http://[::1]:9/page", "http://10.0.0.1/"))
    )
    return f'<rss version="2.0"><channel><title>L</title>{items}</channel></rss>'.encode()


async def poll(corpus: HttpServer, db_url: str) -> dict[str, Any]:
    cases = serve(corpus)
    corpus.route("/links", Reply(body=link_feed(corpus), headers=(("Content-Type", "text/xml"),)))
    allow = (f"127.0.0.1:{corpus.port}",)
    feeds = [
        FeedDef(
            name=c.name,
            url=corpus.url(f"/{c.name}"),
            kind=c.kind,
            fetch_pages=False,
            allow_hosts=allow,
        )
        for c in cases
    ]
    links = FeedDef(name="links", url=corpus.url("/links"), kind=FeedKind.RSS, allow_hosts=allow)
    db = open_database(db_url)
    sync_feeds(db, [*feeds, links], datetime.now(UTC))
    async with Fetcher(HOSTILE_SETTINGS) as fetcher:
        reports = await Ingestor(db, fetcher, IngestOptions(respect_robots=False)).poll_due(
            feeds, owner="netns", limit=16, force=True
        )
        # Article links and robots.txt go through the same allow-list as the feed.
        await Ingestor(db, fetcher, IngestOptions(respect_robots=True)).poll_due(
            [links], owner="netns", force=True
        )
    states = feed_statuses(db)
    out = {
        c.name: {
            "expected": str(c.expected) if c.expected is not None else None,
            "kind": states[c.name].last_error_kind,
            "error": states[c.name].last_error,
            "warnings": states[c.name].last_warnings,
        }
        for c in cases
    }
    pages = {e.url: e.kind for e in page_errors(db, feed="links")}
    internal = [r.feed for r in reports if r.error_kind is ErrorKind.INTERNAL_ERROR]
    db.dispose()
    return {"cases": out, "links": pages, "internal": internal}


async def post_webhook(corpus: HttpServer) -> dict[str, str]:
    """A webhook URL on the second listener, with only the corpus server allow-listed."""
    cfg = AlertsConfig.model_validate(
        {
            "console": "off",
            "webhook_urls": "http://127.0.0.1:9/hook,http://[::1]:9/hook",
            "webhook_allow_hosts": f"127.0.0.1:{corpus.port}",
        }
    )
    now = datetime.now(UTC)
    message = Outgoing("k1", "s", "t", "<p>t</p>", b"{}", now)
    outcome = {}
    async with open_channels(cfg) as channels:
        for name in ("webhook", "webhook2"):
            try:
                await channels[name].send(message)
                outcome[name] = "sent"
            except DeliveryError as exc:
                outcome[name] = str(exc.kind)
    return outcome


def main() -> None:
    set_up_network()
    targets = start_targets()
    try:
        with HttpServer() as corpus, tempfile.TemporaryDirectory() as tmp:
            result = asyncio.run(poll(corpus, f"sqlite:///{Path(tmp) / 'netns.db'}"))
            result["webhook"] = asyncio.run(post_webhook(corpus))
            result["corpus_hits"] = corpus.hits()
    finally:
        for server in targets.values():
            server.stop()
    result["hits"] = {name: len(s.connections_seen) for name, s in targets.items()}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
