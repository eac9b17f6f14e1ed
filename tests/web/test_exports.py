"""Exports over the API and the store functions behind them; OPML out and in."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
import zipfile
from pathlib import Path

import httpx
import pytest

from monitor.errors import ConfigError, ParseError
from monitor.records import FeedDef, FeedKind
from monitor.sources.definitions import load_feeds
from monitor.sources.files import add_feed_file, feed_name, import_opml
from monitor.sources.opml import feeds_opml, parse_opml
from tests.web.archive import Archive
from tests.web.conftest import client_for


async def test_articles_as_jsonl_and_csv(client: httpx.AsyncClient, archive: Archive) -> None:
    total = (await client.get("/api/articles")).json()["total"]
    r = await client.get("/api/export/articles.jsonl")
    assert r.headers["content-disposition"] == 'attachment; filename="articles.jsonl"'
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert len(rows) == total
    by_id = {row["id"]: row for row in rows}
    oslo = by_id[archive.ids["01-oslo-offers-engineers.txt"]]
    assert oslo["published"].startswith("2025-08-04") and "Norway is ready" in oslo["text"]
    r = await client.get("/api/export/articles.csv")
    parsed = list(csv.DictReader(io.StringIO(r.text)))
    assert [p["id"] for p in parsed] == [row["id"] for row in rows]
    hostile = next(p for p in parsed if p["id"] == archive.hostile_id)
    assert hostile["text"] == by_id[archive.hostile_id]["text"]  # commas, quotes survive


async def test_corpus_zip_uses_the_corpus_file_names(
    client: httpx.AsyncClient, archive: Archive
) -> None:
    r = await client.get("/api/export/corpus.zip")
    assert r.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert all(re.fullmatch(r"corpus/\d{3}_[0-9a-f]{16}\.txt", n) for n in names)
    assert [n[7:10] for n in names] == [f"{i:03d}" for i in range(len(names))]
    assert {n[11:27] for n in names} >= set(archive.ids.values())


async def test_stance_history_as_jsonl_and_csv(client: httpx.AsyncClient) -> None:
    rows = [
        json.loads(x) for x in (await client.get("/api/export/stances.jsonl")).text.split("\n") if x
    ]
    assert len(rows) == 10  # every observation of every country with a stance
    fi = [(r["stance"], r["event"]) for r in rows if r["actor"] == "FI"]
    assert fi == [("undecided", "new"), ("willing", "changed")]
    assert [r["actor"] for r in rows] == sorted(r["actor"] for r in rows)
    table = list(csv.DictReader(io.StringIO((await client.get("/api/export/stances.csv")).text)))
    assert [t["observation_id"] for t in table] == [str(r["observation_id"]) for r in rows]
    assert table[0].keys() >= {"actor", "name", "observed_at", "stance", "evidence", "article_id"}


async def test_feeds_opml_export_then_import_round_trip(fresh: Archive, tmp_path: Path) -> None:
    async with client_for(fresh.rt) as c:
        document = (await c.get("/api/export/feeds.opml")).text
        assert 'xmlUrl="https://wire.test/feed.xml"' in document
        assert "demo" not in document  # a local corpus folder is no feed for others
        other = document.replace("wire", "wire2")
        r = await c.post("/api/feeds/opml", content=other, headers={"content-type": "text/x-opml"})
        assert r.status_code == 200, r.text
        assert r.json()["names"] == ["wire2"]
        again = await c.post("/api/feeds/opml", content=other)
        assert again.json()["count"] == 0 and "already defined" in again.json()["skipped"][0]
        feeds = {f["name"] for f in (await c.get("/api/feeds")).json()["feeds"]}
        assert "wire2" in feeds
        bad = await c.post("/api/feeds/opml", content=b"<!DOCTYPE x [<!ENTITY a 'b'>]><opml/>")
        assert bad.status_code == 422
    loaded = {f.name: f for f in load_feeds(fresh.rt.settings.feeds_dir)}
    assert loaded["wire2"].url == "https://wire2.test/feed.xml"
    assert loaded["wire2"].interval_s == 900 and loaded["wire2"].tags == ("news",)


async def test_add_feed_over_the_api_validates_and_refuses_duplicates(fresh: Archive) -> None:
    async with client_for(fresh.rt) as c:
        ok = await c.post(
            "/api/feeds",
            json={
                "name": "kyiv",
                "url": "https://kyiv.test/rss",
                "tags": ["ua"],
                "interval_s": 600,
            },
        )
        assert ok.status_code == 201 and ok.json()["names"] == ["kyiv"]
        dup = await c.post("/api/feeds", json={"name": "kyiv", "url": "https://k2.test/rss"})
        assert dup.status_code == 409
        dup_url = await c.post("/api/feeds", json={"name": "k3", "url": "https://kyiv.test/rss"})
        assert dup_url.status_code == 409
        bad = await c.post("/api/feeds", json={"name": "../etc", "url": "https://x.test/"})
        assert bad.status_code == 422
        bad = await c.post("/api/feeds", json={"name": "x", "url": "file:///etc/passwd"})
        assert bad.status_code == 422
        state = {f["name"]: f for f in (await c.get("/api/feeds")).json()["feeds"]}
        assert state["kyiv"]["state"] == "never polled" and state["kyiv"]["defined"]
    kyiv = load_feeds(fresh.rt.settings.feeds_dir)
    assert [f.name for f in kyiv if f.name == "kyiv"] == ["kyiv"]
    assert any(f.name == "kyiv" for f in fresh.rt.feeds)  # the running service sees it


def test_opml_parsing_folders_kinds_and_refusals() -> None:
    doc = b"""<?xml version="1.0"?>
<opml version="1.0"><head><title>mine</title></head><body>
  <outline text="Europe">
    <outline text="BBC Europe" type="rss" xmlUrl="https://bbc.test/rss" category="news, en"/>
    <outline title="A JSON feed" type="json" xmlUrl="https://j.test/feed.json"/>
  </outline>
  <outline text="no url here"/>
</body></opml>"""
    feeds = parse_opml(doc)
    assert [(f.title, f.kind, f.tags) for f in feeds] == [
        ("BBC Europe", FeedKind.RSS, ("Europe", "news", "en")),
        ("A JSON feed", FeedKind.JSON, ("Europe",)),
    ]
    with pytest.raises(ParseError):
        parse_opml(b"<rss/>")
    with pytest.raises(ParseError):
        parse_opml(b"<opml><body>")
    with pytest.raises(ParseError):
        parse_opml(b'<!DOCTYPE opml SYSTEM "http://evil.test/x.dtd"><opml/>')


def test_import_writes_valid_files_and_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "bbc-europe.toml").write_text("# the user's own\n", encoding="utf-8")
    doc = (
        b'<opml version="2.0"><body>'
        b'<outline text="BBC Europe" xmlUrl="https://bbc.test/rss"/>'
        b'<outline text="Quote &quot;and\\ back" xmlUrl="https://q.test/rss" category="a&quot;b"/>'
        b'<outline text="Known" xmlUrl="https://known.test/rss"/>'
        b"</body></opml>"
    )
    known = FeedDef(name="known", url="https://known.test/rss", kind=FeedKind.RSS)
    result = import_opml(doc, tmp_path, [known], interval_s=3600)
    assert [f.name for f in result.added] == ["bbc-europe-2", "quote-and-back"]
    assert result.skipped == (("https://known.test/rss", "already defined"),)
    assert (tmp_path / "bbc-europe.toml").read_text(encoding="utf-8") == "# the user's own\n"
    quoted = tomllib.loads((tmp_path / "quote-and-back.toml").read_text(encoding="utf-8"))
    assert quoted["tags"] == ['a"b'] and quoted["interval"] == "3600s"
    assert feed_name("!!!", set()) == "feed"


def test_add_feed_file_refuses_corpus_and_taken_names(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        add_feed_file(tmp_path, [], name="c", url="https://c.test/", kind=FeedKind.CORPUS)
    add_feed_file(tmp_path, [], name="c", url="https://c.test/")
    with pytest.raises(ConfigError):
        add_feed_file(tmp_path, [], name="c", url="https://other.test/")


def test_feeds_opml_escapes_attributes() -> None:
    feed = FeedDef(name="x", url='https://x.test/?a=1&b="2"', kind=FeedKind.RSS, tags=("<t>",))
    doc = feeds_opml([feed], title="<mine>")
    assert parse_opml(doc.encode())[0].url == 'https://x.test/?a=1&b="2"'
    assert "<title>&lt;mine&gt;</title>" in doc
