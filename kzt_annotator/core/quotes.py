"""Quotations in running text: curly, straight, single (British), guillemets, „German“ marks.

A quotation that is not closed at the end of its paragraph continues when the next paragraph
opens with a quotation mark (the convention for quotes spanning paragraphs). Apostrophes
("it's", "Kazakhstan’s", "residents' ") are not quotation marks. Offsets are str indices and
include the marks.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from kzt_annotator.core.text_words import char_offsets

# opening mark -> closing marks that may end it (machine-translated text mixes “ with ")
PAIRS = {"“": '”"', '"': '"”', "«": "»", "„": "“”", "‘": "’", "'": "'’"}
_DOUBLE = '“"«„'
_LETTER = re.compile(r"[^\W_]")
_STOPS = re.compile("[\n“”\"«»„‘’']")  # what _close looks at: line ends and quotation marks
MARKS = "“\"«„‘'’”»"  # any quotation mark: where find_quotes looks next
_OTHER_SPEAKER = re.compile(r",\s+(?:said|says|added|adds|told)\s+(?:[a-z]+\s+){0,3}[A-Z]")


@dataclass(frozen=True, slots=True)
class Quote:
    start: int
    end: int

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def _opens(text: str, i: int) -> bool:
    mark = text[i]
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark in "“«„":
        return True
    if mark == "‘":
        return not _LETTER.match(before)
    # straight marks open after a space, bracket or line start and before a non-space
    return (before.isspace() or before in "([—–-:") and not after.isspace()


def _closes(text: str, i: int, opener: str) -> bool:
    mark = text[i]
    if mark not in PAIRS[opener]:
        return False
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if mark in "’'" and _LETTER.match(after):
        return False  # an apostrophe inside a word: it's, Kazakhstan’s
    if mark in "'’" and before.isspace():
        return False
    return not (mark == '"' and before.isspace() and opener == '"')


def find_quotes(text: str, max_length: int = 3000) -> list[Quote]:
    """All quotations, outermost only (a single-quoted phrase inside a double quote is part of it)."""
    out: list[Quote] = []
    i, n = 0, len(text)
    marks = char_offsets(text, MARKS)  # what a search for [MARKS] from each i finds: the next one
    while True:
        k = bisect_left(marks, i)
        if k == len(marks):
            break
        i = marks[k]
        mark = text[i]
        if mark in "’”»" or not _opens(text, i):
            i += 1
            continue
        end = _close(text, i, mark, min(n, i + max_length))
        if end is None:
            i += 1
            continue
        out.append(Quote(i, end))
        i = end
    return out


def _close(text: str, start: int, opener: str, limit: int) -> int | None:
    """Index after the closing mark of the quote opened at `start`, or None."""
    j = start + 1
    nested: str | None = None
    while j < limit:
        stop = _STOPS.search(text, j, limit)  # other characters change nothing: skip them in C
        if stop is None:
            return None
        j = stop.start()
        ch = text[j]
        if ch == "\n":
            # an open quote continues only into a paragraph that opens with a quotation mark
            k = j
            while k < limit and text[k].isspace():
                k += 1
            if opener in _DOUBLE and k < limit and text[k] in '“"«„':
                j = k + 1
                continue
            if opener not in _DOUBLE:
                return None
            if j - start <= 40 or opener != "“":
                return None
            # unclosed: ends with its paragraph, or before a sentence that says who else spoke
            other = _OTHER_SPEAKER.search(text, start, j)
            if other:
                stop = text.rfind(". ", start, other.start())
                return stop + 1 if stop > start else None
            return j
        if (
            nested is None
            and opener in _DOUBLE
            and ch in "‘'"
            and _opens(text, j)
            and not _LETTER.match(text[j - 1])
        ):
            nested = ch
        elif nested is not None and _closes(text, j, nested):
            nested = None
        elif _closes(text, j, opener) and j > start + 1:
            return j + 1
        j += 1
    return None
