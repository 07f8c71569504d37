"""Word lists grouped by first letter match exactly what the flat lists match."""

from __future__ import annotations

import re

import pytest

from kzt_annotator.core.cues import VERBS
from kzt_annotator.core.rx_words import by_first_letter

TEXT = "He said, she says; they say: saying told tells toll x xy added adds emphasised emphasized."


def test_grouped_source():
    assert by_first_letter(["said", "says", "told", "s", "x"]) == "s(?:aid|ays|)|t(?:old)|x"


@pytest.mark.parametrize(
    "words", [VERBS.split("|"), ["x", "xy", "toll", "told", "t"], ["say", "said", "says"]]
)
def test_same_matches_as_the_flat_list(words):
    flat = re.compile(rf"\b(?:{'|'.join(words)})")
    grouped = re.compile(rf"\b(?:{by_first_letter(words)})")
    assert [m.span() for m in grouped.finditer(TEXT)] == [m.span() for m in flat.finditer(TEXT)]


@pytest.mark.parametrize("bad", ["(?:a|b)", "s?aid", "", "\\bword"])
def test_refuses_what_it_cannot_regroup(bad):
    with pytest.raises(ValueError):
        by_first_letter([bad])
