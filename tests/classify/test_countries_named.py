"""`countries_named` (the countries stored for an article the relevance gate rejects) skips
sentences that hold no gazetteer name; its answer is the full reading's, sentence by
sentence, on every text of the demo corpus and the shared article and sentence sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.classify import build_classifier
from monitor.classify.classifier import Classifier
from monitor.classify.mentions import countries_named, find_mentions
from monitor.classify.text import fold, split_sentences, tokenize

DEMO = Path(__file__).resolve().parents[2] / "feeds" / "demo"


def _every_sentence(text: str, clf: Classifier) -> tuple[str, ...]:
    """The reading before the shortcut: every sentence tokenized and its mentions found."""
    folded = fold(text)
    found: dict[str, None] = {}
    for sp in split_sentences(text, clf.lexicon):
        tokens = tokenize(folded, sp.start, sp.end, clf.lexicon)
        for m in find_mentions(tokens, clf.gazetteer, clf.lexicon):
            found.update(dict.fromkeys(m.countries))
    return tuple(found)


def _rules() -> Classifier:
    clf = build_classifier(mode="rules")
    assert isinstance(clf, Classifier)
    return clf


def _check(texts: list[str]) -> int:
    """How many texts name a country; fails on the first text the two readings differ on."""
    clf = _rules()
    naming = 0
    for text in texts:
        expected = _every_sentence(text, clf)
        assert countries_named(text, clf.gazetteer, clf.lexicon) == expected, text[:200]
        naming += bool(expected)
    return naming


def test_demo_corpus_countries_are_the_full_readings() -> None:
    texts = [p.read_text("utf-8") for p in sorted(DEMO.iterdir()) if p.suffix in (".txt", ".html")]
    assert len(texts) >= 10
    assert _check(texts) >= len(texts) // 2  # most demo articles name a country


@pytest.mark.parametrize(
    "name", ["dev-articles", "dev2-articles", "dev-sentences", "dev2-sentences"]
)
def test_shared_sets_countries_are_the_full_readings(shared_dir: Path, name: str) -> None:
    path = shared_dir / "eval" / f"{name}.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    texts = [str(r.get("text") or r.get("sentence") or "") for r in rows]
    texts = [t for t in texts if t]
    assert texts, name
    assert _check(texts) > 0


def test_a_sentence_without_a_name_is_skipped_and_one_with_a_name_is_read() -> None:
    clf = _rules()
    text = "Markets fell on Monday. Talks went on.\nWarsaw said Poland and the Baltic states agree."
    assert countries_named(text, clf.gazetteer, clf.lexicon) == _every_sentence(text, clf)
    assert countries_named(text, clf.gazetteer, clf.lexicon)[:1] == ("PL",)
    assert (
        countries_named("Markets fell on Monday. Talks went on.", clf.gazetteer, clf.lexicon) == ()
    )
