"""API token commands: add (prints the token once), list, revoke. Only hashes are stored."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

import typer
from rich.table import Table

from monitor.cli.app import app
from monitor.cli.common import ConfigOption, console, handle_errors, runtime_from
from monitor.errors import ConfigError

# SQLAlchemy and the store load when a command runs, not for `monitor --help`.


class ScopeChoice(StrEnum):
    """The --scope values (= monitor.store.tokens.Scope, which needs the store)."""

    READ = "read"
    WRITE = "write"


tokens_app = typer.Typer(
    help="Tokens of the web UI and API, read or write scope (stored as SHA-256 hashes).",
    no_args_is_help=True,
)
app.add_typer(tokens_app, name="tokens")


def _now() -> datetime:
    return datetime.now(UTC)


@tokens_app.command("add")
@handle_errors
def add(
    scope: ScopeChoice = typer.Option(
        ..., "--scope", help="read: every page and GET route; write: also the actions."
    ),
    name: str = typer.Option("token", "--name", help="What the token is for (a label)."),
    config: Path | None = ConfigOption,
) -> None:
    """Create a token and print it once: only its hash is kept, so store it now."""
    if not 0 < len(name) <= 64:
        raise ConfigError("a token name has 1 to 64 characters", key="--name")
    from monitor.store.tokens import Scope, create_token

    rt = runtime_from(config, with_feeds=False)
    token, info = create_token(rt.db, name, Scope(scope.value), now=_now())
    console.print(
        f"token {info.id} ({info.scope}, {info.name}); it is shown only now:",
        highlight=False,
        markup=False,
    )
    typer.echo(token)  # alone on its line, plain: `monitor tokens add ... | tail -1`


@tokens_app.command("list")
@handle_errors
def list_(config: Path | None = ConfigOption) -> None:
    """Every token with its scope and state (the secrets themselves are not stored)."""
    from monitor.store.tokens import list_tokens

    rt = runtime_from(config, with_feeds=False)
    table = Table("id", "name", "scope", "created", "state")
    for t in list_tokens(rt.db):
        state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"
        table.add_row(str(t.id), t.name, str(t.scope), f"{t.created_at:%Y-%m-%d %H:%M}", state)
    console.print(table)


@tokens_app.command("revoke")
@handle_errors
def revoke(
    token_id: int = typer.Argument(..., help="The token's id (monitor tokens list)."),
    config: Path | None = ConfigOption,
) -> None:
    """Revoke a token: requests carrying it are refused from now on."""
    from monitor.store.tokens import revoke_token

    rt = runtime_from(config, with_feeds=False)
    if not revoke_token(rt.db, token_id, now=_now()):
        raise ConfigError(f"no active token with id {token_id}", key="token_id")
    console.print(f"token {token_id} revoked", highlight=False)
