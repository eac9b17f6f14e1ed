"""Archive commands: import, articles, show, export."""

from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from monitor.cli import app
from monitor.cli.common import ConfigOption, console, fmt_time, handle_errors, runtime_from, to_json
from monitor.errors import ConfigError
from monitor.store.articles import StoredArticle, get_article, iter_articles, list_articles


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


@app.command("import")
@handle_errors
def import_(
    directory: Path = typer.Argument(..., help="A corpus directory of .txt/.html files."),
    feed: str = typer.Option("import", help="Feed name recorded on the imported articles."),
    config: Path | None = ConfigOption,
) -> None:
    """Import a corpus directory (like shared/corpus/seeds): extract, dedupe, store."""
    if not directory.is_dir():
        raise ConfigError("not a directory", key=str(directory))
    rt = runtime_from(config, with_feeds=False)
    ingestor = rt.ingestor(None)
    with _progress() as bar:
        task = bar.add_task(f"importing {directory.name}", total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = asyncio.run(ingestor.import_directory(directory, feed=feed, progress=step))
    console.print(
        f"{report.entries} files: {report.new} new, {report.duplicates} duplicates, "
        f"{report.known} already imported, {report.too_short} too short, {report.errors} errors"
    )
    for detail in report.error_details:
        console.print(f"  [red]error:[/red] {detail}", highlight=False)
    if report.errors:
        raise typer.Exit(1)


def _row(a: StoredArticle, *, text: bool = False) -> dict[str, object]:
    row: dict[str, object] = {
        "id": a.id,
        "title": a.title,
        "url": a.url,
        "canonical_url": a.canonical_url,
        "published": a.published_at,
        "fetched": a.fetched_at,
        "author": a.author,
        "language": a.language,
        "feed": a.feed,
        "group": a.group_id,
        "content_hash": a.content_hash,
    }
    if text:
        row["text"] = a.text
    return row


@app.command()
@handle_errors
def articles(
    limit: int = typer.Option(50, min=1, help="How many, newest first."),
    offset: int = typer.Option(0, min=0),
    feed: str | None = typer.Option(None, help="Only this feed."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
    config: Path | None = ConfigOption,
) -> None:
    """List stored articles, newest first."""
    rt = runtime_from(config, with_feeds=False)
    rows = list_articles(rt.db, limit=limit, offset=offset, feed=feed)
    if as_json:
        for a in rows:
            print(to_json(_row(a)))
        return
    table = Table("id", "published", "feed", "title")
    for a in rows:
        table.add_row(a.id, fmt_time(a.published_at), a.feed or "", a.title[:90])
    console.print(table)


@app.command()
@handle_errors
def show(
    ref: str = typer.Argument(..., help="Article id (16 hex, or a unique prefix) or a URL."),
    as_json: bool = typer.Option(False, "--json"),
    config: Path | None = ConfigOption,
) -> None:
    """Show one article: metadata and text."""
    rt = runtime_from(config, with_feeds=False)
    a = get_article(rt.db, ref)
    if a is None:
        raise ConfigError("no such article", key=ref)
    if as_json:
        print(to_json(_row(a, text=True)))
        return
    console.print(f"[bold]{a.title}[/bold]", highlight=False)
    console.print(
        f"id {a.id}  published {fmt_time(a.published_at)}  feed {a.feed}  group {a.group_id}\n"
        f"{a.canonical_url or a.url}\n",
        highlight=False,
    )
    console.print(a.text, highlight=False, markup=False)


@app.command()
@handle_errors
def export(
    directory: Path = typer.Argument(..., help="Output folder (created if missing)."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="corpus | jsonl | csv"),
    config: Path | None = ConfigOption,
) -> None:
    """Export the archive: corpus files NNN_<id>.txt, articles.jsonl or articles.csv."""
    if fmt not in ("corpus", "jsonl", "csv"):
        raise ConfigError("must be corpus, jsonl or csv", key="--format")
    rt = runtime_from(config, with_feeds=False)
    directory.mkdir(parents=True, exist_ok=True)
    n = 0
    if fmt == "corpus":
        for n, a in enumerate(iter_articles(rt.db), start=1):
            body = (
                f"{a.title}\n\n{a.text}\n"
                if a.title and not a.text.startswith(a.title)
                else a.text + "\n"
            )
            (directory / f"{n - 1:03d}_{a.id}.txt").write_text(body, encoding="utf-8")
    elif fmt == "jsonl":
        with (directory / "articles.jsonl").open("w", encoding="utf-8") as fh:
            for a in iter_articles(rt.db):
                n += 1
                fh.write(to_json(_row(a, text=True)) + "\n")
    else:
        with (directory / "articles.csv").open("w", encoding="utf-8", newline="") as fh:
            writer: csv.DictWriter[str] | None = None
            for a in iter_articles(rt.db):
                n += 1
                row = {
                    k: (v.isoformat() if hasattr(v, "isoformat") else v)
                    for k, v in _row(a, text=True).items()
                }
                if writer is None:
                    writer = csv.DictWriter(fh, fieldnames=list(row))
                    writer.writeheader()
                writer.writerow(row)
    console.print(f"exported {n} articles to {directory} ({fmt})")


@app.command()
@handle_errors
def reclassify(
    as_json: bool = typer.Option(False, "--json", help="Print each changed article as JSON."),
    config: Path | None = ConfigOption,
) -> None:
    """Re-run the current classifier over every stored article (nothing is fetched)."""
    from monitor.ingest import utcnow
    from monitor.reclassify import reclassify as run_reclassify

    rt = runtime_from(config, with_feeds=False)
    assert rt.classifier is not None
    with _progress() as bar:
        task = bar.add_task("reclassifying", total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = run_reclassify(rt.db, rt.classifier, now=utcnow, progress=step, alerts=rt.alerts)
    if as_json:
        for c in report.changes:
            print(
                to_json(
                    {
                        "id": c.article_id,
                        "added": sorted(map(list, c.added)),
                        "removed": sorted(map(list, c.removed)),
                        "relevance_changed": c.relevance_changed,
                    }
                )
            )
        return
    console.print(f"{report.articles} articles, {report.changed} changed")
    for stance in sorted(set(report.added) | set(report.removed)):
        console.print(f"  {stance}: +{report.added[stance]} -{report.removed[stance]}")
