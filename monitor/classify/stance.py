"""Clause-level stance analysis: which state says what about sending its own forces."""

from __future__ import annotations

from dataclasses import dataclass, replace

from monitor.classify.attribution import (
    Discourse,
    Subject,
    left_subject,
    owner_at,
)
from monitor.classify.cue_kinds import Cue
from monitor.classify.cues import CueMatch, find_cues
from monitor.classify.ellipsis import elided_stance, elliptical
from monitor.classify.frame import troop_hits, valid_troop
from monitor.classify.holder import holder as find_holder
from monitor.classify.records import Stance
from monitor.classify.sentence import Sentence
from monitor.classify.verdict import Verdict, verdict

_BASE_CONFIDENCE = {
    Cue.READY: 0.9,
    Cue.INTEND: 0.85,
    Cue.DECIDE: 0.85,
    Cue.WILL: 0.8,
    Cue.MAY: 0.7,
    Cue.CONSIDER: 0.75,
    Cue.OPEN: 0.8,
    Cue.EXCLUDE: 0.9,
    Cue.UNDECIDED: 0.8,
    Cue.REFUSE: 0.85,
    Cue.CONTRAST: 0.85,
    Cue.OPPOSE: 0.8,
}
_VIA_PENALTY = {
    "subject": 0.0,
    "speaker": 0.05,
    "pronoun": 0.05,
    "owner": 0.1,
    "inherited": 0.05,
    "discourse": 0.15,
}
_EVALUATIVE = frozenset({Cue.OPPOSE, Cue.REFUSE})


@dataclass(frozen=True, slots=True)
class SentenceFinding:
    actor: str
    stance: Stance
    confidence: float
    rule: str
    clause: int
    temporal: bool  # limited to now ("at present", "not currently")
    later: bool  # about a later phase ("after a ceasefire", "later")


def sentence_findings(
    s: Sentence, discourse: Discourse, opposing_side: frozenset[str] = frozenset({"RU"})
) -> list[SentenceFinding]:
    """The stances this sentence gives, after its clause analysis. `opposing_side` holds
    the states whose remarks on troops in Ukraine concern others' troops."""
    lex = s.lexicon
    if s.is_question:
        return []
    cues = find_cues(s)
    ukraine = discourse.topic or lex.ukraine_context.search(s.joined) is not None
    if not cues or not ukraine:
        return []  # no cue gives a finding, none without Ukraine (nor an elided one)
    sentence_frame = bool(troop_hits(s, 0, len(s.tokens)))
    findings: list[SentenceFinding] = []
    # "Asked if Britain would be willing ..., Starmer said: 'Yes'": the answer decides
    answer = _answer(s)
    governed: dict[int, int] = {}  # clause -> token index of the cue that governs it
    clause_subject: dict[int, Subject] = {}
    consumed: set[int] = set()
    for idx, cue in enumerate(cues):
        # An indirect question asserts nothing, except that it is undecided
        # ("whether Canadian troops go remains to be seen").
        questioned = s.in_question[cue.start] and cue.cue != Cue.UNDECIDED
        if idx in consumed or (questioned and answer is None):
            continue
        clause = s.clause_of[cue.start]
        cs, ce = s.clauses[clause]
        subject = left_subject(s, cue.start, cs)
        if clause in governed and not _read_too(s, cue, subject, governed[clause], cues):
            continue
        effective = _effective_cue(s, cues, idx, ce, consumed)
        if _non_answer(s, cue):
            continue  # "declined to say whether": no position, not a refusal to send
        v = verdict(s, effective, cs, ce, subject, sentence_frame, discourse)
        if v is None or not ukraine:
            continue
        if cue.cue == Cue.CONTRAST and clause in clause_subject and not subject.countries:
            holder = clause_subject[clause]  # the participant that will do it "without troops"
        else:
            holder = find_holder(s, subject, effective, clause, clause_subject, discourse)
        if holder.blocked and holder.generic and (named := _named_list(s, effective.end)):
            holder = Subject(named, "named")  # "Countries that have ruled out ... include A, B"
        if holder.blocked:
            if holder.generic:
                discourse.pending = (v.stance, _BASE_CONFIDENCE[v.cue], v.cue.value, clause)
            governed[clause] = cue.start
            continue
        if not holder.countries:
            continue
        governed[clause] = cue.start
        clause_subject[clause] = holder
        owner = owner_at(s, v.target_at) if v.target_at >= 0 else None
        # a refusal's time limit may sit in the clause after it ("..., while the war lasts")
        scope_end = s.clauses[clause + 1][1] if clause + 1 < len(s.clauses) else ce
        clause_text = " ".join(s.tokens.lower[cs:scope_end])
        temporal = lex.temporal_limiters.search(clause_text) is not None
        later_phase = lex.later_markers.search(clause_text) is not None
        respective = _respective(s, cues, idx, len(holder.countries))
        for n, actor in enumerate(holder.countries):
            # "the UK and Sweden expressed readiness and potential readiness,
            # respectively, to send troops": each country takes its own cue
            va = _respective_verdict(s, respective[n], v) if respective else v
            final = _final_stance(actor, va, owner, s, opposing_side)
            if final is None:
                continue
            if questioned and answer == "no" and final in (Stance.WILLING, Stance.OPEN):
                final = Stance.DECLINED
            confidence = _BASE_CONFIDENCE[va.cue] - _VIA_PENALTY.get(holder.via, 0.1)
            if discourse.excerpt and lex.ukraine_context.search(s.joined) is None:
                confidence -= 0.15  # the topic was assumed, not read
            confidence = round(max(0.05, min(0.99, confidence - va.penalty)), 2)
            rule = f"{va.cue.value}{'-negated' if va.negated else ''}/{holder.via}"
            findings.append(
                SentenceFinding(actor, final, confidence, rule, clause, temporal, later_phase)
            )
    return _denied_report(s, findings + _elided(s, findings))


def _named_list(s: Sentence, k: int) -> tuple[str, ...]:
    """The countries a generic subject's clause names after it: "Countries that have ruled
    out troops for Ukraine include Poland, Italy and Hungary"."""
    lex, lower = s.lexicon, s.tokens.lower
    verb = next((j for j in range(k, len(lower)) if lower[j] in lex.naming_verbs), -1)
    found: list[str] = []
    j = verb + 1
    while 0 < j < len(lower):
        m = s.mentions[s.mention_at[j]] if s.mention_at[j] >= 0 else None
        if m is not None and m.kind != "person":
            found += [c for c in m.countries if c not in found and c != "UA"]
            j = m.end
        elif lower[j] in lex.agent_list_glue and found:
            j += 1
        else:
            break
    return tuple(found)


def _denied_report(s: Sentence, findings: list[SentenceFinding]) -> list[SentenceFinding]:
    """ "Reports that Italy, Spain and Greece would send troops were later denied",
    "Rome denied reports that Italy would send troops": the reported readiness is denied,
    so each country it names has declined (only from the report to the denial, not in a
    clause after them: "..., but Spain said it was ready")."""
    if not findings:
        return findings  # nothing to deny
    lex, lower = s.lexicon, s.tokens.lower

    def clause_of(k: int) -> int:
        return next((n for n, (cs, ce) in enumerate(s.clauses) if cs <= k < ce), -1)

    reports = [
        clause_of(k)
        for k, w in enumerate(lower)
        if w in lex.report_nouns and k + 1 < len(lower) and lower[k + 1] in lex.that_words
    ]
    denials = [clause_of(k) for k, w in enumerate(lower) if w in lex.denial_words]
    if not reports or not denials:
        return findings
    lo, hi = min(reports[0], denials[0]), max(reports[0], denials[0])
    flip = (Stance.WILLING, Stance.OPEN)
    return [
        replace(f, stance=Stance.DECLINED, rule=f"{f.rule}+denied-report")
        if f.stance in flip and lo <= f.clause <= hi
        else f
        for f in findings
    ]


def _effective_cue(
    s: Sentence, cues: list[CueMatch], idx: int, ce: int, consumed: set[int]
) -> CueMatch:
    """ "considered it inappropriate", "will consider ... legitimate targets": the
    evaluation after a verb of judging decides (and is consumed); the judge stays the
    subject."""
    cue = cues[idx]
    if not _judging(s, cue):
        return cue
    for j in range(idx + 1, len(cues)):
        later = cues[j]
        if later.start >= ce or later.start - cue.end > 14:
            break
        if later.cue in _EVALUATIVE:
            consumed.add(j)
            return later
    return cue


def _elided(s: Sentence, findings: list[SentenceFinding]) -> list[SentenceFinding]:
    """Clauses that reuse the predicate before them: "France is ready to send troops, but
    Germany is not" (declined), "the UK is ready ..., and so is France" (willing)."""
    out: list[SentenceFinding] = []
    for k in range(1, len(s.clauses)):
        before = [f for f in findings if f.clause < k and f.stance != Stance.OPPOSED]
        if not before or any(f.clause == k for f in findings):
            continue
        e = elliptical(s, *s.clauses[k])
        if e is None:
            continue
        ante = before[-1]
        cue_name = ante.rule.partition("/")[0]
        negated = cue_name.endswith("-negated")
        cue = Cue(cue_name.removesuffix("-negated"))
        if e.same:
            stance: Stance | None = ante.stance
        elif cue in s.lexicon.inherently_negative or e.negated == negated:
            continue  # "Italy has no plans, but Spain does": no polarity to flip
        else:
            value = elided_stance(cue, negated, e, s.lexicon)
            stance = Stance(value) if value else None
        if stance is None:
            continue
        for actor in e.countries:
            if actor in ("UA", ante.actor):
                continue
            confidence = round(max(0.05, ante.confidence - 0.1), 2)
            rule = f"{cue_name}/ellipsis"
            out.append(SentenceFinding(actor, stance, confidence, rule, k, ante.temporal, False))
    return out


def _respective(s: Sentence, cues: list[CueMatch], idx: int, count: int) -> list[CueMatch]:
    """The chain of coordinated cues ending at cues[idx] ("readiness and potential
    readiness") when "respectively" pairs them with `count` subjects, else []."""
    lower = s.tokens.lower
    lex = s.lexicon
    if count < 2 or lex.respectively not in lower[cues[idx].end : cues[idx].end + 4]:
        return []
    chain = [cues[idx]]
    for j in range(idx - 1, -1, -1):
        gap = lower[cues[j].end : chain[0].start]
        if not gap or len(gap) > 3 or not any(w in lex.respective_glue for w in gap):
            break
        if any(w not in lex.respective_glue and w not in lex.hedges for w in gap):
            break
        chain.insert(0, cues[j])
    return chain if len(chain) == count else []


def _respective_verdict(s: Sentence, cue: CueMatch, v: Verdict) -> Verdict:
    """The shared verdict with this subject's own cue and hedge."""
    lower = s.tokens.lower
    kind = cue.cue
    if kind in (Cue.READY, Cue.WILL, Cue.INTEND, Cue.DECIDE) and (
        cue.start > 0 and lower[cue.start - 1] in s.lexicon.hedges
    ):
        kind = Cue.OPEN
    value = s.lexicon.stance_of(kind, v.negated)
    if value is None:
        return v
    return Verdict(Stance(value), kind, v.negated, v.penalty, v.target_at)


def _answer(s: Sentence) -> str | None:
    """ "yes" or "no" answering the sentence's indirect question, else None."""
    lower = s.tokens.lower
    if not any(s.in_question):
        return None
    for k, w in enumerate(lower):
        if s.in_question[k]:
            continue
        if w in s.lexicon.yes_words:
            return "yes"
        ends = k + 1 < len(lower) and lower[k + 1] in (",", ".", '"', "!", ";")
        if w in s.lexicon.no_words and ends:
            return "no"
        if w in s.lexicon.not_words and ends and k > 0 and lower[k - 1] in s.lexicon.intensifiers:
            return "no"  # "Absolutely not.", "Certainly not!"
    return None


def _non_answer(s: Sentence, cue: CueMatch) -> bool:
    lower = s.tokens.lower
    return (
        cue.cue == Cue.EXCLUDE
        and cue.end + 1 < len(lower)
        and lower[cue.end] == s.lexicon.infinitive
        and lower[cue.end + 1] in s.lexicon.non_answers
    )


def _judging(s: Sentence, cue: CueMatch) -> bool:
    """A verb of judging ("consider", "will consider"): its object's evaluation decides."""
    lex = s.lexicon
    if cue.cue == Cue.CONSIDER:
        return True
    if cue.cue != Cue.WILL:
        return False
    lower = s.tokens.lower
    i = cue.end
    while i < len(lower) and lower[i] in lex.auxiliaries:
        i += 1
    return i < len(lower) and lower[i] in lex.consider_verbs


def _read_too(
    s: Sentence, cue: CueMatch, subject: Subject, governing: int, cues: list[CueMatch]
) -> bool:
    """Whether a cue in a clause another cue already governs is read as well."""
    if cue.cue == Cue.CONTRAST:  # "will take part ... without stationing troops"
        return True
    # "is still weighing whether to send troops and will decide after the summer": the
    # pending decision is read too, and the sentence's combination lets it govern
    if cue.cue == Cue.UNDECIDED and any(
        c.start == governing and c.cue == Cue.CONSIDER for c in cues
    ):
        return True
    return _new_subject(s, subject, governing) or _reported_continuation(s, governing, cue.start)


def _reported_continuation(s: Sentence, governing: int, start: int) -> bool:
    """ ", stating that such a step would only be considered later": a new report."""
    lower = s.tokens.lower
    return any(
        lower[k] in s.lexicon.speech_verbs and lower[k - 1] == ","
        for k in range(governing + 1, start)
    )


def _new_subject(s: Sentence, subject: Subject, governing: int) -> bool:
    """A later cue in a governed clause counts only with its own subject after a clause
    opener ("said Britain will contribute"), not in a relative clause ("troops Latvia may
    send")."""
    if not subject.countries or subject.position <= governing:
        return False
    before = s.tokens.lower[subject.position - 1] if subject.position > 0 else ""
    lex = s.lexicon
    return before in lex.clause_openers or before.endswith(lex.past_suffix)


def _final_stance(
    actor: str,
    v: Verdict,
    owner: tuple[str, ...] | str | None,
    s: Sentence,
    opposing_side: frozenset[str],
) -> Stance | None:
    """Apply who-owns-the-troops: rejecting foreign troops is opposed, rejecting one's own
    is declined; Ukraine (the host) has no sender stance."""
    stance, cue, negated, target_at = v.stance, v.cue, v.negated, v.target_at
    if actor == "UA":
        return None
    foreign = owner == "foreign" or (isinstance(owner, tuple) and actor not in owner)
    negative = stance in (Stance.DECLINED, Stance.OPPOSED) and not (cue == Cue.EXCLUDE and negated)
    if actor in opposing_side:
        return Stance.OPPOSED if negative else None
    if stance == Stance.OPPOSED:
        return Stance.OPPOSED if foreign else Stance.DECLINED
    if cue == Cue.EXCLUDE and not negated and owner == "foreign":
        return Stance.OPPOSED
    if isinstance(owner, tuple) and actor not in owner:
        return None  # a stance on another country's troops
    # a force phrase ("help police the skies") was checked when it was found
    if (
        target_at >= 0
        and s.tokens.lower[target_at] in s.lexicon.troop_nouns
        and not valid_troop(s, target_at)
    ):
        return None
    return stance
