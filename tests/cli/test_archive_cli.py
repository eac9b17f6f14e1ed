"""The CLI as a user runs it (subprocesses): import the seeds, list, show, export."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MONITOR = [sys.executable, "-m", "monitor"]


def run(args: list[str], env: dict[str, str], ok: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*MONITOR, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    if ok:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    clean["MONITOR_DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    clean["MONITOR_CONFIG"] = ""
    clean["COLUMNS"] = "200"
    return clean


def test_import_seeds_twice_then_export_corpus(
    shared_dir: Path, env: dict[str, str], tmp_path: Path
) -> None:
    seeds = shared_dir / "corpus" / "seeds"
    first = run(["import", str(seeds)], env)
    assert "5 new" in first.stdout
    again = run(["import", str(seeds)], env)
    assert "0 new" in again.stdout

    listed = run(["articles", "--json"], env)
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(rows) == 5
    assert all(re.fullmatch(r"[0-9a-f]{16}", r["id"]) for r in rows)

    shown = run(["show", rows[0]["id"][:8], "--json"], env)
    article = json.loads(shown.stdout)
    assert article["id"] == rows[0]["id"] and len(article["text"]) > 200

    out = tmp_path / "export"
    run(["export", "--format", "corpus", str(out)], env)
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 5
    assert all(re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", name) for name in files)
    assert {name[4:20] for name in files} == {r["id"] for r in rows}

    run(["export", "--format", "jsonl", str(out)], env)
    lines = (out / "articles.jsonl").read_text().splitlines()
    assert len(lines) == 5 and all(json.loads(line)["text"] for line in lines)


def test_bad_configuration_is_one_clear_line(env: dict[str, str]) -> None:
    env = {**env, "MONITOR_WEB_PORT": "eighty"}
    result = run(["articles"], env, ok=False)
    assert result.returncode == 2
    assert "MONITOR_WEB_PORT" in result.stderr and "Traceback" not in result.stderr


def test_show_unknown_article_fails_cleanly(env: dict[str, str]) -> None:
    result = run(["show", "ffffffffffffffff"], env, ok=False)
    assert result.returncode == 2 and "no such article" in result.stderr


def test_unreachable_database_is_one_clear_line(env: dict[str, str]) -> None:
    env = {**env, "MONITOR_DATABASE_URL": "postgresql+psycopg://nobody:secret@127.0.0.1:1/none"}
    result = run(["articles"], env, ok=False)
    assert result.returncode == 2
    assert "cannot use the database" in result.stderr and "Traceback" not in result.stderr
    assert "secret" not in result.stderr
