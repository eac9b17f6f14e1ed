"""The fetcher: the one place ingest speaks HTTP (conditional GET, caps, redirects, guard)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import TracebackType

import httpcore
import httpx

from monitor.errors import (
    BlockedAddressError,
    ErrorKind,
    FetchError,
    PermanentFetchError,
    TooLargeError,
    TooManyRedirectsError,
    TransientFetchError,
)
from monitor.fetch.addresses import ALL_PRIVATE, NO_PRIVATE, AllowList, refusal_reason
from monitor.fetch.body import ACCEPT_ENCODING, read_capped
from monitor.fetch.guard import (
    AddressRefused,
    GuardedTransport,
    Resolver,
    body_chunks,
    resolve_system,
)
from monitor.fetch.limits import HostLimiter
from monitor.fetch.retry import parse_retry_after
from monitor.fetch.robots import RobotsCache
from monitor.fetch.settings import FetchSettings
from monitor.records import FetchResult

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml,"
    " application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT_REDIRECTS = frozenset({301, 308})
# Besides every 5xx: statuses that say "not now" rather than "never".
_TRANSIENT_STATUSES = frozenset({408, 425, 429})
# Response headers past this are an attack or a broken server, not a feed (RFC 9110
# sets no limit; nginx and Apache stop at 8-32 KB, h11 lets 100 KB through).
MAX_HEADER_BYTES = 64 * 1024


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class _Redirect:
    location: str
    status: int


class Fetcher:
    """Fetches URLs for ingest through one shared, guarded `httpx.AsyncClient`.

    Use as `async with Fetcher(settings) as fetcher:` or call `aclose()` when done.
    Expected outcomes (a 304) are results; failures raise `FetchError` subclasses
    whose `transient` says whether a retry may help.
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        resolve: Resolver = resolve_system,
        clock: Callable[[], datetime] = _utcnow,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.settings = s = settings or FetchSettings()
        self._clock = clock
        limits = httpx.Limits(
            max_connections=s.max_connections,
            max_keepalive_connections=s.max_connections,
            keepalive_expiry=s.keepalive_expiry_s,
        )
        # Requests go to the guarded pools directly, without httpx's client: its request
        # and response objects, header merging, auth and redirect flows, hooks and
        # cookie jar cost ~240 us of the ~650 us of CPU an 80 KB page took (redirects
        # are followed here anyway, each hop checked; nothing keeps cookies).
        self._transport = GuardedTransport(limits=limits, ssl_context=ssl_context, resolve=resolve)
        self._headers = [
            (b"Accept-Encoding", ACCEPT_ENCODING.encode()),
            (b"Connection", b"keep-alive"),
            (b"User-Agent", s.user_agent.encode("ascii")),
        ]
        self._timeouts = {
            "connect": s.connect_timeout_s,
            "read": s.read_timeout_s,
            "write": s.read_timeout_s,
            "pool": s.connect_timeout_s,
        }
        self._limiter = HostLimiter(
            total=s.max_connections, per_host=s.per_host_concurrency, delay_s=s.per_host_delay_s
        )
        self._robots = RobotsCache(
            self.fetch,
            agent=s.robots_agent,
            ttl_s=s.robots_ttl_s,
            error_ttl_s=s.robots_error_ttl_s,
            max_bytes=s.robots_max_bytes,
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._transport.aclose()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        allow: AllowList | None = None,
        allow_private: bool = False,
        accept: str | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """GET `url`, following redirects, within the total deadline and size cap.

        Sends `etag`/`last_modified` as If-None-Match/If-Modified-Since; a 304 comes
        back as `FetchResult(not_modified=True)`. `allow` names the private hosts,
        host:port pairs and networks this request may reach at any hop (never cloud
        metadata ones); `allow_private` is the shorthand for all of them.
        """
        policy = allow if allow is not None else ALL_PRIVATE if allow_private else NO_PRIVATE
        headers: dict[str, str] = {}
        if accept:
            headers["Accept"] = accept
        # Validators come from servers; one that cannot be sent back costs a full GET only.
        if etag and _sendable(etag):
            headers["If-None-Match"] = etag
        if last_modified and _sendable(last_modified):
            headers["If-Modified-Since"] = last_modified
        limit = max_bytes or self.settings.max_bytes
        total_s = self.settings.total_timeout_s
        loop = asyncio.get_running_loop()
        deadline: float | None = None
        current = url
        all_permanent = True
        for _ in range(self.settings.max_redirects + 1):
            target = _target(current)
            async with self._limiter.slot(target.host):
                # The clock starts once the first request may go out, not while queued.
                if deadline is None:
                    deadline = loop.time() + total_s
                try:
                    async with asyncio.timeout_at(deadline):
                        outcome = await self._exchange(target, headers, policy, limit)
                except TimeoutError as exc:
                    message = f"no complete answer within {total_s:g} s"
                    raise TransientFetchError(
                        message, url=current, kind=ErrorKind.TIMEOUT_TOTAL
                    ) from exc
            if isinstance(outcome, FetchResult):
                if current != url and all_permanent:
                    return replace(outcome, permanent_redirect=outcome.url)
                return outcome
            all_permanent = all_permanent and outcome.status in _PERMANENT_REDIRECTS
            current = outcome.location
        raise TooManyRedirectsError(f"more than {self.settings.max_redirects} redirects", url=url)

    async def allowed_by_robots(
        self, url: str, *, allow: AllowList | None = None, allow_private: bool = False
    ) -> bool:
        """Whether robots.txt of `url`'s origin lets our agent fetch it (cached per origin)."""
        policy = allow if allow is not None else ALL_PRIVATE if allow_private else NO_PRIVATE
        return await self._robots.allowed(url, allow=policy)

    async def _exchange(
        self, target: httpx.URL, headers: dict[str, str], allow: AllowList, limit: int
    ) -> FetchResult | _Redirect:
        url = str(target)
        port = target.port or (443 if target.scheme == "https" else 80)
        try:
            request = httpcore.Request(
                method=b"GET",
                url=httpcore.URL(
                    scheme=target.raw_scheme,
                    host=target.raw_host,
                    port=target.port,
                    target=target.raw_path,
                ),
                headers=[
                    (b"Host", target.netloc),
                    (b"Accept", headers.get("Accept", "*/*").encode("ascii")),
                    *self._headers,
                    *((k.encode(), v.encode("ascii")) for k, v in headers.items() if k != "Accept"),
                ],
                extensions={"timeout": self._timeouts},
            )
            response = await self._transport.open(request, allow, target.host, port)
        except AddressRefused as exc:
            raise BlockedAddressError(f"refused: {exc}", url=url) from exc
        except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
            raise _transport_failure(exc, url) from exc
        try:
            return await self._interpret(response, target, limit, headers)
        except AddressRefused as exc:
            raise BlockedAddressError(f"refused: {exc}", url=url) from exc
        except (httpx.HTTPError, OSError) as exc:
            raise _transport_failure(exc, url) from exc
        finally:
            await response.aclose()

    async def _interpret(
        self, response: httpcore.Response, target: httpx.URL, limit: int, sent: dict[str, str]
    ) -> FetchResult | _Redirect:
        url = str(target)
        status = response.status
        headers = httpx.Headers(response.headers)
        header_bytes = sum(len(k) + len(v) + 4 for k, v in response.headers)
        if header_bytes > MAX_HEADER_BYTES:
            raise PermanentFetchError(
                f"{header_bytes} bytes of response headers, over {MAX_HEADER_BYTES}", url=url
            )
        if status == 304 or status in _REDIRECTS:
            await _drain(response)
        if status == 304:
            return FetchResult(
                url=url,
                status=status,
                content_type=headers.get("Content-Type", ""),
                etag=headers.get("ETag") or sent.get("If-None-Match"),
                last_modified=headers.get("Last-Modified") or sent.get("If-Modified-Since"),
                not_modified=True,
            )
        if status in _REDIRECTS:
            return _Redirect(_location(headers, status, target), status)
        kind = _status_kind(status)
        if status >= 500 or status in _TRANSIENT_STATUSES:
            retry_after = parse_retry_after(headers.get("Retry-After"), self._clock())
            raise TransientFetchError(f"HTTP {status}", url=url, retry_after=retry_after, kind=kind)
        if status >= 300:
            raise PermanentFetchError(f"HTTP {status}", url=url, kind=kind)
        if status == 204:
            raise TransientFetchError("HTTP 204: no content", url=url, kind=ErrorKind.EMPTY_BODY)
        declared = headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise TooLargeError(f"Content-Length {declared} over {limit} bytes", url=url)
        body = await read_capped(
            body_chunks(response),
            headers.get("Content-Encoding", ""),
            max_bytes=limit,
            url=url,
        )
        if not body.strip():
            raise TransientFetchError(
                f"HTTP {status} with an empty body", url=url, kind=ErrorKind.EMPTY_BODY
            )
        return FetchResult(
            url=url,
            status=status,
            body=body,
            content_type=headers.get("Content-Type", ""),
            etag=headers.get("ETag"),
            last_modified=headers.get("Last-Modified"),
        )


def _status_kind(status: int) -> ErrorKind:
    if status == 429:
        return ErrorKind.HTTP_429
    if status >= 500:
        return ErrorKind.HTTP_5XX
    if status >= 400:
        return ErrorKind.HTTP_4XX
    return ErrorKind.PROTOCOL_ERROR  # 1xx past the library, 3xx without meaning here


# A 304 has no body and a redirect's is a line of HTML: more than this is not worth
# reading to keep the connection.
_DRAIN_BYTES = 64 * 1024


async def _drain(response: httpcore.Response) -> None:
    """Read the (empty or small) body of a 304 or redirect, so the connection is reused.

    Closed unread, httpcore cannot tell the exchange is over and drops the connection;
    the next poll of the host then pays a new resolve, vet and connect: the larger part
    of a 304 poll's cost.
    """
    seen = 0
    async for chunk in body_chunks(response):
        seen += len(chunk)
        if seen > _DRAIN_BYTES:
            return


def _target(url: str) -> httpx.URL:
    blocked = ErrorKind.BLOCKED_SCHEME
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        _refuse_numeric_host(url)
        raise PermanentFetchError(f"invalid URL: {exc}", url=url, kind=blocked) from exc
    if target.scheme not in ("http", "https"):
        raise PermanentFetchError(f"scheme {target.scheme!r} is not fetched", url=url, kind=blocked)
    if not target.host:
        raise PermanentFetchError("URL has no host", url=url, kind=blocked)
    return target


def _location(headers: httpx.Headers, status: int, target: httpx.URL) -> str:
    location = headers.get("Location", "").strip()
    if not location:
        raise PermanentFetchError(f"HTTP {status} without Location", url=str(target))
    try:
        return str(target.join(location))
    except httpx.InvalidURL as exc:
        _refuse_numeric_host(location)
        raise PermanentFetchError(
            f"invalid redirect Location {location[:200]!r}",
            url=str(target),
            kind=ErrorKind.BLOCKED_SCHEME,
        ) from exc


def _refuse_numeric_host(url: str) -> None:
    """Name an octal or hex IPv4 spelling ("0177.0.0.1") for the address it stands for.

    httpx refuses such hosts as invalid, but C resolvers (inet_aton) accept them, so
    they are how redirects smuggle a loopback or private address past naive checks.
    """
    host = url.partition("//")[2].split("/", 1)[0].rpartition("@")[2].split(":", 1)[0]
    try:
        address = ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        return
    reason = refusal_reason(address, allow_private=False)
    if reason is not None:
        raise BlockedAddressError(f"refused: {host} is {address}: {reason}", url=url)


def _sendable(value: str) -> bool:
    return value.isascii() and value.isprintable()


def _transport_failure(exc: Exception, url: str) -> FetchError:
    cause: BaseException | None = exc
    for _ in range(8):  # httpx -> httpcore -> ssl is three links; bound it anyway
        if cause is None:
            break
        if isinstance(cause, ssl.SSLError):
            return PermanentFetchError(f"TLS error: {cause}", url=url)
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.TimeoutException):
        kind = (
            ErrorKind.TIMEOUT_CONNECT
            if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout)
            else ErrorKind.TIMEOUT_READ
        )
        return TransientFetchError(f"timed out ({type(exc).__name__})", url=url, kind=kind)
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return PermanentFetchError(
            f"not a fetchable URL: {exc}", url=url, kind=ErrorKind.BLOCKED_SCHEME
        )
    if isinstance(exc, httpx.ProtocolError | httpx.DecodingError):
        return TransientFetchError(
            f"{type(exc).__name__}: {exc}", url=url, kind=ErrorKind.PROTOCOL_ERROR
        )
    return TransientFetchError(f"{type(exc).__name__}: {exc}", url=url)
