"""The checks every cue goes through after its own ones (verdict.FINAL_CHECKS): flips of
polarity, undecided readings, the stance of the cue and its time scope."""

from __future__ import annotations

from monitor.classify.clause_scope import details, refuses_to_exclude, undecided_object
from monitor.classify.cue_kinds import Cue
from monitor.classify.reading import Check, Reading
from monitor.classify.records import Stance


def _refusal_to_exclude(r: Reading) -> bool:
    if r.kind == Cue.EXCLUDE and refuses_to_exclude(r.lower, r.cue.end, r.ce, r.s.lexicon):
        r.negated = not r.negated  # "refused to rule out sending troops" is open
    return True


def _others_decision(r: Reading) -> bool:
    """ "a matter for Europeans to decide": someone else's decision."""
    lower, start, lex = r.lower, r.cue.start, r.s.lexicon
    return not (
        r.kind == Cue.UNDECIDED
        and lower[start] == lex.infinitive
        and lex.matter_for in lower[start - 3 : start]
    )


def _details_open(r: Reading) -> bool:
    """ "too early to say how many": the details are open, not the decision."""
    if r.kind != Cue.UNDECIDED:
        return True
    # "the exact size of the force has not been decided"
    before = r.lower[r.cs : r.cue.start]
    of_words = r.s.lexicon.of_words
    subject_details = any(
        w in r.s.lexicon.detail_nouns and k + 1 < len(before) and before[k + 1] in of_words
        for k, w in enumerate(before)
    )
    return not (subject_details or details(r.lower, r.cue.end, r.ce, r.s.lexicon))


def _premature(r: Reading) -> bool:
    if r.kind in (Cue.EXCLUDE, Cue.OPPOSE) and undecided_object(r.s, r.cue.end, r.ce):
        r.kind = Cue.UNDECIDED  # "warned against a premature debate about sending troops"
    return True


def _inherent(r: Reading) -> bool:
    if r.kind in r.s.lexicon.inherently_negative:
        r.negated = False  # "ruled out" is a refusal already; its negation is in the word
    return True


def _stance(r: Reading) -> bool:
    value = r.s.lexicon.stance_of(r.kind, r.negated)
    if value is None:
        return False
    r.stance = Stance(value)
    return True


def _this_stage(r: Reading) -> bool:
    clause_text = " ".join(r.lower[r.cs : r.ce])
    if (
        r.stance == Stance.DECLINED
        and r.kind == Cue.READY
        and r.s.lexicon.temporal_limiters.search(clause_text)
    ):
        r.stance = Stance.UNDECIDED  # "not prepared to commit at this stage"
    return True


def _not_decided(r: Reading) -> bool:
    if (
        r.kind == Cue.DECIDE
        and r.negated_before
        and r.lower[r.cue.start].startswith(r.s.lexicon.decision_stems)
    ):
        r.stance = Stance.UNDECIDED  # "has not decided to send", "has not committed to"
    return True


def _timed_possibility(r: Reading) -> bool:
    """ "could deploy troops once a peace deal is finalised", "could be sent immediately
    after the ceasefire": a possibility with a set time is a conditional readiness (not
    "could only join after", not "may deploy if")."""
    if r.kind == Cue.MAY and r.stance == Stance.OPEN and not r.negated:
        after = " ".join(r.lower[r.cue.end : len(r.lower)])
        lex = r.s.lexicon
        if lex.timed_condition.search(after) and not lex.only_pattern.search(after):
            r.stance = Stance.WILLING
    return True


FINAL_CHECKS: tuple[tuple[str, Check], ...] = (
    ("refused to rule out", _refusal_to_exclude),
    ("someone else's decision", _others_decision),
    ("details open", _details_open),
    ("premature debate", _premature),
    ("inherently negative cue", _inherent),
    ("stance of the cue", _stance),
    ("not at this stage", _this_stage),
    ("not yet decided", _not_decided),
    ("possibility with a set time", _timed_possibility),
)
