"""Guess what a figure counts, as a dotted codebook key, from its clause's subject and verb.

"26 soldiers had died" -> deaths.security_forces (the verb says deaths, the subject whose);
"225 people were killed in the unrest, 19 of whom were security forces" -> deaths.all and
deaths.security_forces; "more than 3,000 had been arrested" -> detained; "2,500 troops" sent by
the CSTO -> troops.csto. None when the clause names no event the codebook knows.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kzt_annotator.core.rx_words import by_first_letter
from kzt_annotator.core.text_words import folded, word_runs

_EVENT_WORDS: tuple[tuple[str, str], ...] = (
    (
        "deaths",
        r"killed|kill|dead|died|die|deaths?|death\s+toll|toll|liquidated|lost\s+their\s+lives|"
        r"perished|fatalities|beheaded|shot\s+dead|bodies",
    ),
    ("injured", r"injured|wounded|hurt|hospitali[sz]ed|treated\s+in\s+hospital|injuries"),
    ("detained", r"detained|arrested|detentions|arrests|in\s+custody|jailed|imprisoned"),
    ("evacuated", r"evacuated|displaced|fled|flee"),
    ("missing", r"missing"),
)
EVENTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(rf"\b(?:{words})\b", re.I)) for key, words in _EVENT_WORDS
)
# All of EVENTS in one pattern for the text's folded copy (core/rx_words.py): the words of two
# events never overlap (no word of one is in a phrase of another that could match at the same
# place), so its matches are those of the EVENTS patterns together, in text order.
_EVENT_RX = re.compile(
    r"\b(?:" + "|".join(rf"(?P<{key}>{by_first_letter(w.split('|'))})\b" for key, w in _EVENT_WORDS) + ")"
)
_EVENT_ORDER = {key: index for index, (key, _w) in enumerate(_EVENT_WORDS)}


def _lead(alternative: str) -> tuple[str, str]:
    """(what the matches of an event word open with, the first three letters that one of the
    text's words opens with when it matches): "deaths?" -> ("dea", "dea"), "in\\s+custody" ->
    ("in", "cus"). Raises ValueError for a form these cannot be read from."""
    three = re.compile(r"[a-z]{3}(?![?*+{])")  # three letters, none of them optional
    words = alternative.split(r"\s+")
    if three.match(words[0]):
        return words[0][:3], words[0][:3]
    if re.fullmatch("[a-z]+", words[0]) and len(words) > 1 and three.match(words[1]):
        return words[0], words[1][:3]
    raise ValueError(f"no plain lead in {alternative!r}")


# (lead, the three letters a word of the text must open with for an event word to match there)
_EVENT_LEADS = frozenset(
    _lead(alternative) for _key, words in _EVENT_WORDS for alternative in words.split("|")
)


@lru_cache(maxsize=4)
def _event_leads(text: str) -> tuple[str, ...]:
    """The leads of the event words that can occur in `text`: an event word matches after a
    boundary (\\b), where a run of word characters of the text opens with it (core/text_words.py
    `word_runs`), so only the leads of the runs' first three letters are needed."""
    opens = {run[:3] for run in word_runs(text)}
    return tuple(sorted({lead for lead, needed in _EVENT_LEADS if needed in opens}))


WHO: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "security_forces",
        re.compile(
            r"\b(?:soldiers?|troops|servicem[ae]n|security|officers?|police(?:men)?|guards?|paratroopers|"
            r"military|law\s+enforcement|firefighters?)\b",
            re.I,
        ),
    ),
    (
        "protesters",
        re.compile(
            r"\b(?:protest[eo]rs?|demonstrators?|criminals|militants|terrorists|rioters|bandits)\b", re.I
        ),
    ),
)
TROOPS = re.compile(r"\b(?:troops|soldiers|paratroopers|peacekeepers|servicemen|forces|parachutists)\b", re.I)
CSTO = re.compile(
    r"\b(?:CSTO|ODKB|Collective\s+Security\s+Treaty|peacekeep\w*|Russia-led|Moscow-led)\b", re.I
)
_CSTO_WORDS = r"csto|odkb|collective\s+security\s+treaty|peacekeep\w*|russia-led|moscow-led"
_CSTO_FOLDED = re.compile(rf"\b(?:{by_first_letter(_CSTO_WORDS.split('|'))})\b")  # CSTO on the folded text
PRICE = re.compile(r"\b(?:prices?|costs?|tariffs?|fares?)\b", re.I)
_PRICE_FOLDED = re.compile(r"\b(?:prices?|costs?|tariffs?|fares?)\b")  # PRICE on the folded text
# what the words of _CSTO_FOLDED and _PRICE_FOLDED open with: one must be in a window for them to match
_CSTO_LEADS = ("csto", "odkb", "collective", "peacekeep", "russia-led", "moscow-led")
_PRICE_LEADS = ("price", "cost", "tariff", "fare")
# Where a clause ends: "; ", ", and ", " but " before a subject and its verb. Written to open
# with one character class (each alternative begins with a different one of ";", "," and a
# space) so re skips to those characters in C; the same matches as
# r";\s|,\s+(?:and|but|while|as|whereas)\s|\s+(?:and|but)\s+(?=\S+\s+(?:\S+\s+)?(?:were|was|had|have|has)\b)".
_CLAUSE_CUT = re.compile(
    r"[;,\s](?:(?<=;)\s|(?<=,)\s+(?:and|but|while|as|whereas)\s"
    r"|(?<=\s)\s*(?:and|but)\s+(?=\S+\s+(?:\S+\s+)?(?:were|was|had|have|has)\b))"
)

_OF_WHICH = re.compile(r"\s*of\s+(?:whom|them|which)\b")
_OF_WHOM = re.compile(r"\bof\s+(?:whom|them)\b")


def _clause(text: str, s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
    left = s0
    for m in _CLAUSE_CUT.finditer(text, s0, start):
        left = m.end()
    m = _CLAUSE_CUT.search(text, end, s1)
    return left, (m.start() if m else s1)


def _event_matches(low: str, a: int, b: int, leads: tuple[str, ...]) -> list[re.Match[str]]:
    """The same matches as `_EVENT_RX.finditer(low, a, b)`, trying it only where one of `leads`
    (`_event_leads` of the text) occurs in [a, b): every match opens with a lead, finditer tries
    each offset from the end of the previous match on, so trying only those gives the same list."""
    find = low.find
    starts: list[int] = []
    for lead in leads:
        at = find(lead, a, b)
        while at >= 0:
            starts.append(at)
            at = find(lead, at + 1, b)
    found: list[re.Match[str]] = []
    resume = a
    for at in sorted(starts):
        if at >= resume and (m := _EVENT_RX.match(low, at, b)) is not None:
            found.append(m)
            resume = m.end()  # never empty: every event word has letters
    return found


def _event(low: str, a: int, b: int, start: int, end: int, leads: tuple[str, ...]) -> str | None:
    """The event word nearest the figure within [a, b) of the folded text `low`, after it first
    (passive: "were killed"); at equal distance the event listed first in EVENTS. `leads`: the
    `_event_leads` of the text."""
    best: tuple[int, int, str] | None = None
    for m in _event_matches(low, a, b, leads):
        key = m.lastgroup or ""
        distance = m.start() - end if m.start() >= end else (start - m.end()) * 2 + 1
        if best is None or (distance, _EVENT_ORDER[key]) < best[:2]:
            best = (distance, _EVENT_ORDER[key], key)
    return best[2] if best else None


@lru_cache(maxsize=64)
def _csto_near(low: str, a: int, b: int) -> bool:
    """Whether the CSTO is named in [a, b) of the folded text (cached: the figures of a paragraph
    share their context)."""
    if not any(low.find(word, a, b) >= 0 for word in _CSTO_LEADS):
        return False  # none of its words is there: no need to try the pattern
    return _CSTO_FOLDED.search(low, a, b) is not None


def _who(words: str) -> str | None:
    for key, rx in WHO:
        if rx.search(words):
            return key
    return None


def guess_quantity(
    text: str, sentence: tuple[int, int], start: int, end: int, unit: str | None, context: tuple[int, int]
) -> str | None:
    """A dotted key for the figure at [start, end) in `sentence`; `context` is a wider window
    (the paragraph) for who sent troops. Units count ("times" ratios of prices -> price)."""
    s0, s1 = sentence
    low = folded(text)
    a, b = _clause(text, s0, s1, start, end)
    relative = _OF_WHICH.match(text[end - 12 : end + 12][12 - (end - start) :] or "")
    leads = _event_leads(text)
    if _OF_WHOM.search(text[start:end]) or relative:
        event = _event(low, s0, start, start, start, leads)
    else:
        event = _event(low, a, b, start, end, leads)
    unit_words = unit or ""
    if event == "deaths":
        return f"deaths.{_who(unit_words) or 'all'}"
    if event is not None:
        return event
    if TROOPS.search(unit_words):
        return "troops.csto" if _csto_near(low, *context) else "troops"
    if any(low.find(word, a, b) >= 0 for word in _PRICE_LEADS) and _PRICE_FOLDED.search(low, a, b):
        return "price"
    return None
