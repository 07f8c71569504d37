"""The folded copy of a text (core/figure_scan.py `folded`) is what re's case-insensitive matching
compares ASCII letters with, at the same offsets, with the same word characters: so patterns of
lower-case words run on it case-sensitively find what they find case-insensitively on the text."""

from __future__ import annotations

import re
import string

from kzt_annotator.core.figure_scan import folded

EVERY = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)


def test_same_length_and_word_characters_for_every_code_point():
    low = folded(EVERY)
    assert len(low) == len(EVERY)
    assert [m.start() for m in re.finditer(r"\w", low)] == [m.start() for m in re.finditer(r"\w", EVERY)]
    assert [m.start() for m in re.finditer(r"\s", low)] == [m.start() for m in re.finditer(r"\s", EVERY)]


def test_a_character_folds_to_an_ascii_letter_exactly_when_re_ignorecase_matches_it_to_that_letter():
    low = folded(EVERY)
    for letter in string.ascii_lowercase:
        matched = [m.start() for m in re.finditer(f"(?i){letter}", EVERY)]
        assert matched == [m.start() for m in re.finditer(letter, low)], letter
    assert folded("ſix İKİ sıx \u212aZT") == "six iki six kzt"
