"""Parse feed documents (RSS/Atom/RDF via feedparser, JSON Feed via json) into entries."""

from __future__ import annotations

import calendar
import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from monitor.errors import ParseError
from monitor.records import Entry, FeedKind, ParsedFeed

# feedparser's fallback (loose) parser expands DTD entities without limit; a 114 KB feed
# can become 200 MB of titles. No legitimate feed needs an internal DTD subset or entity
# declarations, so such documents are refused before feedparser sees them.
_PROLOG_LIMIT = 4096
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(\[)?", re.IGNORECASE)


def refuse_dtd(body: bytes, *, url: str | None = None) -> None:
    """Raise ParseError if the document declares entities or an internal DTD subset.

    A bare external DOCTYPE line (old RSS 0.91 feeds) declares nothing and is allowed.
    """
    if _ENTITY_DECL.search(body):
        raise ParseError("document declares XML entities; refused", url=url)
    m = _DOCTYPE.search(body[:_PROLOG_LIMIT]) or _DOCTYPE.search(body)
    if m and m.group(1):
        raise ParseError("document declares an internal DTD; refused", url=url)


def _struct_to_dt(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _parse_iso(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def parse_rss(body: bytes, base_url: str) -> ParsedFeed:
    refuse_dtd(body, url=base_url)
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if parsed.bozo and not parsed.entries:
        raise ParseError(f"not a feed: {parsed.get('bozo_exception')!s:.200}", url=base_url)
    entries = []
    for item in parsed.entries:
        link = urljoin(base_url, item.get("link") or "")
        if not link.startswith(("http://", "https://")):
            continue  # feedparser falls back to the entry id, which may be a URN
        contents = item.get("content") or []
        content_html = max((c.get("value", "") for c in contents), key=len, default="")
        entries.append(
            Entry(
                url=link,
                title=item.get("title", ""),
                published=_struct_to_dt(item.get("published_parsed") or item.get("updated_parsed")),
                author=item.get("author", ""),
                summary=item.get("summary", ""),
                content_html=content_html,
                guid=item.get("id", ""),
            )
        )
    return ParsedFeed(title=parsed.feed.get("title", ""), entries=tuple(entries))


def parse_json_feed(body: bytes, base_url: str) -> ParsedFeed:
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ParseError(f"not JSON: {exc}", url=base_url) from exc
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise ParseError("not a JSON Feed (no jsonfeed.org version)", url=base_url)
    items = doc.get("items")
    if not isinstance(items, list):
        raise ParseError("JSON Feed without an items list", url=base_url)
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url") or ""
        if not isinstance(link, str) or not link:
            continue
        link = urljoin(base_url, link)
        if not link.startswith(("http://", "https://")):
            continue
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        author = ", ".join(
            str(a.get("name", "")) for a in authors if isinstance(a, dict) and a.get("name")
        )
        entries.append(
            Entry(
                url=link,
                title=str(item.get("title") or ""),
                published=_parse_iso(item.get("date_published") or item.get("date_modified")),
                author=author,
                summary=str(item.get("summary") or ""),
                content_html=str(item.get("content_html") or item.get("content_text") or ""),
                guid=str(item.get("id") or ""),
            )
        )
    return ParsedFeed(title=str(doc.get("title") or ""), entries=tuple(entries))


def parse_feed(body: bytes, kind: FeedKind, base_url: str) -> ParsedFeed:
    """Parse a fetched feed document; raise ParseError for hostile or broken input."""
    if kind is FeedKind.JSON:
        return parse_json_feed(body, base_url)
    if kind is FeedKind.RSS:
        return parse_rss(body, base_url)
    raise ParseError(f"feed kind {kind} has no document parser", url=base_url)
