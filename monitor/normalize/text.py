"""The documented text normalization that the content hash is computed over.

normalize_text:
1. Unicode NFKC (compatibility forms folded: non-breaking spaces, ligatures, full-width);
2. line endings to "\\n"; zero-width characters and soft hyphens removed;
3. each line stripped and its runs of whitespace collapsed to one space;
4. runs of blank lines collapsed to one, so paragraphs are separated by exactly "\\n\\n";
5. leading and trailing blank lines removed.
Boilerplate lines are removed before this, by extraction (monitor.extract).
content_hash is the SHA-256 of the UTF-8 bytes of that text; its first 16 hex digits are
the article id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize_text(text: str) -> str:
    """Return the canonical form of an article text.

    >>> normalize_text("  Hello\\u00a0 world \\r\\n\\r\\n\\n\\nBye ")
    'Hello world\\n\\nBye'
    """
    if _in_normal_form(text):
        # An extracted text usually is already (extraction strips and collapses its
        # lines and puts one blank line between paragraphs): telling costs about a tenth
        # of the pass below.
        return text
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in text.split("\n"):
        # Whitespace runs to one space, ends stripped: str.split() and \s agree on what
        # whitespace is, and this is ten times cheaper than a regex substitution.
        line = " ".join(raw.split())
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return "\n\n".join(paragraphs)


# The whitespace NFKC keeps (str.isspace) besides space and newline: str.split() splits
# on each; NFKC turns the others (NBSP, the U+2000 spaces, ...) into spaces.
_ODD_WHITESPACE = (
    *"\t\r\x0b\x0c\x1c\x1d\x1e\x1f",
    *"\x85\u1680\u2028\u2029",
)
_NOT_NORMAL = ("  ", " \n", "\n ", "\n\n\n", *_ODD_WHITESPACE)


def _in_normal_form(text: str) -> bool:
    """Whether `text` is its own normalize_text: NFKC, no invisible characters, no
    whitespace but single spaces inside lines and single newlines, paragraphs one
    blank line apart, nothing blank at either end.

    >>> _in_normal_form("a b\\nc\\n\\nd"), _in_normal_form("a  b"), _in_normal_form("a\\n\\n\\nb")
    (True, False, False)
    """
    if text[:1] in (" ", "\n") or text[-1:] in (" ", "\n"):
        return False
    if any(s in text for s in _NOT_NORMAL):
        return False
    if text.isascii():
        return True
    return unicodedata.is_normalized("NFKC", text) and _INVISIBLE.search(text) is None


def content_hash(normalized: str) -> str:
    """SHA-256 hex digest of normalized text (call normalize_text first).

    >>> content_hash("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()
