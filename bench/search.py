"""Search speed over 100,000 stored articles (target: p95 under 50 ms for every query type).

Generates synthetic articles straight into a fresh SQLite file in a temporary folder (the
FTS5 triggers index them as they land), then times typical searches through
`monitor.store.search.search_articles`. With MONITOR_TEST_POSTGRES_URL set, the same runs
on PostgreSQL in a schema of its own (VACUUM ANALYZE after the load, as autovacuum would).
Each query runs 21 times, interleaved with the others; the figures are the wall time p95
and median, the median CPU time of this process (all of SQLite's work) and, on PostgreSQL
(a server on this machine), the CPU its backend spent per query (/proc, averaged), with the
load average at the start and the end: on a shared machine wall time counts the waits for
a core too, CPU time does not.

    .venv/bin/python bench/search.py [--articles N]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.store import Database, open_database
from monitor.store.models import Article, ArticleClass, Observation
from monitor.store.search import SearchFilters, SearchPage, search_articles

TARGET_MS = 50.0
BATCH = 5_000
T0 = datetime(2024, 1, 1, tzinfo=UTC)
TOPIC = [
    "troops",
    "soldiers",
    "deploy",
    "deployment",
    "ceasefire",
    "brigade",
    "battalion",
    "ukraine",
    "forces",
    "ground",
    "minister",
    "defence",
    "government",
    "peacekeeping",
    "reassurance",
    "contingent",
    "mission",
    "engineers",
    "parliament",
    "alliance",
    "nato",
    "coalition",
    "plans",
    "ready",
    "prepared",
    "rule",
    "out",
    "considering",
    "premature",
    "decision",
    "send",
    "kyiv",
    "moscow",
    "kremlin",
    "border",
    "training",
    "demining",
    "logistics",
]
COUNTRIES = ["PL", "FR", "DE", "ES", "IT", "GB", "FI", "NL", "CZ", "EE", "RU", "US"]
STANCES = ["willing", "open", "undecided", "declined", "opposed"]
FEEDS = [f"feed-{i:02d}" for i in range(20)]


def vocabulary(rng: random.Random, n: int = 8_000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(n)]


def articles(n: int, seed: int = 7) -> Iterator[tuple[dict[str, object], int]]:
    rng = random.Random(seed)
    words = vocabulary(rng)
    # Zipf-like: a few common words, a long tail, and topic words in about a third.
    cum = list(itertools.accumulate(1.0 / (i + 1) for i in range(len(words))))
    for i in range(n):
        topical = rng.random() < 0.35
        body = rng.choices(words, cum_weights=cum, k=rng.randint(90, 180))
        if topical:
            for _ in range(rng.randint(3, 12)):
                body[rng.randrange(len(body))] = rng.choice(TOPIC)
        title = " ".join(
            rng.choices(words, cum_weights=cum, k=6) + ([rng.choice(TOPIC)] if topical else [])
        )
        text = ". ".join(" ".join(body[j : j + 15]) for j in range(0, len(body), 15)) + "."
        digest = hashlib.sha256(f"{i}:{text}".encode()).hexdigest()
        when = T0 + timedelta(minutes=7 * i)
        row: dict[str, object] = {
            "id": digest[:16],
            "content_hash": digest,
            "url": f"https://news{i % 50}.test/{i}",
            "canonical_url": f"https://news{i % 50}.test/{i}",
            "title": title.capitalize(),
            "text": text,
            "published_at": when,
            "fetched_at": when,
            "author": None,
            "language": "en",
            "feed": FEEDS[i % len(FEEDS)],
            "group_id": digest[:16],
        }
        yield row, 1 if topical else 0


def fill(db: Database, n: int) -> float:
    started = time.perf_counter()
    rng = random.Random(11)
    rows: list[dict[str, object]] = []
    classes: list[dict[str, object]] = []
    observations: list[dict[str, object]] = []

    def flush() -> None:
        with db.engine.begin() as conn:
            conn.execute(sa.insert(Article), rows)
            if classes:
                conn.execute(sa.insert(ArticleClass), classes)
            if observations:
                conn.execute(sa.insert(Observation), observations)
        rows.clear()
        classes.clear()
        observations.clear()

    for row, topical in articles(n):
        rows.append(row)
        aid = str(row["id"])
        mentioned = rng.sample(COUNTRIES, 3) if topical else []
        classes.append(
            {
                "article_id": aid,
                "relevant": bool(topical),
                "relevance": 0.9 if topical else 0.1,
                "countries": " ".join(mentioned),
                "classifier_version": "bench",
                "classified_at": row["fetched_at"],
            }
        )
        if topical and rng.random() < 0.5:
            observations.append(
                {
                    "article_id": aid,
                    "actor": mentioned[0],
                    "stance": rng.choice(STANCES),
                    "confidence": 0.9,
                    "evidence": "synthetic",
                    "start": 0,
                    "end": 9,
                    "rule": "bench",
                    "condition": None,
                    "classifier_version": "bench",
                    "observed_at": row["published_at"],
                    "group_id": aid,
                    "source": None,
                    "created_at": row["fetched_at"],
                }
            )
        if len(rows) >= BATCH:
            flush()
    if rows:
        flush()
    return time.perf_counter() - started


NEWEST = SearchFilters(query="troops", order="newest")
QUERIES = [
    ("word, best match", SearchFilters(query="troops")),
    ("word, newest first", NEWEST),
    ("two words", SearchFilters(query="ceasefire brigade")),
    ("phrase", SearchFilters(query='"ground forces"')),
    ("prefix", SearchFilters(query="deploy*")),
    ("word minus word", SearchFilters(query="troops -kremlin")),
    ("rare word", SearchFilters(query="peacekeeping contingent engineers")),
    ("word + relevant only", SearchFilters(query="soldiers", relevant_only=True)),
    ("word + country", SearchFilters(query="minister", country="PL")),
    ("word + country + stance", SearchFilters(query="ready", country="FR", stance="willing")),
    (
        "word + feed + dates",
        SearchFilters(
            query="government",
            feed="feed-03",
            since=T0 + timedelta(days=100),
            until=T0 + timedelta(days=300),
        ),
    ),
    ("word, page 10 by offset", SearchFilters(query="troops", offset=180)),
    ("no words, newest (browse)", SearchFilters()),
    ("browse + feed", SearchFilters(feed="feed-07", offset=100)),
    ("browse + stance", SearchFilters(stance="declined")),
]


def _cursor_to(db: Database, filters: SearchFilters, page: int) -> SearchFilters:
    """The filters of page `page` by cursor: the earlier pages are walked once, untimed."""
    current = filters
    for _ in range(page - 1):
        found = search_articles(db, current)
        current = replace(filters, after=found.next_cursor)
    return current


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure(
    db: Database, label: str, repeats: int = 21, server_cpu: ServerCpu | None = None
) -> dict[str, float]:
    """p95 wall ms per query type; rounds interleave the types so load hits them alike."""
    print(f"\n{label}: {db.dialect} ({_load()} at the start)")
    queries = [
        *QUERIES,
        ("word, page 10 by cursor", _cursor_to(db, SearchFilters(query="troops"), 10)),
        ("word, newest, page 10 by cursor", _cursor_to(db, NEWEST, 10)),
    ]
    walls: dict[str, list[float]] = {name: [] for name, _ in queries}
    cpus: dict[str, list[float]] = {name: [] for name, _ in queries}
    served: dict[str, float] = dict.fromkeys(walls, 0.0)
    pages: dict[str, SearchPage] = {}
    for _name, filters in queries:
        search_articles(db, filters)  # warm the cache
    for _ in range(repeats):
        for name, filters in queries:
            before = server_cpu() if server_cpu else 0.0
            c, t = time.process_time(), time.perf_counter()
            pages[name] = search_articles(db, filters)
            walls[name].append((time.perf_counter() - t) * 1000)
            cpus[name].append((time.process_time() - c) * 1000)
            served[name] += (server_cpu() - before) if server_cpu else 0.0
    p95s: dict[str, float] = {}
    for name, _ in queries:
        p95s[name] = p95 = _percentile(walls[name], 0.95)
        cpu = statistics.median(cpus[name])
        server = f"  server CPU {served[name] * 1000 / repeats:6.1f} ms" if server_cpu else ""
        print(
            f"  {name:32s} p95 {p95:7.1f} ms  median {statistics.median(walls[name]):7.1f} ms"
            f"  client CPU {cpu:6.1f} ms{server}  ({pages[name].total} matches)"
        )
    worst = max(p95s.values())
    verdict = "ok" if worst <= TARGET_MS else "SLOWER THAN TARGET"
    print(f"  slowest p95 {worst:.1f} ms (target <= {TARGET_MS:.0f} ms): {verdict}; {_load()}")
    return p95s


ServerCpu = Callable[[], float]


def backend_cpu(db: Database) -> ServerCpu:
    """Seconds of CPU the PostgreSQL backends of `db`'s connections have used (the server
    runs on this machine): /proc/<pid>/stat of each connection opened from now on."""
    pids: set[int] = set()

    def record(dbapi_conn: Any, _record: Any) -> None:
        with dbapi_conn.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            pids.add(int(cur.fetchone()[0]))

    db.engine.dispose()  # connections from now on are known
    sa.event.listen(db.engine, "connect", record)
    tick = os.sysconf("SC_CLK_TCK")

    def used() -> float:
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / tick

    return used


def run_sqlite(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        took = fill(db, n)
        size = (Path(tmp) / "bench.db").stat().st_size / 1e6
        print(f"stored and indexed {n} articles in SQLite in {took:.1f} s ({size:.0f} MB)")
        try:
            return measure(db, f"{n} articles") | {REFERENCE: raw_fts5_newest(db)}
        finally:
            db.dispose()


REFERENCE = "reference: raw FTS5 newest"


def raw_fts5_newest(db: Database, repeats: int = 21) -> float:
    """p95 ms of the bare FTS5 query for a word's newest 20 (rowid order), as the floor."""
    raw = db.engine.raw_connection()
    try:
        sql = (
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 20"
        )
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            raw.cursor().execute(sql, ('"troops"',)).fetchall()
            times.append((time.perf_counter() - t) * 1000)
    finally:
        raw.close()
    p95 = _percentile(times, 0.95)
    print(f"  {REFERENCE:32s} p95 {p95:7.1f} ms")
    return p95


def run_postgres(url: str, n: int) -> dict[str, float]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in url else "?"
    try:
        db = open_database(f"{url}{sep}options=-csearch_path%3D{schema}")
        took = fill(db, n)
        with db.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("VACUUM ANALYZE"))
        print(f"stored and indexed {n} articles in PostgreSQL in {took:.1f} s")
        try:
            return measure(db, f"{n} articles", server_cpu=backend_cpu(db))
        finally:
            db.dispose()
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--json", type=Path, help="also write the p95 figures to this file")
    args = parser.parse_args()
    results = {"sqlite": run_sqlite(args.articles)}
    pg = os.environ.get("MONITOR_TEST_POSTGRES_URL")
    if pg:
        results["postgresql"] = run_postgres(pg, args.articles)
    else:
        print("\n(PostgreSQL skipped: set MONITOR_TEST_POSTGRES_URL to measure it too)")
    if args.json:
        args.json.write_text(json.dumps(results))
    worst = max(v for r in results.values() for k, v in r.items() if k != REFERENCE)
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
