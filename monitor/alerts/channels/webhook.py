"""The webhook channel: a JSON POST signed the Standard Webhooks way (webhook-id,
webhook-timestamp, webhook-signature), with a Slack-compatible `text` field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import httpx

from monitor.alerts.message import Outgoing
from monitor.alerts.signing import sign
from monitor.errors import DeliveryError
from monitor.fetch.retry import parse_retry_after

USER_AGENT = "monitor-alerts/0.1"
# Worth retrying: the receiver may recover. Other 4xx answers will not change by waiting.
_TRANSIENT_4XX = frozenset({408, 409, 425, 429})


def _utcnow() -> datetime:
    return datetime.now(UTC)


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
            response = await self._client.post(
                self.url, content=message.payload, headers=self.headers(message)
            )
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise DeliveryError(f"bad webhook URL {self.url}: {exc}", transient=False) from exc
        except httpx.TimeoutException as exc:
            raise DeliveryError(f"webhook timed out ({self.url})") from exc
        except httpx.HTTPError as exc:
            raise DeliveryError(f"webhook {type(exc).__name__} ({self.url}): {exc}") from exc
        status = response.status_code
        if 200 <= status < 300:
            return
        retry_after = parse_retry_after(response.headers.get("retry-after"), self._clock())
        transient = status >= 500 or status in _TRANSIENT_4XX
        raise DeliveryError(
            f"webhook answered HTTP {status} ({self.url})",
            transient=transient,
            retry_after=retry_after,
        )
