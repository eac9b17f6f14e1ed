"""Direct questions answered by the next sentence: "Would Ireland send peacekeepers to
Ukraine? 'No,' the Tanaiste said." (a question alone carries no stance)."""

from __future__ import annotations

from dataclasses import replace

from monitor.classify.lexicon import Lexicon
from monitor.classify.records import Stance
from monitor.classify.sentence import Sentence
from monitor.classify.stance import SentenceFinding


def answered(sentences: list[Sentence], n: int) -> tuple[Sentence, str | None]:
    """ "Would Ireland send peacekeepers to Ukraine? 'No,' the Tanaiste said.": a question
    answered by the next sentence is read as a statement, with the answer."""
    s = sentences[n]
    if not s.is_question or n + 1 >= len(sentences):
        return s, None
    lex = s.lexicon
    lower = [w for w in sentences[n + 1].tokens.lower if w not in ('"', "'")]
    if _not_for_now(lower, lex):
        return replace(s, is_question=False), "no"
    if len(lower) < 2 or lower[1] not in (",", ".", "!", ";"):
        return s, None
    answer = "yes" if lower[0] in lex.yes_words else "no" if lower[0] in lex.no_words else None
    return (s, None) if answer is None else (replace(s, is_question=False), answer)


def _not_for_now(lower: list[str], lex: Lexicon) -> bool:
    """ "Not for now, the prime minister said.": a refusal for the present is a no."""
    text = " ".join(lower[:5])
    return (
        bool(lower)
        and lower[0] in lex.not_words
        and lex.present_limits.match(text, len(lower[0]) + 1) is not None
    )


def answer_stance(found: list[SentenceFinding], answer: str | None) -> list[SentenceFinding]:
    if answer != "no":
        return found
    yes_stances = (Stance.WILLING, Stance.OPEN)
    return [replace(f, stance=Stance.DECLINED) if f.stance in yes_stances else f for f in found]
