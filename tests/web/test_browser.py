"""End to end in a real headless Chromium against the running service: board, search,
article, highlighted evidence; a screenshot is saved under the test's temporary folder."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from monitor.service import ServiceState, run_service
from monitor.web import serve
from monitor.web.server import bind
from tests.web.archive import Archive
from tests.web.webdriver import CHROMEDRIVER, CHROMIUM, Browser

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium, "
    "/usr/bin/chromedriver); .ci/run installs them",
)


async def test_board_search_article_evidence_in_chromium(fresh: Archive, tmp_path: Path) -> None:
    fresh.rt.feeds = []
    sock = bind("127.0.0.1", 0)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    stop = asyncio.Event()
    state = ServiceState()
    tasks = [
        asyncio.create_task(run_service(fresh.rt, stop=stop, state=state)),
        asyncio.create_task(serve(fresh.rt, stop=stop, state=state, sock=sock)),
    ]
    dublin = fresh.ids["04-dublin-premature.txt"]
    try:
        async with asyncio.timeout(90):
            async with Browser(tmp_path / "profile") as b:
                # The board: every country with its badge.
                await b.go(base + "/")
                rows = await b.find_all("table.board tbody tr")
                assert len(rows) == 9
                board = await b.text(await b.find("table.board"))
                assert "Finland" in board and "willing" in board
                badge = await b.find("table.board .badge.st-willing")
                # The stylesheet loaded under the CSP: the badge is green, not unstyled.
                assert await b.css(badge, "background-color") == "rgba(26, 127, 55, 1)"
                await b.screenshot(tmp_path / "board.png")

                # Search for a word from the header's search box.
                await b.type(await b.find("#quick-q"), "premature")
                await b.click(await b.find("form.quick-search button"))
                assert (await b.url()).endswith("/articles?q=premature")
                hits = await b.find_all("li.hit mark")
                assert hits and {(await b.text(h)).lower() for h in hits} == {"premature"}

                # Open the article and see its evidence sentences highlighted.
                await b.click(await b.find(f'li.hit a[href="/articles/{dublin}"]'))
                assert (await b.url()).endswith(f"/articles/{dublin}")
                marks = await b.find_all("section.text mark.evidence")
                texts = [await b.text(m) for m in marks]
                assert any(t.startswith("It is premature to discuss sending Irish") for t in texts)
                assert any(t.startswith("Austria will not send troops") for t in texts)
                undecided = await b.find("section.text mark.evidence.st-undecided")
                assert await b.css(undecided, "background-color") == "rgba(255, 248, 197, 1)"
                png = await b.screenshot(tmp_path / "article.png")
                assert png.startswith(b"\x89PNG") and len(png) > 10_000
    finally:
        stop.set()
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=15)
    assert (tmp_path / "article.png").stat().st_size > 10_000
