"""Feed definitions: load and validate `feeds/*.toml`, one feed per file."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from monitor.errors import ConfigError, ConfigErrors
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
# Defaults of settings scheduler.min_interval_s and scheduler.min_private_interval_s.
MIN_INTERVAL_S = 60
MIN_PRIVATE_INTERVAL_S = 1


@dataclass(frozen=True, slots=True)
class IntervalLimits:
    """Shortest poll intervals: a feed on the internet, and one on a local or allow-listed
    host (allow_private, allow_hosts) or a local corpus."""

    internet_s: int = MIN_INTERVAL_S
    private_s: int = MIN_PRIVATE_INTERVAL_S


def parse_interval(
    value: object, *, key: str = "interval", source: str = "", minimum: int = MIN_INTERVAL_S
) -> int:
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
    if seconds < minimum:
        raise ConfigError(f"must be at least {minimum}s", key=key, source=source)
    return seconds


def feed_from_mapping(
    data: dict[str, Any],
    *,
    source: str,
    base_dir: Path,
    limits: IntervalLimits = IntervalLimits(),
) -> FeedDef:
    """Validate one feed table; raise ConfigErrors naming every bad key and the file."""
    problems: list[ConfigError] = []

    def bad(key: str, message: str) -> None:
        problems.append(ConfigError(message, key=key, source=source))

    for key in data:
        if key not in _KEYS:
            bad(key, "unknown key")
    for key in ("name", "url", "kind"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            bad(key, "required, a non-empty string")
    name = str(data.get("name") or "").strip()
    if name and not _NAME.match(name):
        bad("name", "must be lower-case letters, digits, '-', '_' or '.'")
    kind: FeedKind | None = None
    if isinstance(data.get("kind"), str) and data["kind"].strip():
        try:
            kind = FeedKind(data["kind"].strip().lower())
        except ValueError:
            bad("kind", f"must be one of {', '.join(k.value for k in FeedKind)}")
    url = str(data.get("url") or "").strip()
    if kind is FeedKind.CORPUS:
        path = Path(url)
        url = str(path if path.is_absolute() else (base_dir / path).resolve())
    elif url and not url.startswith(("http://", "https://")):
        bad("url", "must be an http(s) URL")
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        bad("tags", "must be a list of strings")
    flags: dict[str, bool] = {}
    for key, default in (("fetch_pages", True), ("allow_private", False), ("enabled", True)):
        flags[key] = data.get(key, default)
        if not isinstance(flags[key], bool):
            bad(key, "must be true or false")
    allow_hosts = data.get("allow_hosts", [])
    if not isinstance(allow_hosts, list) or not all(isinstance(h, str) for h in allow_hosts):
        bad("allow_hosts", "must be a list of strings")
        allow_hosts = []
    for entry in allow_hosts:
        try:
            parse_rule(entry)
        except ValueError as exc:
            bad("allow_hosts", str(exc))
    try:
        local = flags["allow_private"] is True or bool(allow_hosts) or kind is FeedKind.CORPUS
        interval_s = parse_interval(
            data.get("interval", 900),
            source=source,
            minimum=limits.private_s if local else limits.internet_s,
        )
    except ConfigError as exc:
        problems.append(exc)
    if problems or kind is None:
        raise ConfigErrors(problems)
    return FeedDef(
        allow_hosts=tuple(h.strip() for h in allow_hosts),
        name=name,
        url=url,
        kind=kind,
        interval_s=interval_s,
        tags=tuple(tags),
        source_file=source,
        **flags,
    )


@dataclass(frozen=True, slots=True)
class FeedSet:
    """The feeds that loaded, and a problem for each file that did not (skipped)."""

    feeds: tuple[FeedDef, ...]
    problems: tuple[ConfigError, ...] = ()


def read_feeds(feeds_dir: Path, limits: IntervalLimits = IntervalLimits()) -> FeedSet:
    """Every `*.toml` in the folder, sorted by name. A broken file (bad TOML, bad key,
    a name another file has) is left out and reported, so that one typo does not stop
    the others; a missing folder raises ConfigError."""
    if not feeds_dir.is_dir():
        raise ConfigError("feeds folder not found", source=str(feeds_dir))
    feeds: dict[str, FeedDef] = {}
    problems: list[ConfigError] = []
    for path in sorted(feeds_dir.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            feed = feed_from_mapping(data, source=str(path), base_dir=path.parent, limits=limits)
        except tomllib.TOMLDecodeError as exc:
            problems.append(ConfigError(f"not valid TOML: {exc}", source=str(path)))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(ConfigError(f"cannot read: {exc}", source=str(path)))
            continue
        except ConfigErrors as exc:
            problems += exc.problems
            continue
        if feed.name in feeds:
            problems.append(
                ConfigError(
                    f"duplicate feed name, also in {feeds[feed.name].source_file}",
                    key="name",
                    source=str(path),
                )
            )
            continue
        feeds[feed.name] = feed
    return FeedSet(tuple(sorted(feeds.values(), key=lambda f: f.name)), tuple(problems))


def load_feeds(feeds_dir: Path, limits: IntervalLimits = IntervalLimits()) -> list[FeedDef]:
    """Like read_feeds, but any broken file raises ConfigErrors listing every problem."""
    found = read_feeds(feeds_dir, limits)
    if found.problems:
        raise ConfigErrors(list(found.problems))
    return list(found.feeds)
