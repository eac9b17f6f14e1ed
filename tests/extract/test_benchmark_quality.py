"""A guard on extraction quality: the shared development pages, scored by their score.py.

bench/extraction.py prints the full comparison with trafilatura; this only keeps the
figure from sliding back. Reads ../shared (skipped when absent).
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

from monitor.extract import extract_article

MIN_F1 = 0.96  # trafilatura's figure on these pages; we measure about 0.987


def test_f1_on_the_shared_pages_is_at_least_trafilaturas(shared_dir: Path) -> None:
    root = shared_dir / "eval" / "extraction"
    spec = importlib.util.spec_from_file_location("extraction_score", root / "score.py")
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    precisions, recalls = [], []
    for page_id, truth in gold.items():
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        text = extract_article(html, truth["url"]).text
        true, pred = scorer.shingles(truth["articleBody"]), scorer.shingles(text)
        hits = sum((true & pred).values())
        if sum(pred.values()):
            precisions.append(hits / sum(pred.values()))
        recalls.append(hits / sum(true.values()))
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= MIN_F1, (f1, precision, recall)
