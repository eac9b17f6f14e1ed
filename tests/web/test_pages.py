"""Every HTML page, in-process, on the fixture archive: content, links, JSON twins, errors."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest

from tests.web.archive import Archive
from tests.web.conftest import client_for


class Parsed(HTMLParser):
    """The bits of a page the tests look at: text, marks, links, forms' targets."""

    def __init__(self, html: str):
        super().__init__()
        self.text: list[str] = []
        self.marks: list[tuple[str, str]] = []  # (class, text)
        self.links: list[str] = []
        self.alternate: str | None = None
        self._mark: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "mark":
            self._mark = a.get("class") or ""
            self.marks.append((self._mark, ""))
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        elif tag == "link" and a.get("rel") == "alternate":
            self.alternate = a.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._mark = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._mark is not None:
            cls, text = self.marks[-1]
            self.marks[-1] = (cls, text + data)

    @property
    def plain(self) -> str:
        return " ".join(" ".join(self.text).split())


async def page(client: httpx.AsyncClient, url: str, status: int = 200) -> Parsed:
    r = await client.get(url)
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    return Parsed(r.text)


async def test_board_lists_every_country_with_badge_date_evidence_and_link(
    client: httpx.AsyncClient, archive: Archive
) -> None:
    p = await page(client, "/")
    text = p.plain
    for name in ("Norway", "Portugal", "Greece", "Ireland", "Austria", "Italy", "Finland"):
        assert name in text
    assert "Norway is ready to send a company of military engineers" in text
    assert f"/articles/{archive.ids['01-oslo-offers-engineers.txt']}" in p.links
    assert "/countries/FI" in p.links
    # Finland moved from undecided to willing: the board shows the current stance.
    # ... with the stance before it and the publication date of the change.
    assert re.search(r"Finland FI willing undecided 2025-06-1[67]", text)
    counts = (await client.get("/api/stances")).json()["counts"]
    for c in counts:
        assert f"{c['stance']} {c['countries']}" in text
    assert p.alternate == "/api/stances"


async def test_board_filters_by_stance(client: httpx.AsyncClient) -> None:
    p = await page(client, "/?stance=declined")
    assert "Portugal" in p.plain and "Austria" in p.plain
    assert "Norway" not in p.plain
    await page(client, "/?stance=maybe", status=400)


async def test_country_page_draws_the_timeline_and_lists_observations(
    client: httpx.AsyncClient,
) -> None:
    r = await client.get("/countries/fi")
    assert r.status_code == 200
    svg = re.search(r"<svg[^>]*>.*?</svg>", r.text, re.S)
    assert svg is not None
    assert "undecided from 2025-03-14; willing from 2025-06-1" in svg.group(0)
    assert svg.group(0).count("<circle") == 2 and svg.group(0).count("<rect") == 2
    p = Parsed(r.text)
    assert "It is premature to discuss sending troops while the guns are still firing" in p.plain
    assert "Finland's Defence Minister Mikko Laaksonen" in p.plain
    assert "fixture.test" in p.plain
    # Newest first in the list, and the observation that changed the stance is marked.
    assert p.plain.index("Laaksonen") < p.plain.index("guns are still firing")
    assert "changed" in p.plain and "new" in p.plain
    alone = await client.get("/countries/FI/timeline.svg")
    assert alone.headers["content-type"].startswith("image/svg+xml")
    assert alone.text.startswith("<svg")
    await page(client, "/countries/ZZ", status=404)
    await page(client, "/countries/FIN", status=400)


async def test_search_highlights_hits_and_filters(
    client: httpx.AsyncClient, archive: Archive
) -> None:
    p = await page(client, "/articles?q=premature")
    hits = [t.lower() for cls, t in p.marks]
    assert hits and all(t == "premature" for t in hits)
    assert f"/articles/{archive.ids['04-dublin-premature.txt']}" in p.links
    assert p.alternate == "/api/articles?q=premature"
    # The form comes back filled in, empty filters included, and they are accepted.
    p = await page(
        client,
        "/articles?q=troops&relevant=&country=PT&stance=&feed=&since=&until=&order=newest",
    )
    assert f"/articles/{archive.ids['02-lisbon-no-plans.txt']}" in p.links
    assert f"/articles/{archive.ids['05-rome-considering.html']}" not in p.links
    p = await page(client, "/articles?q=troops&stance=willing")
    assert f"/articles/{archive.ids['01-oslo-offers-engineers.txt']}" in p.links
    assert f"/articles/{archive.ids['02-lisbon-no-plans.txt']}" not in p.links
    p = await page(client, "/articles?feed=demo&since=2026-01-01&until=2026-12-31")
    assert "/articles/" + archive.ids["02-lisbon-no-plans.txt"] not in p.links
    # Demo 09, 11 and 12 are published in 2026; 10 has no date, so its fetch time counts.
    assert "4 articles" in p.plain and "Baltic states say they are ready" in p.plain
    await page(client, "/articles?since=yesterday", status=400)


async def test_search_paginates(client: httpx.AsyncClient) -> None:
    first = await page(client, "/articles?per_page=3")
    second = await page(client, "/articles?per_page=3&page=2")

    def ids(p: Parsed) -> list[str]:
        return [u for u in p.links if re.fullmatch(r"/articles/[0-9a-f]{16}", u)]

    assert len(ids(first)) == 3 and len(ids(second)) == 3
    assert not set(ids(first)) & set(ids(second))
    assert "?per_page=3&page=2" in first.links
    assert "?per_page=3&page=1" in second.links


async def test_article_page_marks_the_evidence_and_shows_the_group(
    client: httpx.AsyncClient, archive: Archive
) -> None:
    aid = archive.ids["01-oslo-offers-engineers.txt"]
    p = await page(client, f"/articles/{aid}")
    marks = dict(p.marks)
    assert marks["evidence st-willing"].startswith("Norway is ready to send a company")
    assert marks["evidence st-opposed"].startswith("Russia's foreign ministry said")
    assert "Published 2025-08-04" in p.plain
    assert "Fixture Wire" in p.plain  # the text itself
    assert p.alternate == f"/api/articles/{aid}"
    # The syndicated demo copy (06) is a near-duplicate of 05: each lists the other.
    planning = (await client.get("/api/articles?q=planning cell&feed=demo")).json()["hits"]
    assert len(planning) == 2
    p = await page(client, f"/articles/{planning[0]['id']}")
    assert f"/articles/{planning[1]['id']}" in p.links
    assert "Same story elsewhere" in p.plain
    # A unique prefix works too; an unknown id is a 404 page.
    p = await page(client, f"/articles/{aid[:8]}")
    assert marks["evidence st-willing"] in p.plain
    await page(client, "/articles/ffffffffffffffff", status=404)


async def test_seed_articles_are_searchable_and_readable(
    shared_dir: object, client: httpx.AsyncClient, archive: Archive
) -> None:
    assert len(archive.seeds) == 5
    found = (await client.get("/api/articles?q=troops&feed=seeds&per_page=10")).json()
    assert {h["id"] for h in found["hits"]} <= set(archive.seeds)
    assert found["total"] >= 3
    for aid in archive.seeds:
        p = await page(client, f"/articles/{aid}")
        assert len(p.plain) > 500


async def test_feeds_page_shows_state_polls_errors_and_counts(client: httpx.AsyncClient) -> None:
    p = await page(client, "/feeds")
    text = p.plain
    # name, kind, interval, URL, state, last poll, next poll, last error, errors, articles
    assert re.search(
        r"demo corpus · every 15 min \S+/feeds/demo ok 2 min ago in 58 min — 0 12", text
    )
    assert (
        "wire rss · every 15 min https://wire.test/feed.xml failing 5 min ago in 25 min "
        "HTTP 503 <i>Service Unavailable</i> 5 min ago 1 (1) 1"  # the error is text, not markup
    ) in text
    assert "/api/export/feeds.opml" in p.links


async def test_alerts_page_lists_alerts_and_deliveries(client: httpx.AsyncClient) -> None:
    p = await page(client, "/alerts")
    text = p.plain
    assert "Finland" in text and "undecided → willing" in text
    assert "webhook dead 5 attempts" in text and "HTTP 500 <b>oops</b>" in text
    assert "log pending" in text
    dead = await page(client, "/alerts?state=dead")
    assert dead.plain.count("webhook dead") == 1


async def test_api_index_lists_the_routes(client: httpx.AsyncClient) -> None:
    p = await page(client, "/api")
    for path in ("/api/stances", "/api/articles", "/api/feeds", "/api/alerts", "/healthz"):
        assert path in p.plain
    assert "/api/openapi.json" in p.links


@pytest.mark.parametrize(
    ("html", "api"),
    [
        ("/", "/api/stances"),
        ("/?stance=open", "/api/stances?stance=open"),
        ("/countries/FI", "/api/stances/FI"),
        ("/articles?q=troops", "/api/articles?q=troops"),
        ("/feeds", "/api/feeds"),
        ("/alerts", "/api/alerts"),
    ],
)
async def test_every_page_names_its_json_twin(
    client: httpx.AsyncClient, html: str, api: str
) -> None:
    p = await page(client, html)
    assert p.alternate == api
    assert api in p.links  # the visible "this page as JSON" link
    r = await client.get(api)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"


async def test_unknown_page_is_a_404_page(client: httpx.AsyncClient) -> None:
    p = await page(client, "/nope", status=404)
    assert "Not Found" in p.plain


async def test_form_actions_answer_with_the_page(fresh: Archive) -> None:
    from tests.web.conftest import client_for

    async with client_for(fresh.rt) as c:
        page = (await c.get("/alerts")).text
        buttons = re.findall(r'action="/alerts/(\d+)/retry"', page)
        assert len(buttons) == 1  # only the alert with a dead delivery offers a retry
        done = await c.post(f"/alerts/{buttons[0]}/retry", data={})
        assert done.status_code == 200
        assert f"1 deliveries of alert {buttons[0]} queued again" in done.text
        assert "webhook dead" not in Parsed(done.text).plain
        opml = (
            '<opml><body><outline text="Form feed" xmlUrl="https://form.test/rss"/></body></opml>'
        )
        added = await c.post("/feeds/opml", data={"opml": opml})
        assert added.status_code == 200 and "1 feeds added, 0 skipped" in added.text
        assert "form-feed" in Parsed(added.text).plain
        bad = await c.post("/feeds", data={"name": "Bad Name", "url": "https://x.test/"})
        assert bad.status_code == 422 and "not a valid feed" in bad.text


async def test_board_and_country_show_a_held_back_change_as_pending_with_why(
    fresh: Archive,
) -> None:
    from sqlalchemy import update

    from monitor.store.models import StanceState

    reason = "needs 2 independent sources within 7 days, has 1"
    with fresh.rt.db.session() as s:
        s.execute(
            update(StanceState)
            .where(StanceState.actor == "PT")
            .values(pending_stance="open", pending_reason=reason, pending_sources=1)
        )
    async with client_for(fresh.rt) as client:
        board = (await page(client, "/board")).plain
        assert f"pending: open ({reason})" in board
        country = (await page(client, "/countries/PT")).plain
        assert f"Pending: open, held back: {reason}." in country
        api = (await client.get("/api/stances")).json()
        row = next(r for r in api["stances"] if r["actor"] == "PT")
        assert row["pending"] == "open" and row["pending_reason"] == reason
