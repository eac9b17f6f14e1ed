"""Classifier speed on one core: sentences per second and articles per second.

Rates are per CPU second of this process (one core), so other load on the machine does
not skew them. Uses the labeled texts in ../shared/eval when present (dev sentences, dev
articles, seeds), else a small built-in sample.
Run: .venv/bin/python bench/classify.py [--seconds N]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from monitor.classify import default_classifier
from monitor.classify.text import split_sentences

_SAMPLE = [
    "Spain is ready to deploy a battalion to Ukraine once a truce holds.",
    "Hungary will not send soldiers to Ukraine under any circumstances.",
    "Ireland has not ruled out sending troops to Ukraine after a peace agreement.",
    "Japan's defence minister said Tokyo was not considering sending troops to Ukraine.",
    "The Kremlin said the deployment of any Western troops in Ukraine was unacceptable.",
    "Germany is deploying a brigade to Lithuania to strengthen NATO's eastern flank.",
    "The EU agreed a new package of sanctions on Russian oil.",
    "Spain, Portugal and Greece have no plans to send troops to Ukraine.",
]


def _load(shared: Path) -> tuple[list[str], list[str]]:
    sentences: list[str] = []
    articles: list[str] = []
    eval_dir = shared / "eval"
    if not eval_dir.is_dir():
        return _SAMPLE, [" ".join(_SAMPLE)]
    for line in (eval_dir / "dev-sentences.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            sentences.append(json.loads(line)["text"])
    for line in (eval_dir / "dev-articles.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            articles.append(json.loads(line)["text"])
    for path in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        articles.append(path.read_text("utf-8"))
    return sentences, articles


def _rate(items: list[str], run: Callable[[str], object], seconds: float) -> tuple[float, int]:
    done = 0
    start = time.process_time()
    while True:
        for item in items:
            run(item)
        done += 1
        elapsed = time.process_time() - start
        if elapsed >= seconds:
            return elapsed, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get(
        "MONITOR_SHARED_DIR", str(Path(__file__).resolve().parents[2] / "shared")
    )
    parser.add_argument("--shared", default=default)
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args()
    classifier = default_classifier()
    sentences, articles = _load(Path(args.shared))
    classifier.classify(sentences[0])  # warm the gazetteer and caches

    elapsed, rounds = _rate(sentences, classifier.classify, args.seconds)
    per_sentence = rounds * len(sentences) / elapsed
    elapsed, rounds = _rate(articles, classifier.classify, args.seconds)
    per_article = rounds * len(articles) / elapsed
    article_sentences = sum(len(split_sentences(a)) for a in articles)
    in_articles = rounds * article_sentences / elapsed
    chars = sum(len(a) for a in articles) / len(articles)

    print(f"sentences/second (one sentence per call): {per_sentence:,.0f}")
    print(f"articles/second: {per_article:,.1f} (mean {chars:,.0f} characters)")
    print(f"sentences/second inside articles: {in_articles:,.0f}")
    print("target: at least 2,000 sentences/second on one core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
