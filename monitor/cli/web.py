"""Web and exchange commands: serve, export-stances, opml export/import."""

from __future__ import annotations

import asyncio
import signal
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from monitor.cli.app import app
from monitor.cli.common import (
    INSECURE_HELP,
    ConfigOption,
    console,
    handle_errors,
    runtime_from,
    settings_from,
)
from monitor.errors import ConfigError

if TYPE_CHECKING:
    from monitor.runstate import Runtime

opml_app = typer.Typer(
    help="Exchange the feed list with other readers as OPML.", no_args_is_help=True
)
app.add_typer(opml_app, name="opml")


async def _serve_until_signal(rt: Runtime) -> None:
    from monitor.web import serve

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await serve(rt, stop=stop)


@app.command()
@handle_errors
def serve(
    host: str | None = typer.Option(None, help="Address to bind (default: MONITOR_WEB_HOST)."),
    port: int | None = typer.Option(None, min=1, max=65535, help="Port (default: 8080)."),
    insecure_open: bool = typer.Option(False, "--insecure-open", help=INSECURE_HELP),
    config: Path | None = ConfigOption,
) -> None:
    """Serve the web UI and REST API alone, without polling feeds; Ctrl-C stops."""
    from monitor.wiring import build_runtime

    update: dict[str, object] = {}
    if host:
        update["web_host"] = host
    if port:
        update["web_port"] = port
    if insecure_open:
        update["web_insecure_open"] = True
    rt = build_runtime(settings_from(config).model_copy(update=update))
    s = rt.settings
    console.print(f"monitor web UI on http://{s.web_host}:{s.web_port}/", highlight=False)
    asyncio.run(_serve_until_signal(rt))


@app.command("export-stances")
@handle_errors
def export_stances(
    directory: Path = typer.Argument(..., help="Output folder (created if missing)."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv"),
    config: Path | None = ConfigOption,
) -> None:
    """Export every country's stance history (each observation): stances.jsonl or .csv."""
    if fmt not in ("jsonl", "csv"):
        raise ConfigError("must be jsonl or csv", key="--format")
    from monitor.store.exports import stance_history, stance_history_csv, stance_history_jsonl

    rt = runtime_from(config, with_feeds=False)
    directory.mkdir(parents=True, exist_ok=True)
    rows = list(stance_history(rt.db))
    chunks = stance_history_jsonl(rows) if fmt == "jsonl" else stance_history_csv(rows)
    path = directory / f"stances.{fmt}"
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.writelines(chunks)
    console.print(f"exported {len(rows)} observations to {path}", highlight=False)


@opml_app.command("export")
@handle_errors
def opml_export(
    output: Path | None = typer.Argument(None, help="OPML file to write (default: stdout)."),
    config: Path | None = ConfigOption,
) -> None:
    """Write the web feeds of feeds/ as OPML 2.0."""
    from monitor.sources.opml import feeds_opml

    rt = runtime_from(config)
    document = feeds_opml(rt.feeds.all())
    if output is None:
        sys.stdout.write(document)
        return
    output.write_text(document, encoding="utf-8")
    console.print(f"wrote {output}", highlight=False)


@opml_app.command("import")
@handle_errors
def opml_import(
    source: Path = typer.Argument(..., help="An OPML file (from another feed reader)."),
    interval: int = typer.Option(30, min=1, help="Poll interval of the new feeds, minutes."),
    config: Path | None = ConfigOption,
) -> None:
    """Add a feeds/<name>.toml for every feed of the OPML file not defined yet."""
    if not source.is_file():
        raise ConfigError("file not found", key=str(source))
    from monitor.sources.files import import_opml
    from monitor.store.feeds import sync_feeds

    rt = runtime_from(config)
    result = import_opml(
        source.read_bytes(), rt.settings.feeds_dir, rt.feeds.all(), interval_s=interval * 60
    )
    sync_feeds(rt.db, [*rt.feeds, *result.added], datetime.now(UTC))
    for feed in result.added:
        console.print(f"added {feed.name}: {feed.url}", highlight=False)
    for url, why in result.skipped:
        console.print(f"skipped {url}: {why}", highlight=False)
    console.print(f"{len(result.added)} added, {len(result.skipped)} skipped", highlight=False)
