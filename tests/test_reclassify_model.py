"""`reclassify` with a new classifier version: the stances change as the new version
decides, and every stored verdict carries that version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from monitor.classify import (
    CLASSIFIER_VERSION,
    Classification,
    Classifier,
    build_classifier,
    load_gazetteer,
)
from monitor.classify.hybrid import ModelClassifier
from monitor.classify.lexicon import ENGLISH
from monitor.classify.model import MODEL_DIR, read_manifest
from monitor.ingest import Ingestor, utcnow
from monitor.reclassify import reclassify
from monitor.settings import Settings
from monitor.store import open_database
from monitor.store.articles import list_articles
from monitor.store.observations import article_observations, article_relevance
from monitor.wiring import build_runtime, make_classifier

DEMO = Path(__file__).resolve().parents[1] / "feeds" / "demo"


def older_run(c: Classifier) -> Callable[[str, str], Classification]:
    def run(text: str, title: str) -> Classification:
        return c.classify(text, title=title)

    return run


def _pairs(db: object, articles: list[object]) -> set[tuple[str, str, str]]:
    return {
        (a.id, o.actor, o.stance)  # type: ignore[attr-defined]
        for a in articles
        for o in article_observations(db, a.id)  # type: ignore[arg-type, attr-defined]
    }


async def test_reclassify_with_the_model_changes_stances_and_stores_its_version(
    db_url: str,
) -> None:
    db = open_database(db_url)
    # Stored by an older rules version: one that did not read "company" as a unit (1.9),
    # so "ready to send a company to Ukraine" (demo 11) had no stance. The model mode of
    # today agrees with today's rules on the whole demo corpus.
    older = Classifier(
        load_gazetteer(),
        version="stance-rules-1.9",
        lexicon=replace(ENGLISH, context_unit_nouns=frozenset()),
    )
    await Ingestor(db, None, classifier=older_run(older)).import_directory(DEMO)
    articles = list_articles(db)
    assert articles
    assert {article_relevance(db, a.id)[2] for a in articles} == {"stance-rules-1.9"}  # type: ignore[index]
    before = _pairs(db, articles)

    report = reclassify(db, make_classifier(mode="model"), now=utcnow)
    version = f"{read_manifest(MODEL_DIR).version}+{CLASSIFIER_VERSION.removeprefix('stance-')}"
    assert report.articles == len(articles)
    assert report.changed >= 1
    after = _pairs(db, articles)
    assert after != before
    assert any(actor == "DK" and stance == "willing" for _, actor, stance in after - before)
    assert report.added or report.removed
    for a in articles:
        verdict = article_relevance(db, a.id)
        assert verdict is not None and verdict[2] == version
        for o in article_observations(db, a.id):
            assert a.text[o.start : o.end] == o.evidence
    # Running the same version again changes nothing.
    again = reclassify(db, make_classifier(mode="model"), now=utcnow)
    assert again.changed == 0


def test_the_model_classifier_version_names_its_rules_version_too() -> None:
    """The rules decide most pairs in model mode: new rules are a new model-mode version."""
    clf = build_classifier(mode="model")
    assert isinstance(clf, ModelClassifier)
    newer = replace(clf, rules=replace(clf.rules, version="stance-rules-next"))
    assert clf.version.endswith("+" + CLASSIFIER_VERSION.removeprefix("stance-"))
    assert newer.version != clf.version and newer.version.endswith("+rules-next")
    assert len(clf.version) <= 32  # the stored column's width


def test_the_classifier_setting_picks_the_model_through_wiring_and_rules_by_default(
    db_url: str, tmp_path: Path
) -> None:
    text = (DEMO / sorted(p.name for p in DEMO.iterdir() if p.suffix == ".txt")[0]).read_text()
    assert Settings.model_fields["classifier"].default == "rules"
    versions = {}
    for mode in ("rules", "model"):
        settings = Settings(
            database_url=db_url, feeds_dir=tmp_path, web_enabled=False, classifier=mode
        )
        rt = build_runtime(settings, with_feeds=False)
        assert rt.classifier is not None
        versions[mode] = rt.classifier(text, "").classifier_version
    model = f"{read_manifest(MODEL_DIR).version}+{CLASSIFIER_VERSION.removeprefix('stance-')}"
    assert versions == {"rules": CLASSIFIER_VERSION, "model": model}
