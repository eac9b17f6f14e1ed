"""The demo corpus (feeds/demo) against its answer key (feeds/demo/EXPECTED.md): every
article's relevance and stances, and the first stances and changes they add up to."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest

from monitor.classify import Classification, TextClassifier, build_classifier
from monitor.extract import extract_article, extract_text_document

DEMO = Path(__file__).resolve().parents[2] / "feeds" / "demo"
ROW = re.compile(r"^\| (\d\d-[\w.-]+) \| (yes|no) \| (\S+) \| (\S+) \| (.+) \|$")
CHANGE = re.compile(r"^\| ([A-Z]{2}) \| (\w+) \((\d\d), [\d-]+\) \| (\w+) \((\d\d), [\d-]+\) \|$")


@cache
def product_classifier() -> TextClassifier:
    return build_classifier(mode=os.environ.get("MONITOR_TEST_DEMO_MODE", "model"))


def answer_key() -> dict[str, tuple[bool, str, str, set[tuple[str, str]]]]:
    out = {}
    for line in (DEMO / "EXPECTED.md").read_text("utf-8").splitlines():
        m = ROW.match(line)
        if m:
            stances = set()
            if m[5].strip() != "-":
                for item in m[5].split(","):
                    actor, stance = item.strip().split(":")
                    stances.add((actor, stance))
            out[m[1]] = (m[2] == "yes", m[3], m[4], stances)
    return out


def classify_file(name: str) -> Classification:
    path = DEMO / name
    if path.suffix == ".html":
        doc = extract_article(path.read_bytes(), path.resolve().as_uri())
    else:
        doc = extract_text_document(path.read_text("utf-8"))
    return product_classifier().classify(doc.text, title=doc.title or "")


KEY = answer_key()
# Labels the product classifier still misses, each named so that a fix shows up as a
# failure here (remove it then); everything else must match the key exactly.
KNOWN_MISSES: dict[str, set[tuple[str, str]]] = {}


@pytest.mark.parametrize("name", sorted(KEY))
def test_demo_article_matches_its_answer_key(name: str) -> None:
    relevant, _published, _dup, stances = KEY[name]
    c = classify_file(name)
    assert c.relevant == relevant
    got = {(f.actor, f.stance.value) for f in c.stances}
    expected = stances - KNOWN_MISSES.get(name, set())
    assert got == expected, f"missing {sorted(expected - got)}, extra {sorted(got - expected)}"
    for f in c.stances:
        assert f.rule and 0.0 < f.confidence <= 1.0


def test_first_stances_and_changes_match_the_key() -> None:
    """By publication order, counting a near-duplicate once, the stances the classifier
    gives add up to the key's first stances and its table of changes."""
    assert len(KEY) == len(list(DEMO.glob("[0-9][0-9]-*")))
    first: dict[str, str] = {}
    changes: set[tuple[str, str, str, str, str]] = set()
    last: dict[str, tuple[str, str]] = {}
    for name in sorted(KEY, key=lambda n: KEY[n][1] if KEY[n][1] != "-" else "9"):
        if KEY[name][2] != "-":
            continue  # a near-duplicate of an earlier file
        for f in classify_file(name).stances:
            stance, number = f.stance.value, name[:2]
            if f.actor not in last:
                first[f.actor] = stance
            elif last[f.actor][0] != stance:
                before = last[f.actor]
                changes.add((f.actor, before[0], before[1], stance, number))
            last[f.actor] = (stance, number)
    expected = set()
    for line in (DEMO / "EXPECTED.md").read_text("utf-8").splitlines():
        m = CHANGE.match(line)
        if m:
            expected.add((m[1], m[2], m[3], m[4], m[5]))
    assert len(expected) == 7
    assert changes == expected
    assert first["FR"] == "willing" and first["RU"] == "opposed" and first["JP"] == "declined"
