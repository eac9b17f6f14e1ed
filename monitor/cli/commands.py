"""Imports every command module so that each registers its commands on the app."""

from monitor.cli import alerts, archive, classify, extract, service, tokens, web  # noqa: F401
