"""What every command shares: settings, the console, and turning errors into exit codes."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from monitor.errors import ConfigError, ConfigErrors, MonitorError

if TYPE_CHECKING:
    # Imported inside the functions: `monitor --help` must not load SQLAlchemy, pydantic,
    # the classifier or httpx (each command imports what it uses when it runs).
    from monitor.runstate import Runtime
    from monitor.settings import Settings

console = Console()
err_console = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")

INSECURE_HELP = (
    "Serve beyond loopback without any token: anyone who reaches the port may read and act."
)
ConfigOption = typer.Option(
    None, "--config", "-c", help="Config file (default: ./monitor.toml or $MONITOR_CONFIG)."
)


def settings_from(config: Path | None) -> Settings:
    from monitor.logs import configure_logging
    from monitor.settings import load_settings

    settings = load_settings(config)
    configure_logging(settings.log_level, json_lines=settings.log_json)
    return settings


def runtime_from(config: Path | None, *, with_feeds: bool = True) -> Runtime:
    from monitor.wiring import build_runtime

    return build_runtime(settings_from(config), with_feeds=with_feeds)


def print_error(message: str, *, label: str = "error") -> None:
    """One line on stderr, never read as markup: paths like [/etc/x] and words like
    [environment] in a message are text, not rich tags."""
    err_console.print(
        Text.assemble((f"{label}:", "red"), " ", message), highlight=False, soft_wrap=True
    )


def print_problems(exc: MonitorError) -> None:
    """Every problem of a ConfigErrors on a line of its own; any other error as one line."""
    problems = exc.problems if isinstance(exc, ConfigErrors) else (exc,)
    for problem in problems:
        print_error(str(problem))


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Print a MonitorError (every problem of it) as clear lines and exit 2, no traceback."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except MonitorError as exc:
            print_problems(exc)
            raise typer.Exit(2) from None

    return wrapper


def country_code(text: str) -> str:
    """A country argument, by name or code ("France", "fr", "FR"), as its alpha-2 code;
    an unknown one is a ConfigError that suggests the closest names."""
    from monitor.tracker.countries import UnknownCountryError, resolve_country

    try:
        return resolve_country(text)
    except UnknownCountryError as exc:
        raise ConfigError(str(exc), key="COUNTRY") from None


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_default)


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def fmt_time(value: datetime | None, unknown: str = "-") -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else unknown


def fmt_date(value: datetime | None) -> str:
    """A publication time; an article without one reads "date unknown", never "now"."""
    return fmt_time(value, "date unknown")


WideOption = typer.Option(False, "--wide", help="Show every column, however wide the terminal.")
# Below this many columns a table drops its optional columns (unless --wide).
NARROW = 120


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    optional: bool = False  # dropped on a narrow terminal unless --wide
    no_wrap: bool = False  # names and ids: never folded or cut
    max_width: int | None = None


def make_table(columns: Sequence[Column], rows: Iterable[Sequence[str]], *, wide: bool) -> Table:
    """A rich table that fits the terminal: optional columns are dropped below NARROW
    columns (say --wide for all), the others wrap; `no_wrap` columns stay whole."""
    keep = [i for i, c in enumerate(columns) if wide or not c.optional or console.width >= NARROW]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=False)
    for i in keep:
        c = columns[i]
        table.add_column(
            c.header,
            no_wrap=c.no_wrap,
            overflow="ellipsis" if c.no_wrap else "fold",
            max_width=c.max_width,
            min_width=len(c.header) if c.no_wrap else None,
        )
    for row in rows:
        table.add_row(*(row[i] for i in keep))
    return table
