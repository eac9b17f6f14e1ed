"""Test builders: stored articles with hand-made stance findings (no classifier needed)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from typer.testing import CliRunner, Result

import monitor.cli.commands  # noqa: F401 - registers the commands on the app
from monitor.alert_records import AlertRouting
from monitor.classify.records import Classification, Stance, StanceFinding
from monitor.cli import app
from monitor.documents import to_document
from monitor.records import ExtractedArticle
from monitor.store import Database
from monitor.store.articles import save_document
from monitor.track import record_one

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def story_text(seed: str, words: int = 120) -> str:
    """A text of its own for each seed: unrelated seeds never look like near-duplicates."""
    out = []
    for i in range(words):
        h = hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()
        out.append("w" + h[:7])
    return " ".join(out) + "."


@dataclass(frozen=True, slots=True)
class Said:
    actor: str
    stance: str
    confidence: float = 0.9
    condition: str | None = None


def store_article(
    db: Database,
    seed: str,
    published: datetime | None,
    says: Sequence[Said],
    *,
    alerts: AlertRouting | None,
    text: str | None = None,
    now: datetime = NOW,
    host: str = "news.example",
) -> str:
    """Store an article, then its stances through the track flow; returns the article id."""
    body = text or story_text(seed)
    doc = to_document(
        ExtractedArticle(title=f"Story {seed}", text=body, published=published),
        url=f"https://{host}/{seed}",
        feed="test",
    )
    assert doc is not None
    outcome = save_document(db, doc, now=now)
    findings = tuple(
        StanceFinding(
            actor=s.actor,
            stance=Stance(s.stance),
            confidence=s.confidence,
            evidence=f"{s.actor} is {s.stance} about sending troops ({seed}).",
            start=0,
            end=10,
            rule=f"test:{s.stance}",
            condition=s.condition,
        )
        for s in says
    )
    cls = Classification(
        relevant=True,
        relevance=0.9,
        stances=findings,
        countries=tuple(s.actor for s in says),
        classifier_version="test-1",
    )
    record_one(db, outcome.article_id, cls, alerts, now, source=host)
    return outcome.article_id


def run_cli(args: list[str], db_url: str) -> Result:
    """Run a command in-process against `db_url`. The CLI points logging at its captured
    stderr, so the logging set-up is put back afterwards for code still running here."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        return CliRunner().invoke(app, args, env={"MONITOR_DATABASE_URL": db_url})
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
