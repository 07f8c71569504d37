"""The cue search tries CUE_RX only where a cue verb the text has begins, and finds exactly what
trying it everywhere finds (the same matches as CUE_RX.finditer); the set of a text's words it
relies on is the set of re's \\w+ runs of the folded text."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import article
from kzt_annotator.core.cue_scan import CUE_VERBS, _literal_words, cue_matches, cue_starts
from kzt_annotator.core.cues import CUE_RX, VERBS
from kzt_annotator.core.text_words import folded, word_runs
from tests.conftest import CORPUS

PIECES = [
    "said",
    "Said",
    "SAID",
    "says",
    "say",
    "essay",
    "saying",
    "told",
    "tells",
    "emphasised",
    "emphasized",
    "emphasiſed",
    "claim",
    "claims",
    "claimed",
    "notes",
    "banknotes",
    "According to",
    "according to",
    "according\u00a0to",
    "ACCORDING to",
    "Accordingly",
    "has made it clear that",
    "had made it clear that",
    "have  made\tit clear that",
    "has\u2009made it clear that",
    "made",
    "clear",
    "has",
    "have",
    "had",
    "it",
    "that",
    "ſaid",
    "İ",
    "K",
    " ",
    "  ",
    "\n",
    "-",
    "_",
    "x",
    "5",
    "é",
    "“",
    "”",
    '"',
    "(",
    ",",
    ".",
    "’",
]


def _spans(matches) -> list:
    return [(m.span(), m.groupdict()) for m in matches]


def _same(text: str) -> None:
    assert _spans(cue_matches(text)) == _spans(CUE_RX.finditer(text))
    assert set(cue_starts(text)) >= {m.start() for m in CUE_RX.finditer(text)}
    assert word_runs(text) == set(re.findall(r"\w+", folded(text)))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_same_matches_on_tricky_pieces(pieces):
    _same("".join(pieces))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_same_matches_on_any_text(text):
    _same(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(sorted(CUE_VERBS)) | st.sampled_from(PIECES), max_size=40))
def test_same_matches_on_every_cue_verb(pieces):
    _same(" ".join(pieces))


def test_same_matches_on_articles():
    for path in sorted(CORPUS.glob("*.txt")):
        _same(path.read_text(encoding="utf-8"))
    _same(article(random.Random(7), 40_000))


def test_cue_verbs_are_exactly_the_words_of_the_verb_pattern():
    verb = re.compile(f"(?:{VERBS})")
    assert all(verb.fullmatch(word) for word in CUE_VERBS)
    assert {"emphasised", "emphasized", "said", "maintained"} <= CUE_VERBS
    assert len(CUE_VERBS) == VERBS.count("|") + 2  # one class with two letters: one word more


def test_other_pattern_syntax_is_refused():
    for bad in ("said|tell(?:s)", "says?", r"said\b", "Said"):
        try:
            _literal_words(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


def test_tries_the_pattern_at_few_offsets():
    text = article(random.Random(3), 40_000)
    assert len(cue_starts(text)) < 2 * len(list(CUE_RX.finditer(text))) + 20
