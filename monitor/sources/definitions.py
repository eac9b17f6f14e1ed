"""Feed definitions: load and validate `feeds/*.toml`, one feed per file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from monitor.errors import ConfigError
from monitor.fetch.addresses import parse_rule
from monitor.records import FeedDef, FeedKind

_KEYS = {
    "name",
    "url",
    "kind",
    "interval",
    "tags",
    "fetch_pages",
    "allow_private",
    "allow_hosts",
    "enabled",
    "link_selector",
    "title",
}
_DURATION = re.compile(r"^\s*(\d+)\s*(s|m|h|d)?\s*$")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
MIN_INTERVAL_S = 60


def parse_interval(value: object, *, key: str = "interval", source: str = "") -> int:
    """Seconds from an int or a string like "30m", "1h", "45s", "1d".

    >>> parse_interval("30m")
    1800
    """
    if isinstance(value, bool):
        raise ConfigError("must be a duration like 30m or seconds", key=key, source=source)
    if isinstance(value, int):
        seconds = value
    elif isinstance(value, str) and (m := _DURATION.match(value)):
        seconds = int(m.group(1)) * _UNIT[m.group(2)]
    else:
        raise ConfigError(
            f"must be a duration like 30m or seconds, not {value!r}", key=key, source=source
        )
    if seconds < MIN_INTERVAL_S:
        raise ConfigError(f"must be at least {MIN_INTERVAL_S}s", key=key, source=source)
    return seconds


def feed_from_mapping(data: dict[str, Any], *, source: str, base_dir: Path) -> FeedDef:
    """Validate one feed table; raise ConfigError naming the key and the file."""
    for key in data:
        if key not in _KEYS:
            raise ConfigError("unknown key", key=key, source=source)
    for key in ("name", "url", "kind"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ConfigError("required, a non-empty string", key=key, source=source)
    name = data["name"].strip()
    if not _NAME.match(name):
        raise ConfigError(
            "must be lower-case letters, digits, '-', '_' or '.'", key="name", source=source
        )
    try:
        kind = FeedKind(data["kind"].strip().lower())
    except ValueError:
        choices = ", ".join(k.value for k in FeedKind)
        raise ConfigError(f"must be one of {choices}", key="kind", source=source) from None
    url = data["url"].strip()
    if kind is FeedKind.CORPUS:
        path = Path(url)
        url = str(path if path.is_absolute() else (base_dir / path).resolve())
    elif not url.startswith(("http://", "https://")):
        raise ConfigError("must be an http(s) URL", key="url", source=source)
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ConfigError("must be a list of strings", key="tags", source=source)
    flags: dict[str, bool] = {}
    for key, default in (("fetch_pages", True), ("allow_private", False), ("enabled", True)):
        value = data.get(key, default)
        if not isinstance(value, bool):
            raise ConfigError("must be true or false", key=key, source=source)
        flags[key] = value
    allow_hosts = data.get("allow_hosts", [])
    if not isinstance(allow_hosts, list) or not all(isinstance(h, str) for h in allow_hosts):
        raise ConfigError("must be a list of strings", key="allow_hosts", source=source)
    for entry in allow_hosts:
        try:
            parse_rule(entry)
        except ValueError as exc:
            raise ConfigError(str(exc), key="allow_hosts", source=source) from None
    return FeedDef(
        allow_hosts=tuple(h.strip() for h in allow_hosts),
        name=name,
        url=url,
        kind=kind,
        interval_s=parse_interval(data.get("interval", 900), source=source),
        tags=tuple(tags),
        source_file=source,
        **flags,
    )


def load_feeds(feeds_dir: Path) -> list[FeedDef]:
    """Every `*.toml` in the folder, sorted by name; names must be unique."""
    if not feeds_dir.is_dir():
        raise ConfigError("feeds folder not found", source=str(feeds_dir))
    feeds: dict[str, FeedDef] = {}
    for path in sorted(feeds_dir.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"not valid TOML: {exc}", source=str(path)) from exc
        feed = feed_from_mapping(data, source=str(path), base_dir=path.parent)
        if feed.name in feeds:
            raise ConfigError(
                f"duplicate feed name, also in {feeds[feed.name].source_file}",
                key="name",
                source=str(path),
            )
        feeds[feed.name] = feed
    return sorted(feeds.values(), key=lambda f: f.name)
