"""A real HTTP/1.1 server for tests: a route table served from a background thread.

    server = HttpServer()            # 127.0.0.1, a free port
    server.route("/feed.xml", static(b"<rss/>", content_type="application/rss+xml",
                                     etag='"v1"'))
    server.route("/old", redirect("/feed.xml", status=301))
    with server:
        url = server.url("/feed.xml")
        ...
    assert server.hits("/feed.xml") == 1

A route is a `Reply` (always the same answer) or a function from `Request` to `Reply`.
Every request is recorded. Replies can be gzipped, dripped slowly, or sent without a
Content-Length (the connection is then closed to end the body).
"""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import MappingProxyType, TracebackType
from urllib.parse import urlsplit

_NO_BODY_STATUSES = frozenset({204, 304})


@dataclass(frozen=True, slots=True)
class Request:
    """One request as the server received it (header names lower-cased)."""

    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    server_address: str  # the local address the request arrived on

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer. `chunks` (when given) are sent one by one, `chunk_delay_s` apart."""

    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    chunks: tuple[bytes, ...] | None = None
    chunk_delay_s: float = 0.0
    declare_length: bool = True

    @property
    def parts(self) -> tuple[bytes, ...]:
        return self.chunks if self.chunks is not None else (self.body,)


Handler = Callable[[Request], Reply]


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def status(code: int, *, headers: Iterable[tuple[str, str]] = (), body: bytes = b"") -> Reply:
    return Reply(status=code, headers=tuple(headers), body=body)


def redirect(location: str, *, status: int = 302) -> Reply:
    return Reply(status=status, headers=(("Location", location),))


def drip(body: bytes, *, every_s: float, chunk_size: int = 1, declare_length: bool = True) -> Reply:
    """A body sent `chunk_size` bytes at a time, `every_s` seconds apart."""
    chunks = tuple(body[i : i + chunk_size] for i in range(0, len(body), chunk_size))
    return Reply(chunks=chunks, chunk_delay_s=every_s, declare_length=declare_length)


def http_date(when: float) -> str:
    return email.utils.formatdate(when, usegmt=True)


def static(
    body: bytes,
    *,
    content_type: str = "text/plain; charset=utf-8",
    etag: str | None = None,
    last_modified: str | None = None,
    compress: bool = False,
    headers: Iterable[tuple[str, str]] = (),
) -> Handler:
    """A resource with validators: answers 304 to a matching conditional GET."""
    payload = gzip_bytes(body) if compress else body
    base = [("Content-Type", content_type), *headers]
    if etag:
        base.append(("ETag", etag))
    if last_modified:
        base.append(("Last-Modified", last_modified))
    if compress:
        base.append(("Content-Encoding", "gzip"))

    def handle(request: Request) -> Reply:
        inm = request.header("If-None-Match")
        ims = request.header("If-Modified-Since")
        if (etag and inm and etag in [t.strip() for t in inm.split(",")]) or (
            not inm and last_modified and ims == last_modified
        ):
            return Reply(status=304, headers=tuple(h for h in base if h[0] != "Content-Type"))
        return Reply(headers=tuple(base), body=payload)

    return handle


@dataclass(slots=True)
class _State:
    routes: dict[str, Handler | Reply] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    connections: set[socket.socket] = field(default_factory=set)
    accepted: list[tuple[str, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # many clients connecting at once (the hostile corpus)

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up mid-drip are expected in these tests


class HttpServer:
    """A threaded HTTP/1.1 server bound to `host` (IPv4 or IPv6 literal) and `port`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self._state = _State()
        handler = _make_handler(self._state)
        server_class = type(
            "_BoundServer",
            (_Server,),
            {"address_family": socket.AF_INET6 if ":" in host else socket.AF_INET},
        )
        self._server = server_class((host, port), handler)
        self.port: int = self._server.server_address[1]
        self._thread: threading.Thread | None = None

    # -- routes and what was received -------------------------------------------------

    def route(self, path: str, answer: Handler | Reply) -> None:
        with self._state.lock:
            self._state.routes[path] = answer

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def url(self, path: str = "/") -> str:
        return self.base_url + path

    @property
    def requests(self) -> list[Request]:
        with self._state.lock:
            return list(self._state.requests)

    @property
    def connections_seen(self) -> list[tuple[str, int]]:
        """Client address of every connection accepted, in order."""
        with self._state.lock:
            return list(self._state.accepted)

    def hits(self, path: str | None = None) -> int:
        return sum(1 for r in self.requests if path is None or r.path == path)

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> HttpServer:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._state.stopping.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()
        self.drop_connections()  # wakes handler threads parked on idle keep-alive reads

    def drop_connections(self) -> None:
        """Close every open client connection, as a server does to idle keep-alives."""
        with self._state.lock:
            connections = list(self._state.connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> HttpServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _make_handler(state: _State) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 30  # an abandoned keep-alive connection frees its thread eventually

        def setup(self) -> None:
            super().setup()
            with state.lock:
                state.connections.add(self.connection)
                state.accepted.append((str(self.client_address[0]), int(self.client_address[1])))

        def finish(self) -> None:
            with state.lock:
                state.connections.discard(self.connection)
            with contextlib.suppress(OSError):
                super().finish()

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self._serve(send_body=True)

        def do_HEAD(self) -> None:
            self._serve(send_body=False)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            self._serve(send_body=True)

        def _serve(self, *, send_body: bool) -> None:
            parts = urlsplit(self.path)
            request = Request(
                method=self.command,
                path=parts.path,
                query=parts.query,
                headers=MappingProxyType({k.lower(): v for k, v in self.headers.items()}),
                server_address=str(self.connection.getsockname()[0]),
            )
            with state.lock:
                state.requests.append(request)
                answer = state.routes.get(parts.path)
            if answer is None:
                reply = Reply(status=404, body=b"not found")
            elif isinstance(answer, Reply):
                reply = answer
            else:
                reply = answer(request)
            try:
                self._send(reply, send_body=send_body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True

        def _send(self, reply: Reply, *, send_body: bool) -> None:
            parts = reply.parts
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            if reply.status not in _NO_BODY_STATUSES:
                if reply.declare_length:
                    self.send_header("Content-Length", str(sum(len(p) for p in parts)))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
            self.end_headers()
            if not send_body or reply.status in _NO_BODY_STATUSES:
                return
            for index, part in enumerate(parts):
                stopped = index and state.stopping.wait(reply.chunk_delay_s)
                if stopped:  # the server is shutting down: stop dripping
                    self.close_connection = True
                    return
                self.wfile.write(part)
                self.wfile.flush()

    return _Handler


def wait_until(predicate: Callable[[], bool], timeout_s: float = 5.0) -> bool:
    """Poll `predicate` until true or `timeout_s` passes (for server-side effects)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()
