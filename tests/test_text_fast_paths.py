"""The fast paths of normalize_text and clean_text give what the full passes give.

Both return a text that needs no change as it is, after a check much cheaper than the
pass; the content hash (and so every article id) is computed over normalize_text, so
any text on which a fast path answered otherwise would change stored results. Random
short texts over an alphabet of every kind of character the passes treat apart (all
Unicode whitespace, invisible characters, compatibility forms, controls, surrogates)
are compared against the passes as they were before the fast paths.
"""

from __future__ import annotations

import random
import re
import unicodedata

from monitor.normalize import normalize_text
from monitor.sources.text import clean_text

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def full_normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


def full_clean(text: str) -> str:
    return _UNSTORABLE.sub("", re.sub("\r\n?", "\n", text))


SPACES = [chr(c) for c in range(0x3001) if chr(c).isspace()]
ALPHABET = [
    *"ab\x00\x07\x7f\x85\x9f",
    *"\u200b\u00ad\ufeff\u2060é’Å\u212b\ufb01\u0301\ud800",
    *SPACES,
    *[" "] * 6,
    *["\n"] * 6,
]


def test_normalize_and_clean_agree_with_the_full_passes() -> None:
    rng = random.Random(13)
    fast = 0
    for _ in range(60_000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 9)))
        assert normalize_text(text) == full_normalize(text), repr(text)
        assert clean_text(text) == full_clean(text), repr(text)
        fast += normalize_text(text) is text
    assert fast > 1000  # the fast path was taken, not only the pass


def test_an_extracted_text_is_returned_as_it_is() -> None:
    text = "Poland will not send troops.\nThe minister said.\n\nMore on Monday’s talks."
    assert normalize_text(text) is text
    plain = text.replace("’", "'")
    assert clean_text(plain) is plain  # ASCII with newlines: no regex pass
    assert normalize_text(text + " ") == text
    assert normalize_text("a\u00a0b") == "a b"  # NBSP: NFKC, so the pass
