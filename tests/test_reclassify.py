"""`reclassify` re-runs the classifier over stored articles and reports what changed."""

from __future__ import annotations

from pathlib import Path

from monitor.ingest import Ingestor, utcnow
from monitor.reclassify import reclassify
from monitor.store import open_database
from monitor.store.articles import list_articles
from monitor.store.observations import article_observations, article_relevance
from monitor.wiring import make_classifier

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


async def test_reclassify_fills_in_and_then_finds_nothing_to_change(db_url: str) -> None:
    db = open_database(db_url)
    # Stored before any classifier ran: no verdicts, no observations.
    await Ingestor(db, None).import_directory(CORPUS)
    articles = list_articles(db)
    assert articles and all(article_relevance(db, a.id) is None for a in articles)

    seen: list[tuple[int, int]] = []
    first = reclassify(db, make_classifier(), now=utcnow, progress=lambda d, t: seen.append((d, t)))
    assert first.articles == len(articles) == seen[-1][0] == seen[-1][1]
    assert first.changed == len(articles)  # every verdict is new
    # The fixture's Lisbon article gives Portugal's refusal (see tests/data/corpus/EXPECTED.md).
    assert first.added["declined"] >= 1
    pairs = {(o.actor, o.stance) for a in articles for o in article_observations(db, a.id)}
    assert ("PT", "declined") in pairs
    for a in articles:
        for o in article_observations(db, a.id):
            assert a.text[o.start : o.end] == o.evidence

    second = reclassify(db, make_classifier(), now=utcnow)
    assert second.articles == first.articles and second.changed == 0
