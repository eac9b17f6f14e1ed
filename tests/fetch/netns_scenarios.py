"""Address-refusal scenarios, run inside a network namespace that has only loopback.

`test_netns.py` starts this as `unshare -n python -m tests.fetch.netns_scenarios`. It
brings `lo` up, puts a "public", a private, a CGNAT and two metadata addresses on it,
serves HTTP on port 80 of each, runs the fetcher against them and prints one JSON
object: scenario name -> {"outcome": "ok" | exception class name, "hits": {...}}.
Even a broken guard can reach nothing but these servers.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Awaitable, Callable
from typing import Any

from monitor.errors import FetchError
from monitor.fetch import Fetcher, FetchSettings, resolve_system
from tests.support.httpserver import HttpServer, redirect, static

ADDRESSES = {
    "public": "93.184.216.34",  # a global address; in this namespace it is ours
    "private": "10.11.12.13",
    "cgnat": "100.64.7.7",
    "metadata": "169.254.169.254",
    "metadata6": "fd00:ec2::254",
}
BODY = b"<rss version='2.0'><channel><title>ok</title></channel></rss>"
SETTINGS = FetchSettings(connect_timeout_s=2, read_timeout_s=2, total_timeout_s=5)


def set_up_network() -> None:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    for address in ADDRESSES.values():
        family = "-6" if ":" in address else "-4"
        prefix = "128" if ":" in address else "32"
        subprocess.run(
            ["ip", family, "addr", "add", f"{address}/{prefix}", "dev", "lo"], check=True
        )


def start_servers() -> dict[str, HttpServer]:
    servers = {name: HttpServer(host=address, port=80) for name, address in ADDRESSES.items()}
    for server in servers.values():
        server.route("/feed.xml", static(BODY, content_type="application/rss+xml"))
        server.route("/robots.txt", static(b"User-agent: *\nDisallow:\n"))
        server.start()
    servers["public"].route("/to-private", redirect("http://10.11.12.13/feed.xml"))
    servers["public"].route("/to-metadata", redirect("http://169.254.169.254/feed.xml"))
    servers["public"].route("/to-mapped", redirect("http://[::ffff:a0b:c0d]/feed.xml", status=301))
    servers["private"].route("/to-metadata", redirect("http://169.254.169.254/feed.xml"))
    return servers


Scenario = Callable[[], Awaitable[Any]]


async def run_scenarios(servers: dict[str, HttpServer]) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}

    async def run(name: str, scenario: Scenario) -> None:
        before = {key: server.hits() for key, server in servers.items()}
        try:
            value = await scenario()
            outcome, detail = "ok", value.body.decode() if hasattr(value, "body") else value
        except FetchError as exc:
            outcome, detail = type(exc).__name__, str(exc)
        hits = {key: server.hits() - before[key] for key, server in servers.items()}
        results[name] = {"outcome": outcome, "detail": detail, "hits": hits}

    public_names = {"news.example": [ADDRESSES["public"]]}
    resolver_calls: list[str] = []
    rebind_answers = [[ADDRESSES["public"]], [ADDRESSES["private"]]]

    async def resolve(host: str, port: int) -> list[str]:
        resolver_calls.append(host)
        if host == "rebind.example":  # public on the first lookup, private afterwards
            return rebind_answers[min(resolver_calls.count(host) - 1, 1)]
        if host == "mixed.example":
            return [ADDRESSES["public"], ADDRESSES["private"]]
        if host in public_names:
            return public_names[host]
        return await resolve_system(host, port)  # IP literals, in every spelling

    async with Fetcher(SETTINGS, resolve=resolve) as f:
        await run("public_allowed", lambda: f.fetch("http://93.184.216.34/feed.xml"))
        await run("public_by_name", lambda: f.fetch("http://news.example/feed.xml"))
        await run("private", lambda: f.fetch("http://10.11.12.13/feed.xml"))
        await run("cgnat", lambda: f.fetch("http://100.64.7.7/feed.xml"))
        await run("loopback", lambda: f.fetch("http://127.0.0.1/feed.xml"))
        await run("metadata", lambda: f.fetch("http://169.254.169.254/feed.xml"))
        await run(
            "metadata_even_if_private_allowed",
            lambda: f.fetch("http://169.254.169.254/feed.xml", allow_private=True),
        )
        await run("metadata_ipv6", lambda: f.fetch("http://[fd00:ec2::254]/feed.xml"))
        await run("ipv4_mapped_ipv6", lambda: f.fetch("http://[::ffff:10.11.12.13]/feed.xml"))
        await run("decimal_ip", lambda: f.fetch("http://168496141/feed.xml"))
        await run("redirect_public_to_private", lambda: f.fetch("http://news.example/to-private"))
        await run("redirect_public_to_metadata", lambda: f.fetch("http://news.example/to-metadata"))
        await run("redirect_public_to_mapped", lambda: f.fetch("http://news.example/to-mapped"))
        await run(
            "redirect_private_to_metadata_with_permission",
            lambda: f.fetch("http://10.11.12.13/to-metadata", allow_private=True),
        )
        await run("mixed_answers", lambda: f.fetch("http://mixed.example/feed.xml"))
        await run("rebinding", lambda: f.fetch("http://rebind.example/feed.xml"))
        results["rebinding"]["lookups"] = resolver_calls.count("rebind.example")
        await run(
            "private_with_permission",
            lambda: f.fetch("http://10.11.12.13/feed.xml", allow_private=True),
        )
        await run("private_after_pooled", lambda: f.fetch("http://10.11.12.13/feed.xml"))
        await run("robots_private", lambda: f.allowed_by_robots("http://10.11.12.13/a.html"))
    return results


def main() -> None:
    set_up_network()
    servers = start_servers()
    try:
        results = asyncio.run(run_scenarios(servers))
    finally:
        for server in servers.values():
            server.stop()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
