"""The fetcher's settings: one frozen value object, each field with a default and a help line."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from monitor.errors import ConfigError

DEFAULT_USER_AGENT = "monitor/0.1 (+https://github.com/monitor-news/monitor; news monitor)"

# Fields that may be zero; every other number must be positive.
_MAY_BE_ZERO = frozenset({"max_redirects", "per_host_delay_s"})


def _help(text: str) -> MappingProxyType[str, Any]:
    return MappingProxyType({"help": text})


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How the fetcher talks HTTP; built once at start-up and passed to `Fetcher`."""

    user_agent: str = field(
        default=DEFAULT_USER_AGENT,
        metadata=_help("User-Agent sent with every request; say who you are and where."),
    )
    connect_timeout_s: float = field(
        default=10.0, metadata=_help("Seconds to open a TCP (and TLS) connection.")
    )
    read_timeout_s: float = field(
        default=20.0, metadata=_help("Seconds to wait for any single read from the server.")
    )
    total_timeout_s: float = field(
        default=60.0,
        metadata=_help("Deadline in seconds for a whole fetch, redirects and body included."),
    )
    max_bytes: int = field(
        default=5 * 1024 * 1024,
        metadata=_help("Largest body accepted, counted as sent and again after decompression."),
    )
    max_redirects: int = field(
        default=5, metadata=_help("Redirect hops followed before giving up.")
    )
    max_connections: int = field(
        default=64,
        metadata=_help(
            "Requests in flight at once, and connections kept open (a request costs the "
            "same at 10 as at 100: monitor/fetch/pool.py)."
        ),
    )
    per_host_concurrency: int = field(
        default=2, metadata=_help("Requests in flight at once to one host.")
    )
    per_host_delay_s: float = field(
        default=0.0, metadata=_help("Least seconds between the starts of two requests to one host.")
    )
    keepalive_expiry_s: float = field(
        default=30.0, metadata=_help("Seconds an idle pooled connection is kept open.")
    )
    robots_ttl_s: float = field(
        default=86400.0, metadata=_help("Seconds a host's robots.txt (or its absence) is cached.")
    )
    robots_error_ttl_s: float = field(
        default=600.0,
        metadata=_help(
            "Seconds a robots.txt that failed to load (5xx, timeout) counts as allow-all."
        ),
    )
    robots_max_bytes: int = field(
        default=512 * 1024,
        metadata=_help("Largest robots.txt read (RFC 9309 asks crawlers to parse 500 KiB)."),
    )

    def __post_init__(self) -> None:
        if not self.user_agent.strip():
            raise ConfigError("must not be empty", key="fetch.user_agent")
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            if value < 0 or (value == 0 and f.name not in _MAY_BE_ZERO):
                raise ConfigError(f"must be positive, got {value!r}", key=f"fetch.{f.name}")

    @property
    def robots_agent(self) -> str:
        """The product token robots.txt groups are matched against ("monitor")."""
        return self.user_agent.split("/", 1)[0].strip()
