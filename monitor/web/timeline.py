"""A country's stance over time: segments from its history, drawn as a static SVG chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.sax.saxutils import escape, quoteattr

STANCES = ("willing", "open", "undecided", "declined", "opposed")
COLOURS = {
    "willing": "#1a7f37",
    "open": "#0969da",
    "undecided": "#9a6700",
    "declined": "#bc4c00",
    "opposed": "#cf222e",
}
UNKNOWN_COLOUR = "#6e7781"


@dataclass(frozen=True, slots=True)
class Segment:
    """The stance held from `start` until `end` (the next change, or now)."""

    stance: str
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Point:
    """One observation on the chart."""

    at: datetime
    stance: str
    label: str  # tooltip: date, stance and evidence
    changed: bool  # this observation set a new current stance


@dataclass(frozen=True, slots=True)
class Observed:
    """What the chart needs from a history item (oldest first)."""

    at: datetime
    stance: str
    event: str | None


def stance_segments(items: Sequence[Observed], now: datetime) -> tuple[Segment, ...]:
    """Periods of the current stance. When the tracker marked events, a stance changes only
    at them (its decision: publication order, flap rules); otherwise at every new stance.

    >>> from datetime import UTC
    >>> t = [datetime(2025, m, 1, tzinfo=UTC) for m in (1, 2, 3)]
    >>> [s.stance for s in stance_segments(
    ...     [Observed(t[0], "open", None), Observed(t[1], "open", None),
    ...      Observed(t[2], "willing", None)], datetime(2025, 4, 1, tzinfo=UTC))]
    ['open', 'willing']
    """
    tracked = any(i.event for i in items)
    changes: list[tuple[datetime, str]] = []
    for item in items:
        current = changes[-1][1] if changes else None
        decisive = item.event is not None or not tracked
        if decisive and item.stance != current:
            changes.append((item.at, item.stance))
    ends = [at for at, _ in changes[1:]]
    if changes:
        ends.append(max(now, changes[-1][0]))
    return tuple(
        Segment(stance, start, end) for (start, stance), end in zip(changes, ends, strict=True)
    )


def _ticks(t0: datetime, t1: datetime, n: int = 6) -> list[tuple[datetime, str]]:
    span = t1 - t0
    fmt = "%b %Y" if span > timedelta(days=120) else "%d %b %Y"
    return [(t, t.strftime(fmt)) for t in (t0 + span * i / (n - 1) for i in range(n))]


def draw_timeline(
    segments: Sequence[Segment], points: Sequence[Point], *, now: datetime, width: int = 760
) -> str:
    """An SVG chart: one lane per stance, a bar for each period, a dot per observation.

    Colours are attributes (no styles), every text is escaped, and a <desc> lists the
    changes in words, so the chart reads without CSS, JavaScript or sight.
    """
    lane_h, left, right, top = 26, 92, 16, 8
    height = top + lane_h * len(STANCES) + 34
    starts = [s.start for s in segments] + [p.at for p in points]
    t0 = min(starts) if starts else now - timedelta(days=30)
    t1 = max([now, *(p.at for p in points)])
    if t1 - t0 < timedelta(days=2):
        t0 = t1 - timedelta(days=2)
    t0 -= (t1 - t0) * 0.02
    plot_w = width - left - right

    def x(t: datetime) -> float:
        return round(left + plot_w * ((t - t0) / (t1 - t0)), 1)

    def lane(stance: str) -> float:
        idx = STANCES.index(stance) if stance in STANCES else len(STANCES) - 1
        return top + lane_h * idx + lane_h / 2

    summary = "; ".join(f"{s.stance} from {s.start:%Y-%m-%d}" for s in segments) or "no stance"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f"aria-label={quoteattr('Stance timeline: ' + summary)}>",
        f"<desc>{escape(summary)}</desc>",
    ]
    for stance in STANCES:
        y = lane(stance)
        out.append(
            f'<line x1="{left}" y1="{y}" x2="{width - right}" y2="{y}" stroke="#d0d7de" '
            'stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 8}" y="{y + 4}" text-anchor="end" font-size="12" '
            f'font-family="sans-serif" fill="{COLOURS[stance]}">{stance}</text>'
        )
    axis_y = top + lane_h * len(STANCES) + 4
    out.append(
        f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#57606a"/>'
    )
    ticks = _ticks(t0, t1)
    for i, (t, label) in enumerate(ticks):
        tx = x(t)
        # The outer labels hang inward so that none is cut at the edges.
        anchor = "start" if i == 0 else "end" if i == len(ticks) - 1 else "middle"
        out.append(f'<line x1="{tx}" y1="{axis_y}" x2="{tx}" y2="{axis_y + 4}" stroke="#57606a"/>')
        out.append(
            f'<text x="{tx}" y="{axis_y + 18}" text-anchor="{anchor}" font-size="11" '
            f'font-family="sans-serif" fill="#57606a">{escape(label)}</text>'
        )
    for seg in segments:
        colour = COLOURS.get(seg.stance, UNKNOWN_COLOUR)
        x0, x1 = x(seg.start), x(seg.end)
        out.append(
            f'<rect x="{x0}" y="{lane(seg.stance) - 6}" width="{max(x1 - x0, 2.0):.1f}" '
            f'height="12" rx="3" fill="{colour}" fill-opacity="0.35">'
            f"<title>{escape(f'{seg.stance}: {seg.start:%Y-%m-%d} to {seg.end:%Y-%m-%d}')}"
            "</title></rect>"
        )
    for p in points:
        colour = COLOURS.get(p.stance, UNKNOWN_COLOUR)
        radius = 5 if p.changed else 3.5
        out.append(
            f'<circle cx="{x(p.at)}" cy="{lane(p.stance)}" r="{radius}" fill="{colour}" '
            f'stroke="#ffffff" stroke-width="1"><title>{escape(p.label)}</title></circle>'
        )
    out.append("</svg>")
    return "".join(out)
