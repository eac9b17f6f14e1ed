"""The guard's second look: a response is vetted by the address that actually answered."""

from __future__ import annotations

import httpx
import pytest

from monitor.fetch.addresses import ALL_PRIVATE, NO_PRIVATE, AllowList
from monitor.fetch.guard import AddressRefused, vet_peer
from tests.support.httpserver import HttpServer, Reply


async def test_vet_peer_judges_the_connected_address(http_server: HttpServer) -> None:
    http_server.route("/", Reply(body=b"ok"))
    port = http_server.port
    # A plain httpx client, unguarded, opens the connection the guard then inspects.
    async with (
        httpx.AsyncClient() as client,
        client.stream("GET", http_server.url("/")) as response,
    ):
        ext = response.extensions
        vet_peer(ext, "127.0.0.1", port, ALL_PRIVATE)
        vet_peer(ext, "127.0.0.1", port, AllowList.parse([f"127.0.0.1:{port}"]))
        vet_peer(ext, "127.0.0.1", port, AllowList.parse(["127.0.0.0/8"]))
        with pytest.raises(AddressRefused, match=r"127\.0\.0\.1: loopback address"):
            vet_peer(ext, "127.0.0.1", port, NO_PRIVATE)
        # The port of the connection counts, not the one a caller claims.
        with pytest.raises(AddressRefused, match="not on the allow-list"):
            vet_peer(ext, "127.0.0.1", port + 1, AllowList.parse([f"127.0.0.1:{port + 1}"]))
        with pytest.raises(AddressRefused, match="not on the allow-list"):
            vet_peer(ext, "127.0.0.1", port, AllowList.parse(["127.0.0.2", "10.0.0.0/8"]))


def test_vet_peer_fails_closed_without_a_network_stream() -> None:
    with pytest.raises(AddressRefused, match="cannot tell"):
        vet_peer({}, "example.org", 80, ALL_PRIVATE)
