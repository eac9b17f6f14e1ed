"""Settings: one typed object built once at start-up from MONITOR_* variables and monitor.toml.

Precedence: explicit arguments > environment (MONITOR_*) > the TOML file > defaults.
Nested sections use `__` in variable names (MONITOR_FETCH__MAX_BYTES). Every field has a
default and a help line (`description`), which `monitor config` prints and the README lists.
Unknown keys, in the file or the environment, fail at start-up naming the key and its source.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    ValidationError,
    field_validator,
)
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from monitor.errors import ConfigError, ConfigErrors
from monitor.settings_parts import (
    Origins,
    _split_list,
    describe_model,
)
from monitor.settings_sections import AlertsConfig, FetchConfig, SchedulerConfig, numbered

ENV_PREFIX = "MONITOR_"
# Variables with the prefix that are not settings: the config file's own path and test knobs.
NOT_SETTINGS = {"MONITOR_CONFIG", "MONITOR_TEST_POSTGRES_URL", "MONITOR_SHARED_DIR"}
DEFAULT_CONFIG_FILE = "monitor.toml"

# The sections live in monitor.settings_sections; importable from here as before.
__all__ = [
    "AlertsConfig",
    "FetchConfig",
    "SchedulerConfig",
    "Settings",
    "describe_settings",
    "load_settings",
    "numbered",
]


class Settings(BaseSettings):
    """Everything the monitor can be told; see `monitor config` for the list."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    database_url: str = Field(
        "sqlite:///data/monitor.db",
        description="SQLAlchemy URL: sqlite:///path or postgresql+psycopg://user@host/db.",
    )
    feeds_dir: Path = Field(Path("feeds"), description="Folder of feed definitions (*.toml).")
    log_level: str = Field(
        "INFO", pattern=r"^(DEBUG|INFO|WARNING|ERROR)$", description="Log level."
    )
    log_json: bool = Field(False, description="Log one JSON object per line instead of text.")
    poll_concurrency: int = Field(
        32,
        gt=0,
        description="Feeds polled at the same time by one worker (requests per host are "
        "bounded by fetch.per_host_concurrency).",
    )
    page_concurrency: int = Field(8, gt=0, description="Article pages fetched at the same time.")
    max_entries_per_poll: int = Field(100, gt=0, description="Entries taken from one feed poll.")
    near_duplicate_similarity: float = Field(
        0.5,
        ge=0.3,
        le=1.0,
        description="Min Jaccard index of 5-word shingles for a copy of the same story.",
    )
    web_host: str = Field("127.0.0.1", description="Address the web UI and API bind to.")
    web_port: int = Field(8080, gt=0, lt=65536, description="Port of the web UI and API.")
    web_enabled: bool = Field(True, description="Serve the web UI and API from `monitor run`.")
    web_home: Literal["board", "changes"] = Field(
        "board",
        description="Home page of the web UI: the stance board, or the recent stance changes.",
    )
    web_token: str | None = Field(
        None,
        description="Write token of the web UI and API: actions (retry an alert, add a "
        "feed) must carry it, and beyond loopback every page too; more tokens, read or "
        "write: monitor tokens add.",
    )
    classifier: Literal["model", "rules"] = Field(
        "rules",
        description="Stance classifier: 'model' (the shipped fine-tuned model decides each "
        "country's stance, the rules give sentences, mentions and conditions) or 'rules' "
        "(the rule engine alone, the fallback).",
    )
    gazetteer_files: Annotated[tuple[Path, ...], NoDecode] = Field(
        (),
        description="Extra gazetteer TOML files (countries' names, officials, groups) read "
        "after the shipped one; comma-separated in the environment.",
    )
    web_insecure_open: bool = Field(
        False,
        description="Serve beyond loopback without any token: anyone who can reach the port "
        "may read and act (`--insecure-open`); without it the service refuses to start so.",
    )
    fetch: FetchConfig = Field(default_factory=FetchConfig, description="HTTP fetching.")
    alerts: AlertsConfig = Field(
        default_factory=AlertsConfig, description="Alert channels, tracker and delivery."
    )
    scheduler: SchedulerConfig = Field(
        default_factory=SchedulerConfig, description="Poll scheduling, leases and stopping."
    )

    @field_validator("gazetteer_files", mode="before")
    @classmethod
    def _split_paths(cls, value: Any) -> Any:
        return _split_list(value)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The TOML file is read in load_settings so that its errors can name the file.
        return (init_settings, env_settings)


def _unknown_env_keys(environ: dict[str, str]) -> list[str]:
    known_top = {name.upper() for name in Settings.model_fields}
    bad = []
    for key in environ:
        if not key.startswith(ENV_PREFIX) or key in NOT_SETTINGS:
            continue
        rest = key[len(ENV_PREFIX) :]
        top, _, sub = rest.partition("__")
        if top not in known_top:
            bad.append(key)
            continue
        if sub:
            annotation = Settings.model_fields[top.lower()].annotation
            fields = getattr(annotation, "model_fields", None)
            if fields is None or sub.split("__")[0].lower() not in fields:
                bad.append(key)
    return bad


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigErrors([ConfigError(f"not valid TOML: {exc}", source=str(path))]) from None


def load_settings(
    config_file: Path | None = None,
    environ: dict[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build the settings, or raise ConfigErrors listing every problem at once, each naming
    its key and where it came from (the variable, or the file's path)."""
    env = dict(os.environ if environ is None else environ)
    if config_file is None and env.get("MONITOR_CONFIG"):
        config_file = Path(env["MONITOR_CONFIG"])
    if config_file is None and Path(DEFAULT_CONFIG_FILE).is_file():
        config_file = Path(DEFAULT_CONFIG_FILE)
    file_values: dict[str, Any] = {}
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigErrors([ConfigError("config file not found", source=str(config_file))])
        file_values = _read_toml(config_file)

    problems = [
        ConfigError("unknown setting", key=key, source="environment")
        for key in _unknown_env_keys(env)
    ]
    # Left out of the build, so that pydantic does not report them a second time.
    env = {k: v for k, v in env.items() if k not in {p.key for p in problems}}
    env_keys = {k for k in env if k.startswith(ENV_PREFIX)}
    # Environment beats the file: drop file values that the environment sets.
    merged: dict[str, Any] = {}
    for k, v in file_values.items():
        if f"{ENV_PREFIX}{k.upper()}" in env_keys:
            continue
        if isinstance(v, dict):
            prefix = f"{ENV_PREFIX}{k.upper()}__"
            v = {sk: sv for sk, sv in v.items() if f"{prefix}{sk.upper()}" not in env_keys}
        merged[k] = v
    merged.update(overrides)
    try:
        settings = _build(merged, env)
    except ValidationError as exc:
        where = Origins(env_keys, merged, set(overrides), config_file)
        problems += [where.problem(err) for err in exc.errors()]
        raise ConfigErrors(problems) from None
    if problems:
        raise ConfigErrors(problems)
    return settings


def _build(values: dict[str, Any], env: dict[str, str]) -> Settings:
    if env == dict(os.environ):
        return Settings(**values)
    saved = dict(os.environ)
    try:
        # pydantic-settings reads os.environ; give it exactly the environment asked for.
        os.environ.clear()
        os.environ.update(env)
        return Settings(**values)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def describe_settings() -> list[tuple[str, str, str, str]]:
    """(variable, type, default, help) for every setting, nested ones included."""
    return describe_model(Settings)
