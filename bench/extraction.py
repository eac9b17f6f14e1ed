"""Article-body extraction: quality and speed against trafilatura on the shared pages.

    .venv/bin/python bench/extraction.py [--rounds 5] [--predictions DIR]

Runs `monitor.extract.extract_article` and trafilatura (`include_comments=False`, and
`fast=True`) over every page of ../shared/eval/extraction/html, scores each with the
metric of that folder's score.py (its `shingles` is imported, the averaging below is the
same), and prints F1, precision, recall and pages per second on one core.

Timing: CPU time of this process around each extract call (HTML parsing included, gzip
decompression and scoring excluded). The extractors take turns round by round; for each
extractor and page the fastest of the rounds counts, so a burst of load from other work on
the machine does not favour either. `--predictions DIR` also writes `<extractor>.jsonl`
files that score.py can read.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from monitor.extract import extract_article  # noqa: E402


@dataclass(frozen=True, slots=True)
class Score:
    f1: float
    precision: float
    recall: float


def shared_dir() -> Path:
    return Path(os.environ.get("MONITOR_SHARED_DIR", REPO.parent / "shared")).resolve()


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(scorer: ModuleType, gold: dict[str, dict[str, str]], pred: dict[str, str]) -> Score:
    """score.py's main(), as a function: per-page P and R averaged, F1 of the means."""
    ps, rs = [], []
    for pid, g in gold.items():
        t, p = scorer.shingles(g["articleBody"]), scorer.shingles(pred.get(pid, ""))
        tp = sum((t & p).values())
        if sum(p.values()):
            ps.append(tp / sum(p.values()))
        if sum(t.values()):
            rs.append(tp / sum(t.values()))
    precision = sum(ps) / len(ps) if ps else 0.0
    recall = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(f1, precision, recall)


def extractors() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {
        "monitor": lambda html: extract_article(html).text,
    }
    try:
        import trafilatura
    except ImportError:
        print("trafilatura is not installed (pip install '.[bench]'): measuring ours only")
        return found
    found["trafilatura"] = lambda html: trafilatura.extract(html, include_comments=False) or ""
    found["trafilatura fast"] = lambda html: (
        trafilatura.extract(html, include_comments=False, fast=True) or ""
    )
    return found


def timed_round(
    extract: Callable[[str], str], pages: dict[str, str], fastest: dict[str, float]
) -> dict[str, str]:
    """Run `extract` over every page; keep each page's fastest time in `fastest`."""
    out: dict[str, str] = {}
    for pid, html in pages.items():
        start = time.process_time()
        out[pid] = extract(html)
        spent = time.process_time() - start
        fastest[pid] = min(fastest.get(pid, spent), spent)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed passes per extractor")
    parser.add_argument("--predictions", type=Path, help="write <extractor>.jsonl files here")
    args = parser.parse_args()

    root = shared_dir() / "eval" / "extraction"
    if not (root / "ground-truth.json").is_file():
        print(f"skipped: {root} not found (set MONITOR_SHARED_DIR to the shared folder)")
        return
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    scorer = load_scorer(root / "score.py")
    pages = {
        path.name.removesuffix(".html.gz"): gzip.decompress(path.read_bytes()).decode("utf-8")
        for path in sorted((root / "html").glob("*.html.gz"))
    }
    runners = extractors()
    fastest: dict[str, dict[str, float]] = {name: {} for name in runners}
    predictions: dict[str, dict[str, str]] = {}
    for _ in range(max(1, args.rounds)):
        for name, extract in runners.items():
            predictions[name] = timed_round(extract, pages, fastest[name])
    best = {name: sum(times.values()) for name, times in fastest.items()}

    print(f"{len(pages)} pages, {len(gold)} with ground truth, fastest of {args.rounds} rounds")
    print(f"{'extractor':<18} {'F1':>6} {'P':>6} {'R':>6} {'pages/s':>9} {'x traf':>7}")
    reference = best.get("trafilatura")
    for name in runners:
        result = score(scorer, gold, predictions[name])
        rate = len(pages) / best[name] if best[name] else float("inf")
        ratio = f"{reference / best[name]:7.1f}" if reference else "      -"
        print(
            f"{name:<18} {result.f1:6.3f} {result.precision:6.3f} {result.recall:6.3f}"
            f" {rate:9.1f} {ratio}"
        )
        if args.predictions is not None:
            args.predictions.mkdir(parents=True, exist_ok=True)
            target = args.predictions / f"{name.replace(' ', '-')}.jsonl"
            with target.open("w", encoding="utf-8") as out:
                for pid, text in predictions[name].items():
                    out.write(json.dumps({"id": pid, "text": text}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
