"""Errors that say where and what: every settings problem at once, each naming its key and
its source (the variable, or the file's path), as plain lines without a traceback, whether
rich writes to a terminal or not; broken feed files are listed and skipped."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GOOD_FEED = 'name = "good"\nkind = "corpus"\nurl = "{corpus}"\ninterval = "1h"\n'
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def base_env(tmp_path: Path) -> dict[str, str]:
    feeds = tmp_path / "feeds"
    feeds.mkdir(exist_ok=True)
    (feeds / "good.toml").write_text(GOOD_FEED.format(corpus=REPO / "tests/data/corpus"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env.update(
        MONITOR_DATABASE_URL=f"sqlite:///{tmp_path / 'm.db'}",
        MONITOR_FEEDS_DIR=str(feeds),
        COLUMNS="80",
    )
    return env


def monitor(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def clean(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr and "MarkupError" not in result.stderr
    return ANSI.sub("", result.stderr)


# Plain (a pipe) and as rich writes to a colour terminal.
TERMINALS = [{}, {"FORCE_COLOR": "1", "TERM": "xterm-256color"}]


@pytest.mark.parametrize("terminal", TERMINALS)
def test_missing_config_file_names_its_absolute_path(tmp_path: Path, terminal: dict) -> None:
    missing = tmp_path / "nowhere" / "monitor.toml"
    result = monitor(["articles", "-c", str(missing)], {**base_env(tmp_path), **terminal}, tmp_path)
    assert result.returncode == 2
    assert f"[{missing}]: config file not found" in clean(result)


@pytest.mark.parametrize("terminal", TERMINALS)
def test_every_bad_setting_is_listed_with_key_and_source(tmp_path: Path, terminal: dict) -> None:
    cfg = tmp_path / "monitor.toml"
    cfg.write_text('[alerts]\nsmtp_port = "x"\nmax_atempts = 3\n[fetch]\nmax_bytes = -1\n')
    env = {**base_env(tmp_path), **terminal, "MONITOR_WEB_PORT": "eighty", "MONITOR_COLOUR": "1"}
    result = monitor(["config", "--check", "-c", str(cfg)], env, tmp_path)
    assert result.returncode == 1
    err = clean(result)
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 5, err
    assert "error: [environment] MONITOR_COLOUR: unknown setting" in lines
    assert any(line.startswith("error: [environment] MONITOR_WEB_PORT: ") for line in lines)
    assert "'eighty'" in err
    for key in ("alerts.smtp_port", "alerts.max_atempts", "fetch.max_bytes"):
        assert any(line.startswith(f"error: [{cfg}] {key}: ") for line in lines), (key, err)
    # Any other command stops with the same list (exit 2), before touching the database.
    other = monitor(["stances", "-c", str(cfg)], env, tmp_path)
    assert other.returncode == 2
    assert clean(other).count("error:") == 5
    assert not (tmp_path / "m.db").exists()


@pytest.mark.parametrize("terminal", TERMINALS)
def test_absolute_feeds_dir_that_is_missing(tmp_path: Path, terminal: dict) -> None:
    env = {**base_env(tmp_path), **terminal, "MONITOR_FEEDS_DIR": str(tmp_path / "none")}
    result = monitor(["feeds"], env, tmp_path)
    assert result.returncode == 2
    assert f"[{tmp_path / 'none'}]: feeds folder not found" in clean(result)


def test_broken_feed_files_are_listed_and_skipped(tmp_path: Path) -> None:
    env = base_env(tmp_path)
    feeds = Path(env["MONITOR_FEEDS_DIR"])
    (feeds / "typo.toml").write_text('name = "Bad Name"\nurl = "ftp://x"\nkind = "rss"\n')
    (feeds / "broken.toml").write_text("name = \n")
    check = monitor(["feeds", "--check"], env, tmp_path)
    assert check.returncode == 1
    err = clean(check)
    assert f"[{feeds / 'typo.toml'}] name: must be lower-case" in err
    assert f"[{feeds / 'typo.toml'}] url: must be an http(s) URL" in err
    assert f"[{feeds / 'broken.toml'}]: not valid TOML" in err
    assert "1 feeds ok" in check.stdout and "2 broken feed files" in check.stdout
    assert not (tmp_path / "m.db").exists()  # validated without starting anything
    listed = monitor(["feeds", "--json"], env, tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert '"name": "good"' in listed.stdout
    assert "feed file skipped" in clean(listed) and "typo.toml" in listed.stderr


def test_config_check_passes_on_good_settings(tmp_path: Path) -> None:
    result = monitor(["config", "--check"], base_env(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "settings ok" in result.stdout and "1 feeds ok" in result.stdout


def test_unreadable_secret_file_is_found_by_check(tmp_path: Path) -> None:
    env = {
        **base_env(tmp_path),
        "MONITOR_ALERTS__WEBHOOK_URLS": "http://127.0.0.1:9/hook",
        "MONITOR_ALERTS__WEBHOOK_SECRET_FILE": str(tmp_path / "no-secret"),
    }
    result = monitor(["config", "--check"], env, tmp_path)
    assert result.returncode == 1
    assert "alerts.webhook_secret: cannot read secret file" in clean(result)
