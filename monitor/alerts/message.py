"""What a channel sends: one rendered message, and the interface every channel has."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A rendered alert or digest; identical on every attempt, so receivers can dedupe."""

    key: str  # idempotency key: the webhook-id and the Message-ID's local part
    subject: str
    text: str
    html: str
    payload: bytes  # the JSON body of webhooks
    created_at: datetime  # the Date of the email: when the alert was decided
    alert_ids: tuple[int, ...] = ()  # the alerts it carries (several in a digest)


class Channel(Protocol):
    """An alert channel. `send` returns on success and raises DeliveryError otherwise."""

    @property
    def name(self) -> str: ...

    async def send(self, message: Outgoing) -> None: ...
