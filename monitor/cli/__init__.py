"""The `monitor` command line: one typer app, commands grouped by module.

Only typer and rich load before a command runs; each command imports the parts it uses
(SQLAlchemy, httpx, the classifier, the web app), so `monitor --help` starts quickly."""

from __future__ import annotations

from monitor.cli.app import app

__all__ = ["app", "main"]


def _register() -> None:
    # Imported for their side effect of adding commands to `app`.
    from monitor.cli import commands  # noqa: F401


def main() -> None:
    _register()
    app()
