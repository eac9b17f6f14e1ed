"""Routing rules as data: the pure `route` function, and the settings that feed it
(country names or codes, stances, change kinds, channels that must exist)."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.alerts.config import routing_rules
from monitor.errors import ConfigError
from monitor.routing import ChangeKind, Route, RoutedEvent, RoutingRules, route
from monitor.settings import AlertsConfig, load_settings
from monitor.settings_parts import STANCES

CHANNELS = ("console", "email", "webhook", "apprise", "apprise2")
NEW, CHANGED, PENDING = ChangeKind.NEW, ChangeKind.CHANGED, ChangeKind.PENDING


def ev(actor: str = "FR", kind: ChangeKind = CHANGED, stance: str = "open") -> RoutedEvent:
    return RoutedEvent(actor, kind, stance)


def test_no_rules_every_channel_in_configured_order() -> None:
    assert route(ev(), RoutingRules(), CHANNELS) == CHANNELS
    assert route(ev(), RoutingRules(), ()) == ()


def test_watch_list_keeps_only_watched_countries() -> None:
    rules = RoutingRules(watch=frozenset({"FR", "DE"}))
    assert route(ev("FR"), rules, CHANNELS) == CHANNELS
    assert route(ev("PL"), rules, CHANNELS) == ()


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (ev("FR", CHANGED, "willing"), ("email", "apprise")),  # not new: no apprise2
        (ev("FR", NEW, "willing"), ("email", "apprise", "apprise2")),
        (ev("PL", NEW, "declined"), ("email", "apprise2")),
        (ev("PL", CHANGED, "declined"), ("email",)),
        (ev("PL", PENDING, "open"), ("email",)),
        (ev("DE", PENDING, "open"), ("email", "apprise")),
    ],
)
def test_each_condition_of_a_rule_must_hold(event: RoutedEvent, expected: tuple[str, ...]) -> None:
    rules = RoutingRules(
        routes=(
            # France and Germany, any kind, willing or open -> apprise (Slack, say)
            Route(
                ("apprise",),
                countries=frozenset({"FR", "DE"}),
                stances=frozenset({"willing", "open"}),
            ),
            # every first stance -> apprise2 (a Teams channel)
            Route(("apprise2",), kinds=frozenset({NEW})),
        )
    )
    assert route(event, rules, ("email", "apprise", "apprise2")) == expected


def test_a_channel_named_twice_gets_an_event_once() -> None:
    rules = RoutingRules((Route(("webhook",)), Route(("webhook",), countries=frozenset({"FR"}))))
    assert route(ev("FR"), rules, CHANNELS).count("webhook") == 1


def test_settings_give_codes_for_names_and_validate_everything() -> None:
    cfg = AlertsConfig.model_validate(
        {
            "webhook_urls": "http://127.0.0.1:9/a",
            "apprise_urls": "json://127.0.0.1:9/b",
            "routes": '[{"channels": ["apprise"], "countries": ["France", "de", "POL"], '
            '"stances": ["open"], "kinds": ["new", "pending"]}]',
            "watch": "United Kingdom, fr",
        }
    )
    rules = routing_rules(cfg)
    assert rules.watch == {"GB", "FR"}
    [r] = rules.routes
    assert r.countries == {"FR", "DE", "PL"} and r.stances == {"open"}
    assert r.kinds == {NEW, PENDING} and r.channels == ("apprise",)


def test_stances_in_settings_are_the_classifier_stances() -> None:
    from monitor.classify.records import Stance

    assert set(STANCES) == {s.value for s in Stance}


@pytest.mark.parametrize(
    ("environ", "key", "says"),
    [
        ({"MONITOR_ALERTS__WATCH": "Frnace"}, "MONITOR_ALERTS__WATCH", "did you mean France"),
        (
            {"MONITOR_ALERTS__ROUTES": '[{"channels": ["console"], "countries": ["Germny"]}]'},
            "MONITOR_ALERTS__ROUTES__0__COUNTRIES",
            "did you mean Germany",
        ),
        (
            {"MONITOR_ALERTS__ROUTES": '[{"channels": ["console"], "stances": ["keen"]}]'},
            "MONITOR_ALERTS__ROUTES__0__STANCES__0",
            "'willing', 'open'",
        ),
        (
            {"MONITOR_ALERTS__ROUTES": '[{"channels": ["slack"]}]'},
            "MONITOR_ALERTS",
            "routes name channels that are not configured: slack (configured: console)",
        ),
        ({"MONITOR_ALERTS__ROUTES": "[{"}, "MONITOR_ALERTS__ROUTES", "JSON"),
    ],
)
def test_bad_routing_settings_name_the_variable(
    environ: dict[str, str], key: str, says: str
) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(environ=environ)
    assert info.value.key == key and info.value.source == "environment"
    assert says in str(info.value)


def test_routes_as_tables_in_the_file_and_errors_name_the_file(tmp_path: Path) -> None:
    cfg = tmp_path / "monitor.toml"
    cfg.write_text(
        '[alerts]\napprise_urls = ["json://127.0.0.1:9/"]\nwatch = ["France", "PL"]\n'
        '[[alerts.routes]]\nchannels = ["apprise"]\ncountries = ["France", "Germany"]\n'
        'stances = ["willing", "open"]\n'
    )
    rules = routing_rules(load_settings(cfg, environ={}).alerts)
    assert rules.watch == {"FR", "PL"} and rules.routes[0].countries == {"FR", "DE"}
    cfg.write_text(cfg.read_text().replace('"Germany"', '"Germanny"'))
    with pytest.raises(ConfigError) as info:
        load_settings(cfg, environ={})
    assert info.value.source == str(cfg) and info.value.key == "alerts.routes.0.countries"
    assert "did you mean Germany" in str(info.value)
