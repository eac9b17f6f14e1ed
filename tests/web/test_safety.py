"""Safety: stored markup renders inert, the CSP forbids inline code, writes need the token."""

from __future__ import annotations

import re
from dataclasses import replace

import httpx
import pytest

from monitor.settings import Settings
from tests.web.archive import HOSTILE_SENTENCE, Archive
from tests.web.conftest import BASE, client_for

PAGES = [
    "/",
    "/?stance=willing",
    "/countries/MT",
    "/articles",
    "/articles?q=malta",
    "/feeds",
    "/alerts",
    "/api",
]


async def test_stored_title_and_text_with_payloads_render_inert(
    client: httpx.AsyncClient, archive: Archive
) -> None:
    urls = [*PAGES, f"/articles/{archive.hostile_id}"]
    for url in urls:
        r = await client.get(url)
        assert r.status_code == 200, url
        body = r.text
        # No element but our own (none of them a script) comes from stored data.
        assert "<script" not in body.lower(), url
        assert "<img" not in body.lower(), url
        assert not re.search(r"<[^>]+\son\w+\s*=", body, re.I), url  # no event attributes
        assert not re.search(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", body, re.I), url
    page = (await client.get(f"/articles/{archive.hostile_id}")).text
    assert "Evil &lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; headline" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # The hostile sentence is evidence: marked, and still only text.
    assert re.search(
        r'<mark class="evidence st-willing"[^>]*>Malta is ready to send troops '
        r"&lt;img src=x onerror=alert\(1\)&gt; to Ukraine\.</mark>",
        page,
    )
    assert "<dd>javascript:alert(&#39;url&#39;)</dd>" in page  # its javascript: URL: no link
    board = (await client.get("/")).text
    assert "&lt;img src=x onerror=alert(1)&gt;" in board
    svg = (await client.get("/countries/MT/timeline.svg")).text
    assert "<img" not in svg and "&lt;img src=x onerror=alert(1)&gt;" in svg
    assert (
        HOSTILE_SENTENCE
        in (await client.get(f"/api/articles/{archive.hostile_id}")).json()["observations"][0][
            "evidence"
        ]
    )


async def test_security_headers_and_no_inline_code(client: httpx.AsyncClient) -> None:
    for url in [*PAGES, "/api/stances", "/healthz", "/static/style.css"]:
        r = await client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src" not in csp and "default-src 'none'" in csp
        assert "'unsafe-inline'" not in csp and "style-src 'self'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        if r.headers["content-type"].startswith("text/html"):
            assert "<script" not in r.text and "<style" not in r.text
            assert not re.search(r"\sstyle\s*=", r.text), url
    css = await client.get("/static/style.css")
    assert css.status_code == 200 and ".st-willing" in css.text


async def test_only_loopback_host_names_are_served_when_bound_to_loopback(
    archive: Archive,
) -> None:
    async with client_for(archive.rt) as c:
        assert (await c.get("/", headers={"host": "localhost:8080"})).status_code == 200
        rebound = await c.get("/api/stances", headers={"host": "attacker.example"})
        assert rebound.status_code == 400


async def test_default_bind_address_is_loopback() -> None:
    assert Settings().web_host == "127.0.0.1"


@pytest.fixture
def guarded(fresh: Archive) -> Archive:
    fresh.rt = replace(
        fresh.rt, settings=fresh.rt.settings.model_copy(update={"web_token": "s3cret"})
    )
    return fresh


async def test_actions_need_the_token_when_one_is_set(guarded: Archive) -> None:
    feed = {"name": "new-feed", "url": "https://new.test/rss"}
    async with client_for(guarded.rt) as c:
        assert (await c.post("/api/feeds", json=feed)).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert (await c.post("/api/feeds", json=feed, headers=wrong)).status_code == 401
        assert (await c.post("/api/alerts/retry-dead")).status_code == 401
        assert (await c.post("/api/alerts/1/retry")).status_code == 401
        assert not (guarded.rt.settings.feeds_dir / "new-feed.toml").exists()
        # Forms ask for it too, and answer with the page and the reason.
        page = await c.post("/feeds", data={**feed, "token": "nope"})
        assert page.status_code == 401 and "needs the web token" in page.text
        assert 'name="token" type="password"' in (await c.get("/feeds")).text
        ok = await c.post("/api/feeds", json=feed, headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 201, ok.text
        form = await c.post(
            "/feeds", data={"name": "form-feed", "url": "https://f.test/rss", "token": "s3cret"}
        )
        assert form.status_code == 200 and "feed form-feed added" in form.text
        retried = await c.post("/api/alerts/retry-dead", headers={"X-Monitor-Token": "s3cret"})
        assert retried.json()["count"] == 1


async def test_cross_site_writes_are_refused_even_without_a_token(fresh: Archive) -> None:
    async with client_for(fresh.rt) as c:
        evil = {"Origin": "https://evil.example"}
        r = await c.post("/feeds", data={"name": "x", "url": "https://x.test/"}, headers=evil)
        assert r.status_code == 403
        r = await c.post("/api/alerts/retry-dead", headers={"Sec-Fetch-Site": "cross-site"})
        assert r.status_code == 403
        same = await c.post("/api/alerts/retry-dead", headers={"Origin": BASE})
        assert same.status_code == 200 and same.json()["count"] == 1
