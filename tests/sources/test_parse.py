"""Feed parsing: RSS/Atom via feedparser, JSON Feed, and refusal of entity-bomb documents."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.errors import ParseError
from monitor.records import FeedKind
from monitor.sources.parse import parse_feed, refuse_dtd

DATA = Path(__file__).resolve().parents[1] / "data" / "feeds"

RSS = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://example.invalid/rss-0.91.dtd">
<rss version="2.0"><channel><title>Fixture RSS</title>
<item><title>One</title><link>https://news.test/one?utm_source=rss</link>
<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><guid>one</guid>
<description>Short summary</description></item>
</channel></rss>"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
]>
<rss version="2.0"><channel><title>&b;</title></channel></rss>"""


def test_rss_entries_carry_link_date_and_summary() -> None:
    feed = parse_feed(RSS, FeedKind.RSS, "https://news.test/feed.xml")
    assert feed.title == "Fixture RSS"
    (entry,) = feed.entries
    assert entry.url == "https://news.test/one?utm_source=rss"
    assert entry.published == datetime(2026, 3, 3, 10, tzinfo=UTC)
    assert entry.summary == "Short summary"


def test_atom_relative_links_resolve_and_linkless_entries_drop() -> None:
    feed = parse_feed((DATA / "atom.xml").read_bytes(), FeedKind.RSS, "https://news.test/atom")
    assert [e.url for e in feed.entries] == ["https://news.test/news/reassurance-force"]
    assert feed.entries[0].author == "Desk Writer"


def test_json_feed_items() -> None:
    feed = parse_feed((DATA / "feed.json").read_bytes(), FeedKind.JSON, "https://news.test/j")
    assert [e.url for e in feed.entries] == ["https://news.test/a", "https://news.test/b"]
    assert feed.entries[0].author == "A. Writer"
    assert feed.entries[0].content_html == "<p>Body</p>"
    assert feed.entries[1].published == datetime(2026, 1, 6, 6, tzinfo=UTC)


@pytest.mark.parametrize(
    "body",
    [BOMB, b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd" [ ]><x/>'],
)
def test_entity_and_internal_dtd_documents_are_refused_before_feedparser(body: bytes) -> None:
    with pytest.raises(ParseError, match="refused"):
        parse_feed(body, FeedKind.RSS, "https://news.test/bomb")


def test_bare_external_doctype_is_allowed() -> None:
    refuse_dtd(RSS)  # no exception


@pytest.mark.parametrize(
    ("body", "kind", "message"),
    [
        (b"<html><body>not a feed</body>", FeedKind.RSS, "not a feed"),
        (b"{not json", FeedKind.JSON, "not JSON"),
        (b'{"title": "x"}', FeedKind.JSON, "not a JSON Feed"),
    ],
)
def test_broken_documents_raise_parse_error(body: bytes, kind: FeedKind, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_feed(body, kind, "https://news.test/broken")
