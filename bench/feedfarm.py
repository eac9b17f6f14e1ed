"""A local server of N RSS feeds for the scale benchmark (stdlib, one process).

GET /f/<i>.xml answers the feed's current version with an ETag (304 when it matches);
every 60 s, 5% of the feeds get a new version with one new item. Each request is
appended to HITS_FILE as "<i> <monotonic seconds>". Prints its port on the first line.

Usage: python bench/feedfarm.py N HITS_FILE
"""

from __future__ import annotations

import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

N = int(sys.argv[1])
HITS = open(sys.argv[2], "a", buffering=1)  # noqa: SIM115 - open for the process's life
VERSIONS = [0] * N
LOCK = threading.Lock()


def feed_body(i: int, version: int) -> bytes:
    items = "".join(
        f"<item><title>Feed {i} story {v}</title><link>http://127.0.0.1/s/{i}/{v}</link>"
        f"<guid>{i}-{v}</guid><description>District {i} council report number {v}: the "
        f"budget for roads, schools and water was discussed and adopted for {2000 + v}."
        "</description></item>"
        for v in range(max(0, version - 4), version + 1)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {i}</title>'
        f"{items}</channel></rss>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        try:
            i = int(self.path.removeprefix("/f/").removesuffix(".xml"))
            version = VERSIONS[i]
        except (ValueError, IndexError):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        with LOCK:
            HITS.write(f"{i} {time.monotonic():.3f}\n")
        etag = f'"v{version}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        body = feed_body(i, version)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def churn() -> None:
    rng = random.Random(7)
    while True:
        time.sleep(60)
        for i in rng.sample(range(N), max(1, N // 20)):
            VERSIONS[i] += 1


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def main() -> None:
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    threading.Thread(target=churn, daemon=True).start()
    server.serve_forever(poll_interval=0.2)


if __name__ == "__main__":
    main()
