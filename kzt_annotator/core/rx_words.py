"""Regular-expression word lists that Python's re tries quickly, with the same matches.

re tries the alternatives of `a|b|c` one by one at each offset; it skips an alternative without
entering it only when that alternative starts with a plain case-sensitive literal or character
class that the next character fails. So a long list of words is grouped by first letter
("said|says|told" -> "s(?:aid|ays)|t(?:old)"): at most one group can start at an offset, and
inside it the words keep their order, so the same word matches as with the flat list. Patterns
for case-insensitive words are run case-sensitively, in lower case, on the text's folded copy
(core/figure_scan.py `folded`), where re's case-insensitive comparisons are plain ones.
"""

from __future__ import annotations

from collections.abc import Sequence


def by_first_letter(alternatives: Sequence[str]) -> str:
    """Regex alternatives (each opening with a literal letter or digit, not quantified)
    regrouped by first character, order kept within each group: an equivalent regex source.

    Raises ValueError for an alternative that does not open with a plain literal character."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        if not alternative[:1].isalnum() or alternative[1:2] in ("?", "*", "+", "{"):
            raise ValueError(f"not a word alternative: {alternative!r}")
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(
        f"{first}(?:{'|'.join(rests)})" if len(rests) > 1 or rests[0] else first
        for first, rests in groups.items()
    )
