"""An unseen-phrasing floor: sentences written for this test in the ways news reports a
stance on sending troops to Ukraine (reported speech, hedges, passives, lists, questions
with answers, headlines, conditions, non-state speakers, look-alikes, no stance), labeled
by the rules of ../shared/eval before the classifier was run on them.

The set is scored as a whole, like the eval sets: macro-F1 over (country, stance) pairs.
It is not a table of rows to fix one by one; the floor is the figure the rules reach, less
a small margin, so a change that makes the rules generalise worse fails here.

Six batches, each scored before any rule was changed for it (its honest unseen figure):
fs001-fs190 with stance-rules-1.15: macro-F1 0.878 (P 0.93, R 0.83); fs2-*, 80 rows
written after the 1.16 fixes: 1.15 0.864, the rules of that day 0.885; fs3-*, 70 rows
written after the 1.17 fixes: 1.15 0.876, 1.17 0.893; fs4-*, 50 longer rows written after
1.17: 1.15 0.810, 1.17 0.810 (no gain); fs5-*, 59 rows on open and undecided phrasing
written after 1.18: 1.18 0.862 (P 0.91, R 0.78), 1.19 after its fixes 0.922; fs6-*, 30 rows
of look-alikes for "open" (aid, training abroad, talks, analysts) and five true stances,
written after 1.19: 1.19 0.96 (two false "open" among 30 rows). Each batch then
had its error classes fixed (by pattern), so the whole set now measures regressions, not
generalisation.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from monitor.classify import Stance, classify

FIXTURE = Path(__file__).parent / "fixtures" / "fresh_sentences.jsonl"
STANCES = tuple(s.value for s in Stance)
FLOOR_MACRO_F1 = 0.93  # stance-rules-1.20 reaches 0.94 over 479 rows (1.18: 0.93)
FLOOR_PRECISION = 0.97  # 1.19: 0.977 (1.18: 0.977)

Pair = tuple[str, str]


def _rows() -> list[tuple[str, str, set[Pair]]]:
    rows = []
    for line in FIXTURE.read_text("utf-8").splitlines():
        row = json.loads(line)
        gold = {(label["actor"], label["stance"]) for label in row["labels"]}
        rows.append((row["id"], row["text"], gold))
    return rows


def _scores() -> tuple[float, float, list[str]]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    wrong = []
    for rid, text, gold in _rows():
        pred = {(f.actor, f.stance.value) for f in classify(text).stances}
        for _, stance in pred & gold:
            tp[stance] += 1
        for _, stance in pred - gold:
            fp[stance] += 1
        for _, stance in gold - pred:
            fn[stance] += 1
        if pred != gold:
            wrong.append(f"{rid}: missing {sorted(gold - pred)} extra {sorted(pred - gold)}")
    f1s = []
    for s in STANCES:
        p = tp[s] / (tp[s] + fp[s]) if tp[s] + fp[s] else 1.0
        r = tp[s] / (tp[s] + fn[s]) if tp[s] + fn[s] else 1.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    found = sum(tp.values()) + sum(fp.values())
    precision = sum(tp.values()) / found if found else 1.0
    return sum(f1s) / len(f1s), precision, wrong


def test_fixture_is_large_varied_and_labeled_with_the_five_stances() -> None:
    rows = _rows()
    assert len(rows) >= 150
    assert len({text for _, text, _ in rows}) == len(rows)
    labels = [stance for _, _, gold in rows for _, stance in gold]
    assert set(labels) == set(STANCES)  # every stance is exercised
    negatives = [rid for rid, _, gold in rows if not gold]
    assert len(negatives) >= 40  # look-alikes, non-state speakers, no stance
    actors = {actor for _, _, gold in rows for actor, _ in gold}
    assert len(actors) >= 35


def test_rules_keep_their_unseen_phrasing_floor() -> None:
    macro, precision, wrong = _scores()
    assert macro >= FLOOR_MACRO_F1, (round(macro, 3), wrong)
    assert precision >= FLOOR_PRECISION, (round(precision, 3), wrong)
