"""Feed definition files written by the monitor: one `feeds/<name>.toml` per feed added
in the web UI or imported from OPML, each read back through the loader's validation."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from monitor.errors import ConfigError
from monitor.records import FeedDef, FeedKind
from monitor.sources.definitions import feed_from_mapping
from monitor.sources.opml import OpmlFeed, OpmlImport, parse_opml


def feed_name(title: str, taken: set[str]) -> str:
    """A feed name (lower-case slug, unique among `taken`) from an outline title.

    >>> feed_name("BBC News - Europe", {"bbc-news-europe"})
    'bbc-news-europe-2'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:56] or "feed"
    name, n = slug, 1
    while name in taken:
        n += 1
        name = f"{slug}-{n}"
    return name


def _toml_string(value: str) -> str:
    # A JSON string is a TOML basic string, except that TOML also wants DEL escaped.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def feed_toml(feed: OpmlFeed, name: str, interval_s: int) -> str:
    tags = ", ".join(_toml_string(t) for t in feed.tags)
    return (
        "# Written by monitor (OPML import or the web UI); edit freely.\n"
        f"name = {_toml_string(name)}\n"
        f"kind = {_toml_string(feed.kind.value)}\n"
        f"url = {_toml_string(feed.url)}\n"
        f'interval = "{interval_s}s"\n'
        f"tags = [{tags}]\n"
        "fetch_pages = true\n"
    )


def import_opml(
    data: bytes, feeds_dir: Path, existing: Sequence[FeedDef], *, interval_s: int = 1800
) -> OpmlImport:
    """Write a `feeds/<name>.toml` for every new feed of the OPML file.

    A URL already defined is skipped; every written file is read back through the feed
    loader's validation, so a bad outline fails here and not at the next start.
    """
    feeds = parse_opml(data)
    taken = {f.name for f in existing} | {p.stem for p in feeds_dir.glob("*.toml")}
    known = {f.url for f in existing}
    added: list[FeedDef] = []
    skipped: list[tuple[str, str]] = []
    for feed in feeds:
        if feed.url in known:
            skipped.append((feed.url, "already defined"))
            continue
        name = feed_name(feed.title, taken)
        body = feed_toml(feed, name, feed.interval_s or interval_s)
        path = feeds_dir / f"{name}.toml"
        try:
            parsed = feed_from_mapping(tomllib.loads(body), source=str(path), base_dir=feeds_dir)
        except (ConfigError, tomllib.TOMLDecodeError) as exc:
            skipped.append((feed.url, str(exc)))
            continue
        feeds_dir.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as fh:  # never overwrite a user's file
            fh.write(body)
        taken.add(name)
        known.add(feed.url)
        added.append(parsed)
    return OpmlImport(tuple(added), tuple(skipped))


def add_feed_file(
    feeds_dir: Path,
    existing: Sequence[FeedDef],
    *,
    name: str,
    url: str,
    kind: FeedKind = FeedKind.RSS,
    interval_s: int = 1800,
    tags: Sequence[str] = (),
) -> FeedDef:
    """Write one new web feed definition; ConfigError when invalid or the name/URL is taken."""
    if kind is FeedKind.CORPUS:
        raise ConfigError("only web feeds can be added here", key="kind")
    taken = {f.name for f in existing} | {p.stem for p in feeds_dir.glob("*.toml")}
    if name in taken:
        raise ConfigError("a feed with this name exists", key="name")
    if url in {f.url for f in existing}:
        raise ConfigError("a feed with this URL exists", key="url")
    body = feed_toml(OpmlFeed(title=name, url=url, kind=kind, tags=tuple(tags)), name, interval_s)
    path = feeds_dir / f"{name}.toml"
    try:
        feed = feed_from_mapping(tomllib.loads(body), source=str(path), base_dir=feeds_dir)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"cannot write a valid feed file: {exc}", key="name") from exc
    feeds_dir.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as fh:
        fh.write(body)
    return feed
