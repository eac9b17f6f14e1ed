"""Search values and the pure parts of search: query syntax, highlight markers, cursors.

No database here: what the engines (`fts5.py`, `tsvector.py`) run is built from these values.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

# Private-use code points mark hits inside snippets; they never occur in normalized text
# worth searching, and they survive both databases' highlighters untouched.
HIT_OPEN = "\ue000"
HIT_CLOSE = "\ue001"
SNIPPET_WORDS = 28
PREVIEW_CHARS = 280
MAX_LIMIT = 200


class InvalidCursor(ValueError):
    """A page cursor that this search did not hand out (or for another order)."""


@dataclass(frozen=True, slots=True)
class Fragment:
    """A piece of a title or snippet; `hit` is true where it matched the query."""

    text: str
    hit: bool = False


@dataclass(frozen=True, slots=True)
class Term:
    """One query term: a word or a quoted phrase, maybe a prefix (`troop*`) or excluded."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True, slots=True)
class SearchFilters:
    query: str = ""
    relevant_only: bool = False
    country: str | None = None  # ISO alpha-2: a stance for it, or a mention of it
    stance: str | None = None  # an observation with this stance (for `country` if given)
    feed: str | None = None
    since: datetime | None = None  # publication (else fetch) time, inclusive
    until: datetime | None = None  # exclusive
    order: str = "relevance"  # "relevance" (when there is a query) or "newest"
    limit: int = 20
    offset: int = 0  # skipped after `after`; prefer the cursor, which costs nothing
    after: str | None = None  # SearchPage.next_cursor of the previous page


@dataclass(frozen=True, slots=True)
class HitStance:
    actor: str
    stance: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str
    title_fragments: tuple[Fragment, ...]
    snippet: tuple[Fragment, ...]
    url: str
    published_at: datetime | None
    fetched_at: datetime
    feed: str | None
    group_id: str
    relevant: bool | None  # None: not classified yet
    stances: tuple[HitStance, ...]


@dataclass(frozen=True, slots=True)
class SearchPage:
    hits: tuple[SearchHit, ...]
    total: int
    limit: int
    offset: int
    next_cursor: str | None = None  # pass as SearchFilters.after for the next page


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: str
    title: str
    url: str
    published_at: datetime | None
    feed: str | None


@dataclass(frozen=True, slots=True)
class SearchFacets:
    """Values the filters can take, for a search form."""

    feeds: tuple[str, ...]
    countries: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Position:
    """Where a page ended in its order: (time, id) for newest first, (rank, id) ranked;
    SQLite breaks rank ties by the full-text rowid (`doc`), which needs no join to read."""

    id: str
    at: datetime | None = None
    rank: float | None = None
    doc: int | None = None


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
_WORD = re.compile(r"\w+")
_MARKS = re.compile(f"([{HIT_OPEN}{HIT_CLOSE}])")


def parse_query(query: str) -> tuple[Term, ...]:
    """Words and "quoted phrases", all required; `-word` excludes, `word*` is a prefix.

    >>> parse_query('troops -football "ground forces" deploy*')[2]
    Term(words=('ground', 'forces'), prefix=False, negated=False)
    """
    terms: list[Term] = []
    for m in _TOKEN.finditer(query):
        if m.group(2) is not None:
            words = tuple(w.lower() for w in _WORD.findall(m.group(2)))
            terms.append(Term(words, negated=bool(m.group(1))))
            continue
        raw = m.group(4)
        words = tuple(w.lower() for w in _WORD.findall(raw))
        prefix = raw.endswith("*") and len(words) == 1
        terms.append(Term(words, prefix=prefix, negated=bool(m.group(3))))
    return tuple(t for t in terms if t.words)


def fts5_query(terms: Sequence[Term]) -> str | None:
    """The FTS5 MATCH expression; None when nothing is required (only exclusions or empty).

    >>> fts5_query(parse_query('troops -football'))
    '"troops" NOT "football"'
    """
    positive = [_fts5_term(t) for t in terms if not t.negated]
    if not positive:
        return None
    expr = " AND ".join(positive)
    for t in terms:
        if t.negated:
            expr += f" NOT {_fts5_term(t)}"
    return expr


def _fts5_term(t: Term) -> str:
    # Words are \w+ only, so a double-quoted string cannot break out of the syntax.
    return f'"{" ".join(t.words)}"' + ("*" if t.prefix else "")


def tsquery(terms: Sequence[Term]) -> str | None:
    """The to_tsquery() expression for PostgreSQL; None when nothing is required.

    >>> tsquery(parse_query('"ground forces" -football deploy*'))
    '(ground <-> forces) & (deploy:*) & !(football)'
    """
    positive = [_ts_term(t) for t in terms if not t.negated]
    if not positive:
        return None
    negative = [f"!{_ts_term(t)}" for t in terms if t.negated]
    return " & ".join(positive + negative)


def _ts_term(t: Term) -> str:
    inner = " <-> ".join(t.words)
    return f"({inner}:*)" if t.prefix else f"({inner})"


@dataclass(frozen=True, slots=True)
class Parts:
    """A query's terms by the index that answers them: words and phrases the stemmed
    index (`troops` finds "troop"), prefixes the index of words as written (`deploy*`
    finds "deploy", "deployed", "deployment": words that begin with those letters, and
    the same on both databases, which stem differently). Each side is an engine
    expression of its required terms less its excluded ones (`stems`, `prefixes`),
    or, when it has only excluded ones, the expression any of them matches
    (`stems_excluded`, `prefixes_excluded`: the hits must not match it).
    """

    stems: str | None = None
    stems_excluded: str | None = None
    prefixes: str | None = None
    prefixes_excluded: str | None = None


def fts5_parts(terms: Sequence[Term]) -> Parts:
    """The FTS5 expressions of a query's two sides.

    >>> p = fts5_parts(parse_query('troops deploy* -kremlin'))
    >>> p.stems, p.prefixes
    ('"troops" NOT "kremlin"', '"deploy"*')
    """
    return _parts(terms, fts5_query, lambda ts: " OR ".join(_fts5_term(t) for t in ts))


def ts_parts(terms: Sequence[Term]) -> Parts:
    """The to_tsquery() expressions of a query's two sides (english, then 'simple').

    >>> ts_parts(parse_query('-troops deploy*'))
    Parts(stems=None, stems_excluded='(troops)', prefixes='(deploy:*)', prefixes_excluded=None)
    """
    return _parts(terms, tsquery, lambda ts: " | ".join(_ts_term(t) for t in ts))


def _parts(
    terms: Sequence[Term],
    required: Callable[[Sequence[Term]], str | None],
    any_of: Callable[[Sequence[Term]], str],
) -> Parts:
    sides = []
    for prefix in (False, True):
        mine = [t for t in terms if t.prefix == prefix]
        expr = required(mine)
        sides += [expr, any_of(mine) if mine and expr is None else None]
    return Parts(*sides)


def split_marked(value: str) -> tuple[Fragment, ...]:
    """Fragments of a highlighter's output that uses HIT_OPEN/HIT_CLOSE as markers.

    >>> split_marked("a \ue000b\ue001 c")
    (Fragment(text='a ', hit=False), Fragment(text='b', hit=True), Fragment(text=' c', hit=False))
    """
    out: list[Fragment] = []
    hit = False
    for piece in _MARKS.split(value):
        if piece in (HIT_OPEN, HIT_CLOSE):
            hit = piece == HIT_OPEN
        elif piece:
            out.append(Fragment(piece, hit))
    return tuple(out)


def preview(text_: str) -> tuple[Fragment, ...]:
    flat = " ".join(text_.split())
    if len(flat) > PREVIEW_CHARS:
        flat = flat[:PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
    return (Fragment(flat),) if flat else ()


def page_bounds(f: SearchFilters) -> tuple[int, int]:
    return max(1, min(f.limit, MAX_LIMIT)), max(0, f.offset)


def encode_cursor(order: str, pos: Position) -> str:
    """An opaque page cursor: the order and the last hit's sort key.

    >>> p = Position("ab12", rank=-1.5, doc=7)
    >>> decode_cursor("relevance", encode_cursor("relevance", p)) == p
    True
    """
    if pos.rank is not None and pos.doc is not None:
        key = f"d|{pos.rank!r}:{pos.doc}|{pos.id}"
    elif pos.rank is not None:
        key = f"r|{pos.rank!r}|{pos.id}"
    else:
        key = f"n|{pos.at.isoformat() if pos.at else ''}|{pos.id}"
    return base64.urlsafe_b64encode(f"{order}|{key}".encode()).decode().rstrip("=")


def decode_cursor(order: str, cursor: str) -> Position:
    """The position a cursor names; InvalidCursor when it is not one for this order."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        made_for, kind, key, aid = raw.split("|", 3)
        if made_for != order or not aid:
            raise ValueError(f"made for order {made_for!r}")
        if kind == "r":
            return Position(aid, rank=float(key))
        if kind == "d":
            rank, doc = key.split(":")
            return Position(aid, rank=float(rank), doc=int(doc))
        if kind == "n":
            return Position(aid, at=datetime.fromisoformat(key) if key else None)
        raise ValueError(f"unknown kind {kind!r}")
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidCursor(f"invalid page cursor: {exc}") from exc
