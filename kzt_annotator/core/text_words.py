"""What the word searches of one article share: its folded copy and the set of words it has.

Both are computed once per text (cached for the last few texts: the figure and attribution
searches and every figure's quantity read the same ones).

`word_runs` answers "does this text have the word X at all?" for the cue verbs and number words,
so a search for a word the text does not have is skipped: a synthetic news article of 300,000
characters has about 600 different words, of which two or three are cue verbs and few or none
number words, while searching the text for each of the ~120 words costs about a million
instructions apiece.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from kzt_annotator.core.rx_words import fold

_RUN = re.compile(r"\w+")


@lru_cache(maxsize=4)
def folded(text: str) -> str:
    """`fold(text)` (core/rx_words.py), cached: the figure search and every figure's quantity read
    the same copy of an article."""
    return fold(text)


@lru_cache(maxsize=4)
def distinct_tokens(text: str) -> str:
    """The distinct whitespace-separated tokens of `folded(text)`, joined by spaces: every
    character of the text but whitespace is in it (folded), in far fewer characters (about
    6,000 for the 300,000 of the benchmark article), so "has the text a '€'?" is cheap."""
    return " ".join(set(folded(text).split()))


def char_offsets(text: str, chars: str) -> list[int]:
    """Every offset of a character of `chars` in `text`, in order: where the class [chars]
    matches. A class scans at about 47 instructions a character in re, str.find at about 3 to 5,
    so each character the text has is found with str.find; `distinct_tokens` says which it has
    (whitespace is looked for always: it is in no token).

    Raises ValueError for a character that folding changes (a letter: the tokens are folded)."""
    if fold(chars) != chars:
        raise ValueError(f"letters among {chars!r}")
    present = distinct_tokens(text)
    out: list[int] = []
    for char in chars:
        if char.isspace() or char in present:
            out.extend(occurrences(text, char))
    out.sort()
    return out


def occurrences(haystack: str, needle: str) -> Iterator[int]:
    """Every offset where `needle` occurs in `haystack`, in order (overlapping ones included)."""
    find = haystack.find
    at = find(needle)
    while at >= 0:
        yield at
        at = find(needle, at + 1)


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The same matches as `pattern.finditer(text)` when `starts` (sorted) holds every offset
    where `pattern` may match: finditer tries each offset from the end of the previous match on
    and yields the first match, and no offset left out can match. The pattern is tried only at
    `starts` (its lookbehinds still see the text before them). After an empty match the next is
    looked for one offset on."""
    resume = 0
    match = pattern.match
    for at in starts:
        if at < resume:
            continue
        found = match(text, at)
        if found is not None:
            resume = max(found.end(), at + 1)
            yield found


@lru_cache(maxsize=4)
def word_runs(text: str) -> frozenset[str]:
    """Every maximal run of word characters (what re's `\\w+` finds) in `folded(text)`.

    Equal to `set(re.findall(r"\\w+", folded(text)))`, built from the text's distinct
    whitespace-separated tokens instead (far fewer than its words): a run of word characters
    never holds whitespace (no character is both), so every run lies inside one token, and
    joining the distinct tokens with spaces makes no new run. tests/core/test_cue_scan.py checks
    it on any text.

    So a word W (word characters only) that starts at offset p of the folded text with no word
    character before it (re's \\b) is the start of the run at p: `run.startswith(W)`, and the run
    *is* W when no word character follows it either."""
    return frozenset(_RUN.findall(distinct_tokens(text)))
