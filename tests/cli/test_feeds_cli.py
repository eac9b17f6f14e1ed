"""`monitor poll --once` and `monitor feeds`: a failing feed shows its error, others still work."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.httpserver import HttpServer, static, status

REPO = Path(__file__).resolve().parents[2]


def monitor(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_poll_once_then_feeds_shows_state_and_errors(server: HttpServer, tmp_path: Path) -> None:
    page = (
        b"<html><head><title>Ready to send troops</title></head><body><article>"
        + b"<p>The defence minister said the country is ready to send troops to Ukraine once "
        b"a ceasefire is agreed, and that parliament would vote on the deployment soon.</p>"
        * 3
        + b"</article></body></html>"
    )
    server.route("/robots.txt", status(404))
    server.route("/a", static(page, content_type="text/html"))
    rss = f"<rss version='2.0'><channel><title>x</title><item><link>{server.url('/a')}</link>"
    server.route("/ok.xml", static((rss + "</item></channel></rss>").encode()))
    server.route("/gone.xml", status(410))
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    for name, path in (("good", "/ok.xml"), ("gone", "/gone.xml")):
        (feeds / f"{name}.toml").write_text(
            f'name = "{name}"\nkind = "rss"\nurl = "{server.url(path)}"\nallow_private = true\n'
        )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update(MONITOR_DATABASE_URL=f"sqlite:///{tmp_path / 'f.db'}", MONITOR_FEEDS_DIR=str(feeds))

    polled = monitor(["poll", "--once", "--json"], env)
    assert polled.returncode == 1  # one feed failed
    reports = {r["feed"]: r for r in map(json.loads, polled.stdout.splitlines())}
    assert reports["good"]["ok"] and reports["good"]["new"] == 1
    assert not reports["gone"]["ok"] and "410" in reports["gone"]["error"]

    listed = monitor(["feeds", "--json"], env)
    assert listed.returncode == 0, listed.stderr
    rows = {r["name"]: r for r in json.loads(listed.stdout)}
    assert rows["good"]["articles"] == 1 and rows["good"]["state"] == "ok"
    assert rows["gone"]["state"] == "failing" and "410" in rows["gone"]["last_error"]
    assert rows["gone"]["last_error_kind"] == "http_4xx"
    assert rows["good"]["last_error_kind"] is None
    assert rows["gone"]["next_poll_at"] > rows["gone"]["last_poll_at"]

    table = monitor(["feeds"], {**env, "COLUMNS": "250"})
    assert "gone" in table.stdout and "410" in table.stdout
    assert "[http_4xx]" in table.stdout  # the error kind, before the message

    unknown = monitor(["poll", "--once", "nosuch"], env)
    assert unknown.returncode == 2 and "no such feed" in unknown.stderr
