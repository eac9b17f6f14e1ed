"""Alert and stance commands: alerts (list, retry, test, dispatch), stances, history."""

from __future__ import annotations

import asyncio
import dataclasses
import signal
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape

from monitor.cli.app import app
from monitor.cli.common import (
    Column,
    ConfigOption,
    WideOption,
    console,
    country_code,
    fmt_date,
    fmt_time,
    handle_errors,
    make_table,
    runtime_from,
    to_json,
)
from monitor.errors import ConfigError, DeliveryError

if TYPE_CHECKING:
    # The store, the channels and httpx load when a command runs, not for --help.
    from monitor.alert_records import AlertView
    from monitor.runstate import Runtime

STATES = ("pending", "sending", "sent", "failed", "dead")  # = alert_records.DeliveryState
alerts_app = typer.Typer(
    help="Stance alerts: list them with their delivery state, retry, test a channel."
)
app.add_typer(alerts_app, name="alerts")

JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")


def utcnow() -> datetime:
    return datetime.now(UTC)


def _deliveries(a: AlertView) -> str:
    parts = []
    for d in a.deliveries:
        text = f"{d.channel} {d.state}"
        if d.attempts > 1 or d.state in ("failed", "dead"):
            text += f" x{d.attempts}"
        if d.last_error and d.state != "sent":
            text += f" ({d.last_error})"
        parts.append(text)
    return "\n".join(parts) or "-"


@alerts_app.callback(invoke_without_command=True)
@handle_errors
def alerts(
    ctx: typer.Context,
    as_json: bool = JsonOption,
    state: str | None = typer.Option(
        None,
        help="Only alerts with a delivery in this state: pending, sending, sent, failed, dead.",
    ),
    limit: int = typer.Option(50, min=1, help="How many, newest first."),
    offset: int = typer.Option(0, min=0, help="Skip this many."),
    wide: bool = WideOption,
    config: Path | None = ConfigOption,
) -> None:
    """List alerts, newest first, with each channel's delivery state and retries."""
    if ctx.invoked_subcommand is not None:
        return
    if state is not None and state not in STATES:
        raise ConfigError(f"unknown state {state!r}", key="--state")
    from monitor.store.channels import disabled_channels
    from monitor.store.outbox import list_alerts

    rt = runtime_from(config, with_feeds=False)
    rows = list_alerts(rt.db, limit=limit, offset=offset, state=state)
    off = disabled_channels(rt.db)
    if not as_json:
        for name, reason in sorted(off.items()):
            console.print(f"[red]channel {escape(name)} {escape(reason)}[/red]")
            console.print(f"  enable it again with: monitor alerts enable-channel {escape(name)}")
    if as_json:
        console.print_json(to_json([dataclasses.asdict(a) for a in rows]))
        return
    columns = [
        Column("id", no_wrap=True),
        Column("created", optional=True),
        Column("country"),
        Column("change"),
        Column("evidence", max_width=None if wide else 30),
        Column("deliveries"),  # what this command is for: each channel's state
    ]
    cells = [
        (
            str(a.id),
            fmt_time(a.created_at),
            f"{escape(a.name)} ({a.actor})",
            f"{a.old_stance} -> {a.new_stance}" if a.old_stance else f"new: {a.new_stance}",
            escape(a.evidence),
            escape(_deliveries(a)),
        )
        for a in rows
    ]
    console.print(make_table(columns, cells, wide=wide))


@alerts_app.command("enable-channel")
@handle_errors
def enable_channel_command(
    name: str = typer.Argument(..., help="A channel its receiver disabled (410 Gone)."),
    config: Path | None = ConfigOption,
) -> None:
    """Send to a channel again after its receiver disabled it.

    Retry its dead letters afterwards with `monitor alerts retry --dead`."""
    from monitor.store.channels import enable_channel

    rt = runtime_from(config, with_feeds=False)
    if not enable_channel(rt.db, name):
        raise ConfigError("not a disabled channel", key=name)
    console.print(f"{escape(name)}: enabled")


@alerts_app.command()
@handle_errors
def retry(
    alert_id: int | None = typer.Argument(None, help="The alert whose unsent deliveries to retry."),
    dead: bool = typer.Option(False, "--dead", help="Retry every dead letter."),
    config: Path | None = ConfigOption,
) -> None:
    """Re-queue an alert's failed and dead deliveries (or every dead letter) now."""
    if (alert_id is None) == (not dead):
        raise ConfigError("give an alert id or --dead (not both)", key="retry")
    from monitor.store.outbox import retry_alert, retry_dead

    rt = runtime_from(config, with_feeds=False)
    n = retry_dead(rt.db, utcnow()) if dead else retry_alert(rt.db, alert_id or 0, utcnow())
    console.print(f"{n} deliveries queued again")
    if n == 0:
        raise typer.Exit(1)


@alerts_app.command("test")
@handle_errors
def test_channel(
    channel: str = typer.Argument(
        ..., help="A configured channel: console, email, webhook, apprise, apprise2, ..."
    ),
    config: Path | None = ConfigOption,
) -> None:
    """Send a test message through one channel, now, and say whether it arrived."""
    from monitor.alerts import open_channels
    from monitor.alerts.content import render_test

    rt = runtime_from(config, with_feeds=False)
    cfg = rt.settings.alerts

    async def send() -> None:
        async with open_channels(cfg) as channels:
            if channel not in channels:
                names = ", ".join(sorted(channels)) or "none"
                raise ConfigError(f"no channel {channel!r} (configured: {names})", key="CHANNEL")
            await asyncio.wait_for(
                channels[channel].send(render_test(f"test-{uuid.uuid4().hex}", utcnow())),
                cfg.send_timeout_s,
            )

    try:
        asyncio.run(send())
    except (DeliveryError, TimeoutError) as exc:
        console.print(f"[red]failed:[/red] {escape(str(exc) or 'timed out')}")
        raise typer.Exit(1) from None
    console.print(f"test message sent through {channel}")


@alerts_app.command()
@handle_errors
def dispatch(config: Path | None = ConfigOption) -> None:
    """Run only the alert dispatcher (an extra delivery worker) until SIGINT/SIGTERM."""
    rt = runtime_from(config, with_feeds=False)
    asyncio.run(_dispatch(rt))


async def _dispatch(rt: Runtime) -> None:
    from monitor.wiring import dispatcher_worker

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await dispatcher_worker(rt)(stop)


@app.command()
@handle_errors
def stances(
    as_json: bool = JsonOption, wide: bool = WideOption, config: Path | None = ConfigOption
) -> None:
    """Every country's current stance, and any change held back (pending), with why.

    Each row says since when, on what evidence and how many sources agree."""
    from monitor.store.stances import current_stances

    rt = runtime_from(config, with_feeds=False)
    rows = current_stances(rt.db)
    if as_json:
        console.print_json(to_json([dataclasses.asdict(r) for r in rows]))
        return
    columns = [
        Column("country"),
        Column("stance"),
        Column("since"),
        Column("sources", optional=True),
        Column("evidence"),
        Column("article", optional=True, no_wrap=True),
    ]
    cells = []
    for r in rows:
        pending = f"\n[yellow]pending: {r.pending}[/yellow] ({escape(r.pending_reason or '')})"
        cells.append(
            (
                f"{escape(r.name)} ({r.actor})",
                r.stance
                + (f"\n[dim]if {escape(r.condition)}[/dim]" if r.condition else "")
                + (pending if r.pending else ""),
                fmt_date(r.since),
                str(r.sources),
                escape(r.evidence),
                r.article_id,
            )
        )
    console.print(make_table(columns, cells, wide=wide))


@app.command()
@handle_errors
def history(
    country: str = typer.Argument(..., help="A country name or code: France, fr, FRA."),
    as_json: bool = JsonOption,
    wide: bool = WideOption,
    config: Path | None = ConfigOption,
) -> None:
    """A country's observations in publication order, marking those that caused alerts."""
    from monitor.store.stances import country_history
    from monitor.tracker import country_name

    code = country_code(country)
    rt = runtime_from(config, with_feeds=False)
    rows = country_history(rt.db, code)
    if as_json:
        console.print_json(to_json([dataclasses.asdict(r) for r in rows]))
        return
    columns = [
        Column("published"),
        Column("stance"),
        Column("alert"),
        Column("conf.", optional=True),
        Column("source", optional=True),
        Column("evidence"),
        Column("article", optional=True, no_wrap=True),
    ]
    cells = [
        (
            fmt_date(h.observed_at),
            h.stance,
            h.event or "",
            f"{h.confidence:.2f}",
            escape(h.source or "-"),
            escape(h.evidence),
            h.article_id,
        )
        for h in rows
    ]
    if not as_json and not rows:
        console.print(f"no observations of {country_name(code)} ({code}) yet", highlight=False)
        return
    console.print(make_table(columns, cells, wide=wide))
