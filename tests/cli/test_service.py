"""`monitor run` as a process: polls its feeds (skipping a broken file), stores articles,
exits cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_run_polls_the_corpus_feed_and_stops_on_sigterm(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds"
    feeds.mkdir()
    corpus = REPO / "tests" / "data" / "corpus"
    (feeds / "fixture.toml").write_text(
        f'name = "fixture"\nkind = "corpus"\nurl = "{corpus}"\ninterval = "1h"\n'
    )
    # One broken feed file is reported and skipped; the service runs the others.
    (feeds / "broken.toml").write_text('name = "broken"\nkind = "rss"\n')
    db_path = tmp_path / "svc.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update(
        MONITOR_DATABASE_URL=f"sqlite:///{db_path}",
        MONITOR_FEEDS_DIR=str(feeds),
        MONITOR_WEB_PORT=str(free_port()),
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        stored = 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            if not db_path.exists():
                continue
            engine = create_engine(f"sqlite:///{db_path}")
            try:
                with engine.connect() as conn:
                    stored = conn.execute(text("SELECT count(*) FROM articles")).scalar() or 0
                    polled = conn.execute(
                        text("SELECT count(*) FROM poll_runs WHERE feed = 'fixture' AND ok")
                    ).scalar()
            except Exception:  # tables not created yet
                stored = polled = 0
            finally:
                engine.dispose()
            if stored and polled:
                break
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
        assert stored >= 3
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, out
    assert "service stopped" in out
    assert "feed file skipped" in out and "broken.toml] url: required" in out
    assert "1 broken feed files skipped" in out
