"""The one place that converts between Python offsets (code points) and Qt's (UTF-16 units).

"Pay 😀 rose": after the emoji Qt counts one more than Python. Texts without astral characters
(the usual case) map one to one, so the map is an identity with no per-call cost.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    def __init__(self, text: str) -> None:
        # Code-point indices of characters that take two UTF-16 units (found at C speed: most
        # texts have none, which one encode tells).
        if text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text):
            self._astral: list[int] = []
        else:
            self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        # The same positions in UTF-16 units (the high surrogate's index).
        self._astral_qt = [i + n for n, i in enumerate(self._astral)]
        self.length = len(text)

    @property
    def identity(self) -> bool:
        return not self._astral

    def to_qt(self, position: int) -> int:
        """Code point offset -> UTF-16 offset."""
        if not self._astral:
            return position
        return position + bisect_left(self._astral, position)

    def to_py(self, position: int) -> int:
        """UTF-16 offset -> code point offset (a position inside a surrogate pair rounds down)."""
        if not self._astral:
            return position
        return position - bisect_left(self._astral_qt, position)
