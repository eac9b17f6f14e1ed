"""Word shingles of a text, hashed in bulk, and the resemblance of two texts.

A shingle is five consecutive words; two texts resemble each other as much as their sets
of shingles overlap (Jaccard). A re-published copy with light edits (a typo fixed, one
sentence reworded, another credit line) keeps 0.75 or more of its shingles; two different
reports on one subject share almost none, even when they quote the same sentence (see
`bench/dedupe.py` for the measured margin).

Words: runs of letters, digits and "_" after ASCII case folding; ASCII punctuation and
the common Unicode punctuation (Latin-1 signs such as NBSP, guillemets; the General
Punctuation block: dashes, curly quotes, ellipsis; CJK punctuation) separate words,
every other non-ASCII character is part of a word. Everything runs over the text's
UTF-8 bytes in numpy: one hash per shingle, no Python loop per word (a regex listing
the words of a 7 KB story alone costs more than the whole fingerprint).

Hash: a polynomial hash modulo 2**64 of the shingle's bytes (single spaces between its
words), read off prefix sums (the base is odd, so its powers are invertible), then the
splitmix64 finalizer. Stable across processes and machines, unlike `hash()`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
SHINGLE_WORDS = 5
_BASE = 0x100000001B3  # the FNV-64 prime: odd
_BASE_INV = pow(_BASE, -1, 1 << 64)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_SPACE = 32


def _byte_table() -> bytes:
    out = bytearray(range(256))
    for c in range(128):
        ch = chr(c)
        if "A" <= ch <= "Z":
            out[c] = c + 32
        elif not (ch.isalnum() or ch == "_"):
            out[c] = _SPACE
    return bytes(out)


_TABLE = _byte_table()


def mix(x: U64) -> U64:
    """splitmix64's finalizer, element-wise (wraps modulo 2**64)."""
    x = x ^ (x >> np.uint64(30))
    x = x * _M1
    x = x ^ (x >> np.uint64(27))
    x = x * _M2
    return x ^ (x >> np.uint64(31))


def _word_bytes(text: str) -> npt.NDArray[np.uint8]:
    """Folded UTF-8 bytes: words separated by exactly one space, none at either end."""
    b = np.frombuffer(text.encode("utf-8", "replace").translate(_TABLE), dtype=np.uint8)
    if not text.isascii():
        b = _punctuation_to_spaces(b)
    space = b == _SPACE
    keep = ~space
    keep[1:] |= ~space[:-1]  # a space right after a word byte stays
    words: npt.NDArray[np.uint8] = b[keep]
    return words[:-1] if len(words) and words[-1] == _SPACE else words


def _punctuation_to_spaces(b: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """U+00A0..U+00BF (NBSP, guillemets, signs; two bytes), U+2000..U+207F and
    U+3000..U+303F (dashes, curly quotes, ellipsis, CJK marks; three bytes) as spaces.
    Only the lead bytes of non-ASCII characters are looked at (valid UTF-8: the
    continuation bytes follow)."""
    lead = np.flatnonzero(b >= 0xC2)
    first, second = b[lead], b[lead + 1]
    two = lead[(first == 0xC2) & (second >= 0xA0)]
    three = lead[((first == 0xE2) & (second <= 0x81)) | ((first == 0xE3) & (second == 0x80))]
    if not len(two) and not len(three):
        return b
    out = b.copy()
    for at in (two, two + 1, three, three + 1, three + 2):
        out[at] = _SPACE
    return out


_cache: tuple[U64, U64] = (np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))


def _powers(n: int) -> tuple[U64, U64]:
    """BASE**i and BASE**-i modulo 2**64 for i < n at least (kept and grown: a 7 KB story
    would spend a third of its hashing on computing them)."""
    global _cache
    if len(_cache[0]) < n:
        size = max(n, 2 * len(_cache[0]), 1 << 14)
        powers = np.empty(size, dtype=np.uint64)
        inverse = np.empty(size, dtype=np.uint64)
        powers[0] = inverse[0] = 1
        np.cumprod(np.full(size - 1, _BASE, dtype=np.uint64), out=powers[1:])
        np.cumprod(np.full(size - 1, _BASE_INV, dtype=np.uint64), out=inverse[1:])
        _cache = (powers, inverse)  # replaced whole: readers in other threads see either
    return _cache


def shingle_hashes(text: str) -> U64:
    """The distinct 64-bit hashes of the text's 5-word shingles, sorted.

    A text of fewer than five words is one shingle; a text without words has none.

    >>> a = shingle_hashes("Poland is ready to send troops, the minister said.")
    >>> b = shingle_hashes("poland  is ready to send troops -- the minister said")
    >>> len(a), bool((a == b).all())
    (5, True)
    """
    b = _word_bytes(text)
    n = len(b)
    if n == 0:
        return np.empty(0, dtype=np.uint64)
    gaps = np.flatnonzero(b == _SPACE)
    starts = np.concatenate(([0], gaps + 1))
    ends = np.concatenate((gaps - 1, [n - 1]))  # inclusive
    count = max(len(starts) - SHINGLE_WORDS + 1, 1)
    first, last = starts[:count], ends[min(SHINGLE_WORDS, len(starts)) - 1 :][:count]
    powers, inverse = _powers(n)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(b * powers[:n], out=prefix[1:])
    hashes = np.sort(mix((prefix[last + 1] - prefix[first]) * inverse[first]))
    if len(hashes) > 1:  # distinct values: np.unique costs ten times a sort here
        hashes = hashes[np.concatenate(([True], hashes[1:] != hashes[:-1]))]
    return hashes


def jaccard(a: U64, b: U64) -> float:
    """Jaccard index of two sorted sets of shingle hashes (1.0 for two empty texts).

    >>> x = shingle_hashes("one two three four five six")
    >>> jaccard(x, x), round(jaccard(x, shingle_hashes("one two three four five seven")), 3)
    (1.0, 0.333)
    """
    if len(a) == 0 and len(b) == 0:
        return 1.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)
