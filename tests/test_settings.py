"""Settings: environment beats file beats defaults; unknown keys and bad values name themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.errors import ConfigError
from monitor.settings import describe_settings, load_settings


def test_defaults_use_an_embedded_sqlite_file_under_data() -> None:
    s = load_settings(environ={})
    assert s.database_url == "sqlite:///data/monitor.db"
    assert s.web_host == "127.0.0.1"


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    cfg = tmp_path / "monitor.toml"
    cfg.write_text(
        'database_url = "sqlite:///from-file.db"\nweb_port = 9000\n[fetch]\nmax_bytes = 1234\n'
    )
    s = load_settings(cfg, environ={"MONITOR_DATABASE_URL": "sqlite:///from-env.db"})
    assert s.database_url == "sqlite:///from-env.db"
    assert s.web_port == 9000
    assert s.fetch.max_bytes == 1234
    s = load_settings(cfg, environ={"MONITOR_FETCH__MAX_BYTES": "99"})
    assert s.fetch.max_bytes == 99


@pytest.mark.parametrize(
    ("environ", "key", "source"),
    [
        ({"MONITOR_DATABSE_URL": "x"}, "MONITOR_DATABSE_URL", "environment"),
        ({"MONITOR_WEB_PORT": "eighty"}, "MONITOR_WEB_PORT", "environment"),
        ({"MONITOR_FETCH__MAX_BYTE": "1"}, "MONITOR_FETCH__MAX_BYTE", "environment"),
        ({"MONITOR_FETCH__MAX_BYTES": "-1"}, "MONITOR_FETCH__MAX_BYTES", "environment"),
    ],
)
def test_bad_environment_fails_naming_the_variable(
    environ: dict[str, str], key: str, source: str
) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(environ=environ)
    assert info.value.key == key and info.value.source == source


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("colour = 1\n", "colour"),
        ("web_port = 0\n", "web_port"),
        ("[fetch]\nmax_bites = 1\n", "fetch.max_bites"),
    ],
)
def test_bad_file_keys_fail_naming_key_and_file(tmp_path: Path, text: str, key: str) -> None:
    cfg = tmp_path / "monitor.toml"
    cfg.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_settings(cfg, environ={})
    assert info.value.key == key
    assert info.value.source == str(cfg)


def test_every_setting_has_help() -> None:
    rows = describe_settings()
    assert len(rows) > 10
    assert all(help_text for _, _, _, help_text in rows)
