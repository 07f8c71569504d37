"""The cheap tests parse_figure runs before its long patterns never rule out a phrase the pattern
would match: wherever the pattern matches, the test says it may (so skipping it changes nothing)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kzt_annotator.core.numbers import (
    _FRACTION,
    _RATIO_TIMES,
    RANGE,
    _may_be_fraction,
    _may_be_range,
    _may_be_ratio,
    pattern,
)

PIECES = [
    "5",
    "15,000",
    "1.5",
    "twenty",
    "twenty-one",
    "one",
    "a",
    "an",
    "two",
    "three",
    "hundred",
    "million",
    "m",
    "bn",
    " ",
    "-",
    "–",
    "to",
    "TO",
    "and",
    "AND",
    "in",
    "İn",
    "ın",
    "out",
    "of",
    "every",
    "times",
    "tİmes",
    "timeſ",
    "TIMES",
    "fold",
    "FOLD",
    "-fold",
    "double",
    "DOUBLE",
    "twİce",
    "twıce",
    "halved",
    "doubleſ",
    "third",
    "thİrd",
    "quarters",
    "fifth",
    "tenths",
    "people",
    "per cent",
    "between",
    "x",
]
EXAMPLES = [
    "5 to 10 people",
    "5 TO 10",
    "20-30",
    "20 – 30",
    "two and three",
    "twİce the price",
    "three tİmes",
    "3-fold",
    "10FOLD",
    "two in five",
    "two ın five",
    "one out of every ten",
    "a thİrd",
    "three quarters",
]


def _agree(text: str) -> None:
    if pattern(_RATIO_TIMES).match(text):
        assert _may_be_ratio(text), text
    if pattern(_FRACTION).match(text):
        assert _may_be_fraction(text), text
    if pattern(RANGE).match(text):
        assert _may_be_range(text), text


def test_examples_match_and_pass_the_prechecks():
    for text in EXAMPLES:
        assert any(pattern(p).match(text) for p in (_RATIO_TIMES, _FRACTION, RANGE)), text
        _agree(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map(" ".join))
def test_prechecks_never_rule_out_a_match(text):
    _agree(text)
