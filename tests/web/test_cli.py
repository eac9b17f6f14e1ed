"""The web and exchange commands as a user runs them: serve, export-stances, opml."""

from __future__ import annotations

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.web.archive import Archive

REPO = Path(__file__).resolve().parents[2]
MONITOR = [sys.executable, "-m", "monitor"]


@pytest.fixture(scope="module")
def cli_archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    from tests.web.archive import build_archive

    return build_archive(tmp_path_factory.mktemp("cli"))


@pytest.fixture
def env(cli_archive: Archive) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    clean["MONITOR_DATABASE_URL"] = cli_archive.rt.db.url
    clean["MONITOR_FEEDS_DIR"] = str(cli_archive.rt.settings.feeds_dir)
    clean["MONITOR_CONFIG"] = ""
    return clean


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*MONITOR, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_serve_answers_then_stops_on_sigterm(env: dict[str, str]) -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    proc = subprocess.Popen(
        [*MONITOR, "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(100):
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stances", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise AssertionError("monitor serve never answered")
        assert any(s["actor"] == "FI" for s in r.json()["stances"])
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=15)
        assert proc.returncode == 0, err
        assert f"http://127.0.0.1:{port}/" in out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_export_stances(env: dict[str, str], tmp_path: Path) -> None:
    run(["export-stances", str(tmp_path)], env)
    rows = [json.loads(x) for x in (tmp_path / "stances.jsonl").read_text().splitlines()]
    assert len(rows) == 10 and {r["actor"] for r in rows} >= {"FI", "NO", "MT"}
    run(["export-stances", "-f", "csv", str(tmp_path)], env)
    with (tmp_path / "stances.csv").open(newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 10


def test_opml_export_and_import(env: dict[str, str], tmp_path: Path, cli_archive: Archive) -> None:
    out = run(["opml", "export"], env).stdout
    assert 'xmlUrl="https://wire.test/feed.xml"' in out
    theirs = tmp_path / "theirs.opml"
    theirs.write_text(
        '<opml version="2.0"><body><outline text="Kyiv News" xmlUrl="https://kyiv.test/rss"/>'
        '<outline text="Wire" xmlUrl="https://wire.test/feed.xml"/></body></opml>'
    )
    result = run(["opml", "import", str(theirs), "--interval", "60"], env)
    assert "1 added, 1 skipped" in result.stdout
    written = cli_archive.rt.settings.feeds_dir / "kyiv-news.toml"
    assert 'interval = "3600s"' in written.read_text()
    assert "kyiv-news" in run(["opml", "export"], env).stdout
