"""Size-capped decoding of response bodies: raw bytes and decompressed bytes both count."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterable

from monitor.errors import PermanentFetchError, TooLargeError

# We advertise only these, so a server answering with br/zstd is misbehaving.
ACCEPT_ENCODING = "gzip, deflate"


class _Inflater:
    """One zlib-family decoder that never produces more than it is allowed to."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._deflate_guess = not self._gzip  # "deflate" may be zlib-wrapped or raw
        self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS if self._gzip else zlib.MAX_WBITS)

    def feed(self, data: bytes, room: int) -> bytes:
        """Decode `data`; return at most `room + 1` bytes (one more means: too large)."""
        out = bytearray()
        while data and len(out) <= room:
            try:
                out += self._obj.decompress(data, room + 1 - len(out))
            except zlib.error:
                if not self._deflate_guess:
                    raise
                # Many servers send raw deflate under "deflate"; retry once that way.
                self._deflate_guess = False
                self._obj = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._deflate_guess = False
            if self._obj.unconsumed_tail:
                data = self._obj.unconsumed_tail  # stopped at the limit
            elif self._obj.eof and self._obj.unused_data and self._gzip:
                data = self._obj.unused_data  # concatenated gzip members
                self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
            else:
                data = b""
        return bytes(out)

    def finish(self) -> bytes:
        return self._obj.flush()


class CappedBody:
    """Accumulates a body, decoding `Content-Encoding` and refusing it past `max_bytes`.

    Decompression is bounded step by step (zlib's `max_length`), so a gzip bomb costs
    at most `max_bytes` of memory before it is refused.

    >>> import gzip
    >>> body = CappedBody("gzip", max_bytes=100, url="http://example.org/")
    >>> body.feed(gzip.compress(b"hello"))
    >>> body.finish()
    b'hello'
    """

    def __init__(self, content_encoding: str, *, max_bytes: int, url: str) -> None:
        self._max = max_bytes
        self._url = url
        self._raw = 0
        self._parts: list[bytes] = []
        self._size = 0
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        for coding in codings:
            if coding not in ("gzip", "x-gzip", "deflate"):
                raise PermanentFetchError(f"unsupported content-encoding {coding!r}", url=url)
        # Codings are listed in the order applied, so they are undone in reverse.
        self._inflaters = [_Inflater(c) for c in reversed(codings)]

    def feed(self, raw: bytes) -> None:
        self._raw += len(raw)
        if self._raw > self._max:
            raise TooLargeError(f"body larger than {self._max} bytes", url=self._url)
        self._append(self._decode(raw, final=False))

    def finish(self) -> bytes:
        self._append(self._decode(b"", final=True))
        return b"".join(self._parts)

    def _decode(self, data: bytes, *, final: bool) -> bytes:
        try:
            for inflater in self._inflaters:
                room = self._max - self._size
                data = inflater.feed(data, room) if data else b""
                if final:
                    data += inflater.finish()
                # Every stage is capped, not just the last: an inflater that stopped at
                # its limit has left input behind, so its output cannot be continued.
                if len(data) > room:
                    raise self._too_large()
        except zlib.error as exc:
            raise PermanentFetchError(f"corrupt compressed body: {exc}", url=self._url) from exc
        return data

    def _append(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._max:
            raise self._too_large()
        if data:
            self._parts.append(data)

    def _too_large(self) -> TooLargeError:
        return TooLargeError(f"decoded body larger than {self._max} bytes", url=self._url)


async def read_capped(
    chunks: AsyncIterable[bytes], content_encoding: str, *, max_bytes: int, url: str
) -> bytes:
    """Read raw `chunks` into a decoded body of at most `max_bytes`."""
    body = CappedBody(content_encoding, max_bytes=max_bytes, url=url)
    async for chunk in chunks:
        body.feed(chunk)
    return body.finish()
