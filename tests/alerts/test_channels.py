"""Channels against real peers: aiosmtpd (plain, STARTTLS, TLS, login) and a webhook
receiver verifying signatures; plus what an alert says."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from monitor.alert_records import AlertRecord
from monitor.alerts.channels import ConsoleChannel, EmailChannel, SmtpSettings, WebhookChannel
from monitor.alerts.content import digest_key, render_alert, render_digest
from monitor.alerts.signing import secret_key
from monitor.errors import DeliveryError
from tests.alerts.servers import (
    PASSWORD,
    USER,
    SmtpServer,
    WebhookReceiver,
    free_port,
    make_certificate,
)

# aiosmtpd warns about AUTH without STARTTLS; under implicit TLS that is what we want.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

SECRET = "whsec_" + base64.b64encode(b"test-secret-0123456789").decode()
KEY = secret_key(SECRET)
T = datetime(2025, 9, 2, 10, 30, tzinfo=UTC)

ALERT = AlertRecord(
    id=7,
    kind="changed",
    actor="PL",
    name="Poland",
    old_stance="declined",
    new_stance="open",
    created_at=T,
    published_at=datetime(2025, 9, 1, 8, tzinfo=UTC),
    article_id="0123456789abcdef",
    article_title="Warsaw <reconsiders> troops",
    article_url="https://news.example/pl?a=1&b=2",
    source="news.example",
    evidence='Poland "does not rule out" sending a company.',
    confidence=0.86,
    condition="after a ceasefire",
    sources=2,
    observation_ids=(11, 12),
)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    cert = make_certificate(tmp_path_factory.mktemp("tls"))
    if cert is None:
        pytest.skip("openssl is needed to make a test certificate")
    return cert


def smtp_for(server: SmtpServer, **kw: object) -> SmtpSettings:
    base = SmtpSettings(
        host="127.0.0.1",
        port=server.port,
        security="none",
        sender="monitor@alerts.example",
        recipients=("desk@example.org", "ops@example.org"),
        timeout_s=5,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def test_an_alert_says_everything_an_analyst_needs() -> None:
    out = render_alert(ALERT, "k1")
    assert out.subject == "Stance alert: Poland (PL): declined -> open"
    for needle in (
        '"Poland "does not rule out" sending a company."',
        "Warsaw <reconsiders> troops",
        "news.example",
        "https://news.example/pl?a=1&b=2",
        "2025-09-01 08:00 UTC",
        "0.86",
        "Condition: after a ceasefire",
        "Independent sources agreeing: 2",
    ):
        assert needle in out.text
    assert "Warsaw &lt;reconsiders&gt; troops" in out.html and "<blockquote>" in out.html
    body = json.loads(out.payload)
    assert body["type"] == "stance.changed" and body["data"]["country"] == {
        "code": "PL",
        "name": "Poland",
    }
    assert body["data"]["observation_ids"] == [11, 12]
    assert body["text"].startswith("*Poland (PL): declined → open*")
    assert "<https://news.example/pl?a=1&amp;b=2|Warsaw &lt;reconsiders&gt; troops>" in body["text"]
    assert render_alert(ALERT, "k1") == out  # identical on every attempt


def test_a_new_stance_reads_as_first_seen() -> None:
    out = render_alert(replace(ALERT, kind="new", old_stance=None), "k")
    assert "Poland (PL): first stance seen: open" in out.subject


def test_a_digest_lists_every_alert_and_its_key_ignores_order() -> None:
    other = replace(ALERT, id=8, actor="JP", name="Japan", kind="new", old_stance=None)
    out = render_digest([other, ALERT], digest_key(["b", "a"]))
    assert out.key == digest_key(["a", "b"]) and out.alert_ids == (7, 8)
    assert "2 changes" in out.subject and "Japan (JP)" in out.text and "Poland (PL)" in out.text


async def test_email_has_text_and_html_parts_and_a_stable_message_id() -> None:
    with SmtpServer() as server:
        channel = EmailChannel(smtp_for(server))
        await channel.send(render_alert(ALERT, "abc123"))
        await channel.send(render_alert(ALERT, "abc123"))  # a repeat after a crash
    first, second = server.messages
    assert first["Message-ID"] == second["Message-ID"] == "<abc123@alerts.example>"
    assert first["To"] == "desk@example.org, ops@example.org"
    assert first["X-Monitor-Alerts"] == "7"
    text = first.get_body(("plain",))
    html = first.get_body(("html",))
    assert text is not None and "does not rule out" in text.get_content()
    assert html is not None and "<blockquote>" in html.get_content()


@pytest.mark.parametrize("security", ["starttls", "tls"])
async def test_email_over_tls_with_login(security: str, certificate: tuple[Path, Path]) -> None:
    with SmtpServer(security=security, certificate=certificate) as server:
        smtp = smtp_for(
            server, security=security, username=USER, password=PASSWORD, ca_file=certificate[0]
        )
        await EmailChannel(smtp).send(render_alert(ALERT, "tls1"))
        assert len(server.messages) == 1
        with pytest.raises(DeliveryError) as bad_login:
            await EmailChannel(replace(smtp, password="wrong")).send(render_alert(ALERT, "x"))
        assert not bad_login.value.transient
        with pytest.raises(DeliveryError) as untrusted:
            await EmailChannel(replace(smtp, ca_file=None)).send(render_alert(ALERT, "y"))
        assert not untrusted.value.transient and "certificate" in str(untrusted.value)
    assert len(server.messages) == 1


async def test_email_to_a_server_that_is_down_is_transient() -> None:
    smtp = SmtpSettings("127.0.0.1", free_port(), "none", "m@x.example", ("a@x.example",))
    with pytest.raises(DeliveryError) as info:
        await EmailChannel(smtp).send(render_alert(ALERT, "k"))
    assert info.value.transient


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver(KEY) as r:
        yield r


async def test_webhook_is_signed_and_slack_compatible(receiver: WebhookReceiver) -> None:
    async with httpx.AsyncClient() as client:
        channel = WebhookChannel(receiver.url, client, secret=KEY)
        out = render_alert(ALERT, "msg_key_1")
        await channel.send(out)
        await channel.send(out)
    a, b = receiver.received
    assert a.verified and b.verified
    assert a.webhook_id == b.webhook_id == "msg_key_1" and a.body == b.body == out.payload
    assert a.json["text"].startswith("*Poland (PL)") and a.json["data"]["alert_id"] == 7


@pytest.mark.parametrize(
    ("reply", "transient", "retry_after"),
    [
        (500, True, None),
        ((503, {"Retry-After": "120"}), True, 120.0),
        ((429, {"Retry-After": "7"}), True, 7.0),
        (410, False, None),
        (401, False, None),
    ],
)
async def test_webhook_failures_say_whether_to_retry(
    receiver: WebhookReceiver,
    reply: int | tuple[int, dict[str, str]],
    transient: bool,
    retry_after: float | None,
) -> None:
    receiver.replies.append(reply)
    async with httpx.AsyncClient() as client:
        with pytest.raises(DeliveryError) as info:
            await WebhookChannel(receiver.url, client, secret=KEY).send(render_alert(ALERT, "k"))
    assert info.value.transient is transient and info.value.retry_after == retry_after


async def test_webhook_to_nobody_is_transient() -> None:
    async with httpx.AsyncClient() as client:
        channel = WebhookChannel(f"http://127.0.0.1:{free_port()}/", client, secret=None)
        with pytest.raises(DeliveryError) as info:
            await channel.send(render_alert(ALERT, "k"))
    assert info.value.transient


async def test_console_prints_the_alert() -> None:
    out = io.StringIO()
    await ConsoleChannel(out).send(render_alert(ALERT, "k9"))
    assert "Poland (PL): declined -> open" in out.getvalue() and "[k9]" in out.getvalue()
