"""`monitor run` (scheduler, dispatcher and the real web app on 127.0.0.1) while every
hostile feed of the corpus is polled again and again: a control feed due every 2 s keeps
its cadence and /healthz keeps answering fast.

Margins: the targets are a 2 s +- 1 s cadence and 200 ms answers. The assertions take
the median against those targets and the worst case against a bound a blocked loop
cannot meet (a parse on the loop held it for 9 s), so a loaded machine does not fail
the test but a stall does. The figures are printed (pytest -s) for the record.
"""

from __future__ import annotations

import itertools
import socket
import statistics
import threading
import time
from pathlib import Path

import httpx

from tests.hostile.corpus import serve
from tests.support.httpserver import HttpServer, Reply, Request
from tests.support.workers import WorkerPool

WINDOW_S = 24.0  # several rounds of the corpus: its slowest attack takes 6 s
CONTROL = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>C</title>'
    b"<item><title>w</title><link>http://127.0.0.1/w</link><guid>w</guid></item>"
    b"</channel></rss>"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _feed(
    feeds: Path,
    name: str,
    url: str,
    allow: str,
    kind: str = "rss",
    pages: bool = False,
    interval: str = "5s",
) -> None:
    (feeds / f"{name}.toml").write_text(
        f'name = "{name}"\nurl = "{url}"\nkind = "{kind}"\ninterval = "{interval}"\n'
        f'fetch_pages = {str(pages).lower()}\nallow_hosts = ["{allow}"]\n'
    )


def _nested_pages(server: HttpServer) -> str:
    """A feed whose articles take the extractor minutes each (nested markup): past the
    extraction budget, each is a parse_error, and it must not stall anything else."""
    nested = "<html><body>" + "<div>" * 30_000 + "x" + "</div>" * 30_000 + "</body></html>"
    items = ""
    for i in range(3):
        server.route(
            f"/nested/{i}", Reply(body=nested.encode(), headers=(("Content-Type", "text/html"),))
        )
        link = server.url(f"/nested/{i}")
        items += f"<item><title>n{i}</title><link>{link}</link><guid>{i}</guid></item>"
    body = f'<rss version="2.0"><channel><title>N</title>{items}</channel></rss>'.encode()
    server.route(
        "/nested.xml", Reply(body=body, headers=(("Content-Type", "application/rss+xml"),))
    )
    server.route("/robots.txt", Reply(status=404))
    return server.url("/nested.xml")


def test_control_feed_cadence_and_healthz_while_hostile_feeds_are_polled(
    server: HttpServer, tmp_path: Path
) -> None:
    cases = serve(server)
    stamps: list[float] = []
    lock = threading.Lock()

    def control(_r: Request) -> Reply:
        with lock:
            stamps.append(time.monotonic())
        return Reply(body=CONTROL, headers=(("Content-Type", "application/rss+xml"),))

    server.route("/control", control)
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    allow = f"127.0.0.1:{server.port}"
    for case in cases:
        _feed(feeds, case.name, server.url(f"/{case.name}"), allow, str(case.kind))
    _feed(feeds, "control", server.url("/control"), allow, interval="2s")
    _feed(feeds, "nested", _nested_pages(server), allow, pages=True)
    port = _free_port()
    settings = {
        "web_enabled": True,
        "web_port": port,
        "fetch": {
            "connect_timeout_s": 3,
            "read_timeout_s": 2,
            "total_timeout_s": 6,
            "max_bytes": 1024 * 1024,
            "max_connections": 100,
            "per_host_concurrency": 100,
        },
        "scheduler": {"min_private_interval_s": 1},
        "poll_concurrency": 100,
    }
    with WorkerPool(tmp_path, f"sqlite:///{tmp_path / 'm.db'}", feeds, **settings) as pool:
        worker = pool.start("a")
        worker.wait_started(timeout_s=120)
        latencies: list[float] = []
        with httpx.Client(timeout=10) as client:
            health = f"http://127.0.0.1:{port}/healthz"
            _wait_for_web(client, health)
            # From the control feed's second poll: the first parses wait for the worker
            # processes to start (the forkserver imports the parsers once, seconds when
            # the machine is loaded); what is measured is the steady state under attack.
            for _ in range(600):
                with lock:
                    if len(stamps) >= 2:
                        break
                time.sleep(0.1)
            begin = time.monotonic()
            while time.monotonic() - begin < WINDOW_S:
                t0 = time.perf_counter()
                try:
                    ok = client.get(health).status_code == 200
                except httpx.TimeoutException:
                    ok = False  # no answer within 10 s: the loop is blocked
                latencies.append(time.perf_counter() - t0 if ok else float("inf"))
                time.sleep(0.1)
        hostile_hits = server.hits() - len(stamps)
        worker.terminate()
        assert worker.wait(timeout_s=60) == 0
    with lock:
        polled = [t for t in stamps if begin <= t]
    gaps = [b - a for a, b in itertools.pairwise(polled)]
    print(
        f"\ncontrol gaps s: median {statistics.median(gaps):.2f} max {max(gaps):.2f} "
        f"n {len(gaps)}; healthz ms: median {1000 * statistics.median(latencies):.0f} "
        f"p95 {1000 * sorted(latencies)[int(0.95 * len(latencies))]:.0f} "
        f"max {1000 * max(latencies):.0f} n {len(latencies)}; hostile requests {hostile_hits}"
        f"\ngaps {[round(g, 2) for g in gaps]}"
    )
    assert hostile_hits > 1.5 * len(cases)  # the corpus was polled again meanwhile
    assert "Traceback" not in worker.text(), worker.text()[-3000:]
    assert server.hits("/nested/0") >= 1  # the slow pages were fetched (and extracted)
    assert 1.0 <= statistics.median(gaps) <= 3.0, gaps
    # Target 3 s; a blocked loop gives 9 s and more. The margin is for a loaded machine
    # (4.008 s seen at load 14); the gaps are printed above for the record.
    assert max(gaps) < 6.0, gaps
    assert len(polled) >= WINDOW_S / 3.0, polled
    assert statistics.median(latencies) < 0.2, latencies
    assert max(latencies) < 2.0, latencies


def _wait_for_web(client: httpx.Client, url: str) -> None:
    for _ in range(300):
        try:
            if client.get(url).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} never answered")
