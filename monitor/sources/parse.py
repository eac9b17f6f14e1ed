"""Parse feed documents (RSS/Atom/RDF via feedparser, JSON Feed via json) into entries.

Pure and bounded: every ParseError carries an ErrorKind (`empty_body`, `not_a_feed`,
`dtd_forbidden`, `parse_error`); a well-formed feed with no items is a successful
parse with no entries; fixes made on the way (charset detected, items skipped or cut)
come back as warnings on the ParsedFeed.
"""

from __future__ import annotations

import calendar
import json
from datetime import UTC, datetime
from typing import Any

import feedparser

from monitor.errors import ErrorKind, ParseError, WarningKind
from monitor.records import FeedKind, FeedWarning, ParsedFeed
from monitor.sources.encoding import text_of, xml_as_utf8
from monitor.sources.entries import MAX_ENTRIES, EntryBuilder
from monitor.sources.text import MAX_TITLE, one_line
from monitor.sources.xmlcheck import (
    LENIENT_MAX_BYTES,
    looks_like_markup,
    refuse_dtd,
    survey_xml,
)

_FEED_ROOTS = frozenset({"rss", "feed", "rdf", "channel"})  # local names, any prefix

__all__ = ["parse_feed", "parse_json_feed", "parse_rss", "refuse_dtd"]


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


def _fallback_warning(detected: str | None) -> tuple[FeedWarning, ...]:
    if detected is None:
        return ()
    return (FeedWarning(WarningKind.ENCODING_FALLBACK, detail=f"decoded as {detected}"),)


def parse_rss(
    body: bytes, base_url: str, *, charset: str | None = None, max_entries: int = MAX_ENTRIES
) -> ParsedFeed:
    if not looks_like_markup(body):
        raise ParseError("not a feed: no markup", url=base_url, kind=ErrorKind.NOT_A_FEED)
    refuse_dtd(body, url=base_url)
    body, detected = xml_as_utf8(body, charset)
    # Items past the cap are cut before feedparser; duplicates get room (4x) to drop out.
    survey = survey_xml(body, max_items=max(4 * max_entries, 400), url=base_url)
    root, problem = survey.root, survey.problem
    body = survey.cut or body
    local = (root or "").lower().rpartition(":")[2]
    if local == "html":
        raise ParseError("not a feed: an HTML page", url=base_url, kind=ErrorKind.NOT_A_FEED)
    if problem and len(body) > LENIENT_MAX_BYTES:
        # The lenient parser costs ~160 bytes of memory per byte of input.
        message = f"not well-formed XML ({problem}) and too large for the lenient parser"
        raise ParseError(message, url=base_url)
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if not parsed.entries and (not parsed.version or local not in _FEED_ROOTS):
        why = f"{parsed.get('bozo_exception')!s:.200}" if parsed.bozo else f"<{root}> root"
        raise ParseError(f"not a feed: {why}", url=base_url, kind=ErrorKind.NOT_A_FEED)
    if parsed.bozo and not parsed.entries and problem:
        raise ParseError(f"broken feed: {problem}", url=base_url)
    builder = EntryBuilder(base_url, max_entries=max_entries)
    for item in parsed.entries:
        contents = item.get("content") or []
        builder.add(
            link=str(item.get("link") or ""),
            guid=str(item.get("id") or ""),
            title=str(item.get("title") or ""),
            published=_struct_to_dt(item.get("published_parsed") or item.get("updated_parsed")),
            author=str(item.get("author") or ""),
            summary=str(item.get("summary") or ""),
            content_html=max((str(c.get("value", "")) for c in contents), key=len, default=""),
        )
    title, _ = one_line(str(parsed.feed.get("title") or ""), MAX_TITLE)
    return ParsedFeed(title, builder.entries, builder.warnings(*_fallback_warning(detected)))


def _json_document(body: bytes, base_url: str) -> tuple[dict[str, Any], str | None]:
    text, detected = text_of(body)
    try:
        doc = json.loads(text)
    except RecursionError as exc:  # thousands of nested arrays
        raise ParseError("JSON nested too deeply", url=base_url) from exc
    except ValueError as exc:
        kind = ErrorKind.NOT_A_FEED if not text.lstrip().startswith(("{", "[")) else None
        raise ParseError(f"not JSON: {exc!s:.200}", url=base_url, kind=kind) from exc
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise ParseError(
            "not a JSON Feed (no jsonfeed.org version)", url=base_url, kind=ErrorKind.NOT_A_FEED
        )
    return doc, detected


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def parse_json_feed(body: bytes, base_url: str, *, max_entries: int = MAX_ENTRIES) -> ParsedFeed:
    doc, detected = _json_document(body, base_url)
    items = doc.get("items")
    if not isinstance(items, list):
        raise ParseError("JSON Feed without an items list", url=base_url)
    builder = EntryBuilder(base_url, max_entries=max_entries)
    for item in items:
        if not isinstance(item, dict):
            continue
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        author = ", ".join(
            _text(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")
        )
        builder.add(
            link=_text(item.get("url")) or _text(item.get("external_url")),
            guid=str(item.get("id") or "") if isinstance(item.get("id"), str | int) else "",
            title=_text(item.get("title")),
            published=_parse_iso(item.get("date_published") or item.get("date_modified")),
            author=author,
            summary=_text(item.get("summary")),
            content_html=_text(item.get("content_html")) or _text(item.get("content_text")),
        )
    title, _ = one_line(_text(doc.get("title")), MAX_TITLE)
    return ParsedFeed(title, builder.entries, builder.warnings(*_fallback_warning(detected)))


def parse_feed(
    body: bytes,
    kind: FeedKind,
    base_url: str,
    *,
    charset: str | None = None,
    max_entries: int = MAX_ENTRIES,
) -> ParsedFeed:
    """Parse a fetched feed document; raise ParseError (with its kind) for bad input.

    `charset` is the one of the HTTP Content-Type, when there was one.

    >>> feed = parse_feed(b"<rss version='2.0'><channel><title>t</title></channel></rss>",
    ...                   FeedKind.RSS, "https://news.example/feed.xml")
    >>> (feed.title, feed.entries)
    ('t', ())
    """
    if not body.strip():
        raise ParseError("empty document", url=base_url, kind=ErrorKind.EMPTY_BODY)
    if kind is FeedKind.JSON:
        return parse_json_feed(body, base_url, max_entries=max_entries)
    if kind is FeedKind.RSS:
        return parse_rss(body, base_url, charset=charset, max_entries=max_entries)
    raise ParseError(f"feed kind {kind} has no document parser", url=base_url)
