"""Sentence bounds that know abbreviations: not cut at "U.S.", "Sen.", "Dr.", "Jan." or "D-Mass.,".

Splitters evaluated on the sample corpus and on abbreviation cases (README, "Suggestions"):
syntok splits best but takes 4-12 s for a 300,000-character article; pysbd cuts
"Sen. Jane Doe, D-Mass.| , said" and is slower still; blingfire is fast but cuts after "Dr." and
ships platform binaries. So the rules are here, fast, with pysbd's English abbreviation lists
(titles never end a sentence; other abbreviations end one only before a typical sentence opener).

A newline always ends a sentence (paragraphs, headlines, captions). Offsets are str indices.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from kzt_annotator.core.text_words import char_offsets, matches_at

# A run of end marks and closing marks before a space and a capital or digit, or a line end.
# Written to open with one character class (a line end or an end mark; the rest of a run after
# it) so re skips to those characters in C instead of trying the pattern at every offset:
# the same matches as "[.!?…]+[closers]*(?=…)|\n".
_BOUNDARY = re.compile(r"[.!?…\n](?:(?<=\n)|[.!?…]*[”\"’'»)\]]*(?=\s+[“\"‘'«(\[]?[A-Z0-9À-ÖØ-ÞА-ЯЁ]))")
_NEXT_WORD = re.compile(r"\s+[“\"‘'«(]?([\w’'-]+)")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
_LETTER = re.compile(r"[a-z]")
OPENERS = frozenset(
    "the a an he she it they we i you but and in on at this that these those his her their its our there "
    "after when while as if then meanwhile however police officials".split()
)


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """(titles, other abbreviations), lower case, without the final dot."""
    from pysbd.lang.english import English  # a maintained list: 188 abbreviations, 30 titles

    titles = frozenset(English.Abbreviation.PREPOSITIVE_ABBREVIATIONS) | {"sen", "rep", "gov", "hon", "cllr"}
    others = frozenset(English.Abbreviation.ABBREVIATIONS) | {"u.s", "u.k", "u.n", "e.u", "a.m", "p.m"}
    return titles, others - titles


def _is_cut(text: str, mark: str, at: int, after: int) -> bool:
    """Whether the boundary `mark`, found at text[at:after], ends a sentence."""
    if mark == "\n":
        return True
    if mark[0] != "." or len(mark.rstrip("”\"’')]»")) > 1:
        return True  # "!", "?", "...": a real end
    space = text.rfind(" ", 0, at)
    space = max(space, text.rfind("\n", space + 1, at))  # the last space or line end before the dot
    word = text[space + 1 : at].lower().lstrip("(“\"‘'«[")
    if len(word) > 5 and "." not in word:
        return True  # a long plain word: no abbreviation
    titles, others = _abbreviations()
    if word in titles:
        return False
    if word in others or _INITIALS.fullmatch(word) or _LETTER.fullmatch(word):
        following = _NEXT_WORD.match(text, after, after + 40)
        next_word = following.group(1).lower() if following else ""
        return next_word in OPENERS  # "the U.S. Agency" goes on; "to the U.S. The president" ends
    return True


def boundaries(text: str) -> Iterator[re.Match[str]]:
    """The same matches as `_BOUNDARY.finditer(text)`, trying _BOUNDARY only at the characters
    its class opens with (found with str.find, `char_offsets`): finditer tries each offset from
    the end of the previous match on, and no other offset can match."""
    return matches_at(_BOUNDARY, text, char_offsets(text, ".!?…\n"))


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """[(start, end)] of the sentences of `text`, in order, leading spaces left out."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in boundaries(text):  # _BOUNDARY.finditer(text)
        mark = match.group()
        at, after = match.span()
        if not _is_cut(text, mark, at, after):
            continue
        end = after if mark != "\n" else at
        sentence = text[start:end]
        rest = sentence.lstrip()
        if rest:
            bounds.append((start + len(sentence) - len(rest), end))
        start = after
    sentence = text[start:]
    rest = sentence.lstrip()
    if rest:
        bounds.append((start + len(sentence) - len(rest), len(text)))
    return bounds


class Sentences:
    """The sentences of one text, looked up by offset in O(log n)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bounds = sentence_bounds(text)
        self._starts = [s for s, _ in self.bounds]

    def index_at(self, pos: int) -> int:
        """Index of the sentence holding `pos` (or the one before a gap)."""
        return max(0, bisect_right(self._starts, pos) - 1)

    def at(self, pos: int) -> tuple[int, int]:
        if not self.bounds:
            return 0, len(self.text)
        return self.bounds[self.index_at(pos)]

    def covering(self, start: int, end: int) -> tuple[int, int]:
        """From the start of the sentence holding `start` to the end of the one holding `end`."""
        if not self.bounds:
            return 0, len(self.text)
        return self.bounds[self.index_at(start)][0], self.bounds[self.index_at(max(start, end - 1))][1]
