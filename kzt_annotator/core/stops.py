"""Stepping through marks in text order (what ] and [ do), as plain functions of (start, end, key)."""

from __future__ import annotations

Stop = tuple[int, int, str]  # start, end, annotation id or suggestion key


def next_after(stops: list[Stop], position: int) -> str | None:
    """The key of the first stop starting after `position`."""
    return next((key for start, _end, key in stops if start > position), None)


def step(stops: list[Stop], selected: str | None, cursor: int, delta: int) -> Stop | None:
    """The stop `delta` (+1/-1) away from the selected one, or from the cursor; wraps around."""
    if not stops:
        return None
    keys = [key for _s, _e, key in stops]
    if selected in keys:
        return stops[(keys.index(selected) + delta) % len(stops)]
    after = [i for i, (start, _e, _k) in enumerate(stops) if start >= cursor]
    if delta > 0:
        return stops[after[0] if after else 0]
    return stops[(after[0] - 1) if after else len(stops) - 1]
