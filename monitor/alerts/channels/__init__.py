"""Alert channels: email over SMTP, signed webhooks, Apprise targets, and the console.
(The Apprise channel is imported from monitor.alerts.channels.apprise when configured.)"""

from monitor.alerts.channels.console import ConsoleChannel
from monitor.alerts.channels.smtp import EmailChannel, SmtpSettings, build_email
from monitor.alerts.channels.webhook import WebhookChannel

__all__ = ["ConsoleChannel", "EmailChannel", "SmtpSettings", "WebhookChannel", "build_email"]
