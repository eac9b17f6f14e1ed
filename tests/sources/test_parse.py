"""Feed parsing: RSS/Atom via feedparser, JSON Feed, and refusal of entity-bomb documents."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.errors import ErrorKind, ParseError, WarningKind
from monitor.records import FeedKind, FeedWarning
from monitor.sources.parse import parse_feed, refuse_dtd
from monitor.sources.text import MAX_AUTHOR

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


def _rss(items: str, head: str = '<?xml version="1.0" encoding="utf-8"?>') -> bytes:
    return (f'{head}<rss version="2.0"><channel><title>T</title>{items}</channel></rss>').encode()


def test_a_well_formed_feed_with_no_items_is_a_successful_parse() -> None:
    feed = parse_feed(_rss(""), FeedKind.RSS, "https://news.test/feed.xml")
    assert feed.title == "T" and feed.entries == () and feed.warnings == ()


@pytest.mark.parametrize(
    ("body", "kind", "expected"),
    [
        (b"", FeedKind.RSS, ErrorKind.EMPTY_BODY),
        (b"  \n", FeedKind.JSON, ErrorKind.EMPTY_BODY),
        (b"\x1f\x8b\x08\x00" + bytes(range(256)) * 100, FeedKind.RSS, ErrorKind.NOT_A_FEED),
        (b"<!doctype html><html><body><p>hi</p></body></html>", FeedKind.RSS, ErrorKind.NOT_A_FEED),
        (b"<html><body><p>unclosed", FeedKind.RSS, ErrorKind.NOT_A_FEED),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", FeedKind.RSS, ErrorKind.NOT_A_FEED),
        (BOMB, FeedKind.RSS, ErrorKind.DTD_FORBIDDEN),
        (
            b"<rss>" + b"<a>" * 5000 + b"</a>" * 5000 + b"</rss>",
            FeedKind.RSS,
            ErrorKind.PARSE_ERROR,
        ),
        (b"[" * 100_000 + b"]" * 100_000, FeedKind.JSON, ErrorKind.PARSE_ERROR),
        (b"<html>", FeedKind.JSON, ErrorKind.NOT_A_FEED),
        (b'{"items": []}', FeedKind.JSON, ErrorKind.NOT_A_FEED),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>x'
            + b"<item><title>&amp; &bogus; <b></item>" * 20_000,
            FeedKind.RSS,
            ErrorKind.PARSE_ERROR,
        ),
    ],
)
def test_every_bad_document_has_its_kind(body: bytes, kind: FeedKind, expected: ErrorKind) -> None:
    with pytest.raises(ParseError) as info:
        parse_feed(body, kind, "https://news.test/feed")
    assert info.value.kind is expected, info.value


def test_unstorable_characters_are_removed_and_long_fields_cut() -> None:
    nul_title = "Poland\x00" * 21 + "\x1b[2J\x85"
    items = (
        f"<item><title>{nul_title}</title><link>https://news.test/a</link>"
        f"<author>{'x' * 5000}</author><description>ok</description></item>"
    )
    body = _rss(items.replace("\x00", "")).replace(b"Poland", b"Pol\x01and")
    feed = parse_feed(body, FeedKind.RSS, "https://news.test/feed.xml")
    (entry,) = feed.entries
    assert entry.title == "Poland" * 21 + "[2J"
    assert len(entry.author) == MAX_AUTHOR and entry.author.endswith("…")
    assert FeedWarning(WarningKind.FIELD_TRUNCATED, 1) in feed.warnings


def test_json_feed_text_loses_nul_controls_and_lone_surrogates() -> None:
    body = (
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "J\\u0000",'
        b' "items": [{"id": "1", "url": "https://news.test/a",'
        b' "title": "a\\u0000b\\ud800c\\u0007d", "content_html": "<p>x\\u0000y</p>"}]}'
    )
    feed = parse_feed(body, FeedKind.JSON, "https://news.test/j")
    assert feed.title == "J"
    assert feed.entries[0].title == "abcd"
    assert feed.entries[0].content_html == "<p>xy</p>"


def test_items_without_a_link_never_get_the_feed_url() -> None:
    items = (
        "<item><title>no link</title></item>"
        "<item><title>self</title><link>https://news.test/feed.xml#x</link></item>"
        "<item><title>urn</title><guid isPermaLink='false'>urn:x:1</guid></item>"
        "<item><title>guid url</title><guid>https://news.test/by-guid</guid></item>"
        f"<item><title>huge</title><link>https://news.test/{'a' * 100_000}</link></item>"
    )
    feed = parse_feed(_rss(items), FeedKind.RSS, "https://news.test/feed.xml")
    assert [e.url for e in feed.entries] == ["https://news.test/by-guid"]
    assert FeedWarning(WarningKind.ITEM_WITHOUT_LINK, 3) in feed.warnings
    assert FeedWarning(WarningKind.LINK_TOO_LONG, 1) in feed.warnings


def test_the_entry_cap_counts_distinct_items() -> None:
    repeated = "<item><guid>same</guid><link>https://news.test/same</link></item>" * 150
    real = "".join(f"<item><link>https://news.test/{i}</link></item>" for i in range(50))
    feed = parse_feed(_rss(repeated + real), FeedKind.RSS, "https://news.test/f", max_entries=100)
    assert len(feed.entries) == 51
    assert FeedWarning(WarningKind.DUPLICATE_ITEM, 149) in feed.warnings


def test_an_undeclared_cp1251_feed_is_detected_and_warned() -> None:
    title = "Польша не исключает отправку войск на Украину"
    items = f"<item><title>{title}</title><link>https://news.test/a</link></item>"
    body = _rss(items, head='<?xml version="1.0"?>').decode().encode("cp1251")
    feed = parse_feed(body, FeedKind.RSS, "https://news.test/feed.xml")
    assert feed.entries[0].title == title
    assert feed.warnings[0].kind is WarningKind.ENCODING_FALLBACK
    assert "cp1251" in feed.warnings[0].detail
    # Declared and right: no warning.
    ok = _rss(items, head='<?xml version="1.0" encoding="windows-1251"?>').decode()
    assert parse_feed(ok.encode("cp1251"), FeedKind.RSS, "https://news.test/f").warnings == ()


def test_a_feed_of_ten_thousand_items_is_cut_before_feedparser() -> None:
    items = "".join(f"<item><link>https://news.test/{i}</link></item>" for i in range(10_000))
    feed = parse_feed(_rss(items), FeedKind.RSS, "https://news.test/f", max_entries=100)
    assert [e.url for e in feed.entries] == [f"https://news.test/{i}" for i in range(100)]
