"""The fetcher against a real HTTP server on 127.0.0.1 (allowed explicitly per request)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from monitor.errors import (
    BlockedAddressError,
    PermanentFetchError,
    TooLargeError,
    TooManyRedirectsError,
    TransientFetchError,
)
from monitor.fetch import FEED_ACCEPT, Fetcher
from tests.fetch.conftest import TEST_SETTINGS
from tests.support.httpserver import (
    HttpServer,
    Reply,
    drip,
    gzip_bytes,
    http_date,
    redirect,
    static,
    status,
)

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
LAST_MODIFIED = http_date(1_700_000_000)


async def test_get_returns_body_validators_and_sends_an_honest_user_agent(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route(
        "/feed.xml",
        static(RSS, content_type="application/rss+xml", etag='"v1"', last_modified=LAST_MODIFIED),
    )
    result = await fetcher.fetch(
        http_server.url("/feed.xml"), allow_private=True, accept=FEED_ACCEPT
    )
    assert result.status == 200
    assert result.body == RSS
    assert result.content_type == "application/rss+xml"
    assert result.etag == '"v1"'
    assert result.last_modified == LAST_MODIFIED
    assert result.url == http_server.url("/feed.xml")
    assert not result.not_modified and result.permanent_redirect is None
    (request,) = http_server.requests
    assert request.header("User-Agent") == TEST_SETTINGS.user_agent
    assert request.header("Accept") == FEED_ACCEPT
    assert request.header("Accept-Encoding") == "gzip, deflate"
    assert request.header("If-None-Match") is None


async def test_conditional_get_with_etag_gives_not_modified(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/feed.xml", static(RSS, etag='"v1"', last_modified=LAST_MODIFIED))
    url = http_server.url("/feed.xml")
    first = await fetcher.fetch(url, allow_private=True)
    second = await fetcher.fetch(
        url, etag=first.etag, last_modified=first.last_modified, allow_private=True
    )
    assert second.not_modified and second.status == 304
    assert second.body == b""
    assert second.etag == '"v1"'
    assert http_server.requests[1].header("If-None-Match") == '"v1"'
    assert http_server.requests[1].header("If-Modified-Since") == LAST_MODIFIED


async def test_not_modified_and_redirect_answers_keep_their_connection(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    # Closed unread, a 304 or a redirect would cost every later poll a new connection.
    http_server.route("/feed.xml", static(RSS, etag='"v1"'))
    http_server.route("/old.xml", redirect("/feed.xml"))
    url = http_server.url("/feed.xml")
    for _ in range(3):
        assert (await fetcher.fetch(url, etag='"v1"', allow_private=True)).not_modified
    assert (await fetcher.fetch(http_server.url("/old.xml"), allow_private=True)).body == RSS
    assert len(http_server.requests) == 5
    assert len(http_server.connections_seen) == 1


async def test_conditional_get_with_last_modified_only(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/feed.xml", static(RSS, last_modified=LAST_MODIFIED))
    result = await fetcher.fetch(
        http_server.url("/feed.xml"), last_modified=LAST_MODIFIED, allow_private=True
    )
    assert result.not_modified
    assert result.last_modified == LAST_MODIFIED
    changed = await fetcher.fetch(
        http_server.url("/feed.xml"), last_modified=http_date(1_600_000_000), allow_private=True
    )
    assert not changed.not_modified and changed.body == RSS


async def test_gzip_body_is_decoded(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/feed.xml", static(RSS * 50, compress=True))
    result = await fetcher.fetch(http_server.url("/feed.xml"), allow_private=True)
    assert result.body == RSS * 50


# -- size cap -----------------------------------------------------------------------------


async def test_declared_length_over_the_cap_is_refused_before_reading(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/big", Reply(body=b"x" * (TEST_SETTINGS.max_bytes + 1)))
    with pytest.raises(TooLargeError, match="Content-Length"):
        await fetcher.fetch(http_server.url("/big"), allow_private=True)


async def test_streamed_body_over_the_cap_is_refused(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    chunk = b"y" * 65536
    count = TEST_SETTINGS.max_bytes // len(chunk) + 2
    http_server.route("/stream", Reply(chunks=(chunk,) * count, declare_length=False))
    with pytest.raises(TooLargeError):
        await fetcher.fetch(http_server.url("/stream"), allow_private=True)


async def test_per_call_cap_overrides_the_setting(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/small", Reply(body=b"z" * 2000))
    with pytest.raises(TooLargeError):
        await fetcher.fetch(http_server.url("/small"), allow_private=True, max_bytes=1000)


async def test_gzip_bomb_is_refused(http_server: HttpServer, fetcher: Fetcher) -> None:
    bomb = gzip_bytes(b"\0" * (16 << 20))  # 16 MiB decoded, about 16 KiB sent
    assert len(bomb) < TEST_SETTINGS.max_bytes
    http_server.route("/bomb", Reply(headers=(("Content-Encoding", "gzip"),), body=bomb))
    with pytest.raises(TooLargeError, match="decoded"):
        await fetcher.fetch(http_server.url("/bomb"), allow_private=True)


# -- redirects ----------------------------------------------------------------------------


async def test_permanent_redirect_chain_reports_the_final_url(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/a", redirect("/b", status=301))
    http_server.route("/b", redirect(http_server.url("/c"), status=308))
    http_server.route("/c", static(RSS))
    result = await fetcher.fetch(http_server.url("/a"), allow_private=True)
    assert result.body == RSS
    assert result.url == http_server.url("/c")
    assert result.permanent_redirect == http_server.url("/c")


async def test_a_temporary_hop_means_no_permanent_redirect(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/a", redirect("/b", status=301))
    http_server.route("/b", redirect("/c", status=302))
    http_server.route("/c", static(RSS))
    result = await fetcher.fetch(http_server.url("/a"), allow_private=True)
    assert result.url == http_server.url("/c")
    assert result.permanent_redirect is None


async def test_redirect_limit(http_server: HttpServer, fetcher: Fetcher) -> None:
    for i in range(10):
        http_server.route(f"/r{i}", redirect(f"/r{i + 1}", status=301))
    http_server.route("/r10", static(RSS))
    with pytest.raises(TooManyRedirectsError):
        await fetcher.fetch(http_server.url("/r0"), allow_private=True)
    assert http_server.hits() == TEST_SETTINGS.max_redirects + 1
    # Exactly max_redirects hops is fine.
    result = await fetcher.fetch(http_server.url("/r5"), allow_private=True)
    assert result.body == RSS


async def test_redirect_loop_stops(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/loop", redirect("/loop", status=302))
    with pytest.raises(TooManyRedirectsError):
        await fetcher.fetch(http_server.url("/loop"), allow_private=True)


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://x/"])
async def test_redirect_to_another_scheme_is_refused(
    http_server: HttpServer, fetcher: Fetcher, location: str
) -> None:
    http_server.route("/go", redirect(location))
    with pytest.raises(PermanentFetchError, match="scheme"):
        await fetcher.fetch(http_server.url("/go"), allow_private=True)


async def test_redirect_without_location_is_permanent(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/bad", status(301))
    with pytest.raises(PermanentFetchError, match="Location"):
        await fetcher.fetch(http_server.url("/bad"), allow_private=True)


# -- deadlines ----------------------------------------------------------------------------


async def test_total_deadline_stops_a_drip_feed(http_server: HttpServer) -> None:
    # One byte every 0.2 s never trips a 3 s read timeout; only the total deadline helps.
    http_server.route("/drip", drip(b"x" * 200, every_s=0.2))
    settings = replace(TEST_SETTINGS, total_timeout_s=1.0)
    async with Fetcher(settings) as fetcher:
        started = time.monotonic()
        with pytest.raises(TransientFetchError, match="within 1 s"):
            await fetcher.fetch(http_server.url("/drip"), allow_private=True)
        elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 2.5


async def test_read_timeout_on_a_silent_server() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    settings = replace(TEST_SETTINGS, read_timeout_s=0.3, total_timeout_s=5.0)
    try:
        async with Fetcher(settings) as fetcher:
            started = time.monotonic()
            with pytest.raises(TransientFetchError, match="timed out"):
                await fetcher.fetch(
                    f"http://127.0.0.1:{listener.getsockname()[1]}/", allow_private=True
                )
            assert time.monotonic() - started < 2.0
    finally:
        for conn in accepted:
            conn.close()
        listener.close()


# -- status classification ----------------------------------------------------------------


@pytest.mark.parametrize("code", [400, 401, 403, 404, 410, 451])
async def test_client_errors_are_permanent(
    http_server: HttpServer, fetcher: Fetcher, code: int
) -> None:
    http_server.route("/x", status(code))
    with pytest.raises(PermanentFetchError, match=f"HTTP {code}") as caught:
        await fetcher.fetch(http_server.url("/x"), allow_private=True)
    assert not caught.value.transient
    assert caught.value.url == http_server.url("/x")


@pytest.mark.parametrize("code", [408, 429, 500, 502, 503, 504])
async def test_server_errors_and_throttling_are_transient(
    http_server: HttpServer, fetcher: Fetcher, code: int
) -> None:
    http_server.route("/x", status(code))
    with pytest.raises(TransientFetchError, match=f"HTTP {code}") as caught:
        await fetcher.fetch(http_server.url("/x"), allow_private=True)
    assert caught.value.transient
    assert caught.value.retry_after is None


async def test_retry_after_seconds_on_503(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/x", status(503, headers=[("Retry-After", "120")]))
    with pytest.raises(TransientFetchError) as caught:
        await fetcher.fetch(http_server.url("/x"), allow_private=True)
    assert caught.value.retry_after == 120.0


async def test_retry_after_date_on_429_uses_the_given_clock(http_server: HttpServer) -> None:
    now = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)
    http_server.route("/x", status(429, headers=[("Retry-After", http_date(now.timestamp() + 90))]))
    async with Fetcher(TEST_SETTINGS, clock=lambda: now) as fetcher:
        with pytest.raises(TransientFetchError) as caught:
            await fetcher.fetch(http_server.url("/x"), allow_private=True)
    assert caught.value.retry_after == 90.0


async def test_connection_refused_is_transient(fetcher: Fetcher) -> None:
    with socket.create_server(("127.0.0.1", 0)) as closed:
        port = closed.getsockname()[1]
    with pytest.raises(TransientFetchError):
        await fetcher.fetch(f"http://127.0.0.1:{port}/", allow_private=True)


async def test_tls_failure_is_permanent(http_server: HttpServer, fetcher: Fetcher) -> None:
    # An https URL pointing at a plain-HTTP port fails the TLS handshake.
    with pytest.raises(PermanentFetchError, match="TLS"):
        await fetcher.fetch(f"https://127.0.0.1:{http_server.port}/", allow_private=True)


@pytest.mark.parametrize(
    "url", ["ftp://127.0.0.1/feed", "file:///etc/passwd", "not a url", "http://"]
)
async def test_unfetchable_urls_are_permanent(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(PermanentFetchError):
        await fetcher.fetch(url, allow_private=True)


# -- address guard on loopback --------------------------------------------------------------


async def test_loopback_is_refused_unless_allowed(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/feed.xml", static(RSS))
    with pytest.raises(BlockedAddressError, match="loopback"):
        await fetcher.fetch(http_server.url("/feed.xml"))
    with pytest.raises(BlockedAddressError, match="loopback"):
        await fetcher.fetch(f"http://localhost:{http_server.port}/feed.xml")
    assert http_server.hits() == 0


async def test_a_pooled_connection_is_not_reused_without_permission(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/feed.xml", static(RSS))
    url = http_server.url("/feed.xml")
    assert (await fetcher.fetch(url, allow_private=True)).body == RSS
    with pytest.raises(BlockedAddressError):
        await fetcher.fetch(url)
    assert http_server.hits() == 1


async def test_redirect_from_allowed_fetch_to_loopback_without_permission_is_refused(
    http_server: HttpServer,
) -> None:
    """A second server's redirect to loopback is refused when the feed may not go there.

    The first hop uses a name that a custom resolver maps to 127.0.0.1 while the policy
    is told nothing; the refusal must come from the address, not the name.
    """
    http_server.route("/feed.xml", static(RSS))

    async def resolve(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    async with Fetcher(TEST_SETTINGS, resolve=resolve) as fetcher:
        with pytest.raises(BlockedAddressError, match="loopback"):
            await fetcher.fetch(f"http://news.example:{http_server.port}/feed.xml")
    assert http_server.hits() == 0


async def test_requests_go_to_the_resolved_address_with_the_original_host_header(
    http_server: HttpServer,
) -> None:
    http_server.route("/feed.xml", static(RSS))
    asked: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]

    async with Fetcher(TEST_SETTINGS, resolve=resolve) as fetcher:
        result = await fetcher.fetch(
            f"http://news.example:{http_server.port}/feed.xml", allow_private=True
        )
    assert result.body == RSS
    assert asked == ["news.example"]
    assert http_server.requests[0].header("Host") == f"news.example:{http_server.port}"


async def test_resolution_failure_is_transient(http_server: HttpServer) -> None:
    async def resolve(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    async with Fetcher(TEST_SETTINGS, resolve=resolve) as fetcher:
        with pytest.raises(TransientFetchError, match="resolve"):
            await fetcher.fetch("http://nowhere.example/feed.xml")


# -- concurrency --------------------------------------------------------------------------


async def test_per_host_concurrency_is_bounded(http_server: HttpServer, fetcher: Fetcher) -> None:
    lock = threading.Lock()
    in_flight = 0
    peak = 0

    def slow(request: object) -> Reply:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.15)
        with lock:
            in_flight -= 1
        return Reply(body=b"ok")

    http_server.route("/slow", slow)
    results = await asyncio.gather(
        *(fetcher.fetch(http_server.url("/slow"), allow_private=True) for _ in range(6))
    )
    assert [r.body for r in results] == [b"ok"] * 6
    assert peak == TEST_SETTINGS.per_host_concurrency


# -- robots.txt ---------------------------------------------------------------------------

ROBOTS = b"""User-agent: *
Disallow: /private/

User-agent: monitor-tests
Disallow: /no-monitor/
"""


async def test_robots_rules_apply_to_our_agent_and_are_cached(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/robots.txt", static(ROBOTS))
    allowed = fetcher.allowed_by_robots
    assert await allowed(http_server.url("/news/1.html"), allow_private=True) is True
    assert await allowed(http_server.url("/no-monitor/1.html"), allow_private=True) is False
    # Our own group replaces "*", so /private/ is not ours to avoid.
    assert await allowed(http_server.url("/private/1.html"), allow_private=True) is True
    assert http_server.hits("/robots.txt") == 1


async def test_missing_robots_allows_everything(http_server: HttpServer, fetcher: Fetcher) -> None:
    assert await fetcher.allowed_by_robots(http_server.url("/a.html"), allow_private=True)
    assert await fetcher.allowed_by_robots(http_server.url("/b.html"), allow_private=True)
    assert http_server.hits("/robots.txt") == 1


async def test_robots_concurrent_lookups_load_once(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/robots.txt", static(ROBOTS))
    answers = await asyncio.gather(
        *(
            fetcher.allowed_by_robots(http_server.url(f"/n/{i}"), allow_private=True)
            for i in range(5)
        )
    )
    assert answers == [True] * 5
    assert http_server.hits("/robots.txt") == 1


async def test_robots_server_error_allows_but_is_retried_soon(http_server: HttpServer) -> None:
    http_server.route("/robots.txt", status(503))
    settings = replace(TEST_SETTINGS, robots_error_ttl_s=0.05)
    async with Fetcher(settings) as fetcher:
        assert await fetcher.allowed_by_robots(http_server.url("/a"), allow_private=True)
        http_server.route("/robots.txt", static(b"User-agent: *\nDisallow: /\n"))
        await asyncio.sleep(0.1)
        assert not await fetcher.allowed_by_robots(http_server.url("/a"), allow_private=True)
    assert http_server.hits("/robots.txt") == 2


async def test_robots_on_a_refused_address_raises(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    with pytest.raises(BlockedAddressError):
        await fetcher.allowed_by_robots(http_server.url("/a"))
    assert http_server.hits() == 0


# -- connection reuse ---------------------------------------------------------------------


async def test_keep_alive_connections_are_reused(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/feed.xml", static(RSS))
    for _ in range(3):
        await fetcher.fetch(http_server.url("/feed.xml"), allow_private=True)
    assert http_server.hits() == 3
    assert len(http_server.connections_seen) == 1


async def test_a_connection_the_server_closed_is_not_reused(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/feed.xml", static(RSS))
    await fetcher.fetch(http_server.url("/feed.xml"), allow_private=True)
    http_server.drop_connections()
    await asyncio.sleep(0.05)  # let the FIN arrive, as it would between two polls
    result = await fetcher.fetch(http_server.url("/feed.xml"), allow_private=True)
    assert result.body == RSS
    assert len(http_server.connections_seen) == 2


async def test_cookies_are_neither_kept_nor_sent(http_server: HttpServer, fetcher: Fetcher) -> None:
    http_server.route("/feed.xml", static(RSS, headers=[("Set-Cookie", "id=42; Path=/")]))
    for _ in range(2):
        await fetcher.fetch(http_server.url("/feed.xml"), allow_private=True)
    assert [r.header("Cookie") for r in http_server.requests] == [None, None]


def test_sniffio_is_installed() -> None:
    # Without it httpcore retries a failed import several times per request (bench/fetch.py).
    import importlib.util

    assert importlib.util.find_spec("sniffio") is not None


async def test_a_validator_that_cannot_be_sent_back_is_dropped(
    http_server: HttpServer, fetcher: Fetcher
) -> None:
    http_server.route("/feed.xml", static(RSS, etag='"v1"'))
    result = await fetcher.fetch(
        http_server.url("/feed.xml"), etag='"v1"\r\nX-Injected: 1', allow_private=True
    )
    assert result.body == RSS
    assert http_server.requests[0].header("If-None-Match") is None
    assert http_server.requests[0].header("X-Injected") is None
