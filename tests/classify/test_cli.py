"""`monitor classify` on files and JSONL rows, through typer's CliRunner."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

import monitor.cli.classify  # noqa: F401  (registers the command)
from monitor.cli import app


def _invoke(*args: str) -> tuple[int, str]:
    # With one registered command typer runs it directly; with several, by name.
    single = len(app.registered_commands) == 1 and not app.registered_groups
    argv = list(args) if single and app.registered_callback is None else ["classify", *args]
    result = CliRunner().invoke(app, argv)
    return result.exit_code, result.output


def test_files_print_one_json_object_each(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text("Estonia is ready to send a company of soldiers to Ukraine.\n")
    second = tmp_path / "b.txt"
    second.write_text("The central bank kept rates unchanged.\n")
    code, output = _invoke(str(first), str(second))
    assert code == 0
    rows = [json.loads(line) for line in output.splitlines()]
    assert [r["file"] for r in rows] == [str(first), str(second)]
    assert rows[0]["relevant"] is True
    assert [(s["actor"], s["stance"]) for s in rows[0]["stances"]] == [("EE", "willing")]
    stance = rows[0]["stances"][0]
    text = first.read_text()
    assert text[stance["start"] : stance["end"]] == stance["evidence"]
    assert rows[1]["relevant"] is False and rows[1]["stances"] == []
    assert rows[0]["classifier_version"]


def test_jsonl_prints_one_row_per_input(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows_in = [
        {"id": "x1", "text": "Japan has no plans to send troops to Ukraine."},
        {
            "id": 7,
            "text": "Ireland does not rule out sending peacekeepers to Ukraine if a truce holds.",
        },
        {"id": "x3", "text": "Nothing to see here."},
    ]
    source.write_text("\n".join(json.dumps(r) for r in rows_in) + "\n\n")
    code, output = _invoke("--jsonl", str(source))
    assert code == 0
    rows = [json.loads(line) for line in output.splitlines()]
    assert [r["id"] for r in rows] == ["x1", 7, "x3"]
    assert set(rows[0]) >= {"id", "relevant", "relevance", "stances", "classifier_version"}
    assert set(rows[1]["stances"][0]) >= {
        "actor",
        "stance",
        "confidence",
        "evidence",
        "start",
        "end",
        "condition",
    }
    assert rows[1]["stances"][0]["condition"] == "if a truce holds"
    assert rows[2]["stances"] == []


def test_bad_input_fails_with_a_message(tmp_path: Path) -> None:
    code, output = _invoke()
    assert code != 0 and "--jsonl" in output
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "no id"}\n')
    code, output = _invoke("--jsonl", str(broken))
    # rich may wrap the message inside its error box
    assert code != 0 and "broken.jsonl:1" in re.sub(r"[\s│]", "", output)


def test_extra_gazetteer_option(tmp_path: Path) -> None:
    extra = tmp_path / "extra.json"
    extra.write_text('{"countries": {"XR": {"names": ["Ruritania"]}}}')
    text = tmp_path / "r.txt"
    text.write_text("Ruritania is ready to send troops to Ukraine.")
    code, output = _invoke("--gazetteer", str(extra), str(text))
    assert code == 0
    assert [s["actor"] for s in json.loads(output)["stances"]] == ["XR"]
    code, output = _invoke("--gazetteer", str(tmp_path / "missing.json"), str(text))
    assert code != 0 and "gazetteer" in output
