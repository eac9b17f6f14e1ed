"""A user's gazetteer file (the `gazetteer_files` setting) reaches `monitor run`: an article
naming only a made-up official is attributed to the official's country with the setting,
and to no one without it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from tests.cli.test_service import free_port

STORY = (
    "Minister ready to send troops\n\n"
    "Varnok Telmiradze said on Tuesday that his government is ready to send troops to "
    "Ukraine once a ceasefire is signed. Telmiradze added that parliament would vote on "
    "the deployment next month, and that the engineers would leave within weeks.\n"
)
GAZETTEER = (
    "[[officials]]\n"
    'name = "Varnok Telmiradze"\n'
    'country = "EE"\n'
    'role = "defence_minister"\n'
    'aliases = ["Telmiradze"]\n'
)


def start(tmp_path: Path, name: str, gazetteer: Path | None) -> tuple[subprocess.Popen[str], Path]:
    root = tmp_path / name
    corpus, feeds = root / "corpus", root / "feeds"
    corpus.mkdir(parents=True)
    feeds.mkdir()
    (corpus / "story.txt").write_text(STORY, encoding="utf-8")
    (feeds / "local.toml").write_text(
        f'name = "local"\nkind = "corpus"\nurl = "{corpus}"\ninterval = "1h"\n'
    )
    db_path = root / "svc.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update(
        MONITOR_DATABASE_URL=f"sqlite:///{db_path}",
        MONITOR_FEEDS_DIR=str(feeds),
        MONITOR_WEB_ENABLED="false",
        MONITOR_WEB_PORT=str(free_port()),
    )
    if gazetteer is not None:
        env["MONITOR_GAZETTEER_FILES"] = str(gazetteer)
    proc = subprocess.Popen(
        [sys.executable, "-m", "monitor", "run"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return proc, db_path


def stances_after_first_poll(proc: subprocess.Popen[str], db_path: Path) -> set[str]:
    """The countries with a stance once the service has polled its feed and stored the
    story, then SIGTERM."""
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            if not db_path.exists():
                continue
            engine = create_engine(f"sqlite:///{db_path}")
            try:
                with engine.connect() as conn:
                    polled = conn.execute(
                        text("SELECT count(*) FROM poll_runs WHERE feed = 'local' AND ok")
                    ).scalar()
                    if polled:
                        stored = conn.execute(text("SELECT count(*) FROM articles")).scalar()
                        assert stored == 1
                        rows = conn.execute(text("SELECT actor FROM stance_states"))
                        return {str(actor) for (actor,) in rows}
            except Exception:  # tables not created yet
                continue
            finally:
                engine.dispose()
        out = proc.stdout.read() if proc.stdout and proc.poll() is not None else ""
        raise AssertionError(f"the service never polled its feed: {out}")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)


def test_a_user_gazetteer_file_changes_what_monitor_run_recognises(tmp_path: Path) -> None:
    gazetteer = tmp_path / "officials.toml"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    # Both services at once: the machine's time goes to start-up, not to waiting.
    with_file = start(tmp_path, "with", gazetteer)
    without = start(tmp_path, "without", None)
    assert stances_after_first_poll(*with_file) == {"EE"}
    assert stances_after_first_poll(*without) == set()
