"""Hostile webhook receivers: huge answers are not read, 410 is permanent, huge headers
and endless Retry-After are bounded, and a private receiver needs its allow-list entry."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from monitor.alerts.channels import WebhookChannel
from monitor.alerts.config import open_channels
from monitor.alerts.content import render_alert
from monitor.errors import DeliveryError, ErrorKind
from monitor.settings import AlertsConfig
from tests.alerts.servers import WebhookReceiver
from tests.alerts.test_channels import ALERT, KEY


class Flood:
    """Answers any request with a 200 and a 50 MiB body; counts the bytes it got out."""

    def __init__(self, head: bytes = b"") -> None:
        self.head = head
        self.sent = 0
        self._sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}/hook"
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        conn, _ = self._sock.accept()
        with conn:
            conn.recv(65536)
            size = 50 * 1024 * 1024
            conn.sendall(b"HTTP/1.1 200 OK\r\n" + self.head + b"Content-Length: %d\r\n\r\n" % size)
            chunk = b"x" * 65536
            try:
                for _ in range(size // len(chunk)):
                    conn.sendall(chunk)
                    self.sent += len(chunk)
            except OSError:
                pass  # the sender hung up, as it should

    def __enter__(self) -> Flood:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._thread.join(timeout=10)
        self._sock.close()


def config(url: str, *allow: str) -> AlertsConfig:
    return AlertsConfig(console=False, webhook_urls=(url,), webhook_allow_hosts=allow)


async def test_a_50_mib_answer_is_not_read() -> None:
    with Flood() as flood:
        async with open_channels(config(flood.url, "127.0.0.1")) as channels:
            await channels["webhook"].send(render_alert(ALERT, "k"))
    # What the kernel buffers took before the sender hung up, not 50 MiB.
    assert flood.sent < 16 * 1024 * 1024, flood.sent


async def test_a_private_receiver_off_the_allow_list_is_never_contacted() -> None:
    with WebhookReceiver(KEY) as receiver:
        port = int(receiver.url.split(":")[2].split("/")[0])
        async with open_channels(config(receiver.url, f"127.0.0.1:{port + 1}")) as channels:
            with pytest.raises(DeliveryError) as info:
                await channels["webhook"].send(render_alert(ALERT, "k"))
        assert info.value.kind is ErrorKind.BLOCKED_PRIVATE_ADDRESS
        assert not info.value.transient
        assert receiver.received == []
        async with open_channels(config(receiver.url, f"127.0.0.1:{port}")) as channels:
            await channels["webhook"].send(render_alert(ALERT, "k"))
        assert len(receiver.received) == 1


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver(KEY) as r:
        yield r


@pytest.mark.parametrize(
    ("reply", "kind", "transient", "retry_after"),
    [
        (410, ErrorKind.GONE, False, None),
        ((429, {"Retry-After": "9" * 20}), ErrorKind.HTTP_429, True, 3600.0),
        ((503, {"Retry-After": "Fri, 01 Jan 3000 00:00:00 GMT"}), ErrorKind.HTTP_5XX, True, 3600.0),
        (404, ErrorKind.HTTP_4XX, False, None),
        (
            (200, {f"X-Pad-{i}": "p" * 1000 for i in range(70)}),
            ErrorKind.PROTOCOL_ERROR,
            True,
            None,
        ),
    ],
)
async def test_hostile_answers_have_their_kind(
    receiver: WebhookReceiver,
    reply: int | tuple[int, dict[str, str]],
    kind: ErrorKind,
    transient: bool,
    retry_after: float | None,
) -> None:
    receiver.replies.append(reply)
    async with open_channels(config(receiver.url, "127.0.0.1")) as channels:
        channel = channels["webhook"]
        assert isinstance(channel, WebhookChannel)
        with pytest.raises(DeliveryError) as info:
            await channel.send(render_alert(ALERT, "k"))
    assert info.value.kind is kind
    assert info.value.transient is transient
    assert info.value.retry_after == retry_after
