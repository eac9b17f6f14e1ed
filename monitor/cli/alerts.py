"""Alert and stance commands: alerts (list, retry, test, dispatch), stances, history."""

from __future__ import annotations

import asyncio
import dataclasses
import signal
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from monitor.alert_records import AlertView, DeliveryState
from monitor.alerts import open_channels
from monitor.alerts.content import render_test
from monitor.alerts.dispatcher import utcnow
from monitor.cli.app import app
from monitor.cli.common import (
    ConfigOption,
    console,
    fmt_date,
    fmt_time,
    handle_errors,
    runtime_from,
    to_json,
)
from monitor.errors import ConfigError, DeliveryError
from monitor.store.channels import disabled_channels, enable_channel
from monitor.store.outbox import list_alerts, retry_alert, retry_dead
from monitor.store.stances import country_history, current_stances

if TYPE_CHECKING:
    from monitor.runstate import Runtime

alerts_app = typer.Typer(
    help="Stance alerts: list them with their delivery state, retry, test a channel."
)
app.add_typer(alerts_app, name="alerts")

JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")


def _deliveries(a: AlertView) -> str:
    parts = []
    for d in a.deliveries:
        text = f"{d.channel} {d.state}"
        if d.attempts > 1 or d.state in (DeliveryState.FAILED, DeliveryState.DEAD):
            text += f" x{d.attempts}"
        if d.last_error and d.state != DeliveryState.SENT:
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
    config: Path | None = ConfigOption,
) -> None:
    """List alerts, newest first, with each channel's delivery state and retries."""
    if ctx.invoked_subcommand is not None:
        return
    if state is not None and state not in set(DeliveryState):
        raise ConfigError(f"unknown state {state!r}", key="--state")
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
    table = Table("id", "created", "country", "change", "evidence", "deliveries")
    for a in rows:
        change = f"{a.old_stance} -> {a.new_stance}" if a.old_stance else f"new: {a.new_stance}"
        table.add_row(
            str(a.id),
            fmt_time(a.created_at),
            f"{escape(a.name)} ({a.actor})",
            change,
            escape(a.evidence),
            escape(_deliveries(a)),
        )
    console.print(table)


@alerts_app.command("enable-channel")
@handle_errors
def enable_channel_command(
    name: str = typer.Argument(..., help="A channel its receiver disabled (410 Gone)."),
    config: Path | None = ConfigOption,
) -> None:
    """Send to a channel again after its receiver disabled it; retry its dead letters
    with `monitor alerts retry --dead`."""
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
    rt = runtime_from(config, with_feeds=False)
    n = retry_dead(rt.db, utcnow()) if dead else retry_alert(rt.db, alert_id or 0, utcnow())
    console.print(f"{n} deliveries queued again")
    if n == 0:
        raise typer.Exit(1)


@alerts_app.command("test")
@handle_errors
def test_channel(
    channel: str = typer.Argument(..., help="A configured channel: console, email, webhook, ..."),
    config: Path | None = ConfigOption,
) -> None:
    """Send a test message through one channel, now, and say whether it arrived."""
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
def stances(as_json: bool = JsonOption, config: Path | None = ConfigOption) -> None:
    """Every country's current stance: since when, on what evidence, how many sources,
    and a change the alert policy holds back (pending), with why."""
    rt = runtime_from(config, with_feeds=False)
    rows = current_stances(rt.db)
    if as_json:
        console.print_json(to_json([dataclasses.asdict(r) for r in rows]))
        return
    table = Table("country", "stance", "since", "sources", "evidence", "article")
    for r in rows:
        pending = f"\n[yellow]pending: {r.pending}[/yellow] ({escape(r.pending_reason or '')})"
        table.add_row(
            f"{escape(r.name)} ({r.actor})",
            r.stance
            + (f"\n[dim]if {escape(r.condition)}[/dim]" if r.condition else "")
            + (pending if r.pending else ""),
            fmt_date(r.since),
            str(r.sources),
            escape(r.evidence),
            r.article_id,
        )
    console.print(table)


@app.command()
@handle_errors
def history(
    country: str = typer.Argument(..., help="ISO 3166-1 alpha-2 code, e.g. PL."),
    as_json: bool = JsonOption,
    config: Path | None = ConfigOption,
) -> None:
    """A country's observations in publication order, marking those that caused alerts."""
    rt = runtime_from(config, with_feeds=False)
    rows = country_history(rt.db, country)
    if as_json:
        console.print_json(to_json([dataclasses.asdict(r) for r in rows]))
        return
    table = Table("published", "stance", "alert", "conf.", "source", "evidence", "article")
    for h in rows:
        table.add_row(
            fmt_date(h.observed_at),
            h.stance,
            h.event or "",
            f"{h.confidence:.2f}",
            escape(h.source or "-"),
            escape(h.evidence),
            h.article_id,
        )
    console.print(table)
