"""End to end in a real headless Chromium against the running service: board, search,
article, highlighted evidence; every analyst page at 390 px and 1280 px without sideways
scrolling, light and dark; screenshots kept under pytest's base temp folder/artifacts."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from monitor.ingest import utcnow
from monitor.runstate import FeedRegistry, ServiceState
from monitor.service import run_service
from monitor.track import track_all
from monitor.web import serve
from monitor.web.server import bind
from tests.web.archive import Archive, add_observation
from tests.web.test_changes import POLAND_NO, POLAND_OPEN, ROUTING, add_article
from tests.web.webdriver import CHROMEDRIVER, CHROMIUM, Browser

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium, "
    "/usr/bin/chromedriver); .ci/run installs them",
)


async def test_board_search_article_evidence_in_chromium(fresh: Archive, tmp_path: Path) -> None:
    fresh.rt = replace(fresh.rt, feeds=FeedRegistry())
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
                assert (await b.wait_url("/articles?q=premature")).endswith("/articles?q=premature")
                hits = await b.find_all("li.hit mark")
                assert hits and {(await b.text(h)).lower() for h in hits} == {"premature"}

                # Open the article and see its evidence sentences highlighted.
                await b.click(await b.find(f'li.hit a[href="/articles/{dublin}"]'))
                assert (await b.wait_url(f"/articles/{dublin}")).endswith(f"/articles/{dublin}")
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


# The pages an analyst lives in, at a phone's width and a laptop's.
PAGES = ("/board", "/changes?window=30d", "/countries/PL", "/alerts")
WIDTHS = (390, 1280)


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots kept after the run: <pytest's base temp>/artifacts (printed)."""
    folder = tmp_path_factory.getbasetemp() / "artifacts"
    folder.mkdir(exist_ok=True)
    return folder


def _moved_recently(fresh: Archive) -> None:
    """Poland declined 20 days ago and open 2 days ago (by the real clock: the server's),
    with a long unbroken word in its evidence, which must not widen a phone's page."""
    now = utcnow()
    for slug, text, days, stance, needle in (
        ("pl-no", POLAND_NO, 20, "declined", "Poland will not send"),
        ("pl-open", POLAND_OPEN + " " + "x" * 120, 2, "open", "Poland does not rule out"),
    ):
        aid = add_article(fresh, slug, text, now - timedelta(days=days))
        add_observation(fresh.rt.db, aid, "PL", stance, needle)
        track_all(fresh.rt.db, ROUTING, now=now)


async def test_pages_fit_phone_and_laptop_widths_light_and_dark(
    fresh: Archive,
    artifacts: Path,
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    _moved_recently(fresh)
    fresh.rt = replace(fresh.rt, feeds=FeedRegistry())
    sock = bind("127.0.0.1", 0)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    stop = asyncio.Event()
    server = asyncio.create_task(serve(fresh.rt, stop=stop, sock=sock))
    shots: list[Path] = []
    try:
        async with asyncio.timeout(120), Browser(tmp_path / "profile") as b:
            for width in WIDTHS:
                await b.resize(width, 900)
                inner = await b.execute("return window.innerWidth")
                assert abs(inner - width) <= 20, (width, inner)
                for path in PAGES:
                    await b.go(base + path)
                    scroll = await b.execute("return document.documentElement.scrollWidth")
                    inner = await b.execute("return window.innerWidth")
                    assert scroll <= inner, f"{path} at {width} px scrolls sideways: {scroll}"
                    name = re.sub(r"\W+", "-", path.strip("/")).strip("-")
                    shot = artifacts / f"{name}-{width}.png"
                    await b.screenshot(shot)
                    shots.append(shot)
                # Phone: the board's rows are cards (labelled cells), laptop: a table.
                await b.go(base + "/board")
                cell = await b.find("table.board tbody td[data-label='Stance']")
                assert await b.css(cell, "display") == ("block" if width < 600 else "table-cell")
            await b.go(base + "/changes?window=30d")
            text = await b.text(await b.find("table.changes"))
            assert "Poland" in text and "declined" in text and "open" in text
            # Dark mode follows the system: emulate a dark preference.
            light = await b.css(await b.find("body"), "background-color")
            await b.cdp(
                "Emulation.setEmulatedMedia",
                {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
            )
            await b.go(base + "/changes?window=30d")
            dark = await b.css(await b.find("body"), "background-color")
            assert light == "rgba(255, 255, 255, 1)" and dark == "rgba(13, 17, 23, 1)"
            ink = await b.css(await b.find("h1"), "color")
            assert ink == "rgba(230, 237, 243, 1)"
            shot = artifacts / f"changes-{WIDTHS[-1]}-dark.png"
            await b.screenshot(shot)
            shots.append(shot)
    finally:
        stop.set()
        await asyncio.wait_for(server, timeout=15)
    assert len(shots) == len(PAGES) * len(WIDTHS) + 1
    assert all(s.stat().st_size > 5_000 for s in shots)
    record_property("screenshots", str(artifacts))
    print(f"screenshots: {artifacts}")
