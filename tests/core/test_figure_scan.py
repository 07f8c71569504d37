"""The figure search tries its pattern only where a figure can begin, and finds exactly what trying
it everywhere finds (the same matches as FIGURE_RX.finditer), on tricky and on random text."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.corpus import article
from kzt_annotator.core.figure_scan import _OTHER_DIGIT, _SIGN, sign_offsets
from kzt_annotator.core.suggest import FIGURE_RX, _starts, figure_matches
from kzt_annotator.core.text_words import distinct_tokens, folded
from tests.conftest import CORPUS

PIECES = [
    "a ",
    "A\t",
    "a\n",
    "an ",
    "between ",
    "inBetween ",
    "Between\u00a0",
    " and ",
    " to ",
    "US$",
    "us$",
    "AUS$",
    "$",
    "€",
    "£",
    "₸",
    "5",
    "15,000",
    "1.500",
    "4 404",
    "3,5",
    "١٢",
    "२",
    "twenty-one",
    "Twenty",
    "tenfold",
    "10-fold",
    "dozen",
    "dozens",
    "a dozen",
    "ſix",
    "ſeven",
    "sıx",
    "\u212aZT 5",
    "KZT 12",
    "usd 3",
    "USD4",
    "twice",
    "Twice the",
    "half",
    "halved",
    "double",
    "doubled ",
    "triple",
    "quadrupled",
    "several",
    "many",
    "Multiple",
    "hundreds",
    "thousands",
    "scores",
    "million",
    "bn",
    "m",
    "k",
    " percent",
    "%",
    "Millionen",
    " of ",
    " people",
    " hundred",
    " thousand",
    "-",
    "–",
    ",",
    ".",
    " ",
    "  ",
    "\n\n",
    "_",
    "x",
    "ten",
    "teen",
    "one",
    "One",
    "zero",
    "nineteen",
    "ninety",
    "ninety-nine",
    "seventy seven",
    "three times",
    "two in five",
]


def _same(text: str) -> None:
    assert [m.span() for m in figure_matches(text)] == [m.span() for m in FIGURE_RX.finditer(text)]
    assert set(_starts(text)) >= {m.start() for m in FIGURE_RX.finditer(text)}


EXAMPLES = [
    "between 5 and 6 people",
    "inBetween two and three",
    "paid AUS$5m",
    "paid uS$ 40",
    "a dozen eggs, A hundred people",
    "KZT 5 and ſix hundred, sıx",
    "tenfold, 10-fold, Twice the size, doubled",
    "dozens of hundreds",
    "four 404 and ١٢ people",
]


def test_same_matches_on_examples():
    for text in EXAMPLES:
        _same(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_same_matches_on_tricky_pieces(pieces):
    _same("".join(pieces))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_same_matches_on_any_text(text):
    _same(text)


def test_same_matches_on_articles():
    for path in sorted(CORPUS.glob("*.txt")):
        _same(path.read_text(encoding="utf-8"))
    _same(article(random.Random(7), 40_000))


def test_tries_the_pattern_at_few_offsets():
    text = article(random.Random(3), 40_000)
    starts = _starts(text)
    assert len(starts) < len(text) / 20  # not at every character: at digits and number words


SIGNS_AND_OTHERS = st.text(alphabet=st.sampled_from("0123456789$€£₸₽¥١٢२ aK“”\u00a0x,.\n"), max_size=60)


@settings(max_examples=400, deadline=None)
@given(SIGNS_AND_OTHERS | st.text(max_size=60))
def test_sign_offsets_are_where_the_sign_class_matches(text):
    assert sign_offsets(text) == [m.start() for m in _SIGN.finditer(text)]
    assert set(distinct_tokens(text).replace(" ", "")) == {ch for ch in folded(text) if not ch.isspace()}


def test_other_digit_is_a_digit_outside_ascii_for_every_code_point():
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)
    found = [m.start() for m in _OTHER_DIGIT.finditer(every)]
    assert found == [m.start() for m in re.finditer(r"\d", every) if not "0" <= every[m.start()] <= "9"]
    assert found == [i for i, ch in enumerate(every) if ch.isdecimal() and not ch.isascii()]
