"""Where figures are in a text: FIGURE_RX, the figure pattern, tried only where it can begin.

FIGURE_RX is built from the one number grammar (core/numbers.py): "between 5 and 10", "20-30",
ratios ("twice", "3-fold"), "a dozen", numbers with currency, scale and percent, vague counts.
Trying its ~100 alternatives at each of an article's characters took most of the figure search,
so `figure_starts` first lists every offset where one of its alternatives can begin, with plain
string searches, and `figure_matches` tries FIGURE_RX only there.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from kzt_annotator.core.numbers import (
    BARE_NUMBER,
    CURRENCY_CODE,
    DIGITS,
    NUMBER,
    NUMBER_WORDS,
    RATIO,
    RATIO_WORDS,
    SCALE_AFTER,
    VAGUE,
    VAGUE_WORDS,
)
from kzt_annotator.core.text_words import char_offsets, distinct_tokens, folded, matches_at, word_runs

FIGURE_RX = re.compile(
    rf"(?:(?i:between)\s+{BARE_NUMBER}(?:{SCALE_AFTER})?\s+and\s+{BARE_NUMBER}(?:{SCALE_AFTER})?"
    rf"|(?:{DIGITS})\s?[-–]\s?(?:{DIGITS})(?![\w-])(?:{SCALE_AFTER})?"
    rf"|(?i:{RATIO})|(?i:\b(?:a\s+)?dozen\b)"
    rf"|(?i:{NUMBER})"
    rf"|(?i:{VAGUE}))"
)
# Every alternative of FIGURE_RX begins with one of: a digit or currency sign; "US$"; "between"
# (also inside a word); a currency code before a digit ("KZT 5", "usd3"); or, at a word boundary
# (\b), a number, ratio or vague-count word, or the article "a" before a space ("a hundred",
# "a dozen"). Those words are searched as the prefixes in SEARCHED: the words grouped by their
# first three letters, each group by what its words have in common ("doubl" for "double",
# "doubled", "doubling"), so every word starts with one of them.
_LEAD_WORDS = sorted({"dozen", *NUMBER_WORDS, *RATIO_WORDS, *VAGUE_WORDS})
_BY_THREE: dict[str, list[str]] = {}
for _word in _LEAD_WORDS:
    _BY_THREE.setdefault(_word[:3], []).append(_word)
SEARCHED = tuple(sorted(os.path.commonprefix(group) for group in _BY_THREE.values()))
if min(map(len, SEARCHED)) < 3:  # each is searched only when a word opens with its first three letters
    raise ValueError("a number word prefix shorter than three letters")
CURRENCY_CODES = frozenset(CURRENCY_CODE[3:-1].lower().split("|"))
_SIGN = re.compile(r"[\d$€£₸₽¥]")  # a digit or currency sign: where most figures begin
_PLAIN_SIGNS = "0123456789$€£₸₽¥"  # _SIGN but the digits of other scripts (re's \d is str.isdecimal)
_OTHER_DIGIT = re.compile(r"[^\D0-9]")  # a digit, not an ASCII one
_ARTICLE = re.compile(r"a(?<!\wa)\s")  # "a" + space at a word start; starts with a literal: fast


__all__ = ["FIGURE_RX", "SEARCHED", "figure_matches", "figure_starts", "folded"]


def _is_word_char(ch: str) -> bool:
    """Whether `ch` is what re's \\w matches in a str pattern (alphanumeric or "_")."""
    return ch.isalnum() or ch == "_"


def sign_offsets(text: str) -> list[int]:
    """Every offset where _SIGN matches, in order.

    A scan with a class costs re about 47 instructions a character, str.find about 3; so each
    character of _PLAIN_SIGNS the text has (its `distinct_tokens` hold every character but
    whitespace, folded: folding changes no digit or sign) is found with str.find. A text with a
    digit of another script ("١٢", rare) is scanned with _SIGN itself."""
    present = distinct_tokens(text)
    if _OTHER_DIGIT.search(present):
        return [m.start() for m in _SIGN.finditer(text)]
    return char_offsets(text, _PLAIN_SIGNS)


def figure_starts(text: str) -> list[int]:
    """Offsets where FIGURE_RX may match, sorted: a superset of where it does (see SEARCHED).

    Digits and currency signs on `text` (`sign_offsets`; a currency code is looked for three
    or four characters before each: "KZT5", "KZT 5"), and plain substring searches on its case-
    folded copy (`folded`) for "us$", "between", SEARCHED (kept only at a word boundary, as
    FIGURE_RX has \\b before those words) and "a" before a space: the offsets the case-insensitive
    pattern can match at, "ſix" and "\u212aZT 5" included."""
    low = folded(text)
    signs = sign_offsets(text)
    starts = set(signs)
    for at in signs:
        if at >= 3 and low[at - 3 : at] in CURRENCY_CODES:
            starts.add(at - 3)
        if at >= 4 and low[at - 4 : at - 1] in CURRENCY_CODES:
            starts.add(at - 4)
    starts.update(m.start() for m in _ARTICLE.finditer(low))
    find = low.find
    at = find("s$")
    while at >= 0:
        if at and low[at - 1] == "u":
            starts.add(at - 1)
        at = find("s$", at + 1)
    at = find("between")
    while at >= 0:
        starts.add(at)
        at = find("between", at + 1)
    leads = {word[:3] for word in word_runs(text)}
    for word in SEARCHED:
        if word[:3] not in leads:
            continue
        at = find(word)
        while at >= 0:
            if not at or not _is_word_char(text[at - 1]):
                starts.add(at)
            at = find(word, at + 1)
    return sorted(starts)


def figure_matches(text: str) -> Iterator[re.Match[str]]:
    """The same matches as `FIGURE_RX.finditer(text)`, trying FIGURE_RX only where it may begin.

    finditer tries each offset from the end of the previous match on and yields the first match;
    no offset left out by `figure_starts` can match, so trying only those gives the same sequence."""
    return matches_at(FIGURE_RX, text, figure_starts(text))
