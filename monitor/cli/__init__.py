"""The `monitor` command line: one typer app, commands grouped by module."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="monitor",
    help="Troop-deployment news monitor: poll feeds, store articles, track stances, alert.",
    no_args_is_help=True,
    add_completion=False,
)


def _register() -> None:
    # Imported for their side effect of adding commands to `app`.
    from monitor.cli import commands  # noqa: F401


def main() -> None:
    _register()
    app()
