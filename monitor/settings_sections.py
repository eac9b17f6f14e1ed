"""The sections of the settings: `fetch`, `scheduler` and `alerts` (monitor.settings
builds the whole from them, the environment and monitor.toml)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import NoDecode

from monitor.settings_parts import (
    RouteConfig,
    Section,
    _country_codes,
    _split_list,
)


class FetchConfig(Section):
    user_agent: str | None = Field(
        None,
        description="User-Agent sent with every request; say who you are. Unset: the "
        "fetcher's own, monitor/0.1 with the project's address.",
    )
    connect_timeout_s: float = Field(10.0, gt=0, description="TCP/TLS connect timeout.")
    read_timeout_s: float = Field(20.0, gt=0, description="Timeout between two reads.")
    total_timeout_s: float = Field(60.0, gt=0, description="Deadline for a whole fetch.")
    max_bytes: int = Field(5 * 1024 * 1024, gt=0, description="Body cap, raw and decoded.")
    max_redirects: int = Field(5, ge=0, description="Redirect hops followed per fetch.")
    max_connections: int = Field(
        64, gt=0, description="Requests in flight at once (polls and pages); pooled connections."
    )
    per_host_concurrency: int = Field(2, gt=0, description="Parallel requests per host.")
    per_host_delay_s: float = Field(0.0, ge=0, description="Pause between requests to a host.")
    respect_robots: bool = Field(True, description="Obey robots.txt for article pages.")


class SchedulerConfig(Section):
    """When feeds are polled, by whom, and how a worker stops."""

    min_interval_s: int = Field(
        60, ge=1, description="Shortest poll interval accepted for a feed on the internet."
    )
    min_private_interval_s: int = Field(
        1,
        ge=1,
        description="Shortest poll interval for a feed with allow_private (a local or "
        "allow-listed host, a test server).",
    )
    poll_deadline_s: float = Field(
        120, gt=0, description="Deadline for one whole poll: the feed and its article pages."
    )
    lease_margin_s: float = Field(
        30,
        gt=0,
        description="A feed lease lasts poll_deadline_s plus this (renewed while a poll "
        "runs); a killed worker's feeds are taken over by another after it.",
    )
    stop_grace_s: float = Field(
        20,
        ge=0,
        description="On SIGTERM, time given to polls and deliveries in flight to finish "
        "before they are cancelled and their leases released.",
    )

    @property
    def feed_lease_s(self) -> float:
        return self.poll_deadline_s + self.lease_margin_s


class AlertsConfig(Section):
    """Alert channels, the stance tracker's rules and the delivery dispatcher."""

    console: Literal["off", "line", "full"] = Field(
        "line",
        description="Console channel: line (one log line per alert), full (the alert's "
        "whole text on stdout) or off.",
    )
    smtp_host: str | None = Field(
        None, description="SMTP server for email alerts; unset means no email channel."
    )
    smtp_port: int = Field(587, gt=0, lt=65536, description="SMTP port (587 STARTTLS, 465 TLS).")
    smtp_security: Literal["starttls", "tls", "none"] = Field(
        "starttls", description="starttls (upgrade after connect), tls (implicit TLS) or none."
    )
    smtp_username: str | None = Field(None, description="SMTP login user; unset means no login.")
    smtp_password: SecretStr | None = Field(None, description="SMTP login password.")
    smtp_password_file: Path | None = Field(
        None, description="File holding the SMTP password (wins over smtp_password)."
    )
    smtp_ca_file: Path | None = Field(
        None, description="CA bundle to verify the SMTP server; default: the system's CAs."
    )
    email_from: str = Field("monitor@localhost", description="From address of alert emails.")
    email_to: Annotated[tuple[str, ...], NoDecode] = Field(
        (), description="Recipients of alert emails (comma separated)."
    )
    webhook_urls: Annotated[tuple[str, ...], NoDecode] = Field(
        (),
        description="Webhook endpoints (comma separated); channels webhook, webhook2, ...",
    )
    apprise_urls: Annotated[tuple[str, ...], NoDecode] = Field(
        (),
        description="Apprise URLs, one per target (slack://, msteams://, discord://, tgram://, "
        "matrix://, ntfy://, mailto://, json://...; comma separated); channels apprise, "
        "apprise2, ...",
    )
    routes: Annotated[tuple[RouteConfig, ...], NoDecode] = Field(
        (),
        description="Routing rules (JSON list, or [[alerts.routes]] tables): a channel named "
        "by a rule gets only the alerts of the rules it is in that match; others get all.",
    )
    watch: Annotated[tuple[str, ...], NoDecode] = Field(
        (),
        description="Only these countries alert (names or codes, comma separated); all if empty.",
    )
    webhook_allow_hosts: Annotated[tuple[str, ...], NoDecode] = Field(
        (),
        description="Private hosts webhook receivers may be on, exactly: host:port pairs, "
        "hosts or networks (comma separated), e.g. 127.0.0.1:9000; public hosts need none.",
    )
    webhook_secret: SecretStr | None = Field(
        None,
        description="Standard Webhooks signing secret (whsec_<base64> or plain text); "
        "unset sends unsigned requests.",
    )
    webhook_secret_file: Path | None = Field(
        None, description="File holding the webhook secret (wins over webhook_secret)."
    )
    digest: Literal["none", "hourly", "daily"] = Field(
        "none", description="Email one digest per hour or day (UTC) instead of one per alert."
    )
    min_confidence: float = Field(
        0.5,
        ge=0,
        le=1,
        description="A statement this confident is clear: alone it sets or changes a stance.",
    )
    corroborate: bool = Field(
        False,
        description="Hold a change back until corroborated (corroboration_confidence or "
        "corroboration_sources); held-back changes show as pending.",
    )
    corroboration_confidence: float = Field(
        0.8, ge=0, le=1, description="With corroborate: one observation this confident is enough."
    )
    corroboration_sources: int = Field(
        2,
        ge=1,
        description="Else this many independent sources (story groups) must agree; also for "
        "statements below min_confidence.",
    )
    corroboration_window_h: float = Field(
        168, gt=0, description="Hours within which corroborating sources must be published."
    )
    corroborate_first: bool = Field(
        False, description="Require corroboration for a country's first stance as well."
    )
    flap_window_h: float = Field(
        48, ge=0, description="Hours in which a change back (A -> B -> A) is not alerted again."
    )
    max_attempts: int = Field(8, ge=1, description="Delivery attempts before a dead letter.")
    backoff_base_s: float = Field(30, gt=0, description="First retry delay; doubles each time.")
    backoff_max_s: float = Field(3600, gt=0, description="Longest delay between two attempts.")
    send_timeout_s: float = Field(30, gt=0, description="Deadline for one delivery attempt.")
    lease_s: float | None = Field(
        None,
        gt=0,
        description="A claimed delivery whose worker died is retried after this; "
        "unset: 3 x the longest of send_timeout_s and channel_timeouts_s.",
    )
    poll_interval_s: float = Field(1.0, gt=0, description="How often due deliveries are claimed.")
    batch_size: int = Field(20, ge=1, description="Deliveries claimed at a time.")
    channel_concurrency: int = Field(
        4,
        ge=1,
        description="Messages in flight at once per channel: a slow receiver holds at most "
        "this many (its other deliveries wait, unclaimed), never other channels'.",
    )
    channel_timeouts_s: Annotated[dict[str, float], NoDecode] = Field(
        {},
        description="Deadlines of one delivery attempt for some channels, overriding "
        "send_timeout_s (comma separated name=seconds, e.g. webhook2=5, or a table).",
    )

    @field_validator(
        "email_to", "webhook_urls", "webhook_allow_hosts", "apprise_urls", mode="before"
    )
    @classmethod
    def _lists(cls, value: Any) -> Any:
        return _split_list(value)

    @field_validator("routes", mode="before")
    @classmethod
    def _routes(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError as exc:
            raise ValueError(f"not valid JSON ({exc}); give a list of rule objects") from None

    @field_validator("channel_timeouts_s", mode="before")
    @classmethod
    def _timeouts(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if value.strip().startswith("{"):
            return json.loads(value)
        pairs = [p.partition("=") for p in _split_list(value)]
        if bad := [name for name, eq, _ in pairs if not eq]:
            raise ValueError(f"give name=seconds pairs, not {bad[0]!r}")
        return {name.strip(): seconds.strip() for name, _, seconds in pairs}

    @field_validator("watch", mode="before")
    @classmethod
    def _watch(cls, value: Any) -> Any:
        return _country_codes(value)

    @field_validator("console", mode="before")
    @classmethod
    def _console(cls, value: Any) -> Any:
        # The setting was a boolean before: true is one line per alert, false is off.
        if isinstance(value, bool):
            return "line" if value else "off"
        text = str(value).strip().lower()
        return {"true": "line", "1": "line", "false": "off", "0": "off"}.get(text, text)

    @model_validator(mode="after")
    def _consistent(self) -> AlertsConfig:
        if self.smtp_host and not self.email_to:
            raise ValueError("email_to is needed when smtp_host is set")
        if self.lease_s is not None and self.lease_s <= self.longest_timeout_s:
            raise ValueError("lease_s must be longer than send_timeout_s and channel_timeouts_s")
        if bad := sorted(n for n, t in self.channel_timeouts_s.items() if not t > 0):
            raise ValueError(f"channel_timeouts_s must be positive: {', '.join(bad)}")
        if unknown := sorted(set(self.channel_timeouts_s) - set(self.channel_names())):
            raise ValueError(
                f"channel_timeouts_s names channels that are not configured: {', '.join(unknown)}"
            )
        named = {c for r in self.routes for c in r.channels}
        if unknown := sorted(named - set(self.channel_names())):
            configured = ", ".join(self.channel_names()) or "none"
            raise ValueError(
                f"routes name channels that are not configured: {', '.join(unknown)} "
                f"(configured: {configured})"
            )
        return self

    @property
    def delivery_lease_s(self) -> float:
        """The lease of a claimed delivery: a few send timeouts unless set."""
        return self.lease_s if self.lease_s is not None else 3 * self.longest_timeout_s

    @property
    def longest_timeout_s(self) -> float:
        """The longest deadline of one delivery attempt on any channel."""
        return max([self.send_timeout_s, *self.channel_timeouts_s.values()])

    def channel_names(self) -> tuple[str, ...]:
        """The configured channels in order: console, email, webhook..., apprise..."""
        names = ["console"] if self.console != "off" else []
        if self.smtp_host:
            names.append("email")
        names += [numbered("webhook", i) for i in range(len(self.webhook_urls))]
        names += [numbered("apprise", i) for i in range(len(self.apprise_urls))]
        return tuple(names)


def numbered(base: str, index: int) -> str:
    """Names of the channels of a URL list, in order: webhook, webhook2, webhook3, ..."""
    return base if index == 0 else f"{base}{index + 1}"
