"""Local corpus directories: the file-system counterpart of the fetcher (reads files only)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from monitor.errors import ParseError

SUFFIXES = (".txt", ".html", ".htm")
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CorpusFile:
    path: Path
    body: bytes

    @property
    def is_html(self) -> bool:
        return self.path.suffix.lower() in (".html", ".htm")

    @property
    def url(self) -> str:
        return self.path.resolve().as_uri()


def list_corpus(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise ParseError("corpus directory not found", url=str(directory))
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def read_corpus_file(path: Path) -> CorpusFile:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ParseError(f"file of {size} bytes is past the {MAX_FILE_BYTES} cap", url=str(path))
    return CorpusFile(path=path, body=path.read_bytes())
