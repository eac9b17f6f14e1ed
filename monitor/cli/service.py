"""Service commands: run, poll, feeds, db, config.

Heavy modules (SQLAlchemy, httpx, the classifier, the web app) are imported inside the
commands, so that `monitor --help` and every command's start stay quick."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from monitor.cli.app import app
from monitor.cli.common import (
    INSECURE_HELP,
    Column,
    ConfigOption,
    WideOption,
    console,
    fmt_time,
    handle_errors,
    make_table,
    print_error,
    runtime_from,
    settings_from,
    to_json,
)
from monitor.errors import ConfigError, ConfigErrors

if TYPE_CHECKING:
    from monitor.ingest import PollReport
    from monitor.runstate import Runtime, ServiceState
    from monitor.service import Worker
    from monitor.settings import Settings

db_app = typer.Typer(help="Database schema commands.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@app.command()
@handle_errors
def run(
    config: Path | None = ConfigOption,
    insecure_open: bool = typer.Option(False, "--insecure-open", help=INSECURE_HELP),
) -> None:
    """Run the service: migrate, then poll every feed at its interval until SIGINT/SIGTERM."""
    from monitor.runstate import ServiceState
    from monitor.service import run_service
    from monitor.web.auth import check_exposure
    from monitor.wiring import build_runtime, service_workers

    settings = settings_from(config)
    if insecure_open:
        settings = settings.model_copy(update={"web_insecure_open": True})
    rt = build_runtime(settings)
    if rt.settings.web_enabled:
        check_exposure(rt.settings, rt.db)  # before polling starts: refuse, don't half-run
    web = (
        f"web UI on http://{rt.settings.web_host}:{rt.settings.web_port}/"
        if rt.settings.web_enabled
        else "web UI off"
    )
    skipped = f" ({len(rt.feed_problems)} broken feed files skipped)" if rt.feed_problems else ""
    console.print(
        f"monitor: {len(rt.feeds)} feeds{skipped}, database {rt.db.dialect}, {web}; Ctrl-C stops.",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    state = ServiceState()
    workers = [*service_workers(rt, state), _first_poll_progress(rt, state)]
    asyncio.run(run_service(rt, state=state, workers=workers))
    if state.failed:
        raise ConfigError(state.failed)


def _first_poll_progress(rt: Runtime, state: ServiceState) -> Worker:
    """A worker that tells what the first poll does: feeds polled so far (one line kept
    up to date on a terminal, a line every few seconds otherwise), then a closing line;
    or, when no feed is due yet, when the next one is."""
    from monitor.ingest import utcnow
    from monitor.store.feeds import feed_rows

    now = utcnow()
    rows = [
        r
        for r in feed_rows(rt.db, list(rt.feeds))
        if r.defined and r.state not in ("disabled", "off")
    ]
    due = sum(1 for r in rows if r.next_poll_at is None or r.next_poll_at <= now)
    upcoming = [r.next_poll_at for r in rows if r.next_poll_at is not None and r.next_poll_at > now]

    async def progress(stop: asyncio.Event) -> None:
        if not due:
            when = f"; next poll at {fmt_time(min(upcoming))} UTC" if upcoming else ""
            console.print(f"no feed is due now{when}", highlight=False, markup=False)
            return
        started, shown, last_line = time.monotonic(), -1, 0.0
        terminal = console.is_terminal
        while not stop.is_set() and state.polls < due:
            elapsed = time.monotonic() - started
            if terminal:
                console.file.write(f"\rfirst poll: {state.polls}/{due} feeds, {elapsed:.0f}s ")
                console.file.flush()
            elif state.polls != shown and elapsed - last_line >= 5:
                console.print(f"first poll: {state.polls}/{due} feeds, {elapsed:.0f}s")
                shown, last_line = state.polls, elapsed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.5)
        if terminal:
            console.file.write("\r")
        if state.polls >= due:
            took = time.monotonic() - started
            console.print(f"first poll done: {due} feeds in {took:.1f}s", highlight=False)

    return progress


@app.command()
@handle_errors
def poll(
    feed: list[str] = typer.Argument(None, help="Feed names (default: every enabled feed)."),
    as_json: bool = typer.Option(False, "--json", help="Print the reports as JSON lines."),
    wide: bool = WideOption,
    # Polling once is the only mode; the flag is still accepted for older scripts.
    once: bool = typer.Option(True, "--once", hidden=True),
    config: Path | None = ConfigOption,
) -> None:
    """Poll feeds once now, whether due or not, and print what each poll did."""
    from monitor.ingest import utcnow
    from monitor.store.feeds import sync_feeds

    rt = runtime_from(config)
    names = set(feed or [])
    unknown = names - rt.feeds.names()
    if unknown:
        raise ConfigError(f"no such feed: {', '.join(sorted(unknown))}", key="feed")
    feeds = [f for f in rt.feeds if not names or f.name in names]
    sync_feeds(rt.db, list(rt.feeds), utcnow())

    async def go() -> list[PollReport]:
        async with rt.fetcher() as fetcher:
            ing = rt.ingestor(fetcher)
            owner = f"{socket.gethostname()}:{os.getpid()}"
            return await ing.poll_due(feeds, owner=owner, force=True)

    reports = asyncio.run(go())
    if as_json:
        for r in reports:
            print(to_json(asdict(r)))
    else:
        columns = [
            Column("feed", no_wrap=True),
            Column("ok"),
            Column("entries", optional=True),
            Column("known", optional=True),
            Column("new"),
            Column("dup", optional=True),
            Column("errors"),
            Column("error"),
        ]
        rows = [
            (
                escape(r.feed),
                "yes" if r.ok else "[red]no[/red]",
                str(r.entries),
                str(r.known),
                str(r.new),
                str(r.duplicates),
                str(r.errors),
                "304 not modified" if r.not_modified else escape(r.error or ""),
            )
            for r in reports
        ]
        console.print(make_table(columns, rows, wide=wide))
    if any(not r.ok for r in reports):
        raise typer.Exit(1)


def _check_feeds(settings: Settings) -> int:
    """Validate every feed file without touching the database; print each problem."""
    from monitor.sources.definitions import IntervalLimits, read_feeds

    sched = settings.scheduler
    found = read_feeds(
        settings.feeds_dir, IntervalLimits(sched.min_interval_s, sched.min_private_interval_s)
    )
    for problem in found.problems:
        print_error(str(problem))
    broken = len({p.source for p in found.problems})
    console.print(
        f"{len(found.feeds)} feeds ok in {settings.feeds_dir}"
        + (f"; {broken} broken feed files" if broken else ""),
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    return 1 if found.problems else 0


@app.command()
@handle_errors
def feeds(
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    enable: str | None = typer.Option(None, help="Re-enable a feed that was disabled."),
    check: bool = typer.Option(
        False, "--check", help="Only validate the feed files (no database); exit 1 on problems."
    ),
    wide: bool = WideOption,
    config: Path | None = ConfigOption,
) -> None:
    """List the feeds with their state: last poll, next poll, errors, articles stored."""
    if check:
        raise typer.Exit(_check_feeds(settings_from(config)))
    from monitor.ingest import utcnow
    from monitor.store.feeds import enable_feed, feed_rows, sync_feeds

    rt = runtime_from(config)  # logs a warning for each broken feed file it skips
    sync_feeds(rt.db, list(rt.feeds), utcnow())
    if enable:
        if not enable_feed(rt.db, enable, utcnow()):
            raise ConfigError("no such feed", key=enable)
        console.print(f"{escape(enable)}: enabled, polls at the next tick")
    rows = feed_rows(rt.db, list(rt.feeds))
    if as_json:
        print(to_json([asdict(r) for r in rows]))
        return
    columns = [
        Column("feed", no_wrap=True),
        Column("kind", optional=True),
        Column("every"),
        Column("last poll", optional=True),
        Column("next poll"),
        Column("articles"),
        Column("errors"),
        Column("page errors", optional=True),
        Column("last error", max_width=None if wide else 40),
    ]
    cells = []
    for r in rows:
        page = f"page: {r.last_page_error}" if r.last_page_error else ""
        err = r.disabled_reason or r.last_error or page
        if r.last_error_kind and r.last_error and not r.disabled_reason:
            err = f"[{r.last_error_kind}] {err}"
        if r.last_warnings:
            err = f"{err} (warning: {r.last_warnings})".strip()
        cells.append(
            (
                escape(r.name),
                r.kind,
                f"{r.interval_s // 60}m" if r.defined else "(no file)",
                fmt_time(r.last_poll_at),
                r.state if r.state in ("disabled", "off") else fmt_time(r.next_poll_at),
                str(r.articles),
                str(r.error_count),
                str(r.page_errors),
                f"[red]{escape(err[:200])}[/red]" if err else "",
            )
        )
    console.print(make_table(columns, cells, wide=wide))


@db_app.command("upgrade")
@handle_errors
def db_upgrade(config: Path | None = ConfigOption) -> None:
    """Apply all migrations to the configured database."""
    from monitor.store import open_database
    from monitor.store.migrate import current_revisions

    settings = settings_from(config)
    db = open_database(settings.database_url, migrate=True)
    console.print(f"database at {', '.join(sorted(current_revisions(db.engine)))} ({db.dialect})")


@db_app.command("status")
@handle_errors
def db_status(config: Path | None = ConfigOption) -> None:
    """Show the applied and the latest migration revisions."""
    from monitor.store import open_database
    from monitor.store.migrate import current_revisions, head_revisions

    settings = settings_from(config)
    db = open_database(settings.database_url, migrate=False)
    current, heads = current_revisions(db.engine), head_revisions(db.engine)
    console.print(
        f"current: {', '.join(sorted(current)) or '(empty)'}; heads: {', '.join(sorted(heads))}"
    )
    if current != heads:
        raise typer.Exit(1)


def _check_all(config: Path | None) -> int:
    """Every settings problem, then (if the settings load) every feed and channel problem."""
    from monitor.alerts.config import check_alerts

    try:
        settings = settings_from(config)
    except ConfigErrors as exc:
        for problem in exc.problems:
            print_error(str(problem))
        return 1
    problems = check_alerts(settings.alerts)
    for problem in problems:
        print_error(str(problem))
    try:
        status = _check_feeds(settings)
    except ConfigError as exc:
        print_error(str(exc))
        status = 1
    if not problems and not status:
        console.print("settings ok", highlight=False)
    return 1 if problems or status else 0


@app.command("config")
@handle_errors
def show_config(
    check: bool = typer.Option(
        False,
        "--check",
        help="Only validate settings, channels and feed files; exit 1 on problems.",
    ),
    wide: bool = typer.Option(False, "--wide", help="One table row per setting."),
    config: Path | None = ConfigOption,
) -> None:
    """List every setting (environment variable, type, default, help), or validate them."""
    if check:
        raise typer.Exit(_check_all(config))
    from monitor.settings import describe_settings

    rows = describe_settings()
    if wide:
        columns = [Column("variable", no_wrap=True), Column("type"), Column("default")]
        cells = [
            (name, escape(kind), escape(default), escape(text))
            for name, kind, default, text in rows
        ]
        console.print(make_table([*columns, Column("help")], cells, wide=True))
        return
    # The variable names are what this command is for: each on a line of its own, whole,
    # with the type, default and help below it (fits 80 columns).
    for name, kind, default, text in rows:
        console.print(
            name, style="bold", highlight=False, markup=False, overflow="ignore", crop=False
        )
        console.print(f"    {kind} = {default}", highlight=False, markup=False)
        console.print(f"    {text}", highlight=False, markup=False)
