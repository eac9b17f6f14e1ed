"""A quick, readable CLI: nothing heavy loads for --help, --version, flags without a
type, country arguments by name or code (and suggestions for unknown ones), tables that
fit 80 columns, and logs without ANSI escapes."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.logs import JsonFormatter, TextFormatter
from monitor.settings import describe_settings

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("sqlalchemy", "httpx", "fastapi", "uvicorn", "apprise", "monitor.classify", "monitor.web")


def monitor(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An archive with the fixture corpus imported, and a feeds folder of one feed."""
    tmp = tmp_path_factory.mktemp("quick")
    feeds = tmp / "feeds"
    feeds.mkdir()
    corpus = REPO / "tests" / "data" / "corpus"
    (feeds / "fixture.toml").write_text(
        f'name = "fixture-with-a-long-name"\nkind = "corpus"\nurl = "{corpus}"\n'
    )
    environ = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    environ.update(
        MONITOR_DATABASE_URL=f"sqlite:///{tmp / 'q.db'}",
        MONITOR_FEEDS_DIR=str(feeds),
        COLUMNS="80",
        TMPDIR=str(tmp),
    )
    imported = monitor(["import", str(corpus)], environ, tmp)
    assert imported.returncode == 0, imported.stderr
    return environ


def test_help_loads_no_database_http_classifier_or_web_code() -> None:
    probe = (
        "import sys; from monitor.cli import _register; _register(); "
        f"print([m for m in sys.modules if m.split('.')[0] in {HEAVY!r} or m in {HEAVY!r}])"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "[]"


def test_version_and_flags_without_a_type(env: dict[str, str], tmp_path: Path) -> None:
    version = monitor(["--version"], env, tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("monitor ")
    assert version.stdout.split()[1][0].isdigit()
    help_text = monitor(["feeds", "--help"], env, tmp_path).stdout
    assert "--check" in help_text and "--json" in help_text
    assert "<bool>" not in help_text
    assert "<str>" in help_text  # an option that takes a value still says so


@pytest.mark.parametrize("name", ["Italy", "italy", "it", "IT", "ITA"])
def test_history_takes_names_and_codes(env: dict[str, str], tmp_path: Path, name: str) -> None:
    result = monitor(["history", name, "--json"], env, tmp_path)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all("Italy" in r["evidence"] for r in rows)
    assert {r["stance"] for r in rows} == {"open"}
    table = monitor(["history", name], env, tmp_path)
    assert "open" in table.stdout and "Italy is" in table.stdout


def test_unknown_country_is_an_error_with_suggestions(env: dict[str, str], tmp_path: Path) -> None:
    result = monitor(["history", "Itlay"], env, tmp_path)
    assert result.returncode == 2
    assert "unknown country 'Itlay'; did you mean Italy" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["feeds"], ["stances"], ["alerts"], ["articles"]])
def test_tables_fit_80_columns(env: dict[str, str], tmp_path: Path, args: list[str]) -> None:
    result = monitor(args, env, tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= 80, result.stdout
    wide = monitor([*args, "--wide"], {**env, "COLUMNS": "200"}, tmp_path)
    assert wide.returncode == 0
    assert len(wide.stdout.splitlines()[1].split()) >= len(lines[1].split())


def test_feeds_table_has_one_header_per_column(env: dict[str, str], tmp_path: Path) -> None:
    result = monitor(["feeds", "--wide"], {**env, "COLUMNS": "200"}, tmp_path)
    header = result.stdout.splitlines()[1]
    for name in ("feed", "kind", "every", "last poll", "next poll", "articles", "errors"):
        assert name in header
    assert "page errors" in header and "last error" in header
    assert "fixture-with-a-long-name" in result.stdout
    narrow = monitor(["feeds"], env, tmp_path).stdout
    assert "fixture-with-a-long-name" in narrow  # names are never cut


def test_config_shows_every_variable_name_whole(env: dict[str, str], tmp_path: Path) -> None:
    out = monitor(["config"], env, tmp_path).stdout
    lines = set(out.splitlines())
    assert max(len(line) for line in out.splitlines()) <= 80 or all(
        name in lines for name, *_ in describe_settings()
    )
    assert all(name in lines for name, *_ in describe_settings())


def test_logs_carry_no_ansi_and_no_color_message() -> None:
    record = logging.LogRecord(
        "uvicorn.error", logging.INFO, __file__, 1, "\x1b[32mStarted\x1b[0m", None, None
    )
    record.color_message = "\x1b[32mStarted\x1b[0m server"
    record.client = "\x1b[1m127.0.0.1\x1b[0m"
    as_json = json.loads(JsonFormatter().format(record))
    assert as_json["message"] == "Started" and "color_message" not in as_json
    assert as_json["client"] == "127.0.0.1"
    text = TextFormatter("%(levelname)s %(message)s").format(record)
    assert "\x1b" not in text and "color_message" not in text and "Started" in text
