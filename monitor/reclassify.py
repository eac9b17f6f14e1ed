"""Re-run the current classifier over the stored archive, without fetching anything."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from monitor.alert_records import AlertRouting
from monitor.ingest import Classifier, source_of
from monitor.store import Database
from monitor.store.articles import count_articles, iter_articles
from monitor.store.observations import ClassificationChange
from monitor.track import record_one


@dataclass(slots=True)
class ReclassifyReport:
    articles: int = 0
    changed: int = 0
    added: Counter[str] = field(default_factory=Counter)  # by stance
    removed: Counter[str] = field(default_factory=Counter)
    changes: list[ClassificationChange] = field(default_factory=list)


def reclassify(
    db: Database,
    classifier: Classifier,
    *,
    now: Callable[[], datetime],
    progress: Callable[[int, int], None] | None = None,
    alerts: AlertRouting | None = None,
) -> ReclassifyReport:
    report = ReclassifyReport()
    total = count_articles(db)
    for article in iter_articles(db):
        verdict = classifier(article.text, article.title)
        source = source_of(article.canonical_url or article.url, article.feed or "")
        change = record_one(db, article.id, verdict, alerts, now(), source=source).change
        assert change is not None
        report.articles += 1
        if change.changed:
            report.changed += 1
            report.changes.append(change)
            report.added.update(stance for _, stance in change.added)
            report.removed.update(stance for _, stance in change.removed)
        if progress is not None:
            progress(report.articles, total)
    return report
