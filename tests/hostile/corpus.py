"""A hostile feed server of our own: one route per attack, each with the error kind (or
the warning) the monitor must end with. Stdlib only (tests.support.httpserver), bound to
127.0.0.1; used by tests/hostile/test_corpus.py and bench/hostile.py.

Sizes assume the fetch settings of HOSTILE_SETTINGS (1 MiB body cap, 2 s read timeout,
6 s total deadline), so the whole corpus runs in seconds.
"""

from __future__ import annotations

import gzip
import itertools
import json
import zlib
from dataclasses import dataclass

from monitor.errors import ErrorKind, WarningKind
from monitor.fetch import FetchSettings
from monitor.records import FeedKind
from tests.support.httpserver import HttpServer, Reply, drip, redirect, status

HOSTILE_SETTINGS = FetchSettings(
    user_agent="monitor-tests/0.1 (+https://example.org/monitor-tests)",
    # Margins of several times for a loaded CI box: a drip gap is 0.2 s against a 2 s
    # read timeout, a stall 12 s against it, the total deadline 6 s.
    connect_timeout_s=3.0,
    read_timeout_s=2.0,
    total_timeout_s=6.0,
    max_bytes=1024 * 1024,
    max_redirects=5,
    # Every attack is on one host here; in service each would be a host of its own.
    max_connections=100,
    per_host_concurrency=100,
)
RSS = "application/rss+xml"


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    reply: Reply
    expected: ErrorKind | WarningKind | None  # None: a clean, successful poll
    kind: FeedKind = FeedKind.RSS


def _feed(items: str, head: str = '<?xml version="1.0" encoding="utf-8"?>') -> bytes:
    return f'{head}<rss version="2.0"><channel><title>H</title>{items}</channel></rss>'.encode()


_LINKS = itertools.count()


def _item(i: int | str, title: str = "t", link: str | None = None) -> str:
    # Links differ across cases: the attacks are on the feeds, not on concurrent saves
    # of one article from several feeds (ingest's tests cover those).
    url = link if link is not None else f"https://news.example/{next(_LINKS)}/{i}"
    return f"<item><title>{title}</title><link>{url}</link><guid>{i}</guid></item>"


def _ok(body: bytes, content_type: str = RSS, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    return Reply(body=body, headers=(("Content-Type", content_type), *headers))


def _bombs() -> list[Case]:
    laughs = '<!ENTITY l0 "lol">' + "".join(
        '<!ENTITY l{} "{}">'.format(i, f"&l{i - 1};" * 10) for i in range(1, 10)
    )
    zeros = gzip.compress(b"\0" * (20 * 1024 * 1024), 9)
    xml_zeros = gzip.compress(_feed("") + b" " * (20 * 1024 * 1024), 9)
    return [
        Case(
            "billion-laughs",
            _ok(f"<?xml version='1.0'?><!DOCTYPE r [{laughs}]><rss>&l9;</rss>".encode()),
            ErrorKind.DTD_FORBIDDEN,
        ),
        Case(
            "xxe",
            _ok(
                b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>'
            ),
            ErrorKind.DTD_FORBIDDEN,
        ),
        Case("gzip-bomb", _ok(zeros, headers=(("Content-Encoding", "gzip"),)), ErrorKind.TOO_LARGE),
        Case(
            "gzip-bomb-xml",
            _ok(xml_zeros, headers=(("Content-Encoding", "gzip"),)),
            ErrorKind.TOO_LARGE,
        ),
        Case(
            "double-gzip",
            _ok(gzip.compress(zeros), headers=(("Content-Encoding", "gzip, gzip"),)),
            ErrorKind.TOO_LARGE,
        ),
        Case(
            "deflate-bomb",
            _ok(
                zlib.compress(b"\0" * (20 * 1024 * 1024), 9),
                headers=(("Content-Encoding", "deflate"),),
            ),
            ErrorKind.TOO_LARGE,
        ),
        Case("gzip-as-feed", _ok(gzip.compress(bytes(range(256)) * 4096)), ErrorKind.NOT_A_FEED),
        Case(
            "corrupt-gzip",
            _ok(b"\x1f\x8b\x08\x00garbage" * 100, headers=(("Content-Encoding", "gzip"),)),
            ErrorKind.PROTOCOL_ERROR,
        ),
        Case("brotli", _ok(b"xx", headers=(("Content-Encoding", "br"),)), ErrorKind.PROTOCOL_ERROR),
        Case("over-cap", _ok(_feed("") + b" " * (2 * 1024 * 1024)), ErrorKind.TOO_LARGE),
        Case(
            "endless",
            Reply(chunks=(b"<rss>",) + (b"<x>" * 2000,) * 400, declare_length=False),
            ErrorKind.TOO_LARGE,
        ),
    ]


def _streams() -> list[Case]:
    return [
        Case(
            "slow-drip", drip(_feed(_item(1)), every_s=0.2, chunk_size=3), ErrorKind.TIMEOUT_TOTAL
        ),
        Case(
            "stall", Reply(chunks=(b"<rss>", b"</rss>"), chunk_delay_s=12.0), ErrorKind.TIMEOUT_READ
        ),
        Case(
            "short-body",
            Reply(
                chunks=(b"<rss>", b""), headers=(("Content-Length", "9999"),), declare_length=False
            ),
            ErrorKind.PROTOCOL_ERROR,
        ),
        Case(
            "huge-headers",
            Reply(body=_feed(""), headers=tuple((f"X-Pad-{i}", "p" * 1000) for i in range(90))),
            ErrorKind.PROTOCOL_ERROR,
        ),
    ]


def _redirects() -> list[Case]:
    return [
        Case("redirect-loop", redirect("/redirect-loop"), ErrorKind.TOO_MANY_REDIRECTS),
        Case("to-javascript", redirect("javascript:alert(1)"), ErrorKind.BLOCKED_SCHEME),
        Case("to-file", redirect("file:///etc/passwd"), ErrorKind.BLOCKED_SCHEME),
        Case("to-data", redirect("data:text/xml,<rss/>"), ErrorKind.BLOCKED_SCHEME),
        Case(
            "to-metadata",
            redirect("http://169.254.169.254/latest/meta-data/"),
            ErrorKind.BLOCKED_PRIVATE_ADDRESS,
        ),
        Case(
            "to-metadata-name",
            redirect("http://metadata.google.internal/"),
            ErrorKind.BLOCKED_PRIVATE_ADDRESS,
        ),
        Case("to-octal", redirect("http://0177.0.0.1:9/"), ErrorKind.BLOCKED_PRIVATE_ADDRESS),
        Case("to-hex", redirect("http://0x7f000001:9/"), ErrorKind.BLOCKED_PRIVATE_ADDRESS),
        Case("to-decimal", redirect("http://2130706433:9/"), ErrorKind.BLOCKED_PRIVATE_ADDRESS),
        Case("to-ipv6-loopback", redirect("http://[::1]:9/"), ErrorKind.BLOCKED_PRIVATE_ADDRESS),
        Case("to-other-port", redirect("http://127.0.0.1:9/"), ErrorKind.BLOCKED_PRIVATE_ADDRESS),
        Case("to-private", redirect("http://10.0.0.1/"), ErrorKind.BLOCKED_PRIVATE_ADDRESS),
        Case("to-cgnat", redirect("http://100.64.0.1/"), ErrorKind.BLOCKED_PRIVATE_ADDRESS),
        Case("no-location", status(302), ErrorKind.PROTOCOL_ERROR),
    ]


def _documents() -> list[Case]:
    deep_xml = b"<rss>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</rss>"
    broken = _feed("".join(_item(i, "a &nbsp; <b>") for i in range(8000)))[:-20]
    many = _feed("".join(_item(i, f"Item {i}") for i in range(10_000)))
    nuls = _feed(_item(1, "Pol\x01and" * 21 + "\x1b[2J"))
    cp1251 = (
        _feed(
            _item(1, "Польша не исключает отправку войск на Украину"), head='<?xml version="1.0"?>'
        )
        .decode()
        .encode("cp1251")
    )
    huge_fields = _feed(
        _item(1, "T" * 300_000) + _item(2, link="https://news.example/" + "a" * 100_000)
    )
    dupes = _feed(_item("same") * 150 + "".join(_item(i) for i in range(50)))
    json_deep = (
        b'{"version": "https://jsonfeed.org/version/1.1", "items": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}"
    )
    json_items = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "J\u0000",
        "items": [{"id": "1", "url": "https://news.example/j\u0000", "title": "a\ud800b"}],
    }
    return [
        Case("deep-xml", _ok(deep_xml), ErrorKind.PARSE_ERROR),
        Case("broken-xml", _ok(broken), ErrorKind.PARSE_ERROR),
        Case(
            "html-page",
            _ok(b"<!doctype html><html><body>" + b"<p>x</p>" * 1000, "text/html"),
            ErrorKind.NOT_A_FEED,
        ),
        Case("image", _ok(b"\x89PNG\r\n\x1a\n" + bytes(10_000), "image/png"), ErrorKind.NOT_A_FEED),
        Case("empty-200", _ok(b""), ErrorKind.EMPTY_BODY),
        Case("whitespace-200", _ok(b"   \n\n"), ErrorKind.EMPTY_BODY),
        Case("no-content-204", status(204), ErrorKind.EMPTY_BODY),
        Case("zero-items", _ok(_feed("")), None),
        Case("ten-thousand-items", _ok(many), None),
        Case("nul-titles", _ok(nuls), None),
        Case("cp1251-undeclared", _ok(cp1251, "application/xml"), WarningKind.ENCODING_FALLBACK),
        Case("huge-fields", _ok(huge_fields), WarningKind.FIELD_TRUNCATED),
        Case(
            "linkless", _ok(_feed("<item><title>x</title></item>")), WarningKind.ITEM_WITHOUT_LINK
        ),
        Case("duplicates", _ok(dupes), WarningKind.DUPLICATE_ITEM),
        Case(
            "json-deep",
            _ok(json_deep, "application/feed+json"),
            ErrorKind.PARSE_ERROR,
            FeedKind.JSON,
        ),
        Case(
            "json-garbage",
            _ok(b"\x00\x01 not json", "application/json"),
            ErrorKind.NOT_A_FEED,
            FeedKind.JSON,
        ),
        Case(
            "json-not-feed",
            _ok(b'{"hello": "world"}', "application/json"),
            ErrorKind.NOT_A_FEED,
            FeedKind.JSON,
        ),
        Case(
            "json-controls",
            _ok(json.dumps(json_items).encode(), "application/feed+json"),
            None,
            FeedKind.JSON,
        ),
    ]


def _statuses() -> list[Case]:
    return [
        Case(
            "retry-after-20-digits",
            status(429, headers=(("Retry-After", "9" * 20),)),
            ErrorKind.HTTP_429,
        ),
        Case(
            "server-error",
            status(503, headers=(("Retry-After", "Wed, 01 Jan 3000 00:00:00 GMT"),)),
            ErrorKind.HTTP_5XX,
        ),
        Case("not-found", status(404), ErrorKind.HTTP_4XX),
        Case("gone", status(410), ErrorKind.HTTP_4XX),
    ]


def cases() -> list[Case]:
    return [*_bombs(), *_streams(), *_redirects(), *_documents(), *_statuses()]


def serve(server: HttpServer) -> list[Case]:
    """Route every case on `server` under /<name>; return the cases."""
    found = cases()
    for case in found:
        server.route(f"/{case.name}", case.reply)
    return found


def main() -> None:
    """Serve the corpus (and a 50 MiB webhook answer at /hook) until stdin closes; print
    the port first. bench/hostile.py runs this as a child so that the server's memory is
    not counted as the monitor's."""
    import sys

    with HttpServer() as server:
        serve(server)
        flood = b"x" * (50 * 1024 * 1024)
        server.route(
            "/hook", Reply(chunks=tuple(flood[i : i + 65536] for i in range(0, len(flood), 65536)))
        )
        print(server.port, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
