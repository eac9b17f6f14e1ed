"""The one typer app the command modules register their commands on (a module of its
own, so that they need not import the package that imports them)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="monitor",
    help="Troop-deployment news monitor: poll feeds, store articles, track stances, alert.",
    no_args_is_help=True,
    add_completion=False,
)
