"""Real peers for the alert tests: an SMTP server (aiosmtpd) and a webhook receiver that
verifies every Standard Webhooks signature, both on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from monitor.alerts.signing import verify

USER, PASSWORD = "alerts", "s3cret-pw"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_certificate(directory: Path) -> tuple[Path, Path] | None:
    """A self-signed certificate for 127.0.0.1 (cert, key), or None without openssl."""
    openssl = shutil.which("openssl")
    if openssl is None:
        return None
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


class _Sink:
    def __init__(self, server: SmtpServer):
        self.server = server

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        if self.server.on_data is not None:
            self.server.on_data()
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        with self.server.lock:
            self.server.messages.append(msg)
        return "250 OK"


def _login(_server: Any, _session: Any, _envelope: Any, _mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535


@dataclass
class SmtpServer:
    """An SMTP server collecting messages. security: none | starttls | tls; with a
    certificate it also requires login (over TLS only, as aiosmtpd insists)."""

    port: int = field(default_factory=free_port)
    security: str = "none"
    certificate: tuple[Path, Path] | None = None
    on_data: Callable[[], None] | None = None
    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _controller: Controller | None = None

    def start(self) -> SmtpServer:
        kwargs: dict[str, Any] = {}
        if self.security != "none":
            assert self.certificate is not None
            ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            ctx.load_cert_chain(*self.certificate)
            kwargs = {"authenticator": _login, "auth_required": True}
            if self.security == "tls":
                # TLS below the protocol is invisible to aiosmtpd: let it offer AUTH anyway.
                kwargs.update(ssl_context=ctx, auth_require_tls=False)
            else:
                kwargs.update(tls_context=ctx, require_starttls=True)
        self._controller = Controller(_Sink(self), hostname="127.0.0.1", port=self.port, **kwargs)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass(frozen=True, slots=True)
class Received:
    webhook_id: str
    timestamp: str
    body: bytes
    verified: bool

    @property
    def json(self) -> Any:
        return json.loads(self.body)


class WebhookReceiver:
    """Answers POSTs with the queued statuses (then 200), verifying every signature.

    `before_reply` runs after a request is recorded and before it is answered: the crash
    test kills the sender there, mid-delivery."""

    def __init__(self, key: bytes, replies: list[int | tuple[int, dict[str, str]]] | None = None):
        self.key = key
        self.replies = list(replies or [])
        self.received: list[Received] = []
        self.before_reply: Callable[[Received], None] | None = None
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hook"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                body = self.rfile.read(length)
                if len(body) < length:
                    return  # the sender died mid-request: nothing was delivered
                msg_id = self.headers.get("webhook-id", "")
                ts = self.headers.get("webhook-timestamp", "")
                sig = self.headers.get("webhook-signature", "")
                ok = verify(receiver.key, msg_id, ts, body, sig, now=time.time())
                got = Received(msg_id, ts, body, ok)
                with receiver.lock:
                    receiver.received.append(got)
                    reply = receiver.replies.pop(0) if receiver.replies else 200
                if receiver.before_reply is not None:
                    receiver.before_reply(got)
                status, headers = reply if isinstance(reply, tuple) else (reply, {})
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("content-length", "0")
                    self.end_headers()
                except OSError:
                    pass  # the sender is gone (killed mid-delivery)

        return Handler

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
