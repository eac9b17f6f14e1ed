"""The webhook channel: a JSON POST signed the Standard Webhooks way (webhook-id,
webhook-timestamp, webhook-signature), with a Slack-compatible `text` field.

Receivers are not trusted: the client goes through the fetcher's address guard (the
`alerts.webhook_allow_hosts` allow-list), at most RESPONSE_PEEK_BYTES of an answer are
read, headers past 64 KB are a protocol error, a Retry-After is capped at an hour, and
410 Gone is permanent (the dispatcher disables the channel).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import httpx

from monitor.alerts.message import Outgoing
from monitor.alerts.signing import sign
from monitor.errors import DeliveryError, ErrorKind
from monitor.fetch.fetcher import MAX_HEADER_BYTES
from monitor.fetch.guard import AddressRefused
from monitor.fetch.retry import parse_retry_after

USER_AGENT = "monitor-alerts/0.1"
# Worth retrying: the receiver may recover. Other 4xx answers will not change by waiting.
_TRANSIENT_4XX = frozenset({408, 409, 425, 429})
# The body of an answer is only ever logged, never needed: a few KB say what went wrong,
# and a receiver streaming 50 MiB back costs no more than that.
RESPONSE_PEEK_BYTES = 4096


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _status_kind(status: int) -> ErrorKind:
    if status == 410:
        return ErrorKind.GONE
    if status == 429:
        return ErrorKind.HTTP_429
    return ErrorKind.HTTP_5XX if status >= 500 else ErrorKind.HTTP_4XX


class WebhookChannel:
    def __init__(
        self,
        url: str,
        client: httpx.AsyncClient,
        *,
        secret: bytes | None,
        name: str = "webhook",
        clock: Callable[[], datetime] = _utcnow,
    ):
        self.url = url
        self._client = client
        self._secret = secret
        self._name = name
        self._clock = clock

    @property
    def name(self) -> str:
        return self._name

    def headers(self, message: Outgoing) -> dict[str, str]:
        timestamp = int(self._clock().timestamp())
        headers = {
            "content-type": "application/json",
            "user-agent": USER_AGENT,
            "webhook-id": message.key,  # the same on every attempt: receivers dedupe on it
            "webhook-timestamp": str(timestamp),
        }
        if self._secret is not None:
            headers["webhook-signature"] = sign(
                self._secret, message.key, timestamp, message.payload
            )
        return headers

    async def send(self, message: Outgoing) -> None:
        try:
            async with self._client.stream(
                "POST", self.url, content=message.payload, headers=self.headers(message)
            ) as response:
                await _peek(response)
        except AddressRefused as exc:
            raise DeliveryError(
                f"webhook refused ({self.url}): {exc}",
                transient=False,
                kind=ErrorKind.BLOCKED_PRIVATE_ADDRESS,
            ) from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise DeliveryError(
                f"bad webhook URL {self.url}: {exc}", transient=False, kind=ErrorKind.BLOCKED_SCHEME
            ) from exc
        except httpx.TimeoutException as exc:
            raise DeliveryError(
                f"webhook timed out ({self.url})", kind=ErrorKind.TIMEOUT_READ
            ) from exc
        except httpx.ProtocolError as exc:
            raise DeliveryError(
                f"webhook {type(exc).__name__} ({self.url}): {exc}", kind=ErrorKind.PROTOCOL_ERROR
            ) from exc
        except httpx.HTTPError as exc:
            raise DeliveryError(f"webhook {type(exc).__name__} ({self.url}): {exc}") from exc
        self._judge(response)

    def _judge(self, response: httpx.Response) -> None:
        size = sum(len(k) + len(v) + 4 for k, v in response.headers.raw)
        if size > MAX_HEADER_BYTES:
            raise DeliveryError(
                f"webhook answered {size} bytes of headers ({self.url})",
                kind=ErrorKind.PROTOCOL_ERROR,
            )
        status = response.status_code
        if 200 <= status < 300:
            return
        retry_after = parse_retry_after(response.headers.get("retry-after"), self._clock())
        transient = status >= 500 or status in _TRANSIENT_4XX
        raise DeliveryError(
            f"webhook answered HTTP {status} ({self.url})",
            transient=transient,
            retry_after=retry_after,
            kind=_status_kind(status),
        )


async def _peek(response: httpx.Response) -> bytes:
    """At most RESPONSE_PEEK_BYTES of the body; the rest is never read."""
    seen = bytearray()
    async for chunk in response.aiter_raw():
        seen += chunk[: RESPONSE_PEEK_BYTES - len(seen)]
        if len(seen) >= RESPONSE_PEEK_BYTES:
            break
    return bytes(seen)
