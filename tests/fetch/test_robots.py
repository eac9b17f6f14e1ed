"""robots.txt through Protego, against a real local server: `*` and `$` wildcards, the
longest matching rule, our own group over `*`; the cases the standard library's parser
got wrong (it fetched a forbidden .pdf and refused an allowed page)."""

from __future__ import annotations

from urllib.robotparser import RobotFileParser

import pytest

from monitor.fetch import Fetcher
from tests.fetch.conftest import TEST_SETTINGS
from tests.support.httpserver import HttpServer, static

ROBOTS = b"""# a site's rules, as sites write them
User-agent: *
Disallow: /

User-agent: monitor-tests
Disallow: /news/
Allow: /news/public/
Disallow: /*.pdf$
Disallow: /*?print=
Allow: /archive$
Disallow: /archive
"""

CASES = [
    ("/world/story.html", True),  # no rule matches: allowed
    ("/news/story.html", False),  # Disallow: /news/
    ("/news/public/story.html", True),  # the longer Allow wins over Disallow: /news/
    ("/files/report.pdf", False),  # wildcard and end anchor
    ("/files/report.pdf?download=1", True),  # "$": the path must end there
    ("/world/story.html?print=1", False),  # wildcard in the middle
    ("/archive", True),  # Allow: /archive$ is longer than Disallow: /archive
    ("/archive/2025", False),
]


@pytest.mark.parametrize(("path", "allowed"), CASES)
async def test_rfc9309_rules_for_our_agent(
    http_server: HttpServer, fetcher: Fetcher, path: str, allowed: bool
) -> None:
    http_server.route("/robots.txt", static(ROBOTS))
    assert await fetcher.allowed_by_robots(http_server.url(path), allow_private=True) is allowed


async def test_one_load_serves_every_case(http_server: HttpServer) -> None:
    http_server.route("/robots.txt", static(ROBOTS))
    async with Fetcher(TEST_SETTINGS) as fetcher:
        answers = [
            await fetcher.allowed_by_robots(http_server.url(path), allow_private=True)
            for path, _ in CASES
        ]
    assert answers == [allowed for _, allowed in CASES]
    assert http_server.hits("/robots.txt") == 1


def test_the_standard_library_parser_got_these_wrong() -> None:
    """Why Protego: the stdlib parser disagrees with RFC 9309 on these cases."""
    parser = RobotFileParser()
    parser.parse(ROBOTS.decode().splitlines())
    agent = TEST_SETTINGS.user_agent
    wrong = [
        path
        for path, allowed in CASES
        if parser.can_fetch(agent, f"http://127.0.0.1{path}") is not allowed
    ]
    assert "/news/public/story.html" in wrong and "/files/report.pdf" in wrong


async def test_other_agents_group_does_not_apply_to_us(http_server: HttpServer) -> None:
    http_server.route("/robots.txt", static(b"User-agent: otherbot\nDisallow: /\n"))
    async with Fetcher(TEST_SETTINGS) as fetcher:
        assert await fetcher.allowed_by_robots(http_server.url("/a"), allow_private=True)
