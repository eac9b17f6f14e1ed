"""Alert content: subject, text, HTML, Slack-compatible text and the JSON payload.

Pure: an `AlertRecord` (what the outbox stored) in, an `Outgoing` message out.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Sequence
from datetime import datetime

from monitor.alert_records import AlertRecord
from monitor.alerts.message import Outgoing


def headline(a: AlertRecord) -> str:
    """ "Poland (PL): declined -> open" or "Japan (JP): first stance seen: undecided";
    a held-back change: "Poland (PL): pending: declined -> open (held back)"."""
    if a.kind == "pending":
        return f"{a.name} ({a.actor}): pending: {a.old_stance} -> {a.new_stance} (held back)"
    if a.kind == "new" or a.old_stance is None:
        return f"{a.name} ({a.actor}): first stance seen: {a.new_stance}"
    return f"{a.name} ({a.actor}): {a.old_stance} -> {a.new_stance}"


def _when(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M UTC") if t is not None else "date unknown"


def _facts(a: AlertRecord) -> list[tuple[str, str]]:
    facts = [
        ("Article", a.article_title or a.article_id),
        ("Source", a.source or "-"),
        ("Link", a.article_url or "-"),
        ("Published", _when(a.published_at)),
        ("Confidence", f"{a.confidence:.2f}"),
    ]
    if a.condition:
        facts.append(("Condition", a.condition))
    facts.append(("Independent sources agreeing", str(a.sources)))
    if a.reason:
        facts.append(("Held back", a.reason))
    return facts


def _text(a: AlertRecord) -> str:
    lines = [headline(a), "", f'"{a.evidence}"', ""]
    lines += [f"{label}: {value}" for label, value in _facts(a)]
    return "\n".join(lines)


def _html(a: AlertRecord) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><th align='left'>{e(label)}</th><td>"
        + (f"<a href='{e(value)}'>{e(value)}</a>" if label == "Link" and value != "-" else e(value))
        + "</td></tr>"
        for label, value in _facts(a)
    )
    return f"<h2>{e(headline(a))}</h2><blockquote>{e(a.evidence)}</blockquote><table>{rows}</table>"


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_text(a: AlertRecord) -> str:
    """Slack mrkdwn: bold headline, the evidence quoted, the article linked."""
    title = _slack_escape(a.article_title or a.article_id)
    link = f"<{_slack_escape(a.article_url)}|{title}>" if a.article_url else title
    parts = [
        f"*{_slack_escape(headline(a).replace(' -> ', ' → '))}*",
        f"> {_slack_escape(a.evidence)}",
        f"{link} ({_slack_escape(a.source or '-')}, {_when(a.published_at)}) "
        f"confidence {a.confidence:.2f}, {a.sources} independent source(s)",
    ]
    if a.condition:
        parts.insert(2, f"Condition: {_slack_escape(a.condition)}")
    return "\n".join(parts)


def _data(a: AlertRecord) -> dict[str, object]:
    return {
        "alert_id": a.id,
        "kind": a.kind,
        "country": {"code": a.actor, "name": a.name},
        "old_stance": a.old_stance,
        "new_stance": a.new_stance,
        "evidence": a.evidence,
        "article": {
            "id": a.article_id,
            "title": a.article_title,
            "url": a.article_url,
            "source": a.source,
            "published_at": a.published_at.isoformat() if a.published_at else None,
        },
        "confidence": a.confidence,
        "condition": a.condition,
        "sources": a.sources,
        "observation_ids": list(a.observation_ids),
        "reason": a.reason,
    }


def _payload(kind: str, created_at: datetime, text: str, data: dict[str, object]) -> bytes:
    body = {"type": kind, "timestamp": created_at.isoformat(), "text": text, "data": data}
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode()


def render_alert(a: AlertRecord, key: str) -> Outgoing:
    return Outgoing(
        key=key,
        subject=f"Stance alert: {headline(a)}",
        text=_text(a),
        html=_html(a),
        payload=_payload(f"stance.{a.kind}", a.created_at, slack_text(a), _data(a)),
        created_at=a.created_at,
        alert_ids=(a.id,),
    )


def digest_key(keys: Sequence[str]) -> str:
    """A digest's key: the same for the same deliveries, whatever order they come in."""
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()[:32]


def render_digest(alerts: Sequence[AlertRecord], key: str) -> Outgoing:
    ordered = sorted(alerts, key=lambda a: a.id)
    created = max(a.created_at for a in ordered)
    n = len(ordered)
    subject = f"Stance digest: {n} change{'s' if n != 1 else ''} up to {_when(created)}"
    text = "\n\n".join(_text(a) for a in ordered)
    body = "<hr>".join(_html(a) for a in ordered)
    slack = "\n\n".join(slack_text(a) for a in ordered)
    data: dict[str, object] = {"alerts": [_data(a) for a in ordered]}
    return Outgoing(
        key=key,
        subject=subject,
        text=f"{subject}\n\n{text}",
        html=f"<h1>{html.escape(subject)}</h1>{body}",
        payload=_payload("stance.digest", created, slack, data),
        created_at=created,
        alert_ids=tuple(a.id for a in ordered),
    )


def render_test(key: str, now: datetime) -> Outgoing:
    """`monitor alerts test CHANNEL`: a message that says what it is."""
    text = "Test message from the monitor: this channel is configured and reachable."
    return Outgoing(
        key=key,
        subject="Monitor test alert",
        text=text,
        html=f"<p>{html.escape(text)}</p>",
        payload=_payload("monitor.test", now, text, {}),
        created_at=now,
    )
