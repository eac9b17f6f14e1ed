"""The guard's second look: a response is vetted by the address that actually answered."""

from __future__ import annotations

import httpx
import pytest

from monitor.fetch.guard import AddressRefused, vet_peer
from tests.support.httpserver import HttpServer, Reply


async def test_vet_peer_judges_the_connected_address(http_server: HttpServer) -> None:
    http_server.route("/", Reply(body=b"ok"))
    # A plain httpx client, unguarded, opens the connection the guard then inspects.
    async with (
        httpx.AsyncClient() as client,
        client.stream("GET", http_server.url("/")) as response,
    ):
        vet_peer(response, allow_private=True)
        with pytest.raises(AddressRefused, match=r"127\.0\.0\.1: loopback address"):
            vet_peer(response, allow_private=False)


def test_vet_peer_fails_closed_without_a_network_stream() -> None:
    response = httpx.Response(200, request=httpx.Request("GET", "http://example.org/"))
    with pytest.raises(AddressRefused, match="cannot tell"):
        vet_peer(response, allow_private=True)
