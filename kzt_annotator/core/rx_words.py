"""Regular-expression word lists that Python's re tries quickly, with the same matches.

re tries the alternatives of `a|b|c` one by one at each offset; it skips an alternative without
entering it only when that alternative starts with a plain case-sensitive literal or character
class that the next character fails. So a long list of words is grouped by first letter
("said|says|told" -> "s(?:aid|ays)|t(?:old)"): at most one group can start at an offset, and
inside it the words keep their order, so the same word matches as with the flat list. Patterns
for case-insensitive words are run case-sensitively, in lower case, on the text's folded copy
(`fold`), where re's case-insensitive comparisons are plain ones.
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


def fold(text: str) -> str:
    """`text` with each character as `re.IGNORECASE` compares it to an ASCII letter, offsets kept.

    Python's re matches an ASCII letter case-insensitively to the characters whose one-character
    lower case (Unicode simple case mapping) it is, and also "ı" to "i" and "ſ" to "s" (the
    `_equivalences` of re's compiler; checked over every code point by tests/core/test_folded.py).
    str.lower() is that mapping except for "İ", which it lowers to two characters ("i" and a
    combining dot): it is replaced by "i" first. Lowering keeps whether a character is a word
    character (\\w), so word boundaries are where they were."""
    if "\u0130" in text:
        text = text.replace("\u0130", "i")
    low = text.lower()
    if "ı" in low:
        low = low.replace("ı", "i")
    if "ſ" in low:
        low = low.replace("ſ", "s")
    return low
