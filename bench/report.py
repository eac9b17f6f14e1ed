"""One table: the service against bare reference loops measured in the same run.

    .venv/bin/python bench/report.py [--articles 100] [--search-articles 100000]
        [--burst 100] [--scale-feeds 5000] [--scale-seconds 180] [--quick]

Runs each part in a fresh process (so CPU time and memory are its own), in the order of
issue 13's table: ingest on SQLite and PostgreSQL (`bench/ingest_cpu.py ingest`), the
304 poll (`bench/ingest_cpu.py poll`), `monitor run` polling 5,000 feeds (`bench/
scheduler.py scale`: known feeds at 60 s for lag, CPU share and peak RSS, at 30 s for the
polls per minute it keeps up, and a cold start's first round), `claim_due` of 5,000
due feeds (`bench/scheduler.py claim`), CLI start (`bench/cli_start.py`), search
(`bench/search.py`), alert latency commit -> webhook on SQLite and PostgreSQL
(`bench/latency.py alerts`), idle memory (`bench/latency.py rss`) and the near-duplicate
fingerprint (`bench/dedupe.py`), then prints the table: per row the service's figure,
the reference loop's, the ratio, the target, and whether it was met ("-" where there is
no target, or `--quick` sizes make the figure not comparable with it). PostgreSQL rows
need MONITOR_TEST_POSTGRES_URL. CPU figures are the client's CPU time (all threads, and
its parse and extraction worker processes) per operation; on a shared, loaded machine
they drift up with the load, so compare the columns of one run, not runs.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
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
            show(self.service) + (unit if self.service is not None else ""),
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
    full = n >= 100_000  # the size; a smaller index says little about the target
    for dialect, figures in results.items():
        name = "SQLite" if dialect == "sqlite" else "PostgreSQL"
        for query, p95 in figures.items():
            if query != ref_key:
                met = p95 <= 50 if full else None
                rows.append(
                    Row(f"search {name}, {query}, p95", p95, ref, "ms", "<= 50 ms", met,
                        "" if full else f"{n:,} articles")
                )  # fmt: skip
    return rows


def alert_rows(burst: int) -> list[Row]:
    """Commit -> webhook received, p99 as the figure (p50 and p95 in the note), on SQLite
    and PostgreSQL: woken by ingest (a commit of the dispatcher's own process), and not
    woken (as for a commit of another worker process: the next claim, every second)."""
    rows = []
    for wake in (True, False):
        for db in ("sqlite", "postgresql"):
            rows += _alert_run(db, wake, burst)
    return rows


def _alert_run(db: str, wake: bool, burst: int) -> list[Row]:
    label = "SQLite" if db == "sqlite" else "PostgreSQL"
    args = [str(BENCH / "latency.py"), "alerts", "--db", db, "--burst", str(burst)]
    r = run_part(args + ([] if wake else ["--no-wake"]))
    if "error" in r or "skipped" in r:
        why = r.get("error", r.get("skipped", ""))
        return [Row(f"alert latency, {label}", None, None, "", "", None, why)]
    # Not woken by its own ingest: as for a commit of another worker process, which
    # SQLite's dispatchers find by their watch of data_version, PostgreSQL's at its NOTIFY.
    how = "" if wake else ", another worker's commit"
    seen = "" if wake else ("; data_version watch, 0.1 s" if db == "sqlite" else "; NOTIFY")
    rows = []
    for phase, what in (("singles", "one article per poll"), ("burst", f"{burst} in one poll")):
        got = r[phase]
        p99 = got.get("p99")
        note = f"n={got['n']}"
        if p99 is not None:
            note += f", p50 {got['p50']:.2f} s, p95 {got['p95']:.2f} s, load {r['load']:.1f}"
        rows.append(
            Row(
                f"alert latency commit->webhook p99, {label}, {what}{how}",
                p99,
                None,
                "s",
                "<= 0.5 s" if wake else "",
                (p99 is not None and p99 <= 0.5) if wake else None,
                note + seen,
            )
        )
    return rows


def _text_part(args: list[str], timeout: float = 1800) -> str:
    """Run a bench script that prints text (bench/scheduler.py, bench/cli_start.py)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if out.returncode != 0:
        print(out.stderr[-3000:], file=sys.stderr)
    return out.stdout


def _number(pattern: str, text: str) -> float | None:
    found = re.search(pattern, text, re.MULTILINE)
    value = float(found.group(1)) if found else None
    return None if value is None or math.isnan(value) else value  # nan: too short to tell


def claim_rows() -> list[Row]:
    """`claim_due` leasing 5,000 due feeds in one statement (bench/scheduler.py claim)."""
    text = _text_part([str(BENCH / "scheduler.py"), "claim"])
    rows = []
    for db, label in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        ms = _number(rf"^\s*{db}\s+claim_due\s+([\d.]+) ms", text)
        cpu = _number(rf"^\s*{db}\s+claim_due.*?CPU here\s+([\d.]+)", text)
        note = f"CPU here {cpu:.1f} ms" if cpu is not None else "not measured"
        if ms is None and db == "postgresql" and "skipped" in text:
            note = "skipped: set MONITOR_TEST_POSTGRES_URL"
        rows.append(
            Row(f"claim_due, 5,000 due feeds, {label}", ms, None, "ms", "< 50 ms",
                None if ms is None else ms < 50, note)
        )  # fmt: skip
    return rows


def _scale_run(feeds: int, seconds: float, interval: int, warm: bool) -> dict[str, Any]:
    args = [str(BENCH / "scheduler.py"), "scale", "--feeds", str(feeds), "--seconds", str(seconds)]
    args += ["--interval", str(interval)] + (["--warm"] if warm else [])
    text = _text_part(args, timeout=seconds + 600)
    done = re.search(r"feeds polled at least once\s+(\d+) of (\d+)", text)
    return {
        "per_min": _number(r"polls per minute\s+([\d.]+)", text),
        "lag": _number(r"lag of due feeds p95\s+([\d.]+|nan) s", text),
        "rss": _number(r"peak RSS\s+([\d.]+) MB", text),
        "cpu": _number(r"CPU share of one core\s+([\d.]+)%", text),
        "first": _number(r"first round done after\s+([\d.]+) s", text),
        "note": f"{feeds} feeds every {interval} s, {seconds:g} s"
        + (f", {done.group(1)} of {done.group(2)} polled" if done else ", no result"),
    }


def scale_rows(feeds: int, seconds: float) -> list[Row]:
    """`monitor run` polling `feeds` known feeds (ETags stored), 5% changing (bench/
    scheduler.py scale --warm): at a 60 s interval, the steady state's lag, CPU share and
    RSS, and polls per minute, which cannot pass feeds per minute there; at a 30 s interval
    (twice the polls asked), the polls per minute it can keep up. Then the cold start, a
    fresh database whose first round stores every item: how long that round takes."""
    steady = _scale_run(feeds, seconds, 60, warm=True)
    capacity = _scale_run(feeds, seconds / 2, 30, warm=True)
    cold = _scale_run(feeds, seconds, 60, warm=False)
    full = feeds >= 5000 and seconds >= 180  # the run; a shorter one is a smoke test

    def met(value: float | None, ok: Callable[[float], bool]) -> bool | None:
        return None if value is None or not full else ok(value)

    return [
        Row("scale: polls per minute, 60 s interval (at most feeds/min)", steady["per_min"],
            None, "", "", None, steady["note"]),
        Row("scale: polls per minute it keeps up, 30 s interval", capacity["per_min"], None, "",
            ">= 5,000", met(capacity["per_min"], lambda v: v >= 5000), capacity["note"]),
        Row("scale: lag of due feeds p95, 60 s interval", steady["lag"], None, "s", "", None,
            steady["note"]),
        Row("scale: CPU share of one core, 60 s interval", steady["cpu"], None, "%",
            "most of a core free (< 50%)", met(steady["cpu"], lambda v: v < 50), steady["note"]),
        Row("scale: peak RSS, monitor run", steady["rss"], None, "MB", "<= 250 MB",
            met(steady["rss"], lambda v: v <= 250), steady["note"]),
        Row("scale, cold start: first round (every item new) done after", cold["first"], None,
            "s", "", None, cold["note"] + f", {cold['per_min']} polls/min"),
    ]  # fmt: skip


def cli_rows() -> list[Row]:
    """The slowest `monitor ... --help` in CPU time, against a bare python (cli_start.py)."""
    text = _text_part([str(BENCH / "cli_start.py")])
    worst = _number(r"slowest ([\d.]+) ms CPU", text)
    bare = _number(r"bare python: [\d.]+ ms wall, ([\d.]+) ms CPU", text)
    note = "slowest of every command's --help, fastest of 5 rounds"
    return [
        Row("CLI start (monitor ... --help), CPU", worst, bare, "ms", "< 500 ms",
            None if worst is None else worst < 500, note if worst is not None else "no result")
    ]  # fmt: skip


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
    parser.add_argument("--scale-feeds", type=int, default=5_000)
    parser.add_argument("--scale-seconds", type=float, default=180)
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.search_articles, args.burst = 20, 2_000, 20
        args.scale_feeds, args.scale_seconds = 1_000, 30
    rows: list[Row] = []
    for part in (
        lambda: ingest_rows("sqlite", args.articles),
        lambda: ingest_rows("postgresql", args.articles),
        poll_rows,
        lambda: scale_rows(args.scale_feeds, args.scale_seconds),
        claim_rows,
        cli_rows,
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
