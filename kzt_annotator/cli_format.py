"""Plain-text tables for the CLI."""

from __future__ import annotations

from collections.abc import Sequence


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], max_width: int = 60) -> str:
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _cell(value: object, max_width: int) -> str:
    raw = "" if value is None else str(value)
    indent = raw[: len(raw) - len(raw.lstrip(" "))]  # kept: a tree's depth ("  troops.csto")
    text = indent + " ".join(raw.split())
    return text if len(text) <= max_width else text[: max_width - 1] + "…"
