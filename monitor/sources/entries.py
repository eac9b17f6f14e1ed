"""From raw feed items to bounded, de-duplicated `Entry` records, counting what was fixed.

Shared by the RSS/Atom and JSON Feed parsers so that both follow one set of rules:
an item without a link is skipped (it never inherits the feed's own URL; an http(s)
GUID stands in for a missing link), a link past MAX_URL is skipped, other fields are
cleaned and cut to their limits, and a repeated GUID or link counts once. The entry cap
applies to what is left, so 150 copies of one item do not hide 50 real ones.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from urllib.parse import urldefrag, urljoin

from monitor.errors import WarningKind
from monitor.records import Entry, FeedWarning
from monitor.sources.text import (
    MAX_AUTHOR,
    MAX_GUID,
    MAX_SUMMARY,
    MAX_TITLE,
    MAX_URL,
    bounded,
    clean_text,
    one_line,
)

# The most entries one parse returns; ingest caps lower (IngestOptions.max_entries).
MAX_ENTRIES = 1000


def _http(url: str) -> bool:
    return url.startswith(("http://", "https://"))


class EntryBuilder:
    """Collects entries of one document: `add` each item, then `entries` and `warnings`."""

    def __init__(self, base_url: str, *, max_entries: int = MAX_ENTRIES) -> None:
        self._base = base_url
        self._feed_url = urldefrag(base_url)[0]
        self._max = max_entries
        self._entries: list[Entry] = []
        self._seen: set[str] = set()
        self._counts: Counter[WarningKind] = Counter()

    @property
    def full(self) -> bool:
        return len(self._entries) >= self._max

    def add(
        self,
        *,
        link: str,
        guid: str = "",
        title: str = "",
        published: datetime | None = None,
        author: str = "",
        summary: str = "",
        content_html: str = "",
    ) -> None:
        guid, cut_guid = bounded(guid.strip(), MAX_GUID)
        url = self._link(clean_text(link).strip(), guid)
        if url is None:
            return
        keys = {url, guid} - {""}
        if keys & self._seen:
            self._counts[WarningKind.DUPLICATE_ITEM] += 1
            return
        if self.full:
            return
        self._seen |= keys
        title, cut_title = one_line(title, MAX_TITLE)
        author, cut_author = one_line(author, MAX_AUTHOR)
        summary, cut_summary = bounded(summary, MAX_SUMMARY)
        if cut_guid or cut_title or cut_author or cut_summary:
            self._counts[WarningKind.FIELD_TRUNCATED] += 1
        self._entries.append(
            Entry(
                url=url,
                title=title,
                published=published,
                author=author,
                summary=summary,
                content_html=clean_text(content_html),
                guid=guid,
            )
        )

    def _link(self, link: str, guid: str) -> str | None:
        url = urljoin(self._base, link) if link else ""
        if not _http(url) or urldefrag(url)[0] == self._feed_url:
            # No link of its own (or one that only points back at the feed): a GUID that
            # is a web address will do; the feed's URL never does.
            url = guid if _http(guid) and urldefrag(guid)[0] != self._feed_url else ""
        if not url:
            self._counts[WarningKind.ITEM_WITHOUT_LINK] += 1
            return None
        if len(url) > MAX_URL:
            self._counts[WarningKind.LINK_TOO_LONG] += 1
            return None
        return url

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(self._entries)

    def warnings(self, *extra: FeedWarning) -> tuple[FeedWarning, ...]:
        counted = tuple(FeedWarning(kind, n) for kind, n in sorted(self._counts.items()))
        return extra + counted
