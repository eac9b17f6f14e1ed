"""`monitor stances`, `monitor history CC` and `monitor alerts test|retry`, in-process."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.alert_records import AlertRouting
from monitor.store import open_database
from tests.alerts.builders import Said, run_cli, store_article

T0 = datetime(2025, 9, 1, 8, tzinfo=UTC)


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)  # no stray monitor.toml
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    db = open_database(url)
    routing = AlertRouting(channels=("console",))
    store_article(
        db, "a", T0, [Said("PL", "declined"), Said("JP", "undecided", 0.6)], alerts=routing
    )
    store_article(
        db,
        "b",
        T0 + timedelta(days=2),
        [Said("PL", "open", 0.9, "if the US joins")],
        alerts=routing,
    )
    db.dispose()
    return url


def test_stances_table_and_json(db_url: str) -> None:
    rows = json.loads(run_cli(["stances", "--json"], db_url).output)
    assert [(r["actor"], r["name"], r["stance"], r["sources"]) for r in rows] == [
        ("JP", "Japan", "undecided", 1),
        ("PL", "Poland", "open", 1),
    ]
    assert rows[1]["condition"] == "if the US joins" and rows[1]["since"].startswith("2025-09-03")
    table = run_cli(["stances"], db_url)
    assert table.exit_code == 0 and "Poland (PL)" in table.output and "open" in table.output


def test_history_marks_the_observations_that_alerted(db_url: str) -> None:
    rows = json.loads(run_cli(["history", "pl", "--json"], db_url).output)
    assert [(r["stance"], r["event"]) for r in rows] == [("declined", "new"), ("open", "changed")]
    assert run_cli(["history", "PL"], db_url).exit_code == 0


def test_alerts_test_console_and_unknown_channel(db_url: str) -> None:
    ok = run_cli(["alerts", "test", "console"], db_url)
    assert ok.exit_code == 0 and "Monitor test alert" in ok.output
    unknown = run_cli(["alerts", "test", "pager"], db_url)
    assert unknown.exit_code == 2 and "configured: console" in unknown.output


def test_alerts_retry_needs_an_id_or_dead(db_url: str) -> None:
    assert run_cli(["alerts", "retry"], db_url).exit_code == 2
    assert run_cli(["alerts", "retry", "1", "--dead"], db_url).exit_code == 2
    assert run_cli(["alerts", "retry", "1"], db_url).exit_code == 1  # nothing failed yet
    assert run_cli(["alerts", "--state", "bogus"], db_url).exit_code == 2
