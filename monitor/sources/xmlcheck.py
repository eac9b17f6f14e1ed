"""Checks on a feed document before feedparser sees it: DTDs, nesting depth, well-formedness.

feedparser has two parsers: a strict one (expat through SAX) and, when that fails, a
lenient one written in Python that expands entities without limit and costs about 160
bytes of memory per byte of input. These checks keep hostile input away from both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


class _Enough(Exception):
    pass


_ITEMS = frozenset({"item", "entry"})


@dataclass(frozen=True, slots=True)
class XmlSurvey:
    """What one expat pass learnt: the root, why it is not well-formed (None: it is),
    and the document cut after `max_items` items, when it has more."""

    root: str | None
    problem: str | None
    cut: bytes | None = None


def survey_xml(body: bytes, *, max_items: int, url: str | None = None) -> XmlSurvey:
    """One streaming pass over `body`; nesting deeper than MAX_DEPTH raises ParseError.

    A feed of 10,000 items costs feedparser seconds for nothing when 100 are kept, so
    the document is cut after the end tag of item `max_items` and its open elements
    closed again.

    >>> survey_xml(b"<rss><channel></channel></rss>", max_items=10)
    XmlSurvey(root='rss', problem=None, cut=None)
    >>> survey_xml(b"<rss><channel></rss>", max_items=10).problem
    'mismatched tag: line 1, column 16'
    >>> survey_xml(b"<rss><channel><item/><item>x</item><item/></channel></rss>", max_items=2).cut
    b'<rss><channel><item/><item>x</item></channel></rss>'
    """
    parser = expat.ParserCreate()
    stack: list[str] = []
    first: list[str] = []
    items = 0
    cut_at = 0

    def start(name: str, attrs: object) -> None:
        stack.append(name)
        if not first:
            first.append(name)
        if len(stack) > MAX_DEPTH:
            raise _TooDeep

    def end(name: str) -> None:
        nonlocal items, cut_at
        stack.pop()
        if len(stack) in (1, 2) and name.rpartition(":")[2].lower() in _ITEMS:
            items += 1
            if items >= max_items:
                cut_at = body.find(b">", parser.CurrentByteIndex) + 1
                raise _Enough

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(body, True)
    except _TooDeep:
        raise ParseError(f"elements nested deeper than {MAX_DEPTH}", url=url) from None
    except _Enough:
        closing = "".join(f"</{name}>" for name in reversed(stack)).encode()
        return XmlSurvey(first[0], None, body[:cut_at] + closing)
    except expat.ExpatError as exc:
        return XmlSurvey(first[0] if first else None, str(exc))
    return XmlSurvey(first[0] if first else None, None)


def looks_like_markup(body: bytes) -> bool:
    """Whether the document starts (after a BOM and whitespace) with "<"."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n")
    return head.startswith(b"<")
