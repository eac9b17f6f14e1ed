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
from monitor.fetch.addresses import AllowList
from tests.support.httpserver import HttpServer, redirect, static

ADDRESSES = {
    "public": "93.184.216.34",  # a global address; in this namespace it is ours
    "private": "10.11.12.13",
    "cgnat": "100.64.7.7",
    "metadata": "169.254.169.254",
    "metadata6": "fd00:ec2::254",
}
BODY = b"<rss version='2.0'><channel><title>ok</title></channel></rss>"
LOOPBACK = (
    ("allowed", "127.0.0.1", 18080),
    ("second", "127.0.0.1", 18081),
    ("loop2", "127.0.0.2", 18080),
    ("loop6", "::1", 18080),
)
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
    # Loopback listeners: "allowed" is on the allow-list, the others must see nothing.
    for name, host, port in LOOPBACK:
        server = servers[name] = HttpServer(host=host, port=port)
        server.route("/feed.xml", static(BODY, content_type="application/rss+xml"))
        server.route("/robots.txt", static(b"User-agent: *\nDisallow:\n"))
        server.start()
    allowed = servers["allowed"]
    for path, location in (
        ("/to-second", "http://127.0.0.1:18081/feed.xml"),
        ("/to-loop2", "http://127.0.0.2:18080/feed.xml"),
        ("/to-loop6", "http://[::1]:18080/feed.xml"),
        ("/to-private", "http://10.11.12.13/feed.xml"),
        ("/to-cgnat", "http://100.64.7.7/feed.xml"),
        ("/to-octal", "http://0177.0.0.1:18081/feed.xml"),
        ("/to-hex", "http://0x7f.0.0.1:18081/feed.xml"),
        ("/to-metadata-name", "http://metadata.google.internal/feed.xml"),
        ("/to-self", "http://127.0.0.1:18080/feed.xml"),
    ):
        allowed.route(path, redirect(location))
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
        if host in ("intranet.example", "other.example"):
            return [ADDRESSES["private"]]
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
    async with Fetcher(SETTINGS, resolve=resolve) as f:
        await allow_list_scenarios(f, run)
    return results


async def allow_list_scenarios(f: Fetcher, run: Callable[[str, Scenario], Awaitable[None]]) -> None:
    """One loopback host:port allowed: every other loopback, private or metadata target
    stays refused, at every hop, for robots.txt too."""
    allow = AllowList.parse(["127.0.0.1:18080"])
    base = "http://127.0.0.1:18080"
    await run("allow_listed", lambda: f.fetch(f"{base}/feed.xml", allow=allow))
    await run("allow_listed_redirect_to_self", lambda: f.fetch(f"{base}/to-self", allow=allow))
    for hop in ("second", "loop2", "loop6", "private", "cgnat", "octal", "hex", "metadata-name"):
        await run(
            f"allow_listed_to_{hop}", lambda hop=hop: f.fetch(f"{base}/to-{hop}", allow=allow)
        )
    await run("second_direct", lambda: f.fetch("http://127.0.0.1:18081/feed.xml", allow=allow))
    await run(
        "robots_second",
        lambda: f.allowed_by_robots("http://127.0.0.1:18081/a.html", allow=allow),
    )
    await run("pooled_without_permission", lambda: f.fetch(f"{base}/feed.xml"))
    by_name = AllowList.parse(["intranet.example:80"])
    await run("name_rule", lambda: f.fetch("http://intranet.example/feed.xml", allow=by_name))
    await run(
        "name_rule_other_name", lambda: f.fetch("http://other.example/feed.xml", allow=by_name)
    )
    net = AllowList.parse(["10.11.12.0/24"])
    await run("network_rule", lambda: f.fetch("http://10.11.12.13/feed.xml", allow=net))
    await run("network_rule_cgnat", lambda: f.fetch("http://100.64.7.7/feed.xml", allow=net))
    link_local = AllowList.parse(["169.254.0.0/16", "169.254.169.254"])
    await run(
        "metadata_never_allow_listed",
        lambda: f.fetch("http://169.254.169.254/feed.xml", allow=link_local),
    )


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
