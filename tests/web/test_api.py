"""The REST API: every route's JSON, the OpenAPI schema, and that pages and API agree."""

from __future__ import annotations

import httpx

from tests.web.archive import NOW, Archive


async def test_openapi_schema_documents_every_api_route(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/api/openapi.json")).json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in (
        "/api/stances",
        "/api/stances/{actor}",
        "/api/articles",
        "/api/articles/{ref}",
        "/api/feeds",
        "/api/feeds/opml",
        "/api/alerts",
        "/api/alerts/{alert_id}/retry",
        "/api/alerts/retry-dead",
        "/api/export/articles.jsonl",
        "/api/export/stances.csv",
        "/api/export/corpus.zip",
        "/api/export/feeds.opml",
        "/healthz",
        "/metrics",
    ):
        assert path in paths, path
    assert not any(p.startswith(("/articles", "/countries", "/feeds")) for p in paths)
    params = {p["name"] for p in paths["/api/articles"]["get"]["parameters"]}
    assert {"q", "relevant", "country", "stance", "feed", "since", "until", "page"} <= params
    board = schema["components"]["schemas"]["BoardView"]["properties"]
    assert {"stances", "counts", "countries", "stance_filter"} <= set(board)


async def test_stances(client: httpx.AsyncClient, archive: Archive) -> None:
    board = (await client.get("/api/stances")).json()
    by_actor = {r["actor"]: r for r in board["stances"]}
    assert by_actor["FI"]["stance"] == "willing"
    assert by_actor["PT"]["stance"] == "declined"
    assert by_actor["NO"]["article_id"] == archive.ids["01-oslo-offers-engineers.txt"]
    assert by_actor["NO"]["evidence"].startswith("Norway is ready to send a company")
    counts = {c["stance"]: c["countries"] for c in board["counts"]}
    assert list(counts) == ["willing", "open", "undecided", "declined", "opposed"]
    assert sum(counts.values()) == board["countries"] == len(board["stances"])
    assert counts["declined"] == 2 and counts["opposed"] == 1
    only = (await client.get("/api/stances", params={"stance": "open"})).json()
    assert {r["actor"] for r in only["stances"]} == {"GR", "IT"}
    assert only["counts"] == board["counts"]
    assert (await client.get("/api/stances", params={"stance": "maybe"})).status_code == 422


async def test_country_history(client: httpx.AsyncClient) -> None:
    fi = (await client.get("/api/stances/fi")).json()
    assert fi["name"] == "Finland" and fi["current"]["stance"] == "willing"
    assert [(h["stance"], h["event"]) for h in fi["history"]] == [
        ("undecided", "new"),
        ("willing", "changed"),
    ]
    assert [s["stance"] for s in fi["segments"]] == ["undecided", "willing"]
    assert fi["segments"][-1]["end"] == NOW.isoformat().replace("+00:00", "Z")
    missing = await client.get("/api/stances/ZZ")
    assert missing.status_code == 404 and "ZZ" in missing.json()["detail"]


async def test_articles_search_and_one_article(client: httpx.AsyncClient, archive: Archive) -> None:
    found = (await client.get("/api/articles", params={"q": "premature"})).json()
    assert found["total"] >= 2  # the Dublin fixture and demo 01
    assert found["search"]["q"] == "premature" and found["page"] == 1
    first = found["hits"][0]
    assert any(f["hit"] and f["text"].lower() == "premature" for f in first["snippet"])
    aid = archive.ids["04-dublin-premature.txt"]
    one = (await client.get(f"/api/articles/{aid}")).json()
    assert one["id"] == aid and one["published_at"].startswith("2026-01-15")
    obs = {o["actor"]: o for o in one["observations"]}
    assert set(obs) == {"IE", "AT"} and all(o["located"] for o in obs.values())
    marked = [p for para in one["paragraphs"] for p in para if p["stance"]]
    assert {p["stance"] for p in marked} == {"undecided", "declined"}
    assert any(p["text"].startswith("It is premature to discuss") for p in marked)
    assert (await client.get("/api/articles/0000")).status_code == 404
    bad = await client.get("/api/articles", params={"per_page": 1000})
    assert bad.status_code == 422


async def test_articles_pages_by_cursor(client: httpx.AsyncClient, archive: Archive) -> None:
    everything = (await client.get("/api/articles", params={"per_page": 100})).json()
    ids = [h["id"] for h in everything["hits"]]
    assert len(ids) >= 4
    seen: list[str] = []
    params: dict[str, str | int] = {"per_page": 3}
    for _ in range(len(ids)):
        page = (await client.get("/api/articles", params=params)).json()
        seen += [h["id"] for h in page["hits"]]
        assert page["total"] == everything["total"]
        if page["next_cursor"] is None:
            break
        params = {"per_page": 3, "after": page["next_cursor"], "page": 99}  # page ignored
    assert seen == ids
    bad = await client.get("/api/articles", params={"after": "not-a-cursor"})
    assert bad.status_code == 400 and "cursor" in bad.json()["detail"]


async def test_feeds_and_alerts(client: httpx.AsyncClient) -> None:
    feeds = {f["name"]: f for f in (await client.get("/api/feeds")).json()["feeds"]}
    assert feeds["wire"]["state"] == "failing" and feeds["wire"]["error_count"] == 1
    assert feeds["wire"]["last_error"] == "HTTP 503 <i>Service Unavailable</i>"
    assert feeds["demo"]["state"] == "ok" and feeds["demo"]["articles"] == 12
    view = (await client.get("/api/alerts")).json()
    alerts = view["alerts"]
    assert len(alerts) == 10 and not view["has_next"]  # 9 countries new, FI changed
    assert alerts[0]["created_at"] >= alerts[-1]["created_at"]
    fi = [a for a in alerts if a["actor"] == "FI"]
    assert [(a["kind"], a["old_stance"], a["new_stance"]) for a in fi] == [
        ("changed", "undecided", "willing"),
        ("new", None, "undecided"),
    ]
    assert {d["channel"] for d in alerts[0]["deliveries"]} == {"log", "webhook"}
    dead = (await client.get("/api/alerts", params={"state": "dead"})).json()["alerts"]
    assert len(dead) == 1
    paged = (await client.get("/api/alerts", params={"per_page": 4, "page": 3})).json()
    assert len(paged["alerts"]) == 2 and not paged["has_next"]
    assert (await client.get("/api/alerts", params={"per_page": 4})).json()["has_next"]


async def test_pages_and_api_show_the_same_data(
    client: httpx.AsyncClient, archive: Archive
) -> None:
    """One code path: what the JSON says is what the page prints."""
    board = (await client.get("/api/stances")).json()
    html = (await client.get("/")).text
    for row in board["stances"]:
        assert f'href="/countries/{row["actor"]}"' in html
        assert f'href="/articles/{row["article_id"]}"' in html
    found = (await client.get("/api/articles", params={"q": "troops", "per_page": 50})).json()
    html = (await client.get("/articles", params={"q": "troops", "per_page": 50})).text
    assert html.count('<li class="hit">') == len(found["hits"])
    for hit in found["hits"]:
        assert f'href="/articles/{hit["id"]}"' in html
