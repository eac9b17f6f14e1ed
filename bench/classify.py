"""Classifier speed on one core: the relevance gate, the rules, and the full model classifier.

Rates are per CPU second of this process (one core: onnxruntime runs with one thread), so
other load on the machine does not skew them. Uses the labeled texts in ../shared/eval
when present, else a small built-in sample. Measured:
  - the relevance gate over a realistic mix (about 4 in 5 articles not relevant);
  - the full classifier (`classifier = "model"`) on relevant articles of about 5 KB, and
    on the same mix;
  - the rules alone, sentences per second (the old figure).
Targets: gate >= 2,000 articles/s; model classifier >= 50 relevant 5 KB articles/s.
Run: .venv/bin/python bench/classify.py [--seconds N]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

from monitor.classify import build_classifier, default_classifier
from monitor.classify.hybrid import relevance_gate
from monitor.classify.model import MODEL_DIR

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
# Not relevant, as most of a newsroom's feed is: other news with no troops for Ukraine.
_OTHER = [
    "The central bank kept interest rates unchanged on Thursday, citing stubborn inflation "
    "in services and a weaker outlook for exports. ",
    "The club's new coach praised the defence after a goalless draw and said the squad "
    "would rotate before the cup tie. ",
    "Rail workers will strike next week over pay, the union said, after talks with the "
    "operator broke down late on Monday. ",
    "The city council approved a new budget for schools and parks, with more money for "
    "repairs to the old bridge. ",
]


def _load(shared: Path) -> tuple[list[str], list[tuple[str, str]]]:
    eval_dir = shared / "eval"
    if not eval_dir.is_dir():
        return _SAMPLE, [("", " ".join(_SAMPLE))]
    sentences = [
        json.loads(line)["text"]
        for line in (eval_dir / "dev-sentences.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    articles = []
    for name in ("dev-articles.jsonl", "dev2-articles.jsonl"):
        for line in (eval_dir / name).read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row["relevant"]:
                    articles.append((str(row.get("title") or ""), str(row["text"])))
    return sentences, articles


def _five_kb(articles: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Relevant articles grown (with the next ones, not repeats: the model would see the
    same windows twice) or cut to about 5,000 characters."""
    out = []
    for n, (title, text) in enumerate(articles):
        body, k = text, n
        while len(body) < 5000:
            k = (k + 1) % len(articles)
            body += "\n\n" + articles[k][1]
        out.append((title, body[:5000]))
    return out


def _mix(relevant: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Four other articles (about 5 KB each) for every relevant one."""
    out = []
    for n, item in enumerate(relevant):
        out.append(item)
        for k in range(4):
            other = _OTHER[(n + k) % len(_OTHER)]
            out.append(("Local news", (other * (5000 // len(other) + 1))[:5000]))
    return out


def _rate(items: list[tuple[str, str]], run: Callable[[str, str], object], seconds: float) -> float:
    done = 0
    start = time.process_time()
    while True:
        for title, text in items:
            run(text, title)
            done += 1
        elapsed = time.process_time() - start
        if elapsed >= seconds:
            return done / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get(
        "MONITOR_SHARED_DIR", str(Path(__file__).resolve().parents[2] / "shared")
    )
    parser.add_argument("--shared", default=default)
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    args = parser.parse_args()
    sentences, articles = _load(Path(args.shared))
    relevant = _five_kb(articles)
    mix = _mix(relevant)
    gate = _rate(mix, relevance_gate, args.seconds)
    print(f"relevance gate: {gate:,.0f} articles/second on the mix (target >= 2,000)")
    rules = default_classifier()
    per_sentence = _rate([("", s) for s in sentences], lambda t, h: rules.classify(t), 1.0)
    print(f"rules alone: {per_sentence:,.0f} sentences/second (one sentence per call)")
    rules_articles = _rate(relevant, lambda t, h: rules.classify(t, title=h), args.seconds)
    print(f"rules alone: {rules_articles:,.1f} relevant 5 KB articles/second")
    if not (MODEL_DIR / "manifest.json").exists():
        print("no shipped model (monitor/classify/model): model figures skipped")
        return 0
    model = build_classifier(mode="model")
    model.classify(relevant[0][1], title=relevant[0][0])  # load and warm the session
    full = _rate(relevant, lambda t, h: model.classify(t, title=h), args.seconds)
    print(f"model classifier: {full:,.1f} relevant 5 KB articles/second (target >= 50)")
    on_mix = _rate(mix, lambda t, h: model.classify(t, title=h), args.seconds)
    print(f"model classifier: {on_mix:,.1f} articles/second on the mix (1 in 5 relevant)")
    # CPU-time rates still drift with load (shared caches, frequency): say what it was.
    print("load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
