"""From the `alerts` settings to what the store and the dispatcher need: the routing
(channel names, digest, tracker rules), the retry policy, and the channels themselves."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

import httpx
from pydantic import SecretStr

from monitor.alert_records import AlertRouting, DigestPeriod
from monitor.alerts.channels import ConsoleChannel, EmailChannel, SmtpSettings, WebhookChannel
from monitor.alerts.message import Channel
from monitor.alerts.retry import RetryPolicy
from monitor.alerts.signing import secret_key
from monitor.errors import ConfigError
from monitor.fetch.addresses import AllowList
from monitor.fetch.guard import GuardedTransport
from monitor.routing import ChangeKind, Route, RoutingRules
from monitor.settings import AlertsConfig, numbered
from monitor.tracker import TrackerRules

EMAIL = "email"
CONSOLE = "console"


def _utcnow() -> datetime:
    return datetime.now(UTC)


def webhook_name(index: int) -> str:
    """Channel names of webhook URLs in order: webhook, webhook2, webhook3, ..."""
    return numbered("webhook", index)


def apprise_name(index: int) -> str:
    """Channel names of Apprise URLs in order: apprise, apprise2, apprise3, ..."""
    return numbered("apprise", index)


def channel_names(cfg: AlertsConfig) -> tuple[str, ...]:
    return cfg.channel_names()


def routing_rules(cfg: AlertsConfig) -> RoutingRules:
    """The routing rules and the watch list of the settings (countries already codes)."""
    return RoutingRules(
        routes=tuple(
            Route(
                channels=r.channels,
                countries=frozenset(r.countries),
                stances=frozenset(r.stances),
                kinds=frozenset(ChangeKind(k) for k in r.kinds),
            )
            for r in cfg.routes
        ),
        watch=frozenset(cfg.watch),
    )


def tracker_rules(cfg: AlertsConfig) -> TrackerRules:
    return TrackerRules(
        min_confidence=cfg.min_confidence,
        corroborate=cfg.corroborate,
        high_confidence=cfg.corroboration_confidence,
        min_sources=cfg.corroboration_sources,
        corroboration_window=timedelta(hours=cfg.corroboration_window_h),
        flap_window=timedelta(hours=cfg.flap_window_h),
        corroborate_first=cfg.corroborate_first,
    )


def routing_from(cfg: AlertsConfig) -> AlertRouting:
    """What the track flow (monitor.track) needs to queue an event's deliveries in the
    transaction that stores its observations."""
    return AlertRouting(
        channels=channel_names(cfg),
        rules=tracker_rules(cfg),
        digest=DigestPeriod(cfg.digest),
        digest_channels=(EMAIL,),
        routes=routing_rules(cfg),
    )


def retry_policy(cfg: AlertsConfig) -> RetryPolicy:
    return RetryPolicy(
        max_attempts=cfg.max_attempts, base_s=cfg.backoff_base_s, cap_s=cfg.backoff_max_s
    )


def webhook_allow_list(cfg: AlertsConfig) -> AllowList:
    """The private hosts webhook receivers may be on (`alerts.webhook_allow_hosts`)."""
    try:
        return AllowList.parse(cfg.webhook_allow_hosts)
    except ValueError as exc:
        raise ConfigError(str(exc), key="alerts.webhook_allow_hosts") from exc


def read_secret(value: SecretStr | None, file: Path | None, key: str) -> str | None:
    """A secret from its file (first line, stripped) or its value; the file wins."""
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"cannot read secret file {file}: {exc}", key=key) from exc
        if not text:
            raise ConfigError(f"secret file {file} is empty", key=key)
        return text.splitlines()[0].strip()
    return value.get_secret_value() if value is not None else None


def smtp_settings(cfg: AlertsConfig) -> SmtpSettings | None:
    if not cfg.smtp_host:
        return None
    return SmtpSettings(
        host=cfg.smtp_host,
        port=cfg.smtp_port,
        security=cfg.smtp_security,
        sender=cfg.email_from,
        recipients=cfg.email_to,
        username=cfg.smtp_username,
        password=read_secret(cfg.smtp_password, cfg.smtp_password_file, "alerts.smtp_password"),
        ca_file=cfg.smtp_ca_file,
        timeout_s=cfg.send_timeout_s,
    )


def check_alerts(cfg: AlertsConfig) -> list[ConfigError]:
    """What opening the channels would refuse (secret files, the signing secret, Apprise
    URLs), found without opening them: `monitor config --check` lists it all."""
    from monitor.alerts.channels.apprise import load_target

    problems: list[ConfigError] = []
    try:
        smtp_settings(cfg)
    except ConfigError as exc:
        problems.append(exc)
    try:
        secret = read_secret(cfg.webhook_secret, cfg.webhook_secret_file, "alerts.webhook_secret")
        if secret is not None:
            secret_key(secret)
    except ConfigError as exc:
        problems.append(exc)
    except ValueError as exc:
        problems.append(ConfigError(str(exc), key="alerts.webhook_secret"))
    for i, url in enumerate(cfg.apprise_urls):
        try:
            load_target(url, key=f"alerts.apprise_urls ({apprise_name(i)})")
        except ConfigError as exc:
            problems.append(exc)
    return problems


@asynccontextmanager
async def open_channels(
    cfg: AlertsConfig,
    *,
    clock: Callable[[], datetime] = _utcnow,
    console: TextIO | None = None,
) -> AsyncIterator[dict[str, Channel]]:
    """The configured channels by name, with one HTTP client shared by the webhooks."""
    secret = read_secret(cfg.webhook_secret, cfg.webhook_secret_file, "alerts.webhook_secret")
    try:
        key = secret_key(secret) if secret is not None else None
    except ValueError as exc:
        raise ConfigError(str(exc), key="alerts.webhook_secret") from exc
    smtp = smtp_settings(cfg)
    timeout = httpx.Timeout(cfg.send_timeout_s)
    # Webhook URLs pass the fetcher's address guard: private addresses only as allow-listed.
    transport = GuardedTransport(
        # Enough connections for every webhook's slots: a slow receiver never starves the pool.
        limits=httpx.Limits(
            max_connections=max(20, len(cfg.webhook_urls) * cfg.channel_concurrency),
            max_keepalive_connections=10,
        ),
        default_allow=webhook_allow_list(cfg),
    )
    async with httpx.AsyncClient(
        timeout=timeout, follow_redirects=False, transport=transport, trust_env=False
    ) as client:
        channels: dict[str, Channel] = {}
        if cfg.console != "off":
            channels[CONSOLE] = ConsoleChannel(console, full=cfg.console == "full")
        if smtp is not None:
            channels[EMAIL] = EmailChannel(smtp)
        for i, url in enumerate(cfg.webhook_urls):
            name = webhook_name(i)
            channels[name] = WebhookChannel(url, client, secret=key, name=name, clock=clock)
        if cfg.apprise_urls:
            from monitor.alerts.channels.apprise import AppriseChannel

            for i, url in enumerate(cfg.apprise_urls):
                name = apprise_name(i)
                channels[name] = AppriseChannel(url, name=name, timeout_s=cfg.send_timeout_s)
        yield channels
