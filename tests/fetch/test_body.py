"""Size-capped body decoding: raw and decompressed sizes both count, bombs stay small."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib

import pytest

from monitor.errors import PermanentFetchError, TooLargeError
from monitor.fetch.body import CappedBody

URL = "http://example.org/feed"
TEXT = b"Troops, or no troops: the allies differ.\n" * 200


def decode(encoding: str, data: bytes, *, max_bytes: int = 1 << 20, chunk: int = 997) -> bytes:
    body = CappedBody(encoding, max_bytes=max_bytes, url=URL)
    for i in range(0, len(data), chunk):
        body.feed(data[i : i + chunk])
    return body.finish()


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("", TEXT),
        ("identity", TEXT),
        ("gzip", gzip.compress(TEXT)),
        ("x-gzip", gzip.compress(TEXT)),
        ("GZIP", gzip.compress(TEXT)),
        ("deflate", zlib.compress(TEXT)),  # zlib-wrapped, as the RFC says
        ("deflate", zlib.compress(TEXT, wbits=-15)),  # raw, as many servers send
        ("gzip, gzip", gzip.compress(gzip.compress(TEXT))),
        ("gzip", gzip.compress(TEXT[:100]) + gzip.compress(TEXT[100:])),  # two members
    ],
)
def test_decodes(encoding: str, data: bytes) -> None:
    assert decode(encoding, data) == TEXT


def test_body_at_the_cap_is_accepted() -> None:
    assert decode("gzip", gzip.compress(TEXT), max_bytes=len(TEXT)) == TEXT


def test_raw_body_past_the_cap_is_refused() -> None:
    with pytest.raises(TooLargeError):
        decode("", TEXT, max_bytes=len(TEXT) - 1)


def test_decoded_body_past_the_cap_is_refused() -> None:
    with pytest.raises(TooLargeError, match="decoded"):
        decode("gzip", gzip.compress(TEXT), max_bytes=len(TEXT) - 1)


def test_gzip_bomb_is_refused_without_inflating_it() -> None:
    bomb = gzip.compress(b"\0" * (64 << 20))  # 64 MiB of zeros in about 64 KiB
    assert len(bomb) < 100_000
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError):
            decode("gzip", bomb, max_bytes=1 << 20, chunk=len(bomb))  # one huge chunk
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"peak {peak} bytes while refusing a bomb"


def test_nested_bomb_is_refused() -> None:
    bomb = gzip.compress(gzip.compress(b"\0" * (32 << 20)))
    with pytest.raises(TooLargeError):
        decode("gzip, gzip", bomb, max_bytes=1 << 20)


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "gzip, br"])
def test_unadvertised_encodings_are_refused(encoding: str) -> None:
    with pytest.raises(PermanentFetchError, match="content-encoding"):
        CappedBody(encoding, max_bytes=100, url=URL)


def test_corrupt_gzip_is_a_permanent_error() -> None:
    with pytest.raises(PermanentFetchError, match="corrupt"):
        decode("gzip", b"\x1f\x8b\x08\x00garbage-garbage-garbage")
