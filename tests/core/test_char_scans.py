"""Scans that find characters with str.find instead of a regex class find what the class finds:
`char_offsets`, the sentence boundaries and the quotation search (compared with the forms they
replace, kept here), on tricky pieces, on any text and on the sample articles."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import article
from kzt_annotator.core import quotes, sentences
from kzt_annotator.core.text_words import char_offsets
from tests.conftest import CORPUS

PIECES = [
    ".",
    "...",
    "!",
    "?",
    "…",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "\u00a0",
    "A",
    "Z",
    "a",
    "z",
    "7",
    "U.S.",
    "Dr.",
    "Jan.",
    "He said.",
    "“",
    "”",
    '"',
    "«",
    "»",
    "„",
    "‘",
    "’",
    "'",
    "(",
    ")",
    "[",
    "it's",
    "Kazakh’s",
    "residents' ",
    "x" * 45,
    ", said X",
    "—",
    ":",
    "İ",
    "ſ",
    "K",
]
texts = st.lists(st.sampled_from(PIECES), max_size=50).map("".join) | st.text(max_size=120)


def _find_quotes_before(text: str, max_length: int = 3000) -> list[quotes.Quote]:
    """quotes.find_quotes as written before it found the marks with str.find."""
    marks = re.compile("[“\"«„‘'’”»]")
    out: list[quotes.Quote] = []
    i, n = 0, len(text)
    while True:
        m = marks.search(text, i)
        if m is None:
            break
        i = m.start()
        mark = text[i]
        if mark in "’”»" or not quotes._opens(text, i):
            i += 1
            continue
        end = quotes._close(text, i, mark, min(n, i + max_length))
        if end is None:
            i += 1
            continue
        out.append(quotes.Quote(i, end))
        i = end
    return out


def _same(text: str) -> None:
    for chars in (quotes.MARKS, ".!?…\n", "\n", "$€", " \u00a0"):
        cls = re.compile("[" + re.escape(chars) + "]")
        assert char_offsets(text, chars) == [m.start() for m in cls.finditer(text)]
    assert [m.span() for m in sentences.boundaries(text)] == [
        m.span() for m in sentences._BOUNDARY.finditer(text)
    ]
    assert quotes.find_quotes(text) == _find_quotes_before(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_same_as_the_class_scans(text):
    _same(text)


def test_same_as_the_class_scans_on_articles():
    for path in sorted(CORPUS.glob("*.txt")):
        _same(path.read_text(encoding="utf-8"))
    _same(article(random.Random(7), 40_000))


def test_letters_are_refused():
    with pytest.raises(ValueError):
        char_offsets("Sam said", "S")
