"""Who moved: the board's previous stance and change date, recent changes by window, the
Atom feed of changes (parsed by feedparser), alerts by publication date, undated articles."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

import feedparser
import pytest
from sqlalchemy import update

from monitor.alert_records import AlertRouting
from monitor.documents import to_document
from monitor.records import ExtractedArticle
from monitor.settings import Settings
from monitor.store.articles import save_document
from monitor.store.models import Article
from monitor.track import track_all
from monitor.web.atom import ATOM
from monitor.wiring import assemble
from tests.web.archive import NOW, Archive, add_observation
from tests.web.conftest import client_for
from tests.web.test_pages import page

ROUTING = AlertRouting(channels=("log",))


def add_article(fresh: Archive, slug: str, text: str, published: datetime | None) -> str:
    doc = to_document(
        ExtractedArticle(title=f"Story {slug}", text=text, published=published),
        url=f"https://wire.test/{slug}",
        feed="wire",
    )
    assert doc is not None
    return save_document(fresh.rt.db, doc, now=NOW).article_id


POLAND_NO = (
    "Warsaw officials met on Monday to talk about the plan. Poland will not send troops to "
    "Ukraine, the defence minister said. Other matters of the budget were discussed at length."
)
POLAND_OPEN = (
    "A new statement came on Thursday from the capital. Poland does not rule out sending "
    "troops to Ukraine, the prime minister said. The debate about the force goes on."
)


@pytest.fixture
def moved(fresh: Archive) -> Archive:
    """The fresh archive plus Poland: declined 20 days ago, open 3 days ago (both before
    NOW); the fixtures' changes are from 2025, Malta's first stance is from NOW."""
    old = add_article(fresh, "pl-no", POLAND_NO, NOW - timedelta(days=20))
    new = add_article(fresh, "pl-open", POLAND_OPEN, NOW - timedelta(days=3))
    add_observation(fresh.rt.db, old, "PL", "declined", "Poland will not send")
    track_all(fresh.rt.db, ROUTING, now=NOW)
    add_observation(fresh.rt.db, new, "PL", "open", "Poland does not rule out")
    track_all(fresh.rt.db, ROUTING, now=NOW)
    fresh.ids["pl-no"], fresh.ids["pl-open"] = old, new
    return fresh


async def test_board_shows_previous_stance_change_date_and_evidence(moved: Archive) -> None:
    async with client_for(moved.rt) as c:
        board = (await c.get("/api/stances")).json()
        last = {ch["actor"]: ch for ch in board["changes"]}
        assert last["PL"]["old_stance"] == "declined" and last["PL"]["new_stance"] == "open"
        assert last["PL"]["published_at"].startswith(str((NOW - timedelta(days=3)).date()))
        assert last["FI"]["old_stance"] == "undecided" and last["FI"]["new_stance"] == "willing"
        assert last["NO"]["old_stance"] is None  # a first stance has no previous one
        p = await page(c, "/board")
        day = (NOW - timedelta(days=3)).strftime("%Y-%m-%d")
        assert re.search(rf"Poland PL open declined {day} Poland does not rule out", p.plain)
        assert re.search(r"Norway NO willing first stance 2025-08-04", p.plain)
        assert f"/articles/{moved.ids['pl-open']}" in p.links
        # The country page says where it came from and lists both changes.
        p = await page(c, "/countries/PL")
        assert "(before: declined)" in p.plain
        assert re.search(rf"Changes .*{day} declined → open .*first stance: declined", p.plain)


@pytest.mark.parametrize(
    ("window", "actors"), [("24h", ["MT"]), ("7d", ["MT", "PL"]), ("30d", ["MT", "PL", "PL"])]
)
async def test_recent_changes_by_publication_window(
    moved: Archive, window: str, actors: list[str]
) -> None:
    async with client_for(moved.rt) as c:
        data = (await c.get("/api/changes", params={"window": window})).json()
        assert [ch["actor"] for ch in data["changes"]] == actors  # newest publication first
        assert data["window"] == window and data["windows"] == ["24h", "7d", "30d"]
        p = await page(c, f"/changes?window={window}")
        assert p.alternate == f"/api/changes?window={window}"
        assert p.plain.count("Poland PL") == actors.count("PL")
        assert "Malta MT first stance: willing" in p.plain
        assert (await c.get("/api/changes", params={"window": "1y"})).status_code == 422


async def test_home_page_is_the_board_or_the_recent_changes_by_setting(moved: Archive) -> None:
    async with client_for(moved.rt) as c:
        assert "Who would send troops" in (await page(c, "/")).plain
    settings = Settings(feeds_dir=moved.rt.settings.feeds_dir, web_home="changes")
    rt = assemble(settings, moved.rt.db, moved.rt.feeds)
    async with client_for(rt) as c:
        home = await page(c, "/?window=30d")
        assert "Recent changes" in home.plain and home.plain.count("Poland PL") == 2
        assert "Who would send troops" in (await page(c, "/board")).plain


async def test_atom_feed_of_changes_is_valid_with_stable_ids(moved: Archive) -> None:
    async with client_for(moved.rt) as c:
        r = await c.get("/changes.atom")
        assert r.status_code == 200
        assert r.headers["content-type"] == "application/atom+xml; charset=utf-8"
        again = await c.get("/changes.atom")
        everything = (await c.get("/api/changes", params={"window": "30d"})).json()
        alerts = (await c.get("/api/alerts")).json()["alerts"]
        board = await page(c, "/changes")
    parsed = feedparser.parse(r.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.id.startswith("urn:uuid:") and parsed.feed.title
    assert any(ln.rel == "self" and ln.href.endswith("/changes.atom") for ln in parsed.feed.links)
    entries = parsed.entries
    # Every alerted change (the fixtures' of 2025, Malta, Poland twice), newest first.
    assert len(entries) == len(alerts) >= 10
    titles = [e.title for e in entries]
    assert titles[:3] == [
        "Malta (MT): first stance seen: willing",
        "Poland (PL): declined → open",
        "Poland (PL): first stance seen: declined",
    ]
    assert "Finland (FI): undecided → willing" in titles
    assert [e.link for e in entries[:2]] == [
        "http://127.0.0.1/countries/MT",
        "http://127.0.0.1/countries/PL",
    ]
    pl = entries[1]
    assert pl.published_parsed[:3] == (NOW - timedelta(days=3)).timetuple()[:3]
    assert "Poland does not rule out sending troops" in pl.summary
    assert {t.term for t in pl.tags} == {"open", "PL"}
    # Ids: unique, URIs, the same on the next fetch; the API's 30 days agree with it.
    ids = [e.id for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    assert [e.id for e in feedparser.parse(again.content).entries] == ids
    assert [ch["actor"] for ch in everything["changes"]] == ["MT", "PL", "PL"]
    assert "/changes.atom" in board.links
    # RFC 4287's musts, read without feedparser's leniency; stored text stays text.
    root = ET.fromstring(r.content)
    ns = {"a": ATOM}
    assert root.tag == f"{{{ATOM}}}feed"
    for tag in ("id", "title", "updated", "author/a:name"):
        assert root.find(f"a:{tag}", ns) is not None, tag
    for entry in root.findall("a:entry", ns):
        for tag in ("id", "title", "updated", "summary"):
            assert (entry.findtext(f"a:{tag}", namespaces=ns) or "").strip(), tag
        assert entry.find("a:link[@rel='alternate']", ns) is not None
    assert b"<img" not in r.content and b"&lt;img src=x" in r.content


async def test_atom_window_keeps_only_recent_changes(moved: Archive) -> None:
    async with client_for(moved.rt) as c:
        r = await c.get("/changes.atom", params={"window": "7d"})
    titles = [e.title for e in feedparser.parse(r.content).entries]
    assert titles == ["Malta (MT): first stance seen: willing", "Poland (PL): declined → open"]


async def test_alerts_are_ordered_and_labelled_by_publication_date(moved: Archive) -> None:
    async with client_for(moved.rt) as c:
        alerts = (await c.get("/api/alerts")).json()["alerts"]
        p = await page(c, "/alerts")
    published = [a["published_at"] for a in alerts]
    assert published == sorted(published, reverse=True)
    # Recorded in file order, shown in publication order: not the same here.
    ids = [a["id"] for a in alerts]
    assert ids != sorted(ids, reverse=True)
    assert [a["actor"] for a in alerts[:3]] == ["MT", "PL", "PL"]
    assert "Published" in p.plain and "Created" not in p.plain
    day = (NOW - timedelta(days=3)).strftime("%Y-%m-%d")
    assert re.search(rf"{day} changed · recorded {NOW:%Y-%m-%d %H:%M} UTC Poland", p.plain)


async def test_undated_article_says_date_unknown_never_today(fresh: Archive) -> None:
    aid = add_article(fresh, "undated", POLAND_NO, None)
    with fresh.rt.db.session() as s:  # as d1's extraction stores an article without a date
        s.execute(update(Article).where(Article.id == aid).values(published_at=None))
    async with client_for(fresh.rt) as c:
        article = await page(c, f"/articles/{aid}")
        listing = await page(c, "/articles?q=Warsaw")
    today = NOW.strftime("%Y-%m-%d")
    assert re.search(r"Published date unknown Fetched", article.plain)
    assert "date unknown" in listing.plain and today not in listing.plain
