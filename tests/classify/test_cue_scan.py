"""The cue scan skips only patterns that cannot match: the cues found are those of
running every pattern over every sentence."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from monitor.classify import load_gazetteer
from monitor.classify.cue_kinds import Cue, CuePattern
from monitor.classify.cue_scan import CueScan, cue_scan, heads
from monitor.classify.cues import CueMatch, find_cues
from monitor.classify.lexicon import ENGLISH
from monitor.classify.sentence import Sentence, analyse
from monitor.classify.text import fold, split_sentences
from tests.classify.cases import CASES
from tests.classify.fresh_cases import ARTICLES, BATCHES


def _every_pattern(s: Sentence) -> list[CueMatch]:
    """find_cues as it was before the scan: every pattern run over the sentence."""
    found = [
        CueMatch(p.cue, s.token_at_char[m.start()], s.token_at_char[m.end() - 1] + 1, p.needs_verb)
        for p in s.lexicon.cue_patterns
        for m in p.pattern.finditer(s.joined)
    ]
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[CueMatch] = []
    for c in found:
        if not any(k.start <= c.start and c.end <= k.end and k != c for k in kept):
            kept.append(c)
    return kept


def _sentences(texts: list[str]) -> list[Sentence]:
    gazetteer = load_gazetteer()
    out = []
    for text in texts:
        folded = fold(text)
        for sp in split_sentences(text):
            out.append(analyse(folded, sp.start, sp.end, gazetteer, ENGLISH))
    return out


_TEXTS = (
    [text for _, text, _ in CASES]
    + [text for rows in BATCHES.values() for text, _ in rows]
    + [f"{title}. {text}" for title, text, _, _ in ARTICLES]
)


def test_the_cues_are_those_of_every_pattern() -> None:
    sentences = _sentences(_TEXTS)
    assert len(sentences) > 500
    with_cues = 0
    for s in sentences:
        expected = _every_pattern(s)
        assert find_cues(s) == expected, s.joined
        with_cues += bool(expected)
    assert with_cues > 400  # the comparison is not over sentences without cues


def test_every_pattern_that_matches_is_a_candidate() -> None:
    scan = cue_scan(ENGLISH.cue_patterns)
    # heads inside words, clitics, a head at the very start and end, hyphens
    tricky = [
        "Portugal recommitted to sending troops.",
        "this is his crisis; we'll see; won't",
        "ready",
        "well-prepared and unprepared, non-committal, noncommittal",
        "the coalition of the willing is willing",
        "Ireland would like to see a ceasefire first.",
    ]
    for s in _sentences(_TEXTS + tricky):
        matching = {
            n for n, p in enumerate(ENGLISH.cue_patterns) if p.pattern.search(s.joined) is not None
        }
        assert matching <= scan.candidates(s.joined), s.joined
    # and it does skip: most sentences leave most patterns out
    sample = _sentences([text for _, text, _ in CASES])
    skipped = sum(len(ENGLISH.cue_patterns) - len(scan.candidates(s.joined)) for s in sample)
    assert skipped > len(sample) * len(ENGLISH.cue_patterns) // 2


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        (r"(?<![\w-])(?:rules? out|ruled out)(?![\w-])", {"rule out", "rules out", "ruled out"}),
        (
            r"(?:made )?no (?:firm )?pledges?",
            {"made no pl", "made no fi", "no pledge", "no firm pl"},  # cut at 10 characters
        ),
        (r"no (?:\w+ ){0,2}plan|no way", {"no "}),
        (r"[\"'] said|x{2,3}y", {'" said', "' said", "x"}),
        (r"(?<!the )willing|(?=not )not", {"willing", "not "}),
        (r"commit|commits|committed", {"commit"}),
        # a lookahead's text follows the head, and nothing after it: "is" + " sending"
        (
            r"(?:is|are)(?= (?:not )?sending)x?",
            {"is not sen", "is sending", "are not se", "are sendin"},
        ),
    ],
)
def test_heads_are_the_starts_of_every_match(regex: str, expected: set[str]) -> None:
    assert heads(re.compile(regex)) == expected


@pytest.mark.parametrize(
    "regex",
    [r"(?:\w+ )?ready", r"ready|.nother", r"(?i)ready", r"(?i:ready)|set", r"(?:ready)?"],
)
def test_a_match_that_can_start_anywhere_has_no_heads(regex: str) -> None:
    assert heads(re.compile(regex)) is None


def test_patterns_without_heads_or_word_starts_are_still_run() -> None:
    anywhere = CuePattern(Cue.READY, re.compile(r"(?:\w+ )?prepped"))
    inside = CuePattern(Cue.DECIDE, re.compile(r"commit"))  # no word start: "recommitted"
    scan = CueScan((anywhere, inside))
    assert scan.candidates("nothing here") == {0}
    assert scan.candidates("portugal recommitted") == {0, 1}
    lexicon = replace(ENGLISH, cue_patterns=(*ENGLISH.cue_patterns, inside))
    folded = "Portugal recommitted troops."
    s = analyse(folded, 0, len(folded), load_gazetteer(), lexicon)
    assert [c.cue for c in find_cues(s)] == [Cue.DECIDE]
