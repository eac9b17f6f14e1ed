"""`countries_named` (the countries stored for an article the relevance gate rejects) skips
sentences that hold no gazetteer name; its answer is the full reading's, sentence by
sentence, on every text of the demo corpus and the shared article and sentence sets, by
the whole-text head finder and by the per-sentence check it falls back to."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from monitor.classify import build_classifier, mentions
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


def _fallback(clf: Classifier) -> Classifier:
    """The same tokens from a pattern the head finder is not written for (one more
    alternative that never matches): the per-sentence check is used."""
    pattern = re.compile(clf.lexicon.token_pattern.pattern + "|(?!x)x")
    return dataclasses.replace(clf, lexicon=dataclasses.replace(clf.lexicon, token_pattern=pattern))


def _check(texts: list[str]) -> int:
    """How many texts name a country; fails on the first text the readings differ on."""
    clf = _rules()
    other = _fallback(clf)
    assert mentions._head_finder(clf.gazetteer, clf.lexicon) is not None
    assert mentions._head_finder(other.gazetteer, other.lexicon) is None
    naming = 0
    for text in texts:
        expected = _every_sentence(text, clf)
        assert countries_named(text, clf.gazetteer, clf.lexicon) == expected, text[:200]
        assert countries_named(text, other.gazetteer, other.lexicon) == expected, text[:200]
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


@pytest.mark.parametrize(
    "text",
    [
        "Exports rose by 1,000Poland said.",  # a token after a digit group, inside a run
        "They don'tPoland agreed.",  # a token after a "'t" clitic, inside a run
        "It was made in the U.S.A and the U.S. agreed.",  # dotted names, one a prefix
        "Ursula von der Leyen met Jean-Noel Barrot.",  # names inside and after words
        "Guinea-Bissau and Timor-Leste voted; Guinean troops left.",
        "Warsaw Post editors: the UK, the EU and NB8 states met in Riga.",
        "\u201cPolska\u201d \u2014 Zelenskyy said Kyiv's allies, Macron's France agree.",
    ],
)
def test_tricky_places_read_as_the_full_reading(text: str) -> None:
    assert _check([text]) <= 1
