"""The Apprise channel: one Apprise URL per channel (slack://, msteams://, discord://,
tgram://, matrix://, ntfy://, mailto://, json://, ...), so each target has its own
delivery rows, retries and dead letters in the outbox.

Apprise is synchronous (requests underneath): each send runs in a thread, within the
send timeout, so the event loop (web UI, polling) never waits on a slow target. Apprise
is imported only when an Apprise URL is configured: it loads a plugin per service."""

from __future__ import annotations

import asyncio
from typing import Any

from monitor.alerts.message import Outgoing
from monitor.errors import ConfigError, DeliveryError


def load_target(url: str, *, key: str) -> Any:
    """The Apprise plugin for one URL; ConfigError (naming the setting, not the URL, which
    may carry a token) when Apprise does not know or cannot parse it."""
    import apprise

    target = apprise.Apprise.instantiate(url)
    if target is None:
        scheme = url.partition("://")[0] if "://" in url else "(none)"
        raise ConfigError(f"not an Apprise URL Apprise can use (scheme {scheme!r})", key=key)
    return target


class AppriseChannel:
    def __init__(self, url: str, *, name: str = "apprise", timeout_s: float = 30.0):
        self._target = load_target(url, key=f"alerts.apprise_urls ({name})")
        # Logs and errors show the URL with its secrets masked.
        self.safe_url = str(self._target.url(privacy=True))
        self._name = name
        self._timeout_s = timeout_s

    @property
    def name(self) -> str:
        return self._name

    def _send_blocking(self, message: Outgoing) -> None:
        import apprise

        notifier = apprise.Apprise()
        notifier.add(self._target)
        problems: list[str] = []

        def collect(entry: Any, _plugin: Any) -> None:
            if str(entry.level) in ("WARNING", "ERROR", "CRITICAL"):  # why the send failed
                problems.append(str(entry.message))

        ok = notifier.notify(
            body=message.text,
            title=message.subject,
            body_format=apprise.NotifyFormat.TEXT,
            timeout=self._timeout_s,
            log_callback=collect,
        )
        if not ok:
            why = "; ".join(problems[-3:]) or "the target refused the notification"
            # Apprise does not say whether a failure is lasting: retry until max_attempts.
            raise DeliveryError(f"apprise {self.safe_url}: {why}", transient=True)

    async def send(self, message: Outgoing) -> None:
        await asyncio.to_thread(self._send_blocking, message)
