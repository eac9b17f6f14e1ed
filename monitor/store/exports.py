"""Exports of the archive (articles, stance history: JSONL, CSV, corpus files) and of the
feed list (OPML), and OPML import into feed definition files.

Every export is a generator of text chunks, so the CLI writes them to a file and the API
streams them with the same code.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from monitor.errors import ConfigError, ParseError
from monitor.records import FeedDef, FeedKind
from monitor.sources.definitions import feed_from_mapping
from monitor.store.articles import StoredArticle, iter_articles
from monitor.store.db import Database
from monitor.store.stances import country_history, current_stances

ARTICLE_FIELDS = (
    "id",
    "title",
    "url",
    "canonical_url",
    "published",
    "fetched",
    "author",
    "language",
    "feed",
    "group",
    "content_hash",
    "text",
)

STANCE_FIELDS = (
    "actor",
    "name",
    "observed_at",
    "stance",
    "event",
    "evidence",
    "condition",
    "confidence",
    "article_id",
    "article_title",
    "source",
    "observation_id",
)

Scalar = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class StanceHistoryRow:
    """One observation of one country, as exported (the history read model, flattened)."""

    actor: str
    name: str
    observed_at: datetime | None
    stance: str
    event: str | None
    evidence: str
    condition: str | None
    confidence: float
    article_id: str
    article_title: str
    source: str | None
    observation_id: int


def _cell(value: object) -> Scalar:
    if isinstance(value, datetime):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def article_record(a: StoredArticle, *, text: bool = True) -> dict[str, Scalar]:
    """The exported fields of one article (the same names as `monitor articles --json`)."""
    row: dict[str, Scalar] = {
        "id": a.id,
        "title": a.title,
        "url": a.url,
        "canonical_url": a.canonical_url,
        "published": _cell(a.published_at),
        "fetched": _cell(a.fetched_at),
        "author": a.author,
        "language": a.language,
        "feed": a.feed,
        "group": a.group_id,
        "content_hash": a.content_hash,
    }
    if text:
        row["text"] = a.text
    return row


def stance_record(r: StanceHistoryRow) -> dict[str, Scalar]:
    return {name: _cell(getattr(r, name)) for name in STANCE_FIELDS}


def _jsonl(rows: Iterable[dict[str, Scalar]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _csv(fields: Sequence[str], rows: Iterable[dict[str, Scalar]]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(fields))
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    if buf.tell():  # the header alone when there are no rows
        yield buf.getvalue()


def articles_jsonl(db: Database) -> Iterator[str]:
    """One JSON object per line per article, in storage order, text included."""
    return _jsonl(article_record(a) for a in iter_articles(db))


def articles_csv(db: Database) -> Iterator[str]:
    return _csv(ARTICLE_FIELDS, (article_record(a) for a in iter_articles(db)))


def corpus_body(a: StoredArticle) -> str:
    """The corpus file of one article: its title line (unless the text starts with it), text."""
    if a.title and not a.text.startswith(a.title):
        return f"{a.title}\n\n{a.text}\n"
    return a.text + "\n"


def corpus_files(db: Database) -> Iterator[tuple[str, str]]:
    """(file name `NNN_<id>.txt`, contents) for every article, in storage order."""
    for n, a in enumerate(iter_articles(db)):
        yield f"{n:03d}_{a.id}.txt", corpus_body(a)


def write_corpus(db: Database, directory: Path) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, body in corpus_files(db):
        (directory / name).write_text(body, encoding="utf-8")
        written += 1
    return written


def stance_history(db: Database) -> Iterator[StanceHistoryRow]:
    """Every observation of every country with a stance: by country code, oldest first."""
    for c in sorted(current_stances(db), key=lambda r: r.actor):
        for h in country_history(db, c.actor):
            yield StanceHistoryRow(
                actor=c.actor,
                name=c.name,
                observed_at=h.observed_at,
                stance=h.stance,
                event=h.event,
                evidence=h.evidence,
                condition=h.condition,
                confidence=h.confidence,
                article_id=h.article_id,
                article_title=h.article_title,
                source=h.source,
                observation_id=h.observation_id,
            )


def stance_history_jsonl(rows: Iterable[StanceHistoryRow]) -> Iterator[str]:
    return _jsonl(stance_record(r) for r in rows)


def stance_history_csv(rows: Iterable[StanceHistoryRow]) -> Iterator[str]:
    return _csv(STANCE_FIELDS, (stance_record(r) for r in rows))


# -- OPML ------------------------------------------------------------------------------

OPML_KINDS = {FeedKind.RSS: "rss", FeedKind.JSON: "json"}
OPML_NS = "https://example.invalid/monitor/opml"


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed outline of an OPML file."""

    title: str
    url: str
    kind: FeedKind
    tags: tuple[str, ...] = ()
    interval_s: int | None = None  # from our own exports' monitor:interval


@dataclass(frozen=True, slots=True)
class OpmlImport:
    added: tuple[FeedDef, ...]
    skipped: tuple[tuple[str, str], ...]  # (url, reason)


def feeds_opml(feeds: Sequence[FeedDef], *, title: str = "monitor feeds") -> str:
    """OPML 2.0 of the web feeds (local corpus folders are not feeds others can read).

    Tags go to `category`; the interval goes to a `monitor:interval` attribute in seconds.
    """
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<opml version="2.0" xmlns:monitor="{OPML_NS}">',
        f"  <head><title>{_xml_text(title)}</title></head>",
        "  <body>",
    ]
    for f in feeds:
        kind = OPML_KINDS.get(f.kind)
        if kind is None:
            continue
        attrs = [
            ("type", kind),
            ("text", f.name),
            ("title", f.name),
            ("xmlUrl", f.url),
            ("monitor:interval", str(f.interval_s)),
        ]
        if f.tags:
            attrs.append(("category", ",".join(f.tags)))
        rendered = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs)
        lines.append(f"    <outline {rendered}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Every outline with an xmlUrl, nested folders included; folder names become tags."""
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        # Entities are how XML bombs and external fetches get in; OPML never needs them.
        raise ParseError("OPML with a DOCTYPE or entities is refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ParseError(f"not valid OPML: {exc}") from exc
    if root.tag != "opml":
        raise ParseError("not OPML: the root element is not <opml>")
    body = root.find("body")
    out: list[OpmlFeed] = []

    def walk(node: ET.Element, folders: tuple[str, ...]) -> None:
        for child in node.findall("outline"):
            url = (child.get("xmlUrl") or child.get("xmlurl") or "").strip()
            label = (child.get("title") or child.get("text") or "").strip()
            if not url:
                walk(child, (*folders, label) if label else folders)
                continue
            cats = [c.strip() for c in (child.get("category") or "").split(",")]
            tags = tuple(dict.fromkeys(t for t in (*folders, *cats) if t))
            kind = FeedKind.JSON if (child.get("type") or "").lower() == "json" else FeedKind.RSS
            interval = (child.get(f"{{{OPML_NS}}}interval") or "").strip()
            out.append(
                OpmlFeed(
                    title=label or url,
                    url=url,
                    kind=kind,
                    tags=tags,
                    interval_s=int(interval) if interval.isdigit() else None,
                )
            )

    if body is not None:
        walk(body, ())
    return out


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
