"""What every command shares: settings, the console, and turning errors into exit codes."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from monitor.errors import MonitorError
from monitor.logs import configure_logging
from monitor.runtime import Runtime, build_runtime
from monitor.settings import Settings, load_settings

console = Console()
err_console = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")

ConfigOption = typer.Option(
    None, "--config", "-c", help="Config file (default: ./monitor.toml or $MONITOR_CONFIG)."
)


def settings_from(config: Path | None) -> Settings:
    settings = load_settings(config)
    configure_logging(settings.log_level, json_lines=settings.log_json)
    return settings


def runtime_from(config: Path | None, *, with_feeds: bool = True) -> Runtime:
    return build_runtime(settings_from(config), with_feeds=with_feeds)


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Print a MonitorError as one clear line and exit 2, instead of a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except MonitorError as exc:
            err_console.print(f"[red]error:[/red] {exc}", highlight=False, markup=True)
            raise typer.Exit(2) from None

    return wrapper


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_default)


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def fmt_time(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"
