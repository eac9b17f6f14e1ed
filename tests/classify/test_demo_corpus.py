"""The demo corpus (feeds/demo) against its answer key (feeds/demo/EXPECTED.md): every
article's relevance and stances, and the first stances and changes they add up to."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from monitor.classify import Classification, TextClassifier, build_classifier
from monitor.extract import extract_article, extract_text_document

DEMO = Path(__file__).resolve().parents[2] / "feeds" / "demo"
ROW = re.compile(r"^\| (\d\d-[\w.-]+) \| (yes|no) \| (\S+) \| (\S+) \| (.+) \|$")
CHANGE = re.compile(r"^\| ([A-Z]{2}) \| (\w+) \((\d\d), [\d-]+\) \| (\w+) \((\d\d), [\d-]+\) \|$")


# The service's default (rules) and the shipped model path are both scored.
MODES = ("rules", "model")


@cache
def product_classifier(mode: str) -> TextClassifier:
    return build_classifier(mode=mode)


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


def classify_file(name: str, mode: str) -> Classification:
    path = DEMO / name
    if path.suffix == ".html":
        doc = extract_article(path.read_bytes(), path.resolve().as_uri())
    else:
        doc = extract_text_document(path.read_text("utf-8"))
    return product_classifier(mode).classify(doc.text, title=doc.title or "")


KEY = answer_key()
# Labels a classifier still misses, each named so that a fix shows up as a failure here
# (remove it then); everything else must match the key exactly.
KNOWN_MISSES: dict[str, dict[str, set[tuple[str, str]]]] = {
    "model": {},
    "rules": {},
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", sorted(KEY))
def test_demo_article_matches_its_answer_key(name: str, mode: str) -> None:
    relevant, _published, _dup, stances = KEY[name]
    c = classify_file(name, mode)
    assert c.relevant == relevant
    got = {(f.actor, f.stance.value) for f in c.stances}
    expected = stances - KNOWN_MISSES[mode].get(name, set())
    assert got == expected, f"missing {sorted(expected - got)}, extra {sorted(got - expected)}"
    for f in c.stances:
        assert f.rule and 0.0 < f.confidence <= 1.0


def history(
    stances_of: Callable[[str], set[tuple[str, str]]],
) -> tuple[dict[str, str], set[tuple[str, str, str, str, str]]]:
    """First stances and changes by publication order, a near-duplicate counted once."""
    first: dict[str, str] = {}
    changes: set[tuple[str, str, str, str, str]] = set()
    last: dict[str, tuple[str, str]] = {}
    for name in sorted(KEY, key=lambda n: KEY[n][1] if KEY[n][1] != "-" else "9"):
        if KEY[name][2] != "-":
            continue  # a near-duplicate of an earlier file
        for actor, stance in sorted(stances_of(name)):
            number = name[:2]
            if actor not in last:
                first[actor] = stance
            elif last[actor][0] != stance:
                before = last[actor]
                changes.add((actor, before[0], before[1], stance, number))
            last[actor] = (stance, number)
    return first, changes


def key_history() -> tuple[dict[str, str], set[tuple[str, str, str, str, str]]]:
    """The key's table of changes, and every first stance: the changes' "from" stances
    and the countries listed as keeping the stance they were first seen with."""
    text = (DEMO / "EXPECTED.md").read_text("utf-8")
    changes = {(m[1], m[2], m[3], m[4], m[5]) for m in map(CHANGE.match, text.splitlines()) if m}
    first = {c[0]: c[1] for c in changes}
    kept = text.split("Every other country keeps the stance it was first seen with:")[1]
    kept = kept.split("Each one's first")[0]
    first.update((m[1], m[2]) for m in re.finditer(r"\b([A-Z]{2})\s+(\w+)", kept))
    return first, changes


@pytest.mark.parametrize("mode", MODES)
def test_first_stances_and_changes_match_the_key(mode: str) -> None:
    """By publication order, counting a near-duplicate once, the stances the classifier
    gives add up to the key's first stances and its table of changes."""
    assert len(KEY) == len(list(DEMO.glob("[0-9][0-9]-*")))
    first, changes = key_history()
    assert len(changes) == 7 and len(first) == 26
    assert history(lambda name: KEY[name][3]) == (first, changes)  # the key agrees with itself
    got = history(
        lambda name: {(f.actor, f.stance.value) for f in classify_file(name, mode).stances}
    )
    assert got == (first, changes)
