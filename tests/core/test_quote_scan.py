"""Quotations are found as a character-by-character walk finds them: the walk that closes a quote
skips, in C, the characters that cannot change its course (all but line ends and quote marks)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kzt_annotator.core import quotes
from kzt_annotator.core.quotes import _DOUBLE, _LETTER, _OTHER_SPEAKER, _closes, _opens, find_quotes


def _close_walking(text: str, start: int, opener: str, limit: int) -> int | None:
    """quotes._close as written before it skipped characters: one step per character."""
    j = start + 1
    nested = None
    while j < limit:
        ch = text[j]
        if ch == "\n":
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


PIECES = [
    "“",
    "”",
    '"',
    "«",
    "»",
    "„",
    "‘",
    "’",
    "'",
    "\n",
    "\n\n",
    " ",
    "  ",
    "a",
    "word",
    "it's",
    "Kazakh’s",
    ".",
    ". ",
    ", said X",
    ", told the",
    "(",
    "—",
    "-",
    ":",
    "residents' ",
    "He",
    "x" * 45,
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_quotes_are_those_a_character_walk_finds(pieces):
    text = "".join(pieces)
    n = len(text)
    for i, mark in enumerate(text):
        if mark in quotes.PAIRS and _opens(text, i):
            limit = min(n, i + 3000)
            assert quotes._close(text, i, mark, limit) == _close_walking(text, i, mark, limit), (text, i)
    assert [q.start for q in find_quotes(text)] == sorted({q.start for q in find_quotes(text)})
