"""The fetcher's way onto the network: resolve, vet and connect to an address in one step.

Vetting a host name and then letting the HTTP library resolve it again is open to DNS
rebinding (the second answer may be 127.0.0.1). Here the httpcore network backend
resolves the name itself, refuses the whole host when any answer is not allowed, and
connects to the vetted IP literal, so the address checked is the address connected to.
Connections live in one pool per allow-list, so a connection opened for a feed allowed
an intranet host is never handed to a request without that permission; the transport
looks again at the peer of every response before its body is read.
"""

from __future__ import annotations

import asyncio
import contextlib
import select
import socket
import ssl
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
)
from typing import Any

import httpcore
import httpx

from monitor.fetch.addresses import (
    METADATA_NAMES,
    NO_PRIVATE,
    AllowList,
    parse_address,
    vet_address,
)
from monitor.fetch.pool import LinearPool

# Request extension carrying the AllowList (and so the pool) a request goes through.
ALLOW = "monitor.allow"

Resolver = Callable[[str, int], Awaitable[list[str]]]


async def resolve_system(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for `host`, in its order, deduplicated."""
    infos = await asyncio.get_running_loop().getaddrinfo(
        host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
    )
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressRefused(Exception):
    """Raised by the backend before connecting; the fetcher names the URL."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        where = address if host == address else f"{host} resolves to {address}"
        super().__init__(f"{where}: {reason}")
        self.host = host
        self.address = address
        self.reason = reason


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore backend that connects only to addresses `vet_address` allows."""

    def __init__(
        self,
        *,
        allow: AllowList,
        resolve: Resolver = resolve_system,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self._allow = allow
        self._resolve = resolve
        # AnyIOBackend directly rather than AutoBackend: one less library sniff per connect.
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._vetted(host, port, timeout)
        last: Exception | None = None
        for address in addresses:
            try:
                stream = await self._inner.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
            else:
                return _Stream(stream)
        assert last is not None  # _vetted never returns an empty list
        raise last

    async def _vetted(self, host: str, port: int, timeout: float | None) -> list[str]:
        if host.lower().rstrip(".") in METADATA_NAMES:
            raise AddressRefused(host, host, "cloud metadata host name")
        try:
            async with asyncio.timeout(timeout):
                answers = await self._resolve(host, port)
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from exc
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not answers:
            raise httpcore.ConnectError(f"{host} has no address")
        vetted = []
        for answer in answers:
            try:
                address = parse_address(answer)
            except ValueError as exc:
                raise AddressRefused(host, answer, "not an IP address") from exc
            reason = vet_address(address, host=host, port=port, allow=self._allow)
            if reason is not None:
                raise AddressRefused(host, answer, reason)
            vetted.append(answer)  # keeps an IPv6 zone, which connecting needs
        return vetted

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise AddressRefused(path, path, "unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def vet_peer(extensions: Mapping[str, Any], host: str, port: int, allow: AllowList) -> None:
    """Refuse a response from an address the policy forbids, before its body is read.

    The backend vets every new connection; this second look covers a pooled connection
    however it was opened, and fails closed when the peer cannot be told.
    """
    stream = extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        raise AddressRefused(host, "?", "cannot tell which address answered")
    address = str(peer[0])
    reason = vet_address(parse_address(address), host=host, port=int(peer[1]), allow=allow)
    if reason is not None:
        raise AddressRefused(host, address, reason)


class _Stream(httpcore.AsyncNetworkStream):
    """The backend's stream, answering the pool's frequent questions without anyio.

    The pool asks a connection "is_readable" (has the server closed it?) before each
    reuse (httpcore's own pool: every idle connection, twice per request); anyio answers
    by building a dict of attributes on each call, which profiled as a fifth of the
    fetcher's CPU time per request.
    """

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self._socket: socket.socket | None = inner.get_extra_info("socket")
        self._server_addr: object = inner.get_extra_info("server_addr")
        # Registered once: the pool asks before every reuse of the connection.
        self._poller: select.poll | None = None
        if self._socket is not None and self._socket.fileno() >= 0:
            self._poller = select.poll()
            self._poller.register(self._socket, select.POLLIN)

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return _Stream(await self._inner.start_tls(ssl_context, server_hostname, timeout))

    def _readable(self) -> bool:
        """Whether data or EOF waits: on an idle connection, a server hang-up."""
        if self._poller is None or self._socket is None or self._socket.fileno() < 0:
            return True
        return bool(self._poller.poll(0))

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            return self._readable()
        if info == "server_addr":
            return self._server_addr
        return self._inner.get_extra_info(info)


# httpcore's exceptions as httpx's, most specific first (what httpx's own transport does).
_EXCEPTIONS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


@contextlib.contextmanager
def _httpx_errors() -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        for source, target in _EXCEPTIONS:
            if isinstance(exc, source):
                raise target(str(exc)) from exc
        raise


class _ResponseStream(httpx.AsyncByteStream):
    def __init__(self, stream: AsyncIterable[bytes]) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _httpx_errors():
            async for part in self._stream:
                yield part

    async def aclose(self) -> None:
        aclose = getattr(self._stream, "aclose", None)
        if aclose is not None:
            await aclose()


async def body_chunks(response: httpcore.Response) -> AsyncIterator[bytes]:
    """The raw (still encoded) body of a response `GuardedTransport.open` gave, its
    errors as httpx's."""
    with _httpx_errors():
        async for part in response.aiter_stream():
            yield part


class GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport over guarded pools, one per allow-list in use.

    A request names its allow-list in the `ALLOW` extension; without one it gets
    `default_allow` (the webhook client sets it once for all its requests).
    """

    def __init__(
        self,
        *,
        limits: httpx.Limits,
        ssl_context: ssl.SSLContext | None = None,
        resolve: Resolver = resolve_system,
        default_allow: AllowList = NO_PRIVATE,
    ) -> None:
        self._context = ssl_context or httpx.create_ssl_context()
        self._limits = limits
        self._resolve = resolve
        self._default = default_allow
        # Few distinct allow-lists exist (one per feed file at most); equal lists share.
        self._pools: dict[AllowList, LinearPool] = {}

    def _pool(self, allow: AllowList) -> LinearPool:
        pool = self._pools.get(allow)
        if pool is None:
            pool = self._pools[allow] = LinearPool(
                ssl_context=self._context,
                max_connections=self._limits.max_connections,
                max_keepalive_connections=self._limits.max_keepalive_connections,
                keepalive_expiry=self._limits.keepalive_expiry,
                network_backend=GuardedBackend(allow=allow, resolve=self._resolve),
            )
        return pool

    async def open(
        self, request: httpcore.Request, allow: AllowList, host: str, port: int
    ) -> httpcore.Response:
        """Send `request` through the pool of `allow` and vet the peer that answered
        before anything of the body is read; httpcore's errors come out as httpx's."""
        with _httpx_errors():
            response = await self._pool(allow).handle_async_request(request)
        try:
            vet_peer(response.extensions, host, port, allow)
        except AddressRefused:
            await response.aclose()
            raise
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        allow = request.extensions.get(ALLOW, self._default)
        assert isinstance(allow, AllowList)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions={k: v for k, v in request.extensions.items() if k != ALLOW},
        )
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        response = await self.open(core_request, allow, request.url.host, port)
        assert isinstance(response.stream, AsyncIterable)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_ResponseStream(response.stream),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        for pool in self._pools.values():
            await pool.aclose()
