"""Score the stance classifier on the labeled sets in ../shared/eval (seeds, dev sentences,
dev articles) as shared/eval/README.md defines it: per text, the set of (actor, stance)
pairs predicted against the gold set; precision, recall and F1 per stance, macro-F1 over
the five stances; relevance accuracy over articles.

Run: .venv/bin/python bench/eval_stances.py [--shared DIR] [--errors] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from monitor.classify import Classification, Stance, classify

STANCES = [s.value for s in Stance]
Pair = tuple[str, str]


@dataclass
class Counts:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STANCES, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STANCES, 0))
    fn: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STANCES, 0))
    rel_right: int = 0
    rel_total: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, rid: str, gold: set[Pair], pred: set[Pair], text: str) -> None:
        for _actor, stance in pred & gold:
            self.tp[stance] += 1
        for _actor, stance in pred - gold:
            self.fp[stance] += 1
        for _actor, stance in gold - pred:
            self.fn[stance] += 1
        if pred != gold:
            self.errors.append(
                f"{rid}: missing {sorted(gold - pred)} extra {sorted(pred - gold)} | {text[:160]}"
            )

    def merge(self, other: Counts) -> None:
        for s in STANCES:
            self.tp[s] += other.tp[s]
            self.fp[s] += other.fp[s]
            self.fn[s] += other.fn[s]
        self.rel_right += other.rel_right
        self.rel_total += other.rel_total

    def scores(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for s in STANCES:
            tp, fp, fn = self.tp[s], self.fp[s], self.fn[s]
            p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
            r = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            out[s] = {"precision": p, "recall": r, "f1": f1, "support": tp + fn}
        return out

    def macro_f1(self) -> float:
        return sum(v["f1"] for v in self.scores().values()) / len(STANCES)


def pairs(c: Classification) -> set[Pair]:
    return {(f.actor, f.stance.value) for f in c.stances}


def gold_pairs(labels: Iterable[dict[str, str]]) -> set[Pair]:
    return {(x["actor"], x["stance"]) for x in labels}


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def eval_sentences(shared: Path, titles: bool = True) -> Counts:
    """Each row classified alone; with its article's title as context when `titles`."""
    counts = Counts()
    for row in read_jsonl(shared / "eval" / "dev-sentences.jsonl"):
        text = str(row["text"])
        c = classify(text, title=str(row.get("source_title") or "") if titles else "")
        counts.add(str(row["id"]), gold_pairs(row["labels"]), pairs(c), text)  # type: ignore[arg-type]
    return counts


def eval_articles(shared: Path) -> Counts:
    counts = Counts()
    for row in read_jsonl(shared / "eval" / "dev-articles.jsonl"):
        text = str(row["text"])
        c = classify(text, title=str(row.get("title") or ""))
        counts.add(str(row["id"]), gold_pairs(row["labels"]), pairs(c), text)  # type: ignore[arg-type]
        counts.rel_total += 1
        if c.relevant == bool(row["relevant"]):
            counts.rel_right += 1
        else:
            counts.errors.append(f"{row['id']}: relevance {c.relevance} gold {row['relevant']}")
    return counts


@dataclass
class SeedReport:
    found: int = 0
    labeled: int = 0
    extra: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    relevant: int = 0
    articles: int = 0

    @property
    def passes(self) -> bool:
        return not self.missing and len(self.extra) <= 2 and self.relevant == self.articles


def eval_seeds(shared: Path) -> tuple[Counts, SeedReport]:
    counts = Counts()
    report = SeedReport()
    for row in read_jsonl(shared / "eval" / "seeds.labels.jsonl"):
        name = str(row["file"])
        text = (shared / "corpus" / "seeds" / name).read_text("utf-8")
        c = classify(text)
        gold = gold_pairs(row["stances"])  # type: ignore[arg-type]
        pred = pairs(c)
        counts.add(name, gold, pred, "")
        counts.rel_total += 1
        counts.rel_right += c.relevant == bool(row["relevant"])
        report.articles += 1
        report.relevant += c.relevant
        report.labeled += len(gold)
        report.found += len(gold & pred)
        report.missing += [f"{name} {a}:{s}" for a, s in sorted(gold - pred)]
        report.extra += [f"{name} {a}:{s}" for a, s in sorted(pred - gold)]
    return counts, report


def print_table(title: str, counts: Counts) -> None:
    print(f"\n== {title}")
    print(f"{'stance':<10} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    for s, v in counts.scores().items():
        print(
            f"{s:<10} {v['precision']:>6.3f} {v['recall']:>6.3f} {v['f1']:>6.3f} "
            f"{int(v['support']):>8}"
        )
    print(f"macro-F1 {counts.macro_f1():.3f}  (a stance with no gold and no prediction counts 1.0)")
    if counts.rel_total:
        print(
            f"relevance accuracy {counts.rel_right / counts.rel_total:.3f} "
            f"({counts.rel_right}/{counts.rel_total})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get(
        "MONITOR_SHARED_DIR", str(Path(__file__).resolve().parents[2] / "shared")
    )
    parser.add_argument("--shared", default=default, help="the shared/ folder")
    parser.add_argument("--errors", action="store_true", help="list every wrong row")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the seed bar is not met")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "eval").is_dir():
        print(f"no labeled data at {shared}/eval", file=sys.stderr)
        return 2
    sentences = eval_sentences(shared)
    articles = eval_articles(shared)
    seeds, report = eval_seeds(shared)
    print_table("dev sentences (per sentence, title as context)", sentences)
    bare = eval_sentences(shared, titles=False)
    print(f"text only, without titles: macro-F1 {bare.macro_f1():.3f}")
    print_table("dev articles (per article)", articles)
    print_table("seeds (per article)", seeds)
    total = Counts()
    for part in (sentences, articles, seeds):
        total.merge(part)
    print_table("all labeled rows", total)
    print("\n== seed bar (every labeled pair found, <= 2 extra pairs, all 5 relevant)")
    print(f"labeled pairs found {report.found}/{report.labeled}")
    print(f"extra pairs {len(report.extra)}: {', '.join(report.extra) or '-'}")
    if report.missing:
        print(f"missing: {', '.join(report.missing)}")
    print(f"relevant {report.relevant}/{report.articles}")
    print(f"seed bar: {'PASS' if report.passes else 'FAIL'}")
    if args.errors:
        print("\n== errors")
        for part in (sentences, articles, seeds):
            for line in part.errors:
                print(line)
    return 1 if args.strict and not report.passes else 0


if __name__ == "__main__":
    raise SystemExit(main())
