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


def content_hash(normalized: str) -> str:
    """SHA-256 hex digest of normalized text (call normalize_text first).

    >>> content_hash("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()
