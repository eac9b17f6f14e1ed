"""Publication dates: our reader against htmldate on the shared pages and our fixtures.

    .venv/bin/python bench/dates_compare.py [--shared ../shared]

For every page of ../shared/eval/extraction/html and tests/data/extract, prints how many
pages each reader dates, how often the two agree on the day, and the CPU time per page.
htmldate (installed with trafilatura, in the bench extra) is run with
`original_date=True, extensive_search=False` and a fixed `max_date`, so it cannot fall
back to the clock; ours reads metadata, JSON-LD, <time>, then datelines in the text.
The pages carry no labelled dates: disagreements are listed for reading by eye.
"""

from __future__ import annotations

import argparse
import gzip
import time
from datetime import UTC, datetime
from pathlib import Path

from monitor.extract import extract_article

NEW = "now" in extract_article.__code__.co_varnames
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _pages(shared: Path) -> list[tuple[str, str]]:
    pages = []
    for path in sorted((shared / "eval" / "extraction" / "html").glob("*.html.gz")):
        pages.append((path.name[:12], gzip.decompress(path.read_bytes()).decode("utf-8")))
    for path in sorted((Path(__file__).parent.parent / "tests/data/extract").glob("*.html")):
        pages.append((path.name, path.read_text(encoding="utf-8")))
    return pages


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).parent.parent.parent / "shared")
    args = ap.parse_args()
    from htmldate import find_date as htmldate_find

    ours_n = theirs_n = agree = both = 0
    t_ours = t_theirs = 0.0
    for name, html in _pages(args.shared):
        t0 = time.process_time()
        art = extract_article(html, now=NOW) if NEW else extract_article(html)
        t1 = time.process_time()
        found = htmldate_find(
            html, original_date=True, extensive_search=False, max_date="2026-12-01"
        )
        t2 = time.process_time()
        t_ours += t1 - t0
        t_theirs += t2 - t1
        ours = art.published.date().isoformat() if art.published else None
        ours_n += ours is not None
        theirs_n += found is not None
        if ours and found:
            both += 1
            agree += ours == found
        if ours != found:
            print(f"{name:14} ours={ours} ({art.date_source}) htmldate={found}")
    n = len(_pages(args.shared))
    print(f"pages {n}: ours dated {ours_n}, htmldate {theirs_n}; both {both}, same day {agree}")
    print(f"extract_article {1000 * t_ours / n:.1f} ms/page; htmldate {1000 * t_theirs / n:.1f}")


if __name__ == "__main__":
    main()
