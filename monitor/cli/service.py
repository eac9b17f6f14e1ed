"""Service commands: run, poll, feeds, db, config."""

from __future__ import annotations

import asyncio
import os
import socket
from dataclasses import asdict
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from monitor.cli import app
from monitor.cli.common import (
    ConfigOption,
    console,
    fmt_time,
    handle_errors,
    runtime_from,
    settings_from,
    to_json,
)
from monitor.errors import ConfigError
from monitor.fetch import Fetcher
from monitor.ingest import PollReport, utcnow
from monitor.settings import describe_settings
from monitor.store import open_database
from monitor.store.feeds import enable_feed, feed_rows, sync_feeds
from monitor.store.migrate import current_revisions, head_revisions

db_app = typer.Typer(help="Database schema commands.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@app.command()
@handle_errors
def run(config: Path | None = ConfigOption) -> None:
    """Run the service: migrate, then poll every feed at its interval until SIGINT/SIGTERM."""
    from monitor.service import ServiceState, default_workers, run_service

    rt = runtime_from(config)
    web = (
        f"web UI on http://{rt.settings.web_host}:{rt.settings.web_port}/"
        if rt.settings.web_enabled
        else "web UI off"
    )
    console.print(
        f"monitor: {len(rt.feeds)} feeds, database {rt.db.dialect}, {web}; Ctrl-C stops.",
        highlight=False,
    )
    state = ServiceState()
    asyncio.run(run_service(rt, state=state, workers=default_workers(rt, state)))
    if state.failed:
        raise ConfigError(state.failed)


@app.command()
@handle_errors
def poll(
    feed: list[str] = typer.Argument(None, help="Feed names (default: every enabled feed)."),
    once: bool = typer.Option(True, "--once", help="Poll once now and exit (the only mode)."),
    as_json: bool = typer.Option(False, "--json", help="Print the reports as JSON lines."),
    config: Path | None = ConfigOption,
) -> None:
    """Poll feeds once now, whether due or not, and print what each poll did."""
    rt = runtime_from(config)
    names = set(feed or [])
    unknown = names - {f.name for f in rt.feeds}
    if unknown:
        raise ConfigError(f"no such feed: {', '.join(sorted(unknown))}", key="feed")
    feeds = [f for f in rt.feeds if not names or f.name in names]
    sync_feeds(rt.db, rt.feeds, utcnow())

    async def go() -> list[PollReport]:
        async with Fetcher(rt.fetch_settings()) as fetcher:
            ing = rt.ingestor(fetcher)
            owner = f"{socket.gethostname()}:{os.getpid()}"
            return await ing.poll_due(feeds, owner=owner, force=True)

    reports = asyncio.run(go())
    if as_json:
        for r in reports:
            print(to_json(asdict(r)))
    else:
        table = Table("feed", "ok", "entries", "known", "new", "dup", "errors", "error")
        for r in reports:
            table.add_row(
                r.feed,
                "yes" if r.ok else "[red]no[/red]",
                str(r.entries),
                str(r.known),
                str(r.new),
                str(r.duplicates),
                str(r.errors),
                "304 not modified" if r.not_modified else (r.error or ""),
            )
        console.print(table)
    if any(not r.ok for r in reports):
        raise typer.Exit(1)


@app.command()
@handle_errors
def feeds(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    enable: str | None = typer.Option(None, help="Re-enable a feed that was disabled."),
    config: Path | None = ConfigOption,
) -> None:
    """List the feeds with their state: last poll, next poll, errors, articles stored."""
    rt = runtime_from(config)
    sync_feeds(rt.db, rt.feeds, utcnow())
    if enable:
        if not enable_feed(rt.db, enable, utcnow()):
            raise ConfigError("no such feed", key=enable)
        console.print(f"{enable}: enabled, polls at the next tick")
    rows = feed_rows(rt.db, rt.feeds)
    if as_json:
        print(to_json([asdict(r) for r in rows]))
        return
    table = Table(
        "feed", "kind", "every", "last poll", "next poll", "articles", "errors", "last error"
    )
    for r in rows:
        err = r.disabled_reason or r.last_error or ""
        table.add_row(
            r.name,
            r.kind,
            f"{r.interval_s // 60}m" if r.defined else "(no file)",
            fmt_time(r.last_poll_at),
            r.state if r.state in ("disabled", "off") else fmt_time(r.next_poll_at),
            str(r.articles),
            str(r.error_count),
            str(r.page_errors),
            f"[red]{escape(err[:80])}[/red]" if err else "",
        )
    console.print(table)


@db_app.command("upgrade")
@handle_errors
def db_upgrade(config: Path | None = ConfigOption) -> None:
    """Apply all migrations to the configured database."""
    settings = settings_from(config)
    db = open_database(settings.database_url, migrate=True)
    console.print(f"database at {', '.join(sorted(current_revisions(db.engine)))} ({db.dialect})")


@db_app.command("status")
@handle_errors
def db_status(config: Path | None = ConfigOption) -> None:
    """Show the applied and the latest migration revisions."""
    settings = settings_from(config)
    db = open_database(settings.database_url, migrate=False)
    current, heads = current_revisions(db.engine), head_revisions(db.engine)
    console.print(
        f"current: {', '.join(sorted(current)) or '(empty)'}; heads: {', '.join(sorted(heads))}"
    )
    if current != heads:
        raise typer.Exit(1)


@app.command("config")
@handle_errors
def show_config(
    check: bool = typer.Option(False, "--check", help="Only validate settings and feed files."),
    config: Path | None = ConfigOption,
) -> None:
    """List every setting (environment variable, default, help), or validate with --check."""
    settings = settings_from(config)
    if check:
        from monitor.sources.definitions import load_feeds

        n = len(load_feeds(settings.feeds_dir))
        console.print(f"settings ok; {n} feeds in {settings.feeds_dir}")
        return
    table = Table("variable", "type", "default", "help")
    for row in describe_settings():
        table.add_row(*row)
    console.print(table)
