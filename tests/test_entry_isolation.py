"""One entry whose processing raises becomes a page error of its own; its feed's poll
succeeds, the other entries are stored, and the error shows in `monitor feeds` and the
web UI. The failing classifier is injected through the composition root."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import httpx
from typer.testing import CliRunner

import monitor.cli.commands  # noqa: F401 - registers the commands on the app
from monitor.classify.records import Classification
from monitor.cli import app
from monitor.ingest import ENTRY_RETRY_BASE, PollReport
from monitor.runstate import Runtime
from monitor.settings import Settings
from monitor.store.articles import list_articles
from monitor.store.feeds import feed_statuses, sync_feeds
from monitor.store.page_errors import page_errors
from monitor.web import create_app
from monitor.wiring import build_runtime, make_classifier
from tests.alerts.builders import story_text
from tests.support.httpserver import HttpServer, static, status

POISON = "Poison pill report"


def runtime(server: HttpServer, db_url: str, tmp_path: Path) -> Runtime:
    server.route("/robots.txt", status(404))
    links = []
    for i, title in enumerate(("Engineers ready", POISON, "Bridges repaired")):
        body = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        body += f"<p>{story_text(title)}</p></article></body></html>"
        server.route(f"/story/{i}", static(body.encode(), content_type="text/html"))
        links.append(f"<item><title>{title}</title><link>{server.url(f'/story/{i}')}</link></item>")
    rss = f"<rss version='2.0'><channel><title>t</title>{''.join(links)}</channel></rss>"
    server.route("/feed.xml", static(rss.encode(), content_type="application/rss+xml"))
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    (feeds / "wire.toml").write_text(
        f'name = "wire"\nkind = "rss"\nurl = "{server.url("/feed.xml")}"\nallow_private = true\n'
    )
    real = make_classifier()

    def classifier(text: str, title: str) -> Classification:
        if title == POISON:
            raise KeyError("a bug that only this article meets")
        return real(text, title)

    settings = Settings(database_url=db_url, feeds_dir=feeds, web_enabled=False)
    return build_runtime(settings, classifier=classifier)


async def poll(rt: Runtime) -> PollReport:
    sync_feeds(rt.db, list(rt.feeds), datetime.now(UTC))
    async with rt.fetcher() as fetcher:
        (report,) = await rt.ingestor(fetcher).poll_due(list(rt.feeds), owner="t", force=True)
    return report


def cli_feeds(rt: Runtime, *args: str) -> str:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    env = {
        "MONITOR_DATABASE_URL": rt.settings.database_url,
        "MONITOR_FEEDS_DIR": str(rt.settings.feeds_dir),
        "COLUMNS": "250",
    }
    try:
        result = CliRunner().invoke(app, ["feeds", *args], env=env)
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    assert result.exit_code == 0, result.output
    return result.stdout


async def test_one_raising_entry_is_a_page_error_and_its_feed_poll_succeeds(
    server: HttpServer, db_url: str, tmp_path: Path
) -> None:
    rt = runtime(server, db_url, tmp_path)
    before = datetime.now(UTC)
    report = await poll(rt)
    assert report.ok and report.error is None, report
    assert (report.entries, report.new, report.errors) == (3, 2, 1), report
    titles = {a.title for a in list_articles(rt.db)}
    assert titles == {"Engineers ready", "Bridges repaired"}
    status_ = feed_statuses(rt.db)["wire"]
    assert status_.consecutive_failures == 0 and status_.last_error is None
    assert status_.last_success_at is not None

    (err,) = page_errors(rt.db)
    assert err.url.endswith("/story/1") and err.kind == "internal_error"
    assert "KeyError: 'a bug that only this article meets'" in err.error and not err.permanent
    assert err.attempts == 1 and err.next_retry_at is not None
    assert err.next_retry_at >= before + ENTRY_RETRY_BASE

    # Visible to the user: `monitor feeds` (JSON and table) and the web UI's feeds page.
    (row,) = json.loads(cli_feeds(rt, "--json"))
    assert row["page_errors"] == 1 and row["last_page_error"].startswith("internal_error: ")
    assert "KeyError" in cli_feeds(rt)
    client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(rt)), base_url="http://127.0.0.1"
    )
    async with client:
        html = (await client.get("/feeds")).text
    assert "1 page error" in html and "KeyError" in html

    # Backed off: the next poll skips the entry (and still succeeds), nothing is refetched.
    hits = server.hits("/story/1")
    again = await poll(rt)
    assert again.ok and again.skipped == 1 and again.known == 2 and again.errors == 0
    assert server.hits("/story/1") == hits
    assert page_errors(rt.db)[0].attempts == 1


def test_entry_backoff_doctests() -> None:
    import doctest

    import monitor.ingest.entries

    failed, attempted = doctest.testmod(monitor.ingest.entries)
    assert attempted >= 3 and failed == 0
