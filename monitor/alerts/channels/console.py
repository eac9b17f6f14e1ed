"""The console channel: alerts written to standard output (and so to the service log)."""

from __future__ import annotations

import sys
from typing import TextIO

from monitor.alerts.message import Outgoing


class ConsoleChannel:
    def __init__(self, stream: TextIO | None = None, *, name: str = "console"):
        self._stream = stream
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    async def send(self, message: Outgoing) -> None:
        # Looked up at send time, so a redirected stdout (tests, daemons) is honoured.
        stream = self._stream or sys.stdout
        stream.write(f"=== {message.subject} [{message.key}]\n{message.text}\n")
        stream.flush()
