"""Pure pieces of the web: the timeline chart, evidence marking, host and write checks."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from fastapi import HTTPException
from starlette.requests import Request

from monitor.web.auth import refuse_cross_site
from monitor.web.marking import Span, TextPiece, locate, mark_paragraphs
from monitor.web.security import is_loopback, loopback_hosts
from monitor.web.timeline import Observed, Point, Segment, draw_timeline, stance_segments

T = [datetime(2025, m, 1, tzinfo=UTC) for m in range(1, 13)]
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_segments_follow_the_trackers_events_when_there_are_any() -> None:
    items = [
        Observed(T[0], "undecided", "new"),
        Observed(T[1], "open", None),  # one source, low confidence: the tracker kept undecided
        Observed(T[3], "open", "changed"),
        Observed(T[5], "open", None),
        Observed(T[7], "willing", "changed"),
    ]
    assert stance_segments(items, NOW) == (
        Segment("undecided", T[0], T[3]),
        Segment("open", T[3], T[7]),
        Segment("willing", T[7], NOW),
    )


def test_segments_without_events_change_at_each_new_stance() -> None:
    items = [
        Observed(T[0], "open", None),
        Observed(T[2], "open", None),
        Observed(T[4], "declined", None),
    ]
    assert stance_segments(items, NOW) == (
        Segment("open", T[0], T[4]),
        Segment("declined", T[4], NOW),
    )
    assert stance_segments([], NOW) == ()


def test_the_chart_is_valid_svg_with_escaped_text_and_a_description() -> None:
    segments = stance_segments(
        [Observed(T[0], "open", "new"), Observed(T[6], "opposed", "changed")], NOW
    )
    points = [
        Point(T[0], "open", '2025-01-01 · open · "a" <b>&</b>', True),
        Point(T[6], "opposed", "x", True),
        Point(T[8], "opposed", "y", False),
    ]
    svg = draw_timeline(segments, points, now=NOW)
    root = ET.fromstring(svg)  # well-formed: the escaping held
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert root.findtext(f"{ns}desc") == "open from 2025-01-01; opposed from 2025-07-01"
    titles = [t.text for t in root.iter(f"{ns}title")]
    assert '2025-01-01 · open · "a" <b>&</b>' in titles
    circles = root.findall(f"{ns}circle")
    assert [c.get("fill") for c in circles] == ["#0969da", "#cf222e", "#cf222e"]
    assert [c.get("r") for c in circles] == ["5", "5", "3.5"]
    xs = [float(c.get("cx") or 0) for c in circles]
    assert xs == sorted(xs) and xs[0] >= 92 and xs[-1] <= 760 - 16
    rects = root.findall(f"{ns}rect")
    assert len(rects) == 2 and float(rects[1].get("x") or 0) == xs[1]
    assert "style=" not in svg and "<script" not in svg
    labels = [t.text or "" for t in root.iter(f"{ns}text")]
    assert labels[:5] == ["willing", "open", "undecided", "declined", "opposed"]
    ticks = labels[5:]
    assert len(ticks) == 6 and ticks[-1] == "Jan 2026" and all(" 202" in t for t in ticks)


def test_a_single_observation_still_draws() -> None:
    svg = draw_timeline(
        stance_segments([Observed(NOW, "open", None)], NOW),
        [Point(NOW, "open", "x", True)],
        now=NOW,
    )
    assert ET.fromstring(svg).find("{http://www.w3.org/2000/svg}rect") is not None


def test_marking_evidence_in_paragraphs() -> None:
    text = "Title line\n\nPoland will send troops. Spain will not.\nItaly, Greece are open."
    spans = [
        Span(12, 36, "willing", "Poland: willing"),
        Span(53, 76, "open", "Italy: open"),
        Span(53, 76, "open", "Greece: open"),
    ]
    paras = mark_paragraphs(text, spans)
    assert paras == (
        (TextPiece("Title line"),),
        (
            TextPiece("Poland will send troops.", "willing", "Poland: willing"),
            TextPiece(" Spain will not."),
        ),
        (TextPiece("Italy, Greece are open.", "open", "Italy: open; Greece: open"),),
    )
    assert "".join(p.text for para in paras for p in para) == text.replace("\n", "")
    # Spans outside the text are ignored rather than breaking the page.
    assert mark_paragraphs("short", [Span(3, 99, "open", "x")]) == ((TextPiece("short"),),)


def test_locate_prefers_the_stored_span_then_searches() -> None:
    text = "A said no. B said yes. B said yes."
    assert locate(text, "B said yes.", 23, 34) == (23, 34)
    assert locate(text, "B said yes.", 0, 5) == (11, 22)
    assert locate(text, "C said maybe.", 0, 5) is None


def test_loopback_detection() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("127.1.2.3")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
    assert not is_loopback("example.org")
    assert "localhost" in loopback_hosts("127.0.0.1")


def _request(headers: dict[str, str]) -> Request:
    raw = [
        (k.lower().encode(), v.encode()) for k, v in {"host": "127.0.0.1:8080", **headers}.items()
    ]
    return Request(
        {
            "type": "http",
            "method": "POST",
            "scheme": "http",
            "path": "/x",
            "query_string": b"",
            "headers": raw,
        }
    )


def test_cross_site_check() -> None:
    refuse_cross_site(_request({}))
    refuse_cross_site(_request({"origin": "http://127.0.0.1:8080"}))
    refuse_cross_site(_request({"sec-fetch-site": "same-origin"}))
    for headers in ({"origin": "http://evil.test"}, {"sec-fetch-site": "cross-site"}):
        with pytest.raises(HTTPException) as err:
            refuse_cross_site(_request(headers))
        assert err.value.status_code == 403
