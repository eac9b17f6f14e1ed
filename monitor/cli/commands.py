"""Imports every command module so that each registers its commands on the app."""

from monitor.cli import archive, service  # noqa: F401

for _optional in ("extract", "classify", "alerts", "web", "stances"):
    # Modules of features that land separately; absent ones simply add no command.
    try:
        __import__(f"monitor.cli.{_optional}")
    except ModuleNotFoundError as exc:
        if exc.name != f"monitor.cli.{_optional}":
            raise
