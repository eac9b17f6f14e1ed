"""The `extract` command: run article extraction on a page or a JSONL batch of pages."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import typer

from monitor.cli.app import app
from monitor.cli.common import handle_errors, to_json
from monitor.errors import ConfigError

if TYPE_CHECKING:
    from monitor.records import ExtractedArticle


@app.command("extract")
@handle_errors
def extract(
    page: Path | None = typer.Argument(None, help="An HTML file to extract."),
    url: str | None = typer.Option(None, "--url", help="The page's URL, to resolve links."),
    jsonl: Path | None = typer.Option(
        None, "--jsonl", help='A JSONL file ("-" for stdin) of {"id", "html", "url"} rows.'
    ),
) -> None:
    """Print the article of PAGE as one JSON object, or one JSON row per --jsonl input row."""
    if (page is None) == (jsonl is None):
        raise ConfigError("give either PAGE or --jsonl, not both or neither", key="extract")
    from monitor.extract import extract_article

    if page is not None:
        if not page.is_file():
            raise ConfigError("no such file", key=str(page))
        typer.echo(to_json(_as_dict(extract_article(page.read_bytes(), url))))
        return
    assert jsonl is not None
    if str(jsonl) == "-":
        _run_batch(sys.stdin)
        return
    if not jsonl.is_file():
        raise ConfigError("no such file", key=str(jsonl))
    with jsonl.open(encoding="utf-8") as rows:
        _run_batch(rows)


def _run_batch(rows: TextIO) -> None:
    for result in extract_rows(rows):
        typer.echo(to_json(result))


def extract_rows(rows: TextIO) -> Iterator[dict[str, Any]]:
    """One output row per non-blank input line; a row that fails yields {"id", "line",
    "error"} in its place."""
    from monitor.extract import extract_article

    for number, line in enumerate(rows, start=1):
        if not line.strip():
            continue
        row_id: Any = None
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise ValueError("row is not a JSON object")
            row_id = row.get("id", number)
            html = row.get("html")
            if not isinstance(html, str):
                raise ValueError('"html" is missing or not a string')
            url = row.get("url")
            article = extract_article(html, url if isinstance(url, str) else None)
        # One bad row must not end a batch: report it in its place and go on.
        except Exception as exc:
            yield {"id": row_id, "line": number, "error": f"{type(exc).__name__}: {exc}"}
            continue
        yield {"id": row_id, **_as_dict(article)}


def _as_dict(article: ExtractedArticle) -> dict[str, Any]:
    return dataclasses.asdict(article)
