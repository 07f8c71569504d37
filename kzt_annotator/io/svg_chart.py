"""Inline SVG charts for HTML reports: no script, no external resource, every text escaped.

`interval_chart` draws one row per report: a bar over its interval of true values (an arrow when
it has no upper bound) and a dot at its stated value, conflicting rows in red, like the
discrepancy panel. `bar_chart` draws labelled horizontal bars (counts).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 700
LABEL = 240
ROW = 20
PAD = 8
RED, GREY, BLUE = "#c62828", "#9e9e9e", "#1565c0"


@dataclass(frozen=True, slots=True)
class IntervalRow:
    label: str
    low: float
    high: float | None  # None: unbounded above
    value: float | None
    conflicting: bool = False
    link: str = ""  # an anchor such as "#q-<id>"


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 10 or x == int(x) else f"{x:g}"


def interval_chart(rows: list[IntervalRow], title: str) -> str:
    if not rows:
        return ""
    finite = [r.low for r in rows] + [r.high for r in rows if r.high is not None]
    finite += [r.value for r in rows if r.value is not None]
    lo, hi = min(finite), max(finite)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    span = hi - lo
    floor = 0.0 if lo >= 0 else lo - span * 0.05  # counts never get a negative axis
    lo, hi = max(floor, lo - span * 0.05), hi + span * 0.12
    plot = WIDTH - LABEL - 2 * PAD

    def x(v: float) -> float:
        return LABEL + PAD + (v - lo) / (hi - lo) * plot

    height = ROW * len(rows) + 28
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title, quote=True)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, r in enumerate(rows):
        y = 6 + i * ROW
        colour = RED if r.conflicting else BLUE
        label = r.label if len(r.label) <= 38 else r.label[:37] + "…"
        text = f'<text x="{LABEL - 4}" y="{y + 12}" text-anchor="end" font-size="11">{escape(label)}</text>'
        parts.append(f'<a href="{escape(r.link, quote=True)}">{text}</a>' if r.link else text)
        x1 = x(r.low)
        x2 = x(r.high) if r.high is not None else WIDTH - PAD
        parts.append(
            f'<rect x="{x1:.1f}" y="{y + 4}" width="{max(x2 - x1, 2):.1f}" height="9" rx="2" '
            f'fill="{colour}" fill-opacity="0.35" stroke="{colour}"/>'
        )
        if r.high is None:
            arrow = f"M{x2 - 6:.1f} {y + 2} L{x2:.1f} {y + 8.5} L{x2 - 6:.1f} {y + 15}"
            parts.append(f'<path d="{arrow}" fill="{colour}"/>')
        if r.value is not None:
            parts.append(f'<circle cx="{x(r.value):.1f}" cy="{y + 8.5}" r="3.5" fill="{colour}"/>')
    axis = height - 18
    parts.append(f'<line x1="{LABEL + PAD}" y1="{axis}" x2="{WIDTH - PAD}" y2="{axis}" stroke="{GREY}"/>')
    for k in range(5):
        v = lo + (hi - lo) * k / 4
        anchor = ("start", "middle", "middle", "middle", "end")[k]
        parts.append(
            f'<text x="{x(v):.1f}" y="{axis + 13}" text-anchor="{anchor}" font-size="10" fill="#555">'
            f"{_fmt(v)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(items: list[tuple[str, int]], title: str, colour: str = BLUE) -> str:
    if not items:
        return ""
    top = max(n for _, n in items) or 1
    plot = WIDTH - LABEL - 2 * PAD - 40
    height = ROW * len(items) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title, quote=True)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, n) in enumerate(items):
        y = 4 + i * ROW
        short = label if len(label) <= 38 else label[:37] + "…"
        width = n / top * plot
        parts.append(
            f'<text x="{LABEL - 4}" y="{y + 12}" text-anchor="end" font-size="11">{escape(short)}</text>'
        )
        parts.append(
            f'<rect x="{LABEL + PAD}" y="{y + 3}" width="{max(width, 1):.1f}" height="11" fill="{colour}"/>'
        )
        parts.append(f'<text x="{LABEL + PAD + width + 4:.1f}" y="{y + 12}" font-size="11">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)
