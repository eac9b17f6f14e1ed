"""The email channel: SMTP with STARTTLS or implicit TLS, login, text and HTML parts."""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Literal

from monitor.alerts.message import Outgoing
from monitor.errors import DeliveryError


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int
    security: Literal["starttls", "tls", "none"]
    sender: str
    recipients: tuple[str, ...]
    username: str | None = None
    password: str | None = None
    ca_file: Path | None = None
    timeout_s: float = 30.0

    @property
    def domain(self) -> str:
        """The right-hand side of every Message-ID: the sender's domain."""
        return parseaddr(self.sender)[1].rpartition("@")[2] or "localhost"


def build_email(message: Outgoing, smtp: SmtpSettings) -> EmailMessage:
    """A text part and an HTML alternative; the Message-ID comes from the alert's key, so a
    repeat after a crash carries the same one and mail clients thread or drop it."""
    mail = EmailMessage()
    mail["Subject"] = message.subject
    mail["From"] = smtp.sender
    mail["To"] = ", ".join(smtp.recipients)
    mail["Date"] = format_datetime(message.created_at)
    mail["Message-ID"] = f"<{message.key}@{smtp.domain}>"
    mail["X-Monitor-Key"] = message.key
    if message.alert_ids:
        mail["X-Monitor-Alerts"] = " ".join(str(i) for i in message.alert_ids)
    mail.set_content(message.text)
    mail.add_alternative(f"<html><body>{message.html}</body></html>", subtype="html")
    return mail


def _send_blocking(mail: EmailMessage, smtp: SmtpSettings) -> None:
    context = ssl.create_default_context(cafile=str(smtp.ca_file) if smtp.ca_file else None)
    client: smtplib.SMTP
    if smtp.security == "tls":
        client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout_s, context=context)
    else:
        client = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_s)
    with client:
        if smtp.security == "starttls":
            client.starttls(context=context)
        if smtp.username:
            client.login(smtp.username, smtp.password or "")
        client.send_message(mail)


def _classify(exc: BaseException, where: str) -> DeliveryError:
    """Transient (retry may help) or permanent, as SMTP reply codes and errors say."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return DeliveryError(f"SMTP login refused ({where}): {exc}", transient=False)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return DeliveryError(f"SMTP server lacks a feature ({where}): {exc}", transient=False)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        transient = any(400 <= code < 500 for code in codes)
        return DeliveryError(f"SMTP recipients refused ({where}): {codes}", transient=transient)
    if isinstance(exc, smtplib.SMTPResponseException):
        transient = 400 <= exc.smtp_code < 500
        return DeliveryError(
            f"SMTP {exc.smtp_code} ({where}): {exc.smtp_error!r}", transient=transient
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return DeliveryError(f"SMTP certificate not trusted ({where}): {exc}", transient=False)
    return DeliveryError(f"SMTP {type(exc).__name__} ({where}): {exc}", transient=True)


class EmailChannel:
    def __init__(self, smtp: SmtpSettings, *, name: str = "email"):
        self.smtp = smtp
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    async def send(self, message: Outgoing) -> None:
        mail = build_email(message, self.smtp)
        try:
            # smtplib blocks; a thread keeps the event loop (web UI, polling) responsive.
            await asyncio.to_thread(_send_blocking, mail, self.smtp)
        except (OSError, smtplib.SMTPException) as exc:
            raise _classify(exc, f"{self.smtp.host}:{self.smtp.port}") from exc
