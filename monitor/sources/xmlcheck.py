"""Checks on a feed document before feedparser sees it: DTDs, nesting depth, well-formedness.

feedparser has two parsers: a strict one (expat through SAX) and, when that fails, a
lenient one written in Python that expands entities without limit and costs about 160
bytes of memory per byte of input. These checks keep hostile input away from both.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from monitor.errors import ErrorKind, ParseError

_PROLOG_LIMIT = 4096
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*(\[)?", re.IGNORECASE)
# No real feed nests deeper than a few dozen elements (XHTML content included).
MAX_DEPTH = 256
# A document that is not well-formed gets the lenient parser only up to this size.
LENIENT_MAX_BYTES = 512 * 1024


def refuse_dtd(body: bytes, *, url: str | None = None) -> None:
    """Raise ParseError(dtd_forbidden) if the document declares entities or a DTD subset.

    A bare external DOCTYPE line (old RSS 0.91 feeds) declares nothing and is allowed.
    """
    if _ENTITY_DECL.search(body):
        raise ParseError(
            "document declares XML entities; refused", url=url, kind=ErrorKind.DTD_FORBIDDEN
        )
    m = _DOCTYPE.search(body[:_PROLOG_LIMIT]) or _DOCTYPE.search(body)
    if m and m.group(1):
        raise ParseError(
            "document declares an internal DTD; refused", url=url, kind=ErrorKind.DTD_FORBIDDEN
        )


class _TooDeep(Exception):
    pass


def xml_problem(body: bytes, *, url: str | None = None) -> tuple[str | None, str | None]:
    """The root element's name and why `body` is not well-formed XML (None when it is).

    Nesting deeper than MAX_DEPTH raises ParseError: that is hostile, not broken.

    >>> xml_problem(b"<rss><channel></channel></rss>")
    ('rss', None)
    >>> xml_problem(b"<rss><channel></rss>")
    ('rss', 'mismatched tag: line 1, column 16')
    """
    parser = expat.ParserCreate()
    depth = 0
    root: str | None = None

    def start(name: str, attrs: object) -> None:
        nonlocal depth, root
        depth += 1
        if root is None:
            root = name
        if depth > MAX_DEPTH:
            raise _TooDeep

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(body, True)
    except _TooDeep:
        raise ParseError(f"elements nested deeper than {MAX_DEPTH}", url=url) from None
    except expat.ExpatError as exc:
        return root, str(exc)
    return root, None


def looks_like_markup(body: bytes) -> bool:
    """Whether the document starts (after a BOM and whitespace) with "<"."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n")
    return head.startswith(b"<")
