"""Elliptical clauses that reuse the predicate before them: "but Germany is not"."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.classify.cue_kinds import Cue
from monitor.classify.lexicon import ENGLISH, Lexicon
from monitor.classify.sentence import Sentence

# categories a possibility stub turns into a possibility ("Slovakia won't, but Prague might")
_FIRM = frozenset({Cue.WILL, Cue.READY, Cue.INTEND, Cue.DECIDE})


@dataclass(frozen=True, slots=True)
class Ellipsis:
    """A clause that only names countries and the stub of the predicate before it."""

    countries: tuple[str, ...]
    same: bool  # "and so is France": the polarity of the clause before
    negated: bool  # "but Germany is not": used when `same` is False
    possible: bool = False  # the stub is a possibility modal ("but Prague might")


def elliptical(s: Sentence, cs: int, ce: int) -> Ellipsis | None:
    """Read clause [cs, ce) as an ellipsis, or None.

    Two shapes: lead + (so|neither|nor|as) + stub + countries ("and so is France"), and
    lead + countries + stub + optional negator or "too" ("but Germany is not").
    """
    lex = s.lexicon
    lower = s.tokens.lower
    k = cs
    while k < ce and lower[k] in lex.leads:
        k += 1
    if k == cs or k >= ce:
        return None
    same = False
    if lower[k] in lex.same:
        same = True
        k += 1
        stub = k
        while k < ce and lower[k] in lex.stubs:
            k += 1
        if k == stub:
            return None
        countries, k = _countries(s, k, ce)
        if not countries:
            return None
        return Ellipsis(countries, True, False) if _ends(lower, k, ce, lex.ends) else None
    countries, k = _countries(s, k, ce)
    if not countries:
        return None
    stub = k
    while k < ce and lower[k] in lex.stubs:
        k += 1
    negated = False
    while k < ce and (lower[k] in lex.negators or lex.negated_aux.match(lower[k])):
        negated = True
        k += 1
    if k == stub:
        # "and Britain too": no stub, a tail only
        if k < ce and lower[k] in lex.tails:
            return Ellipsis(countries, True, False) if _ends(lower, k + 1, ce, lex.ends) else None
        return None
    possible = any(w in lex.possibility for w in lower[stub:k])
    if k < ce and lower[k] in lex.tails:
        same = not negated
        k += 1
    return Ellipsis(countries, same, negated, possible) if _ends(lower, k, ce, lex.ends) else None


def _countries(s: Sentence, k: int, ce: int) -> tuple[tuple[str, ...], int]:
    """The state mentions of a list starting at token k, and the token after the list."""
    lex = s.lexicon
    lower = s.tokens.lower
    found: list[str] = []
    while k < ce:
        j = k + 1 if lower[k] in lex.definite_articles else k
        mi = s.mention_at[j] if j < ce else -1
        if mi < 0:
            break
        m = s.mentions[mi]
        if m.start != j or not m.is_subject or m.nonstate:
            break
        found += [c for c in m.countries if c not in found]
        k = m.end
        j = k
        while j < ce and lower[j] in lex.list_glue:
            j += 1
        nxt = j + 1 if j < ce and lower[j] in lex.definite_articles else j
        if (
            j > k
            and nxt < ce
            and s.mention_at[nxt] >= 0
            and s.mentions[s.mention_at[nxt]].start == nxt
        ):
            k = j
            continue
        break
    return tuple(found), k


def _ends(lower: tuple[str, ...], k: int, ce: int, ends: frozenset[str]) -> bool:
    return k >= ce or lower[k] in ends


def elided_stance(
    cue: Cue, antecedent_negated: bool, e: Ellipsis, lexicon: Lexicon = ENGLISH
) -> str | None:
    """The stance the ellipsis gives with the antecedent's cue: the same polarity, or
    the polarity of its own stub ("France is ready ..., but Germany is not" is declined).

    >>> elided_stance(Cue.READY, False, Ellipsis(("DE",), same=False, negated=True))
    'declined'
    """
    negated = antecedent_negated if e.same else e.negated
    if e.possible and cue in _FIRM:
        cue = Cue.MAY
    return lexicon.stance_of(cue, negated)
