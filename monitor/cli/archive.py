"""Archive commands: import, articles, show, export."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from monitor.cli.app import app
from monitor.cli.common import (
    Column,
    ConfigOption,
    WideOption,
    console,
    fmt_date,
    handle_errors,
    make_table,
    runtime_from,
    to_json,
)
from monitor.errors import ConfigError


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


@app.command()
@handle_errors
def articles(
    limit: int = typer.Option(50, min=1, help="How many, newest first."),
    offset: int = typer.Option(0, min=0),
    after: str | None = typer.Option(
        None, help="Continue after this id (the last of the previous page); faster than offset."
    ),
    feed: str | None = typer.Option(None, help="Only this feed."),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table."),
    wide: bool = WideOption,
    config: Path | None = ConfigOption,
) -> None:
    """List stored articles, newest first."""
    from monitor.store.articles import list_articles
    from monitor.store.exports import article_record

    rt = runtime_from(config, with_feeds=False)
    try:
        rows = list_articles(rt.db, limit=limit, offset=offset, feed=feed, after=after)
    except LookupError as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(1) from exc
    if as_json:
        for a in rows:
            print(to_json(article_record(a, text=False)))
        return
    columns = [
        Column("id", no_wrap=True),
        Column("published"),
        Column("feed", optional=True),
        Column("title"),
    ]
    cells = [
        (a.id, fmt_date(a.published_at), escape(a.feed or ""), escape(a.title[:200])) for a in rows
    ]
    console.print(make_table(columns, cells, wide=wide))


@app.command()
@handle_errors
def show(
    ref: str = typer.Argument(..., help="Article id (16 hex, or a unique prefix) or a URL."),
    as_json: bool = typer.Option(False, "--json"),
    config: Path | None = ConfigOption,
) -> None:
    """Show one article: metadata and text."""
    from monitor.store.articles import get_article
    from monitor.store.exports import article_record

    rt = runtime_from(config, with_feeds=False)
    a = get_article(rt.db, ref)
    if a is None:
        raise ConfigError("no such article", key=ref)
    if as_json:
        print(to_json(article_record(a)))
        return
    console.print(f"[bold]{a.title}[/bold]", highlight=False)
    console.print(
        f"id {a.id}  published {fmt_date(a.published_at)}  feed {a.feed}  group {a.group_id}\n"
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
    from monitor.store.articles import count_articles
    from monitor.store.exports import articles_csv, articles_jsonl, write_corpus

    rt = runtime_from(config, with_feeds=False)
    directory.mkdir(parents=True, exist_ok=True)
    if fmt == "corpus":
        n = write_corpus(rt.db, directory)
    else:
        chunks = articles_jsonl(rt.db) if fmt == "jsonl" else articles_csv(rt.db)
        target = directory / f"articles.{fmt}"
        with target.open("w", encoding="utf-8", newline="") as fh:
            fh.writelines(chunks)
        n = count_articles(rt.db)
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
