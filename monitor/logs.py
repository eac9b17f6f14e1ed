"""Logging set-up: text or one JSON object per line, with the `extra` fields kept."""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime

# uvicorn adds `color_message`, the message again with ANSI colours: never logged.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "color_message"}
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def plain(text: str) -> str:
    """Text without ANSI escape sequences: a log line is read in files and collectors too."""
    return _ANSI.sub("", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": plain(record.getMessage()),
        }
        out.update({k: plain(v) if isinstance(v, str) else v for k, v in _fields(record).items()})
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, default=str)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        base = super().format(record)
        fields = _fields(record)
        return plain(base + "".join(f" {k}={v}" for k, v in fields.items()))


def _fields(record: logging.LogRecord) -> dict[str, object]:
    """The `extra` fields of a record."""
    return {k: v for k, v in vars(record).items() if k not in _STANDARD}


def configure_logging(level: str = "INFO", *, json_lines: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter()
        if json_lines
        else TextFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
