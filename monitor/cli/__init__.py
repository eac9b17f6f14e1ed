"""The `monitor` command line: one typer app, commands grouped by module."""

from __future__ import annotations

from monitor.cli.app import app

__all__ = ["app", "main"]


def _register() -> None:
    # Imported for their side effect of adding commands to `app`.
    from monitor.cli import commands  # noqa: F401


def main() -> None:
    _register()
    app()
