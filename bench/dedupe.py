"""Near-duplicates: the threshold's margin, measured, and the fingerprint's cost per article.

    python bench/dedupe.py

Margin: the 5-word-shingle Jaccard index (what decides a copy) of every true copy with its
original against every pair of different stories, on the demo corpus, on our fixtures
(tests/support/near_duplicates.py: several reports on one statement, edited copies of
each) and, when `../shared` is there, on the seeds and labeled article sets (all about one
subject; only pairs of them, no text is written anywhere). Next to it the same pairs by
SimHash distance (64 bits, 5-word shingles), the alternative the LSH was chosen over.

Cost: CPU per article of `monitor.normalize.fingerprint` (shingle hashes, SimHash, MinHash,
LSH keys) on the text extracted from a realistic 80 KB page (`bench/loadserver.py`) and on
a 7 KB text of real sentences, against sha256 of the same text (the content hash), and
datasketch's MinHash(128) when it is installed. Prints a table, then one JSON line.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from bench.loadserver import article as page_of  # noqa: E402
from monitor.extract import extract_article  # noqa: E402
from monitor.normalize import fingerprint, jaccard, normalize_text  # noqa: E402
from monitor.normalize.shingles import U64, shingle_hashes  # noqa: E402
from monitor.store.near import MIN_SIMILARITY  # noqa: E402
from tests.support import near_duplicates as nd  # noqa: E402

Texts = dict[str, str]


def _demo() -> tuple[Texts, list[tuple[str, str]]]:
    demo = REPO / "feeds" / "demo"
    texts = {f"demo/{p.name}": p.read_text(encoding="utf-8") for p in sorted(demo.glob("*.txt"))}
    return texts, [
        ("demo/05-planning-cell-meets.txt", "demo/06-planning-cell-meets-syndicated.txt")
    ]


def _fixtures() -> tuple[Texts, list[tuple[str, str]]]:
    texts = {f"ours/{n}": t for n, t in nd.originals().items()}
    copies = []
    for name, (source, _) in nd.COPIES.items():
        texts[f"ours/{name}"] = nd.copy_text(name)
        copies.append((f"ours/{name}", f"ours/{source}"))
    return texts, copies


def _shared() -> tuple[Texts, list[tuple[str, str]]]:
    """The seeds and labeled article sets; two rows with one source URL are a copy."""
    shared = REPO.parent / "shared"
    texts: Texts = {}
    copies: list[tuple[str, str]] = []
    for p in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        texts[f"seeds/{p.name}"] = p.read_text(encoding="utf-8")
    first_at: dict[str, str] = {}
    for name in ("dev-articles", "dev2-articles"):
        path = shared / "eval" / f"{name}.jsonl"
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        for row in map(json.loads, filter(str.strip, lines)):
            key = f"{name}/{row['id']}"
            texts[key] = f"{row.get('title') or ''}\n\n{row['text']}"
            if row.get("source_url") in first_at:
                copies.append((key, first_at[row["source_url"]]))
            first_at.setdefault(row.get("source_url") or key, key)
    return texts, copies


def simhash(hashes: U64) -> int:
    """64-bit SimHash over the same shingle hashes: the alternative, for comparison."""
    rows = np.unpackbits(hashes.astype(">u8").view(np.uint8).reshape(-1, 8), axis=1)
    majority = rows.sum(axis=0, dtype=np.int64) * 2 > len(hashes)
    return int.from_bytes(np.packbits(majority).tobytes(), "big")


def margin(texts: Texts, copies: list[tuple[str, str]]) -> dict[str, Any]:
    """Lowest similarity of a true copy, highest of two different stories."""
    hashes = {k: shingle_hashes(v) for k, v in texts.items()}
    marks = {k: simhash(v) for k, v in hashes.items()}
    copy_of = {frozenset(p) for p in copies}
    group = {k: k for k in texts}
    for a, b in copies:
        group[a] = group[b]
    same: list[tuple[float, int, str, str]] = []
    apart: list[tuple[float, int, str, str]] = []
    for a, b in itertools.combinations(sorted(texts), 2):
        j = jaccard(hashes[a], hashes[b])
        pair = (j, (marks[a] ^ marks[b]).bit_count(), a, b)
        if frozenset((a, b)) in copy_of:
            same.append(pair)
        elif group[a] != group[b]:
            apart.append(pair)
    low, high = min(same), max(apart)
    return {
        "copies": len(same),
        "distinct_pairs": len(apart),
        "lowest_copy_jaccard": round(low[0], 3),
        "lowest_copy": f"{low[2]} ~ {low[3]}",
        "highest_distinct_jaccard": round(high[0], 3),
        "highest_distinct": f"{high[2]} ~ {high[3]}",
        "threshold": MIN_SIMILARITY,
        "copy_simhash_max_bits": max(p[1] for p in same),
        "distinct_simhash_min_bits": min(p[1] for p in apart),
    }


def cpu_us(fn: Callable[[], object], n: int = 400, rounds: int = 7) -> float:
    """Median over rounds of the CPU time of one call, microseconds."""
    fn()
    times = []
    for _ in range(rounds):
        t0 = time.process_time()
        for _ in range(n):
            fn()
        times.append((time.process_time() - t0) / n * 1e6)
    return sorted(times)[len(times) // 2]


def _real_text(texts: Texts, size: int = 7000) -> str:
    out, total = [], 0
    for t in texts.values():
        out.append(t)
        total += len(t)
        if total >= size:
            break
    return normalize_text("\n\n".join(out))[:size]


def costs(texts: Texts) -> dict[str, Any]:
    page = page_of(3, True)
    text = normalize_text(extract_article(page).text)
    real = _real_text(texts)
    result: dict[str, Any] = {"page_bytes": len(page), "text_chars": len(text)}
    for label, t in (("page", text), ("real", real)):
        result[f"fingerprint_us_{label}"] = cpu_us(lambda t=t: fingerprint(t))  # type: ignore[misc]
        data = t.encode()
        result[f"sha256_us_{label}"] = cpu_us(lambda d=data: hashlib.sha256(d).digest())  # type: ignore[misc]
    result["real_chars"] = len(real)
    try:
        from datasketch import MinHash  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return result
    words = text.lower().split()
    grams = [" ".join(words[i : i + 5]).encode() for i in range(len(words) - 4)]

    def with_datasketch() -> None:
        MinHash(num_perm=128).update_batch(grams)

    result["datasketch_us_page"] = cpu_us(with_datasketch, n=20)
    return result


def main() -> int:
    sets = {"demo": _demo(), "ours": _fixtures(), "shared": _shared()}
    everything: Texts = {}
    pairs: list[tuple[str, str]] = []
    for texts, copies in sets.values():
        everything |= texts
        pairs += copies
    result: dict[str, Any] = {name: margin(*s) for name, s in sets.items() if s[1]}
    result["all"] = margin(everything, pairs)
    result["cost"] = costs(sets["shared"][0] or everything)
    for name in [n for n in ("demo", "ours", "shared", "all") if n in result]:
        m = result[name]
        print(
            f"{name:6} {m['copies']:2} copies: lowest Jaccard {m['lowest_copy_jaccard']:.3f} | "
            f"{m['distinct_pairs']:4} pairs of different stories: highest "
            f"{m['highest_distinct_jaccard']:.3f} | threshold {m['threshold']} | SimHash "
            f"bits: copies <= {m['copy_simhash_max_bits']}, "
            f"different >= {m['distinct_simhash_min_bits']}"
        )
    c = result["cost"]
    print(
        f"fingerprint per article: {c['fingerprint_us_page']:.0f} us on the text of an "
        f"{c['page_bytes'] // 1000} KB page ({c['text_chars']} chars), "
        f"{c['fingerprint_us_real']:.0f} us on {c['real_chars']} chars of real text "
        f"(target < 300 us); sha256 {c['sha256_us_page']:.0f} us"
        + (
            f"; datasketch MinHash(128) {c['datasketch_us_page']:.0f} us"
            if "datasketch_us_page" in c
            else ""
        )
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
