"""OPML of the feed list: export the web feeds, parse an OPML document's outlines."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from monitor.errors import ParseError
from monitor.records import FeedDef, FeedKind

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
