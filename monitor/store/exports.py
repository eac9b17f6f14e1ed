"""Exports of the archive (articles, stance history: JSONL, CSV, corpus files). The feed
list's OPML and feed files are monitor.sources' (opml, files).

Every export is a generator of text chunks, so the CLI writes them to a file and the API
streams them with the same code.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from monitor.store.articles import StoredArticle, iter_articles
from monitor.store.db import Database
from monitor.store.stances import country_history, current_stances

ARTICLE_FIELDS = (
    "id",
    "title",
    "url",
    "canonical_url",
    "published",
    "fetched",
    "author",
    "language",
    "feed",
    "group",
    "content_hash",
    "text",
)

STANCE_FIELDS = (
    "actor",
    "name",
    "observed_at",
    "stance",
    "event",
    "evidence",
    "condition",
    "confidence",
    "article_id",
    "article_title",
    "source",
    "observation_id",
)

Scalar = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class StanceHistoryRow:
    """One observation of one country, as exported (the history read model, flattened)."""

    actor: str
    name: str
    observed_at: datetime | None
    stance: str
    event: str | None
    evidence: str
    condition: str | None
    confidence: float
    article_id: str
    article_title: str
    source: str | None
    observation_id: int


def _cell(value: object) -> Scalar:
    if isinstance(value, datetime):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def article_record(a: StoredArticle, *, text: bool = True) -> dict[str, Scalar]:
    """The exported fields of one article (the same names as `monitor articles --json`)."""
    row: dict[str, Scalar] = {
        "id": a.id,
        "title": a.title,
        "url": a.url,
        "canonical_url": a.canonical_url,
        "published": _cell(a.published_at),
        "fetched": _cell(a.fetched_at),
        "author": a.author,
        "language": a.language,
        "feed": a.feed,
        "group": a.group_id,
        "content_hash": a.content_hash,
    }
    if text:
        row["text"] = a.text
    return row


def stance_record(r: StanceHistoryRow) -> dict[str, Scalar]:
    return {name: _cell(getattr(r, name)) for name in STANCE_FIELDS}


def _jsonl(rows: Iterable[dict[str, Scalar]]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def _csv(fields: Sequence[str], rows: Iterable[dict[str, Scalar]]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(fields))
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    if buf.tell():  # the header alone when there are no rows
        yield buf.getvalue()


def articles_jsonl(db: Database) -> Iterator[str]:
    """One JSON object per line per article, in storage order, text included."""
    return _jsonl(article_record(a) for a in iter_articles(db))


def articles_csv(db: Database) -> Iterator[str]:
    return _csv(ARTICLE_FIELDS, (article_record(a) for a in iter_articles(db)))


def corpus_body(a: StoredArticle) -> str:
    """The corpus file of one article: its title line (unless the text starts with it), text."""
    if a.title and not a.text.startswith(a.title):
        return f"{a.title}\n\n{a.text}\n"
    return a.text + "\n"


def corpus_files(db: Database) -> Iterator[tuple[str, str]]:
    """(file name `NNN_<id>.txt`, contents) for every article, in storage order."""
    for n, a in enumerate(iter_articles(db)):
        yield f"{n:03d}_{a.id}.txt", corpus_body(a)


def write_corpus(db: Database, directory: Path) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    written = 0
    for name, body in corpus_files(db):
        (directory / name).write_text(body, encoding="utf-8")
        written += 1
    return written


def stance_history(db: Database) -> Iterator[StanceHistoryRow]:
    """Every observation of every country with a stance: by country code, oldest first."""
    for c in sorted(current_stances(db), key=lambda r: r.actor):
        for h in country_history(db, c.actor):
            yield StanceHistoryRow(
                actor=c.actor,
                name=c.name,
                observed_at=h.observed_at,
                stance=h.stance,
                event=h.event,
                evidence=h.evidence,
                condition=h.condition,
                confidence=h.confidence,
                article_id=h.article_id,
                article_title=h.article_title,
                source=h.source,
                observation_id=h.observation_id,
            )


def stance_history_jsonl(rows: Iterable[StanceHistoryRow]) -> Iterator[str]:
    return _jsonl(stance_record(r) for r in rows)


def stance_history_csv(rows: Iterable[StanceHistoryRow]) -> Iterator[str]:
    return _csv(STANCE_FIELDS, (stance_record(r) for r in rows))
