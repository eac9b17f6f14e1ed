"""Export downloads: articles and stance history as JSONL/CSV, the corpus as a zip, OPML."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Iterator
from typing import IO

from fastapi import APIRouter
from fastapi.responses import Response, StreamingResponse
from starlette.background import BackgroundTask

from monitor.sources.opml import feeds_opml
from monitor.store.exports import (
    articles_csv,
    articles_jsonl,
    corpus_files,
    stance_history,
    stance_history_csv,
    stance_history_jsonl,
)
from monitor.web.context import Ctx

router = APIRouter(prefix="/api/export", tags=["exports"])

JSONL = "application/x-ndjson; charset=utf-8"
CSV = "text/csv; charset=utf-8"
CHUNK = 64 * 1024


def _download(chunks: Iterator[str], media_type: str, filename: str) -> StreamingResponse:
    return StreamingResponse(
        (c.encode("utf-8") for c in chunks),
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/articles.jsonl", response_class=StreamingResponse)
def articles_as_jsonl(ctx: Ctx) -> StreamingResponse:
    """Every stored article with its text, one JSON object per line."""
    return _download(articles_jsonl(ctx.db), JSONL, "articles.jsonl")


@router.get("/articles.csv", response_class=StreamingResponse)
def articles_as_csv(ctx: Ctx) -> StreamingResponse:
    """Every stored article with its text, as CSV."""
    return _download(articles_csv(ctx.db), CSV, "articles.csv")


@router.get("/stances.jsonl", response_class=StreamingResponse)
def stances_as_jsonl(ctx: Ctx) -> StreamingResponse:
    """Every country's stance history (each observation), one JSON object per line."""
    return _download(stance_history_jsonl(stance_history(ctx.db)), JSONL, "stances.jsonl")


@router.get("/stances.csv", response_class=StreamingResponse)
def stances_as_csv(ctx: Ctx) -> StreamingResponse:
    """Every country's stance history as CSV."""
    return _download(stance_history_csv(stance_history(ctx.db)), CSV, "stances.csv")


def _file_chunks(fh: IO[bytes]) -> Iterator[bytes]:
    while chunk := fh.read(CHUNK):
        yield chunk


@router.get("/corpus.zip", response_class=StreamingResponse)
def corpus_zip(ctx: Ctx) -> StreamingResponse:
    """The archive in the corpus format: a zip of NNN_<id>.txt files."""
    # Spooled: small archives stay in memory, large ones go to a temporary file.
    fh = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 (closed after sending)
    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, body in corpus_files(ctx.db):
            zf.writestr(f"corpus/{name}", body)
    fh.seek(0)
    return StreamingResponse(
        _file_chunks(fh),
        media_type="application/zip",
        headers={"Content-Disposition": 'attachment; filename="corpus.zip"'},
        background=BackgroundTask(fh.close),
    )


@router.get("/feeds.opml", response_class=Response)
def feeds_as_opml(ctx: Ctx) -> Response:
    """The web feeds as OPML 2.0 (for another reader, or `monitor opml import`)."""
    return Response(
        feeds_opml(ctx.feeds),
        media_type="text/x-opml; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="feeds.opml"'},
    )
