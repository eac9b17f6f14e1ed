"""`monitor classify`: relevance and stances of text files or JSONL rows, as JSON lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from monitor.cli.app import app

if TYPE_CHECKING:
    # The classifier loads when the command runs, not for `monitor --help`.
    from monitor.classify import Classification, TextClassifier


def classification_json(c: Classification) -> dict[str, Any]:
    """The JSON shape of one classification (the eval and export format)."""
    return {
        "relevant": c.relevant,
        "relevance": c.relevance,
        "stances": [
            {
                "actor": f.actor,
                "stance": f.stance.value,
                "confidence": f.confidence,
                "evidence": f.evidence,
                "start": f.start,
                "end": f.end,
                "condition": f.condition,
                "rule": f.rule,
            }
            for f in c.stances
        ],
        "countries": list(c.countries),
        "classifier_version": c.classifier_version,
    }


@app.command("classify")
def classify_command(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Text files to classify, one JSON line each.")
    ] = None,
    jsonl: Annotated[
        Path | None,
        typer.Option(
            "--jsonl",
            help='Read rows with "id" and "text" (optional "title") from this JSONL file '
            '("-" for standard input); print one row per input.',
        ),
    ] = None,
    gazetteer: Annotated[
        list[Path] | None,
        typer.Option("--gazetteer", help="Extra gazetteer file (JSON or TOML); repeatable."),
    ] = None,
    findings: Annotated[
        bool, typer.Option("--findings", help="Also print every sentence-level finding.")
    ] = False,
    classifier: Annotated[
        str,
        typer.Option(
            "--classifier",
            help="model (the shipped stance model with the rules) or rules (the rules alone).",
        ),
    ] = "rules",
) -> None:
    """Classify texts: relevance, countries and each country's stance with its evidence."""
    if not files and jsonl is None:
        raise typer.BadParameter("give FILE arguments or --jsonl IN.jsonl")
    from monitor.classify import build_classifier
    from monitor.classify.model import ModelFileError

    try:
        built = build_classifier(gazetteer or (), mode=classifier)
    except ModelFileError as exc:
        raise typer.BadParameter(str(exc)) from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise typer.BadParameter(f"cannot load gazetteer {gazetteer}: {exc}") from exc
    for path in files or ():
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            raise typer.BadParameter(f"cannot read {path}: {exc.strerror}") from exc
        row = {"file": str(path), **_classify(built, text, "", findings)}
        typer.echo(json.dumps(row, ensure_ascii=False))
    if jsonl is not None:
        for number, line in enumerate(_lines(jsonl), start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                rid, text = data["id"], str(data["text"])
            except (ValueError, KeyError, TypeError) as exc:
                raise typer.BadParameter(
                    f'{jsonl}:{number}: expected a JSON object with "id" and "text"'
                ) from exc
            title = str(data.get("title") or data.get("source_title") or "")
            row = {"id": rid, **_classify(built, text, title, findings)}
            typer.echo(json.dumps(row, ensure_ascii=False))


def _classify(classifier: TextClassifier, text: str, title: str, findings: bool) -> dict[str, Any]:
    c = classifier.classify(text, title=title)
    out = classification_json(c)
    if findings:
        out["findings"] = [
            {
                "actor": f.actor,
                "stance": f.stance.value,
                "confidence": f.confidence,
                "start": f.start,
                "end": f.end,
                "rule": f.rule,
            }
            for f in c.findings
        ]
    return out


def _lines(path: Path) -> list[str]:
    if str(path) == "-":
        return sys.stdin.read().splitlines()
    try:
        return path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise typer.BadParameter(f"cannot read {path}: {exc.strerror}") from exc
