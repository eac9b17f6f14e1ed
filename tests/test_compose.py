"""docker-compose.yml cannot run here (no Docker engine); check it speaks our CLI and settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from typer.main import get_command

from monitor.cli import _register, app
from monitor.settings import load_settings

REPO = Path(__file__).resolve().parents[1]


def _cli() -> Any:
    _register()
    group = get_command(app)
    # typer may bundle its own click, so check behaviour rather than class.
    assert hasattr(group, "get_command")
    return group


def test_compose_commands_and_variables_are_accepted() -> None:
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "mailpit", "monitor"} <= set(services)
    mail_ports = " ".join(services["mailpit"]["ports"])
    cli = _cli()
    ctx = type(cli).context_class(cli)
    checked = 0
    for svc in services.values():
        command = svc.get("command")
        if not command or command[0] != "monitor":
            continue
        # Every word of the command resolves to a real (sub)command of the CLI.
        node = cli
        for word in command[1:]:
            assert hasattr(node, "get_command"), f"{command}: {word} is not a subcommand"
            sub = node.get_command(ctx, word)
            assert sub is not None, f"{command}: unknown command {word}"
            node = sub
        env = {k: str(v) for k, v in (svc.get("environment") or {}).items()}
        monitor_env = {k: v for k, v in env.items() if k.startswith("MONITOR_")}
        settings = load_settings(environ=monitor_env)  # ConfigError on an unknown or bad one
        assert monitor_env["MONITOR_DATABASE_URL"].startswith("postgresql+psycopg://")
        checked += 1
        if command[1:] == ["run"]:
            # The service mails its alerts to the catcher's SMTP port.
            assert settings.alerts.smtp_host == "mailpit"
            assert str(settings.alerts.smtp_port) in mail_ports
    assert checked >= 2
    assert "8025" in mail_ports and "1025" in mail_ports
