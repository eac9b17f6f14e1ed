"""Parts of the settings kept apart from monitor.settings (which is long enough): the
section base, list parsing, the routing rule and country lists, and how a validation
error is traced back to its source (a variable, the file, an argument)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from monitor.errors import ConfigError

ENV_PREFIX = "MONITOR_"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _split_list(value: Any) -> Any:
    """Lists in variables: a JSON array, or items separated by commas."""
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            return json.loads(text)
        return [part.strip() for part in text.split(",") if part.strip()]
    return value


STANCES = ("willing", "open", "undecided", "declined", "opposed")  # = classify.Stance
StanceName = Literal["willing", "open", "undecided", "declined", "opposed"]


def _country_codes(values: Any) -> Any:
    """Country names or codes ("France", "fr", "FRA") -> alpha-2 codes; an unknown one is
    an error that suggests the closest names."""
    from monitor.tracker.countries import resolve_country

    return tuple(resolve_country(str(v)) for v in _split_list(values) or ())


class RouteConfig(Section):
    """One routing rule: events matching every condition given go to `channels`."""

    channels: tuple[str, ...] = Field(
        min_length=1, description="Channel names: email, webhook, apprise2, console, ..."
    )
    countries: tuple[str, ...] = Field((), description="Country names or codes; any if empty.")
    stances: tuple[StanceName, ...] = Field((), description="The new stance; any if empty.")
    kinds: tuple[Literal["new", "changed", "pending"], ...] = Field(
        (), description="new (first stance), changed, pending; any if empty."
    )

    @field_validator("countries", mode="before")
    @classmethod
    def _countries(cls, value: Any) -> Any:
        return _country_codes(value)


_SECRET_WORDS = ("password", "secret", "token")


@dataclass(frozen=True, slots=True)
class Origins:
    """Where each value came from, to name it in an error: a variable, the file, an argument."""

    env_keys: set[str]
    file_values: dict[str, Any]
    arguments: set[str]
    config_file: Path | None

    def problem(self, err: Any) -> ConfigError:
        loc = tuple(str(p) for p in err["loc"])
        message = str(err["msg"]).removeprefix("Value error, ")
        value = err.get("input")
        if isinstance(value, str | int | float) and not any(
            w in ".".join(loc) for w in _SECRET_WORDS
        ):
            message += f" (got {value!r})"
        if not loc:
            return ConfigError(message, source=self._file_or_env())
        variable = ENV_PREFIX + "__".join(loc).upper()
        if loc[0] in self.arguments:
            return ConfigError(message, key=".".join(loc), source="arguments")
        if variable in self.env_keys:
            return ConfigError(message, key=variable, source="environment")
        if self._in_file(loc):
            return ConfigError(message, key=".".join(loc), source=str(self.config_file))
        whole = ENV_PREFIX + loc[0].upper()  # a section given as one JSON variable
        if whole in self.env_keys:
            return ConfigError(message, key=whole, source="environment")
        if loc[0] in self.file_values:
            return ConfigError(message, key=".".join(loc), source=self._file_or_env())
        return ConfigError(message, key=variable, source="environment")

    def _in_file(self, loc: tuple[str, ...]) -> bool:
        node: Any = self.file_values
        for part in loc:
            if not isinstance(node, dict) or part not in node:
                return False
            node = node[part]
        return True

    def _file_or_env(self) -> str:
        return str(self.config_file) if self.config_file is not None else "environment"


def describe_model(model: type[BaseModel]) -> list[tuple[str, str, str, str]]:
    """(variable, type, default, help) for every setting, nested ones included."""
    rows: list[tuple[str, str, str, str]] = []
    for name, field in model.model_fields.items():
        annotation = field.annotation
        sub = getattr(annotation, "model_fields", None)
        if sub:
            for sname, sfield in sub.items():
                rows.append(
                    (
                        f"{ENV_PREFIX}{name.upper()}__{sname.upper()}",
                        getattr(sfield.annotation, "__name__", str(sfield.annotation)),
                        repr(sfield.default),
                        sfield.description or "",
                    )
                )
            continue
        default = field.default if field.default_factory is None else "(computed)"
        rows.append(
            (
                f"{ENV_PREFIX}{name.upper()}",
                getattr(annotation, "__name__", str(annotation)),
                repr(default),
                field.description or "",
            )
        )
    return rows
