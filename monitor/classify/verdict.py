"""The verdict on one cue: does it speak of sending troops, with which stance?"""

from __future__ import annotations

from dataclasses import dataclass

from monitor.classify.attribution import Discourse, Subject, subject_is_negative
from monitor.classify.cues import CueMatch
from monitor.classify.frame import deploy_verb_ok, troop_hits, valid_troop
from monitor.classify.lexicon import (
    ANAPHORIC_FRAME,
    AUXILIARIES,
    CONSIDER_VERBS,
    HEDGES,
    INHERENTLY_NEGATIVE,
    NEGATED_AUX,
    NEGATORS,
    TEMPORAL_LIMITERS,
    UKRAINE_CONTEXT,
    Cue,
    stance_of,
)
from monitor.classify.records import Stance
from monitor.classify.sentence import Sentence

GERUNDS = frozenset(
    {"sending", "deploying", "providing", "joining", "contributing", "participating", "taking"}
)
_PERMIT = frozenset(
    {"allow", "allowing", "permit", "permitting", "authorize", "authorise", "enable"}
)
# readiness words with the negation inside; a negator before them cancels it ("would
# not hesitate to send")
_UN_WORDS = frozenset(
    {
        "unwilling",
        "unprepared",
        "unable",
        "unlikely",
        "hesitate",
        "hesitant",
        "reluctant",
        "reluctance",
    }
)
_MISSION_VERBS = frozenset(
    {"serve", "operate", "patrol", "guard", "monitor", "secure", "police", "arrive", "train"}
)
_DEPLOYMENT_VERBS = frozenset(
    {
        "send",
        "sending",
        "sent",
        "deploy",
        "deploying",
        "deployed",
        "part",
        "join",
        "joining",
        "participate",
        "participating",
        "contribute",
        "contributing",
        "involved",
        "go",
    }
)
# what may follow a verb of considering that has no object of its own
_NO_OBJECT = frozenset(
    {".", ",", ";", '"', "later", "again", "it", "this", "that", "in", "at", "after", "once"}
    | {"if", "when", "before", "then", "too", "as", "by", "carefully", "seriously"}
)
_OBJECT_TAKERS = frozenset({"allow", "tolerate", "accept", "agree"})
# cues whose object can be the troops themselves ("pledged 200 soldiers", "approved the
# deployment of 150 soldiers")
_PLEDGES = frozenset(
    {
        "committed",
        "commit",
        "commits",
        "pledged",
        "offered",
        "approved",
        "approves",
        "authorized",
        "authorised",
        "authorizes",
        "authorises",
        "endorsed",
    }
)
_DO_SO = frozenset({"so", "that", "it", "the", "our", "its", "their", "my", "his", "her"})
_DEPLOYMENT_NOUNS = frozenset(
    {"presence", "deployment", "participation", "involvement", "contribution", "troops"}
)
_COPULAS = frozenset({"is", "are", "was", "were", "be", "remains", "remain", "seems", "'s"})
_READY_WORDS = frozenset({"ready", "prepared", "willing"})
_CONTRAST_LEADS = frozenset({"but", "however", "though", "although", "yet", "while", "whereas"})
_COMPLEMENT_SKIP = AUXILIARIES | frozenset(
    {
        "to",
        "and",
        "both",
        "up",
        '"',
        "'",
        ",",
        "principle",
        "if",
        "needed",
        "necessary",
        "respectively",
        "well",
    }
)


@dataclass(frozen=True, slots=True)
class Verdict:
    stance: Stance
    cue: Cue  # the category that decided (a readiness to consider is a consideration)
    negated: bool
    penalty: float  # confidence lost to indirect evidence (anaphora, elided verbs)
    target_at: int  # token of the troop NP the cue is about, -1 for none


def verdict(
    s: Sentence,
    cue: CueMatch,
    cs: int,
    ce: int,
    subject: Subject,
    sentence_frame: bool,
    discourse: Discourse,
) -> Verdict | None:
    """The stance of a cue when it speaks of sending troops; None when it does not."""
    lower = s.tokens.lower
    negated = _negated(s, cue, cs)
    # "has not decided to send" leaves the question open; "decided not to send" closes it
    negated_before = negated
    kind = cue.cue
    penalty = 0.0
    target_at = -1
    if cue.needs_verb:
        i = cue.end
        limit = min(ce, cue.end + 7)
        while i < limit and (
            lower[i] in _COMPLEMENT_SKIP
            or lower[i] in NEGATORS
            or lower[i] in _READY_WORDS
            or lower[i] == "in"
        ):
            if lower[i] in ("do", "doing") and i + 1 < ce and lower[i + 1] in _DO_SO:
                break
            if lower[i] == "in" and not (i + 1 < ce and lower[i + 1] == "principle"):
                break
            if lower[i] in NEGATORS or NEGATED_AUX.match(lower[i]):
                negated = True
            if lower[i] in _READY_WORDS and kind == Cue.WILL:
                kind = Cue.READY
            i += 1
        if i < ce and lower[i] in ("able", "capable", "possible") and kind in (Cue.WILL, Cue.READY):
            kind = Cue.MAY
            i += 1
            while i < ce and lower[i] in _COMPLEMENT_SKIP:
                i += 1
        if i < ce and lower[i] in _PERMIT:
            # "voted to allow Latvian soldiers to take part": the permitted action counts
            j = i + 1
            while j < min(ce, i + 6) and lower[j] != "to":
                j += 1
            i = j + 1 if j < ce else i
        if i >= ce or lower[i] in (".", ",", '"', ";"):
            # "Denmark is, in principle, ready": the frame comes from the sentence;
            # "..., while Meloni said Italy would not.": the verb is the clause's before.
            elided = kind in (Cue.WILL, Cue.MAY) and cs > 0 and _previous_clause_frame(s, cs)
            if not elided and (kind != Cue.READY or not (sentence_frame or discourse.frame)):
                return None
            penalty += 0.05
        elif existential := _existential(s, cue, i, ce):
            # "there will be no American troops in Ukraine": the troops' presence is the
            # predicate; the speaker or the owner holds it
            target_at = existential
        elif lower[i] in CONSIDER_VERBS:
            kind = Cue.CONSIDER
            hits = troop_hits(s, i, ce)
            # "..., but could be considered later": a contrast clause keeps the topic
            # (not "but would consider other forms of support", which has its own object)
            inherits = (
                lower[cs] in _CONTRAST_LEADS
                and cs > 0
                and _previous_clause_frame(s, cs)
                and (i + 1 >= ce or lower[i + 1] in _NO_OBJECT)
            )
            if not hits and not _anaphoric(s, i, ce, discourse) and not inherits:
                return None
            target_at = hits[0] if hits else -1
        elif lower[i] in ("do", "doing") and i + 1 < ce and lower[i + 1] in _DO_SO:
            if not (sentence_frame or discourse.frame):
                return None
            penalty += 0.05
        else:
            ok, target_at = deploy_verb_ok(s, i, ce, sentence_frame or discourse.frame)
            # "ready to support and join peacekeeping missions": coordinated verbs
            if not ok and i + 2 < ce and lower[i + 1] in ("and", "or"):
                ok, target_at = deploy_verb_ok(s, i + 2, ce, sentence_frame or discourse.frame)
            # "help clear mines": the helping verb carries the activity after it
            if not ok and lower[i] in ("help", "helping") and i + 1 < ce:
                ok, target_at = deploy_verb_ok(s, i + 1, ce, sentence_frame or discourse.frame)
                i += 0 if ok else 1
            # "Norwegian soldiers could help clear mines", "troops would patrol": troops
            # as the subject of a modal with a mission verb are troops deployed
            if (
                not ok
                and subject.troop_at >= 0
                and kind in (Cue.WILL, Cue.MAY, Cue.READY)
                and (lower[i] in _MISSION_VERBS or i in troop_hits(s, i, ce))
            ):
                ok = UKRAINE_CONTEXT.search(s.joined) is not None and valid_troop(
                    s, subject.troop_at
                )
                target_at = subject.troop_at if ok else -1
            if not ok:
                if kind in (Cue.DECIDE, Cue.INTEND) and lower[cue.start] in _PLEDGES:
                    hits = troop_hits(s, cue.end, min(ce, cue.end + 4))
                    if not hits:
                        return None
                    target_at = hits[0]
                else:
                    return None
        if subject.troop_at >= 0 and subject_is_negative(s, subject.troop_at):
            negated = True
        if _hedged(s, cue.start, target_at):
            kind = Cue.OPEN if kind in (Cue.READY, Cue.WILL, Cue.DECIDE, Cue.INTEND) else kind
    else:
        hits = troop_hits(s, cs, ce)
        if hits:
            after = [h for h in hits if h >= cue.start]
            target_at = after[0] if after else hits[-1]
        elif sentence_frame and _deploy_complement(lower, cue.end, ce):
            penalty += 0.1  # "open to taking part, but ... before sending soldiers"
        elif discourse.frame and _participation_object(lower, cue.end, ce):
            penalty += 0.1  # after a sentence on troops: "Hungary has ruled out any participation"
        elif kind == Cue.OPPOSE and _has_own_object(s, cue):
            return None  # "will not allow Russian drones to violate its airspace"
        elif kind in (Cue.UNDECIDED, Cue.OPPOSE) and _own_complement(lower, cue.end, ce):
            return None  # "too early to say whether the sanctions would work"
        elif (
            not _anaphoric(s, cue.end, ce, discourse)
            and not (
                kind in (Cue.UNDECIDED, Cue.CONTRAST, Cue.OPPOSE)
                and (sentence_frame or discourse.frame)
            )
            and not _contrast_of_frame(s, cs, ce, cue)
        ):
            return None
        else:
            penalty += 0.1
        if kind in (Cue.READY, Cue.OPEN) and _hedged(s, cue.start, target_at):
            kind = Cue.OPEN
    if kind == Cue.EXCLUDE and _refuses_to_exclude(lower, cue.end, ce):
        negated = not negated  # "refused to rule out sending troops" is open
    if (
        kind == Cue.UNDECIDED
        and lower[cue.start] == "to"
        and "for" in lower[cue.start - 3 : cue.start]
    ):
        return None  # "a matter for Europeans to decide": someone else's decision
    if kind == Cue.UNDECIDED and _details(lower, cue.end, ce):
        return None  # "too early to say how many": the details are open, not the decision
    if kind in (Cue.EXCLUDE, Cue.OPPOSE) and _undecided_object(s, cue.end, ce):
        kind = Cue.UNDECIDED  # "warned against a premature debate about sending troops"
    if kind in INHERENTLY_NEGATIVE:
        negated = False
    stance_value = stance_of(kind, negated)
    if stance_value is None:
        return None
    stance = Stance(stance_value)
    clause_text = " ".join(lower[cs:ce])
    if stance == Stance.DECLINED and kind == Cue.READY and TEMPORAL_LIMITERS.search(clause_text):
        stance = Stance.UNDECIDED  # "not prepared to commit at this stage"
    if kind == Cue.DECIDE and negated_before and lower[cue.start].startswith(("decide", "commit")):
        stance = Stance.UNDECIDED  # "has not decided to send", "has not committed to"
    return Verdict(stance, kind, negated, penalty, target_at)


def _existential(s: Sentence, cue: CueMatch, i: int, ce: int) -> int:
    """The troop noun of "there will be (no) X troops in Ukraine", else 0."""
    lower = s.tokens.lower
    if cue.cue not in (Cue.WILL, Cue.MAY) or cue.start == 0 or lower[cue.start - 1] != "there":
        return 0
    if "be" not in lower[cue.end : i]:
        return 0
    hits = troop_hits(s, i, min(ce, i + 5))
    if not hits or not any(w in ("ukraine", "ukrainian", "kyiv") for w in lower[hits[0] : ce]):
        return 0
    return hits[0]


def _details(lower: tuple[str, ...], start: int, end: int) -> bool:
    window = " ".join(lower[start : min(end, start + 6)])
    return any(
        d in window for d in ("how many", "how much", "how large", "numbers", "the size", "details")
    )


def _own_complement(lower: tuple[str, ...], start: int, end: int) -> bool:
    """A complement clause of its own ("warned that new sanctions would ...", "too early
    to say whether ...") without troops or a deployment verb: it is about that."""
    window = lower[start : min(end, start + 4)]
    lead = next((k for k, w in enumerate(window) if w in ("that", "whether", "if")), -1)
    if lead < 0:
        return False
    rest = lower[start + lead : end]
    return not any(w in _DEPLOYMENT_VERBS for w in rest)


def _has_own_object(s: Sentence, cue: CueMatch) -> bool:
    """A verb of refusal ("will not allow", "will not accept") whose object is named and is
    no troop NP, or "warned" closing a quote: it is about something else."""
    lower = s.tokens.lower
    nxt = lower[cue.end] if cue.end < len(lower) else "."
    if lower[cue.start].startswith("warn") and nxt in (".", ",", ";", '"'):
        return True  # "..., the minister warned.": a speech verb, not a warning about troops
    if lower[cue.end - 1] not in _OBJECT_TAKERS:
        return False
    return nxt not in _DO_SO and nxt not in (".", ",", ";", '"', "any", "such", "this", "that")


def _previous_clause_frame(s: Sentence, cs: int) -> bool:
    ps, pe = s.clauses[s.clause_of[cs - 1]]
    return bool(troop_hits(s, ps, pe)) or any(
        w in ("send", "sending", "deploy", "deploying") for w in s.tokens.lower[ps:pe]
    )


def _participation_object(lower: tuple[str, ...], start: int, end: int) -> bool:
    window = lower[start : min(end, start + 3)]
    return any(w in ("participation", "involvement", "contribution") for w in window)


def _deploy_complement(lower: tuple[str, ...], start: int, end: int) -> bool:
    """A bare deployment gerund ("open to taking part,"), whose object is the troops the
    sentence names elsewhere; not "open to deploying air defense systems"."""
    k = start
    while k < end and lower[k] in ("to", "in", "on", "about"):
        k += 1
    if k >= end or lower[k] not in GERUNDS:
        return False
    k += 2 if lower[k] == "taking" else 1
    return k >= end or lower[k] in (",", ".", ";", "but", '"')


def _contrast_of_frame(s: Sentence, cs: int, ce: int, cue: CueMatch) -> bool:
    """ "..., but as part of the further peace process it is possible": a contrast clause
    whose predicate has no object of its own keeps the topic of the clause before it."""
    lower = s.tokens.lower
    if cs == 0 or lower[cs] not in _CONTRAST_LEADS:
        return False
    before = lower[cue.start - 1] if cue.start > 0 else ""
    # "..., while Portugal had signalled interest.", "while Poland has refused.": an
    # openness or refusal with nothing around it
    # (not "leaves air support as a possibility", which has its own object)
    if before not in _COPULAS and not (
        cue.cue in (Cue.OPEN, Cue.CONSIDER, Cue.EXCLUDE)
        and cue.start > 0
        and (before in AUXILIARIES or s.mention_ending_at(cue.start - 1) is not None)
    ):
        return False
    if cue.end < ce and lower[cue.end] not in (".", ",", ";", '"', "'"):
        return False
    ps, pe = s.clauses[s.clause_of[cs - 1]]
    return bool(troop_hits(s, ps, pe))


def _refuses_to_exclude(lower: tuple[str, ...], start: int, end: int) -> bool:
    window = " ".join(lower[start : min(end, start + 3)])
    return window.startswith(("to rule out", "to exclude", "to dismiss", "to close the door"))


def _undecided_object(s: Sentence, start: int, end: int) -> bool:
    window = " ".join(s.tokens.lower[start : min(end, start + 4)])
    return any(w in window for w in ("premature", "too early", "too soon"))


def _negated(s: Sentence, cue: CueMatch, cs: int) -> bool:
    """A negator in the auxiliary chain right before the cue, or inside the cue itself;
    both cancel out ("would not hesitate")."""
    lower = s.tokens.lower
    inner = any(
        lower[k] in NEGATORS or NEGATED_AUX.match(lower[k]) or lower[k] in _UN_WORDS
        for k in range(cue.start, cue.end)
    )
    k = cue.start - 1
    while k >= cs and cue.start - k <= 5:
        w = lower[k]
        if w in NEGATORS or NEGATED_AUX.match(w):
            return not inner
        if w in AUXILIARIES or w.endswith("ly") or w in ('"', "'"):
            k -= 1
            continue
        break
    return inner


def _hedged(s: Sentence, cue_start: int, target_at: int) -> bool:
    """ "potential willingness", "the potential presence of": a hedge on the cue or on the
    troop noun makes readiness an openness."""
    lower = s.tokens.lower
    if cue_start > 0 and lower[cue_start - 1] in HEDGES:
        return True
    # "a possible mission" hedges the mission, not the willingness to join it
    return (
        target_at > 0 and lower[target_at] in _DEPLOYMENT_NOUNS and lower[target_at - 1] in HEDGES
    )


def _anaphoric(s: Sentence, start: int, end: int, discourse: Discourse) -> bool:
    """ "such a move", "this issue", "do so", "opposed it": a frame from earlier text."""
    lower = s.tokens.lower
    text = " ".join(lower[max(0, start - 3) : end])
    refers = ANAPHORIC_FRAME.search(text) is not None or (
        start < end and lower[start] in ("it", "this", "that", "so")
    )
    if not refers:
        return False
    return discourse.frame or bool(troop_hits(s, 0, len(lower)))
