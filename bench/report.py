"""One table: the service against bare reference loops measured in the same run.

    .venv/bin/python bench/report.py [--articles 100] [--search-articles 100000] [--quick]

Runs each part in a fresh process (so CPU time and memory are its own), in this order:
ingest on SQLite and PostgreSQL (`bench/ingest_cpu.py ingest`), the 304 poll
(`bench/ingest_cpu.py poll`), search (`bench/search.py`), alert latency
(`bench/latency.py alerts`), idle memory (`bench/latency.py rss`) and the near-duplicate
fingerprint (`bench/dedupe.py`), then prints the
table: per row the service's figure, the reference loop's, the ratio, the target, and
whether it was met. PostgreSQL rows need MONITOR_TEST_POSTGRES_URL. CPU figures are the
client's CPU time (all threads, and its parse and extraction worker processes) per
operation; on a shared, loaded machine they drift up with the load, so compare the
columns of one run, not runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
PG_ENV = "MONITOR_TEST_POSTGRES_URL"


@dataclass(frozen=True, slots=True)
class Row:
    measure: str
    service: float | None
    reference: float | None
    unit: str
    target: str
    met: bool | None  # None: no target, or not measured
    note: str = ""

    def cells(self) -> list[str]:
        def show(v: float | None) -> str:
            if v is None:
                return "-"
            return f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.2f}" if abs(v) < 10 else f"{v:,.1f}"

        ratio = "-"
        if self.service is not None and self.reference:
            ratio = f"{self.service / self.reference:.2f}x"
        met = {True: "yes", False: "NO", None: "-"}[self.met]
        unit = f" {self.unit}" if self.unit else ""
        return [
            self.measure,
            show(self.service) + unit,
            show(self.reference) + unit if self.reference is not None else "-",
            ratio,
            self.target,
            met + (f" ({self.note})" if self.note else ""),
        ]


def run_part(args: list[str], timeout: float = 1800) -> dict[str, Any]:
    """Run a bench script in a child process; its last stdout line is a JSON object."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if out.returncode not in (0, 1):  # search exits 1 when it misses its target
        print(out.stderr[-3000:], file=sys.stderr)
        return {"error": f"{args[0]} exited {out.returncode}"}
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    return json.loads(lines[-1]) if lines else {"error": "no result"}


def ingest_rows(db: str, n: int) -> list[Row]:
    label = "SQLite" if db == "sqlite" else "PostgreSQL"
    r = run_part([str(BENCH / "ingest_cpu.py"), "ingest", "--db", db, "--articles", str(n)])
    if "skipped" in r or "error" in r:
        return [
            Row(f"ingest, {label}", None, None, "", "", None, r.get("skipped", r.get("error", "")))
        ]
    target = 350 if db == "sqlite" else 300
    ref = r["reference"]
    return [
        Row(
            f"ingest {label}, realistic mix (1 in 10 relevant), art/core-s",
            r["realistic"],
            ref,
            "",
            f">= {target}",
            r["realistic"] >= target,
        ),
        Row(f"ingest {label}, all relevant, art/core-s", r["all_relevant"], ref, "", "", None),
        Row(
            f"ingest {label}, without classifier, art/core-s", r["no_classifier"], ref, "", "", None
        ),
    ]


def poll_rows() -> list[Row]:
    r = run_part([str(BENCH / "ingest_cpu.py"), "poll"])
    if "error" in r:
        return [Row("304 poll", None, None, "", "", None, r["error"])]
    return [
        Row(
            "304 poll, poll path (claim, fetch, record), CPU",
            r["poll_path"],
            r["httpx"],
            "us",
            "<= 900 us",
            r["poll_path"] <= 900,
        ),
        Row("304 poll, fetcher alone, CPU", r["fetcher"], r["httpx"], "us", "", None),
    ]


def search_rows(n: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "search.json"
        run_part([str(BENCH / "search.py"), "--articles", str(n), "--json", str(path)], 3600)
        if not path.exists():
            return [Row("search", None, None, "", "", None, "did not finish")]
        results: dict[str, dict[str, float]] = json.loads(path.read_text())
    ref_key = "reference: raw FTS5 newest"
    ref = results["sqlite"].get(ref_key)
    rows = []
    for dialect, figures in results.items():
        name = "SQLite" if dialect == "sqlite" else "PostgreSQL"
        for query, p95 in figures.items():
            if query != ref_key:
                rows.append(
                    Row(f"search {name}, {query}, p95", p95, ref, "ms", "<= 50 ms", p95 <= 50)
                )
    return rows


def alert_rows(burst: int) -> list[Row]:
    rows = []
    for wake in (True, False):
        args = [str(BENCH / "latency.py"), "alerts", "--burst", str(burst)]
        r = run_part(args + ([] if wake else ["--no-wake"]))
        if "error" in r:
            rows.append(Row("alert latency", None, None, "", "", None, r["error"]))
            continue
        how = "woken by ingest" if wake else "poll interval only (before)"
        for phase, label in (
            ("singles", "one article per poll"),
            ("burst", f"{burst} in one poll"),
        ):
            p99 = r[phase].get("p99")
            rows.append(
                Row(
                    f"alert latency commit->webhook p99, {label}, {how}",
                    p99,
                    None,
                    "s",
                    "<= 0.5 s" if wake else "",
                    (p99 is not None and p99 <= 0.5) if wake else None,
                    f"n={r[phase]['n']}",
                )
            )
    return rows


def dedupe_rows() -> list[Row]:
    r = run_part([str(BENCH / "dedupe.py")])
    if "error" in r:
        return [Row("fingerprint per article", None, None, "", "", None, r["error"])]
    c, m = r["cost"], r["all"]
    margin = f"copies >= {m['lowest_copy_jaccard']}, others <= {m['highest_distinct_jaccard']}"
    return [
        Row("fingerprint, 80 KB page's text, CPU", c["fingerprint_us_page"], c["sha256_us_page"],
            "us", "< 300 us", c["fingerprint_us_page"] < 300, "reference: sha256"),
        Row("fingerprint, 7 KB real text, CPU", c["fingerprint_us_real"], c["sha256_us_real"],
            "us", "< 300 us", c["fingerprint_us_real"] < 300, margin),
    ]  # fmt: skip


def rss_rows() -> list[Row]:
    r = run_part([str(BENCH / "latency.py"), "rss"])
    if "error" in r:
        return [Row("idle RSS", None, None, "", "", None, r["error"])]
    return [Row("idle RSS, monitor run", r["service"], r["python"], "MB", "<= 250 MB",
                r["service"] <= 250)]  # fmt: skip


def print_table(rows: list[Row]) -> None:
    head = ["measure", "service", "bare reference", "ratio", "target", "met"]
    table = [head] + [r.cells() for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(head))]
    for k, line in enumerate(table):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")
        if k == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100, help="pages per ingest run")
    parser.add_argument("--search-articles", type=int, default=100_000)
    parser.add_argument("--burst", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.search_articles, args.burst = 20, 2_000, 20
    rows: list[Row] = []
    for part in (
        lambda: ingest_rows("sqlite", args.articles),
        lambda: ingest_rows("postgresql", args.articles),
        poll_rows,
        lambda: search_rows(args.search_articles),
        lambda: alert_rows(args.burst),
        rss_rows,
        dedupe_rows,
    ):
        rows += part()
        print(f"... {rows[-1].measure}", file=sys.stderr, flush=True)
    print()
    print_table(rows)
    missed = [r.measure for r in rows if r.met is False]
    print(f"\n{len(missed)} targets missed" + (": " + "; ".join(missed) if missed else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
