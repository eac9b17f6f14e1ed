"""The console channel: one log line per alert (the default), or each alert's whole text
on standard output (`alerts.console = "full"`)."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from monitor.alerts.message import Outgoing

log = logging.getLogger("monitor.alerts")


class ConsoleChannel:
    def __init__(self, stream: TextIO | None = None, *, name: str = "console", full: bool = False):
        self._stream = stream
        self._name = name
        self._full = full

    @property
    def name(self) -> str:
        return self._name

    async def send(self, message: Outgoing) -> None:
        if not self._full and self._stream is None:
            # One line among the service's log lines, not a block of text in the middle.
            log.info(message.subject, extra={"alert_key": message.key})
            return
        # Looked up at send time, so a redirected stdout (tests, daemons) is honoured.
        stream = self._stream or sys.stdout
        stream.write(f"=== {message.subject} [{message.key}]\n")
        if self._full:
            stream.write(f"{message.text}\n")
        stream.flush()
