"""`monitor extract`: one page as a JSON object, or a JSONL batch with errors in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import monitor.cli.commands  # registers every command, like `monitor` does
import monitor.cli.extract  # noqa: F401
from monitor.cli import app

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_extract_one_page_prints_one_json_object(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["extract", str(DATA / "news_page.html"), "--url", "https://coastal.example/x"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["title"] == "Harbour town votes to rebuild the old pier"
    assert data["published"] == "2025-03-04T08:30:00+00:00"
    assert data["canonical_url"] == "https://coastal.example/news/2025/pier-vote?utm_source=rss"
    assert data["date_source"] == "meta"
    assert "Log in to write a comment" not in data["text"]
    assert data["text"].startswith("Councillors in Saltmere")


def test_extract_jsonl_prints_one_row_per_input_and_keeps_going(
    runner: CliRunner, tmp_path: Path
) -> None:
    page = (DATA / "jsonld_page.html").read_text(encoding="utf-8")
    rows = [
        json.dumps({"id": "a", "html": page, "url": "https://nsd.example/a"}),
        "this is not json",
        json.dumps({"id": "c", "url": "https://nsd.example/c"}),  # no html
        "",
        json.dumps({"id": 4, "html": "<p>Short note about the harbour ferry timetable.</p>"}),
    ]
    batch = tmp_path / "in.jsonl"
    batch.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--jsonl", str(batch)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [row["id"] for row in out] == ["a", None, "c", 4]
    assert out[0]["title"] == "Lighthouse keepers return to Gull Point after fifty years"
    assert out[0]["published"] == "2024-11-18T11:45:00+00:00"
    assert set(out[0]) >= {"id", "title", "text", "published", "canonical_url", "author"}
    assert "error" in out[1] and out[1]["line"] == 2
    assert "html" in out[2]["error"]
    assert out[3]["text"] == "Short note about the harbour ferry timetable."


def test_extract_jsonl_reads_stdin(runner: CliRunner) -> None:
    row = json.dumps({"id": 1, "html": "<p>Ferry crossings resume on Monday morning.</p>"})
    result = runner.invoke(app, ["extract", "--jsonl", "-"], input=row + "\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["text"] == "Ferry crossings resume on Monday morning."


def test_extract_needs_exactly_one_input(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["extract"]).exit_code == 2
    missing = runner.invoke(app, ["extract", str(tmp_path / "nope.html")])
    assert missing.exit_code == 2
