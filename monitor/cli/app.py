"""The one typer app the command modules register their commands on (a module of its
own, so that they need not import the package that imports them)."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperOption

app = typer.Typer(
    name="monitor",
    help="Troop-deployment news monitor: poll feeds, store articles, track stances, alert.",
    no_args_is_help=True,
    add_completion=False,
)

_display_type = TyperOption.display_type_rich


def _flag_display_type(self: TyperOption, ctx: Any) -> str | None:
    # typer's help shows "<bool>" beside on/off flags (--json <bool>), which reads as if
    # the flag took a value; a flag shows no type.
    return None if getattr(self, "is_flag", False) else _display_type(self, ctx)


TyperOption.display_type_rich = _flag_display_type  # type: ignore[method-assign]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("monitor")
        except PackageNotFoundError:  # run from a checkout that was not installed
            from monitor import __version__ as number
        typer.echo(f"monitor {number}")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Troop-deployment news monitor: poll feeds, store articles, track stances, alert."""
