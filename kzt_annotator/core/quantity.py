"""Guess what a figure counts, as a dotted codebook key, from its clause's subject and verb.

"26 soldiers had died" -> deaths.security_forces (the verb says deaths, the subject whose);
"225 people were killed in the unrest, 19 of whom were security forces" -> deaths.all and
deaths.security_forces; "more than 3,000 had been arrested" -> detained; "2,500 troops" sent by
the CSTO -> troops.csto. None when the clause names no event the codebook knows.
"""

from __future__ import annotations

import re

EVENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "deaths",
        re.compile(
            r"\b(?:killed|kill|dead|died|die|deaths?|death\s+toll|toll|liquidated|lost\s+their\s+lives|"
            r"perished|fatalities|beheaded|shot\s+dead|bodies)\b",
            re.I,
        ),
    ),
    (
        "injured",
        re.compile(r"\b(?:injured|wounded|hurt|hospitali[sz]ed|treated\s+in\s+hospital|injuries)\b", re.I),
    ),
    (
        "detained",
        re.compile(r"\b(?:detained|arrested|detentions|arrests|in\s+custody|jailed|imprisoned)\b", re.I),
    ),
    ("evacuated", re.compile(r"\b(?:evacuated|displaced|fled|flee)\b", re.I)),
    ("missing", re.compile(r"\bmissing\b", re.I)),
)
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
PRICE = re.compile(r"\b(?:prices?|costs?|tariffs?|fares?)\b", re.I)
_CLAUSE_CUT = re.compile(
    r";\s|,\s+(?:and|but|while|as|whereas)\s|\s+(?:and|but)\s+(?=\S+\s+(?:\S+\s+)?(?:were|was|had|have|has)\b)"
)


def _clause(text: str, s0: int, s1: int, start: int, end: int) -> tuple[int, int]:
    left = s0
    for m in _CLAUSE_CUT.finditer(text, s0, start):
        left = m.end()
    m = _CLAUSE_CUT.search(text, end, s1)
    return left, (m.start() if m else s1)


def _event(text: str, a: int, b: int, start: int, end: int) -> str | None:
    """The event word nearest the figure within [a, b), after it first (passive: "were killed")."""
    best: tuple[int, str] | None = None
    for key, rx in EVENTS:
        for m in rx.finditer(text, a, b):
            distance = m.start() - end if m.start() >= end else (start - m.end()) * 2 + 1
            if best is None or distance < best[0]:
                best = (distance, key)
    return best[1] if best else None


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
    a, b = _clause(text, s0, s1, start, end)
    relative = re.match(
        r"\s*of\s+(?:whom|them|which)\b", text[end - 12 : end + 12][12 - (end - start) :] or ""
    )
    if re.search(r"\bof\s+(?:whom|them)\b", text[start:end]) or relative:
        event = _event(text, s0, start, start, start)
    else:
        event = _event(text, a, b, start, end)
    unit_words = unit or ""
    if event == "deaths":
        return f"deaths.{_who(unit_words) or 'all'}"
    if event is not None:
        return event
    if TROOPS.search(unit_words):
        return "troops.csto" if CSTO.search(text, *context) else "troops"
    if PRICE.search(text, a, b):
        return "price"
    return None
