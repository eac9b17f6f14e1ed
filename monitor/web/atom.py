"""The Atom 1.0 feed of stance changes (RFC 4287), so any feed reader can follow who moved.

Built with the standard library's ElementTree, which escapes every stored string; the
feed is small and flat, so a feed-writing package would add a dependency for no gain.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from xml.etree import ElementTree as ET

from monitor.store.changes import StanceChange

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
# Entry ids are UUIDs derived from what the change is, not from a row id, so a reader
# sees the same id for the same change on every fetch, and after a rebuilt database too.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:monitor:stance-changes")


def change_title(c: StanceChange) -> str:
    """ "Poland (PL): declined → open", or "Japan (JP): first stance seen: undecided"."""
    if c.old_stance is None:
        return f"{c.name} ({c.actor}): first stance seen: {c.new_stance}"
    return f"{c.name} ({c.actor}): {c.old_stance} → {c.new_stance}"


def entry_id(c: StanceChange) -> str:
    key = "|".join(
        (c.actor, c.kind, c.old_stance or "", c.new_stance, c.article_id, _iso(c.published_at))
    )
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, key)}"


def _iso(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z") if value else ""


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _summary(c: StanceChange) -> str:
    published = c.published_at.strftime("%Y-%m-%d") if c.published_at else "date unknown"
    lines = [f"“{c.evidence}”", f"{c.article_title or c.article_id} ({published})"]
    if c.condition:
        lines.append(f"condition: {c.condition}")
    lines.append(f"{c.sources} independent source{'s' if c.sources != 1 else ''}")
    return "\n".join(lines)


def render_feed(
    changes: Sequence[StanceChange], *, base_url: str, self_url: str, now: datetime
) -> bytes:
    """The feed document; `base_url` (no trailing slash) makes links absolute."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", f"urn:uuid:{NAMESPACE}")
    _add(feed, "title", "Troop-deployment monitor: stance changes")
    _add(feed, "subtitle", "Countries whose stance on sending troops to Ukraine moved")
    # The feed changed when its newest entry was recorded; a fixed value between
    # changes lets readers and caches see that nothing is new.
    newest = max((c.recorded_at for c in changes), default=now)
    _add(feed, "updated", _iso(newest))
    _add(feed, "link", rel="self", type=MEDIA_TYPE, href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=f"{base_url}/changes")
    author = _add(feed, "author")
    _add(author, "name", "monitor")
    _add(feed, "generator", "monitor")
    for c in changes:
        entry = _add(feed, "entry")
        _add(entry, "id", entry_id(c))
        _add(entry, "title", change_title(c))
        # Dated by the article that decided the change (its publication), not ingest
        # time. An undated article gets no <published> (its summary says "date unknown")
        # and <updated>, which Atom requires, is when the monitor recorded the change.
        if c.published_at is not None:
            _add(entry, "published", _iso(c.published_at))
        _add(entry, "updated", _iso(c.published_at or c.recorded_at))
        _add(
            entry, "link", rel="alternate", type="text/html", href=f"{base_url}/countries/{c.actor}"
        )
        _add(
            entry,
            "link",
            rel="related",
            type="text/html",
            href=f"{base_url}/articles/{c.article_id}",
        )
        _add(entry, "category", term=c.new_stance, label=f"stance: {c.new_stance}")
        _add(entry, "category", term=c.actor, label=c.name)
        _add(entry, "summary", _summary(c), type="text")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body
