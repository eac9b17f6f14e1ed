"""Fetch settings: documented defaults and loud failures on bad values."""

from __future__ import annotations

from dataclasses import fields

import pytest

from monitor.errors import ConfigError
from monitor.fetch import DEFAULT_USER_AGENT, FetchSettings


def test_every_setting_has_a_help_line() -> None:
    for f in fields(FetchSettings):
        assert str(f.metadata.get("help", "")).strip(), f"fetch.{f.name} has no help line"


def test_defaults_follow_the_issue() -> None:
    s = FetchSettings()
    assert s.max_bytes == 5 * 1024 * 1024
    assert s.max_redirects == 5
    assert s.max_connections == 64
    assert s.per_host_concurrency == 2
    assert s.user_agent == DEFAULT_USER_AGENT
    assert s.robots_agent == "monitor"


@pytest.mark.parametrize(
    ("name", "value"),
    [("max_bytes", 0), ("total_timeout_s", -1.0), ("max_connections", 0), ("user_agent", " ")],
)
def test_bad_values_fail_naming_the_key(name: str, value: object) -> None:
    with pytest.raises(ConfigError, match=f"fetch.{name}"):
        FetchSettings(**{name: value})  # type: ignore[arg-type]


def test_zero_redirects_and_zero_delay_are_allowed() -> None:
    s = FetchSettings(max_redirects=0, per_host_delay_s=0)
    assert s.max_redirects == 0
