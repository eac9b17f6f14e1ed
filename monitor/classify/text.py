"""Text plumbing for the classifier: length-preserving folding, sentences and tokens."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from monitor.classify.lexicon import ENGLISH, Lexicon

# Characters folded to one ASCII character each, so offsets in the folded text are the
# offsets in the original: matching runs on the fold, evidence is cut from the original.
_SPECIAL = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u2032": "'",
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2011": "-",
    "\u2010": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u0142": "l",
    "\u0141": "L",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u00e6": "a",
    "\u00c6": "A",
    "\u0153": "o",
    "\u0152": "O",
    "\u00df": "s",
    "\u0111": "d",
    "\u0110": "D",
    "\u0131": "i",
    "\u00f0": "d",
    "\u00fe": "t",
    "\u2026": ".",
}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if ord(ch) < 128:
        return ch
    base = unicodedata.normalize("NFD", ch)[0]
    return base if ord(base) < 128 else ch


def fold(text: str) -> str:
    """Strip diacritics and normalise quotes and dashes, one character for one.

    >>> fold("Støre’s “Türkiye”")
    'Store\\'s "Turkiye"'
    """
    if text.isascii():
        return text
    # only the characters that fold are visited (str.translate looks up every one)
    return _FOLDABLE.sub(_fold_match, text)


def _fold_match(m: re.Match[str]) -> str:
    return _FOLD_TABLE[ord(m.group())]


class _FoldTable(dict[int, str]):
    """str.translate table filled on first sight of each character (one for one)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()
# Every character `_fold_char` may change: all non-ASCII ones and the ASCII ones of _SPECIAL.
_FOLDABLE = re.compile(
    "[" + "".join(re.escape(c) for c in _SPECIAL if c.isascii()) + "\u0080-\U0010ffff]"
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


# A sentence ends at . ! ? (plus closing quotes or brackets) before a capital, a digit or
# an opening quote; or at a line break.
_BOUNDARY = re.compile(r"""[.!?]+["')\]]*(?=\s+["'(\[]?[A-Z0-9])""")
_LINE = re.compile(r"[^\n]+")


def split_sentences(text: str, lexicon: Lexicon = ENGLISH) -> tuple[Span, ...]:
    """Sentence spans of `text`, trimmed of surrounding whitespace.

    >>> t = "Poland will not send troops. Mr. Tusk said so.\\nNext line"
    >>> [t[s.start:s.end] for s in split_sentences(t)]
    ['Poland will not send troops.', 'Mr. Tusk said so.', 'Next line']
    """
    return split_folded(fold(text), lexicon)


def split_folded(folded: str, lexicon: Lexicon = ENGLISH) -> tuple[Span, ...]:
    """`split_sentences` of a text already folded (the spans are the same)."""
    spans: list[Span] = []
    for line in _LINE.finditer(folded):
        begin = line.start()
        for boundary in _BOUNDARY.finditer(folded, line.start(), line.end()):
            if _is_abbreviation(folded, begin, boundary.start(), lexicon.abbreviations):
                continue
            _add(spans, folded, begin, boundary.end())
            begin = boundary.end()
        _add(spans, folded, begin, line.end())
    return tuple(spans)


def _is_abbreviation(folded: str, begin: int, dot: int, abbreviations: frozenset[str]) -> bool:
    if folded[dot] != ".":
        return False
    word_start = dot
    while word_start > begin and (
        folded[word_start - 1].isalpha() or folded[word_start - 1] == "."
    ):
        word_start -= 1
    word = folded[word_start:dot].lower()
    if word in abbreviations:
        return True
    # An initial ("J. D. Vance") or a dotted acronym ("U.S.") is not a sentence end.
    return (len(word) == 1 and folded[word_start].isupper()) or (len(word) <= 4 and "." in word)


def _add(spans: list[Span], folded: str, start: int, end: int) -> None:
    while start < end and folded[start].isspace():
        start += 1
    while end > start and folded[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


@dataclass(frozen=True, slots=True)
class Tokens:
    """The tokens of one sentence: surface forms (folded), lower-case forms, offsets."""

    forms: tuple[str, ...]
    lower: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.forms)


def tokenize(folded: str, start: int, end: int, lexicon: Lexicon = ENGLISH) -> Tokens:
    """Tokens of `folded[start:end]` with offsets into `folded` (the lexicon's clitics)."""
    forms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in lexicon.token_pattern.finditer(folded, start, end):
        forms.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
    return Tokens(tuple(forms), tuple(f.lower() for f in forms), tuple(starts), tuple(ends))
