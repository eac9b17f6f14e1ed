"""Fingerprints that find re-published copies of one story: MinHash LSH keys.

Near-duplicates are decided by the Jaccard index of 5-word shingles
(`monitor.normalize.shingles`), and found through MinHash LSH: the store keeps
`LSH_BANDS` keys per article in an indexed table, and a new article's candidates are the
articles sharing one of its keys; each candidate is then checked on the texts.

MinHash by one-permutation hashing (Li, Owen and Zhang 2012) with densification by
rotation (Shrivastava and Li 2014): the shingle hashes fall into `MINHASH_BINS` bins by
their top bits and each bin keeps its smallest hash, so one hash per shingle serves all
bins (datasketch's MinHash applies 128 permutations to every shingle, 30x the cost, and
brings scipy). Two texts agree on a bin with probability about their Jaccard index J;
a band of `LSH_ROWS` bins matches with probability J**4, so a pair shares at least one
of 32 keys with probability 1 - (1 - J**4)**32: 0.99999995 at J = 0.8, 0.99 at 0.6,
0.87 at 0.5, and 0.0003 at J = 0.05 (different stories on one subject measure <= 0.02).

SimHash, the fingerprint before (64 bits, one band index per 8 bits, distance <= 7),
is gone: copies with Jaccard >= 0.8 measured up to 11 bits apart, and different stories
on one subject as close as 15 (3-word features) or 20 (5-word shingles), so no threshold
both finds the copies and keeps an index cheap (`bench/dedupe.py` has the figures).
"""

from __future__ import annotations

import numpy as np

from monitor.normalize.shingles import U64, mix, shingle_hashes

MINHASH_BINS = 128
LSH_ROWS = 4
LSH_BANDS = MINHASH_BINS // LSH_ROWS
_BIN_SHIFT = np.uint64(64 - 7)  # 2**7 == MINHASH_BINS
_ROTATE = np.uint64(0x9E3779B97F4A7C15)
_ROW_MULT = np.array(
    [0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD],
    dtype=np.uint64,
)


def fingerprint(text: str) -> tuple[int, ...]:
    """The LSH keys of a text (signed 64-bit, for BIGINT), one per band; none without words.

    >>> a = fingerprint("Poland is ready to send troops, the minister said on Monday.")
    >>> b = fingerprint("Poland is ready to send troops, the minister said on Monday. More.")
    >>> len(a), len(set(a) & set(b)) > 0, fingerprint("...")
    (32, True, ())
    """
    return fingerprint_and_shingles(text)[0]


def fingerprint_and_shingles(text: str) -> tuple[tuple[int, ...], U64]:
    """The LSH keys and the shingle hashes they come from (`shingle_hashes(text)`)."""
    hashes = shingle_hashes(text)
    return (lsh_keys(hashes) if len(hashes) else ()), hashes


def minhash(hashes: U64) -> U64:
    """One-permutation MinHash of sorted distinct shingle hashes: MINHASH_BINS values."""
    bins = (hashes >> _BIN_SHIFT).astype(np.intp)
    first = np.ones(len(hashes), dtype=bool)
    first[1:] = bins[1:] != bins[:-1]  # sorted: a bin's first hash is its smallest
    values = np.zeros(MINHASH_BINS, dtype=np.uint64)
    values[bins[first]] = hashes[first]
    if first.sum() == MINHASH_BINS:
        return values
    # An empty bin borrows the next filled bin's value (circularly), told apart by the
    # distance it was borrowed over, so two texts that both miss it still agree.
    filled = bins[first]
    index = np.arange(MINHASH_BINS)
    source = filled[np.searchsorted(filled, index) % len(filled)]
    distance = ((source - index) % MINHASH_BINS).astype(np.uint64)
    borrowed = mix(values[source] ^ (distance * _ROTATE))
    empty = np.ones(MINHASH_BINS, dtype=bool)
    empty[filled] = False
    return np.where(empty, borrowed, values)


def lsh_keys(hashes: U64) -> tuple[int, ...]:
    """One signed 64-bit key per band of LSH_ROWS MinHash values (the band's number mixed in)."""
    rows = minhash(hashes).reshape(LSH_BANDS, LSH_ROWS)
    bands = np.arange(LSH_BANDS, dtype=np.uint64)
    keys = mix((rows * _ROW_MULT).sum(axis=1, dtype=np.uint64) + bands * _ROTATE)
    return tuple(keys.view(np.int64).tolist())
