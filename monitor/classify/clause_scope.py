"""What a cue's clause says around it: the words that govern, complement, negate or hedge
it, and the objects it takes. Small tests the verdict checks use (their words: lexicon)."""

from __future__ import annotations

from monitor.classify.attribution import Discourse
from monitor.classify.cue_kinds import Cue
from monitor.classify.cues import CueMatch
from monitor.classify.frame import troop_hits
from monitor.classify.lexicon import Lexicon
from monitor.classify.sentence import Sentence


def existential(s: Sentence, cue: CueMatch, i: int, ce: int) -> int:
    """The troop noun of "there will be (no) X troops in Ukraine", else 0."""
    lex = s.lexicon
    lower = s.tokens.lower
    if cue.cue not in (Cue.WILL, Cue.MAY) or cue.start == 0:
        return 0
    if lower[cue.start - 1] not in lex.existential_there:
        return 0
    if not any(w in lex.be_words for w in lower[cue.end : i]):
        return 0
    hits = troop_hits(s, i, min(ce, i + 5))
    if not hits or not any(w in lex.ukraine_words for w in lower[hits[0] : ce]):
        return 0
    return hits[0]


def details(lower: tuple[str, ...], start: int, end: int, lex: Lexicon) -> bool:
    window = " ".join(lower[start : min(end, start + 6)])
    return any(d in window for d in lex.detail_phrases)


def own_complement(lower: tuple[str, ...], start: int, end: int, lex: Lexicon) -> bool:
    """A complement clause of its own ("warned that new sanctions would ...", "too early
    to say whether ...") without troops or a deployment verb: it is about that."""
    window = lower[start : min(end, start + 4)]
    lead = next((k for k, w in enumerate(window) if w in lex.complementizers), -1)
    if lead < 0:
        return False
    rest = lower[start + lead : end]
    return not any(w in lex.deployment_verbs for w in rest)


def has_own_object(s: Sentence, cue: CueMatch) -> bool:
    """A verb of refusal ("will not allow", "will not accept") whose object is named and is
    no troop NP, or "warned" closing a quote: it is about something else."""
    lex = s.lexicon
    lower = s.tokens.lower
    nxt = lower[cue.end] if cue.end < len(lower) else "."
    if lower[cue.start].startswith(lex.warn_stem) and nxt in (".", ",", ";", '"'):
        return True  # "..., the minister warned.": a speech verb, not a warning about troops
    if lower[cue.end - 1] not in lex.object_takers:
        return False
    return (
        nxt not in lex.do_so
        and nxt not in (".", ",", ";", '"')
        and nxt not in lex.object_determiners
    )


def previous_clause_frame(s: Sentence, cs: int) -> bool:
    ps, pe = s.clauses[s.clause_of[cs - 1]]
    verbs = s.lexicon.frame_verbs
    return bool(troop_hits(s, ps, pe)) or any(w in verbs for w in s.tokens.lower[ps:pe])


def participation_object(lower: tuple[str, ...], start: int, end: int, lex: Lexicon) -> bool:
    window = lower[start : min(end, start + 3)]
    return any(w in lex.participation_nouns for w in window)


def deploy_complement(lower: tuple[str, ...], start: int, end: int, lex: Lexicon) -> bool:
    """A bare deployment gerund ("open to taking part,"), whose object is the troops the
    sentence names elsewhere; not "open to deploying air defense systems"."""
    k = start
    while k < end and lower[k] in lex.complement_prepositions:
        k += 1
    if k >= end or lower[k] not in lex.gerunds:
        return False
    k += 2 if lower[k] in lex.two_word_gerunds else 1
    return k >= end or lower[k] in (",", ".", ";", '"') or lower[k] in lex.gerund_enders


def contrast_of_frame(s: Sentence, cs: int, ce: int, cue: CueMatch) -> bool:
    """ "..., but as part of the further peace process it is possible": a contrast clause
    whose predicate has no object of its own keeps the topic of the clause before it."""
    lex = s.lexicon
    lower = s.tokens.lower
    if cs == 0 or lower[cs] not in lex.contrast_leads:
        return False
    before = lower[cue.start - 1] if cue.start > 0 else ""
    # "..., while Portugal had signalled interest.", "while Poland has refused.": an
    # openness or refusal with nothing around it
    # (not "leaves air support as a possibility", which has its own object)
    if before not in lex.copulas and not (
        cue.cue in (Cue.OPEN, Cue.CONSIDER, Cue.EXCLUDE)
        and cue.start > 0
        and (before in lex.auxiliaries or s.mention_ending_at(cue.start - 1) is not None)
    ):
        return False
    if cue.end < ce and lower[cue.end] not in (".", ",", ";", '"', "'"):
        return False
    ps, pe = s.clauses[s.clause_of[cs - 1]]
    return bool(troop_hits(s, ps, pe))


def refuses_to_exclude(lower: tuple[str, ...], start: int, end: int, lex: Lexicon) -> bool:
    window = " ".join(lower[start : min(end, start + 3)])
    return window.startswith(lex.exclusion_infinitives)


def undecided_object(s: Sentence, start: int, end: int) -> bool:
    window = " ".join(s.tokens.lower[start : min(end, start + 4)])
    return any(w in window for w in s.lexicon.premature_phrases)


def negated(s: Sentence, cue: CueMatch, cs: int) -> bool:
    """A negator in the auxiliary chain right before the cue, or inside the cue itself;
    both cancel out ("would not hesitate")."""
    lex = s.lexicon
    lower = s.tokens.lower
    # an exclusion's own "no" ("said no to sending troops") is its meaning, not a negator:
    # "will not say no to" is a negated exclusion
    inner = cue.cue != Cue.EXCLUDE and any(
        lower[k] in lex.negators or lex.negated_aux.match(lower[k]) or lower[k] in lex.un_words
        for k in range(cue.start, cue.end)
    )
    k = cue.start - 1
    while k >= cs and cue.start - k <= 5:
        w = lower[k]
        if w in lex.negators or lex.negated_aux.match(w):
            return not inner
        if k > cs and lower[k - 1 : k + 1] == lex.no_longer:
            return not inner  # "no longer rules out sending soldiers" is open
        # an adverb ("clearly"), not a name that ends like one ("nor Italy is ready")
        adverb = w.endswith(lex.adverb_suffix) and s.mention_at[k] < 0
        if w in lex.auxiliaries or adverb or w in ('"', "'"):
            k -= 1
            continue
        break
    return inner


def hedged(s: Sentence, cue_start: int, target_at: int) -> bool:
    """ "potential willingness", "the potential presence of": a hedge on the cue or on the
    troop noun makes readiness an openness."""
    lex = s.lexicon
    lower = s.tokens.lower
    if cue_start > 0 and lower[cue_start - 1] in lex.hedges:
        return True
    # "a possible mission" hedges the mission, not the willingness to join it
    return (
        target_at > 0
        and lower[target_at] in lex.deployment_nouns
        and lower[target_at - 1] in lex.hedges
    )


def anaphoric(s: Sentence, start: int, end: int, discourse: Discourse) -> bool:
    """ "such a move", "this issue", "do so", "opposed it": a frame from earlier text."""
    lower = s.tokens.lower
    text = " ".join(lower[max(0, start - 3) : end])
    refers = s.lexicon.anaphoric_frame.search(text) is not None or (
        start < end and lower[start] in s.lexicon.anaphor_words
    )
    if not refers:
        return False
    return discourse.frame or bool(troop_hits(s, 0, len(lower)))
