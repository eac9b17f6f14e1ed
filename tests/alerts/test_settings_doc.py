"""Every alert setting reads from the environment and is listed in the README."""

from __future__ import annotations

from pathlib import Path

from monitor.alerts import channel_names, routing_from
from monitor.alerts.config import smtp_settings
from monitor.settings import describe_settings, load_settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_alert_setting_is_in_the_readme_alerts_section() -> None:
    section = README.read_text(encoding="utf-8").split("\n## Alerts\n", 1)[1].split("\n## ")[0]
    names = [row[0] for row in describe_settings() if row[0].startswith("MONITOR_ALERTS__")]
    assert len(names) > 20
    assert [n for n in names if f"`{n}`" not in section] == []


def test_channels_and_rules_come_from_the_environment(tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("from-file\n")
    s = load_settings(
        environ={
            "MONITOR_ALERTS__CONSOLE": "false",
            "MONITOR_ALERTS__SMTP_HOST": "mail.example",
            "MONITOR_ALERTS__SMTP_PASSWORD_FILE": str(secret),
            "MONITOR_ALERTS__EMAIL_TO": "a@example.org, b@example.org",
            "MONITOR_ALERTS__WEBHOOK_URLS": '["https://h1.example/", "https://h2.example/"]',
            "MONITOR_ALERTS__CORROBORATION_SOURCES": "3",
            "MONITOR_ALERTS__FLAP_WINDOW_H": "12",
            "MONITOR_ALERTS__DIGEST": "daily",
        }
    ).alerts
    assert channel_names(s) == ("email", "webhook", "webhook2")
    routing = routing_from(s)
    assert routing.rules.min_sources == 3 and routing.rules.flap_window.total_seconds() == 12 * 3600
    assert routing.digest == "daily" and routing.digest_channels == ("email",)
    smtp = smtp_settings(s)
    assert smtp is not None and smtp.password == "from-file"
    assert smtp.recipients == ("a@example.org", "b@example.org")


def test_the_toml_file_configures_alerts_too(tmp_path: Path) -> None:
    cfg = tmp_path / "monitor.toml"
    cfg.write_text('[alerts]\nconsole = false\nwebhook_urls = ["https://h.example/"]\n')
    assert channel_names(load_settings(cfg, environ={}).alerts) == ("webhook",)
