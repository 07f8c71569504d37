"""Keep the last thing worked out from rows read, to reuse it when a later read gives the same.

A panel reloads on every change anywhere, on the periodic check for other writers and on settings
changes; most reloads read the same rows as the last one. The reads still run every time (they
are how the panel learns that nothing changed); only the work after them (grouping 100,000
figures' index rows, building a page of reports) is skipped when everything it is made from
compares equal to last time. Results handed out again are the same objects, which lets whoever
compares them with what is on screen do so by identity.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """One (inputs, result) pair, safe to use from several read threads (one assignment replaces
    both). `made` counts the results worked out afresh (tests)."""

    __slots__ = ("_entry", "made")

    def __init__(self) -> None:
        self._entry: tuple[Any, Any] | None = None
        self.made = 0

    def get(self, inputs: Any, make: Callable[[], T]) -> T:
        """The result for `inputs` (compared with ==): the last one when its inputs equal these,
        else `make()`, kept for next time."""
        entry = self._entry
        if entry is not None and entry[0] == inputs:
            return entry[1]
        result = make()
        self.made += 1
        self._entry = (inputs, result)
        return result
