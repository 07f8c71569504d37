"""Parse figure phrases: "up to 15,000 soldiers", "approximately 4,404 people", "$2.7 billion".

Number words ("two", "twenty-six", "nineteen") go to the number-parser library; it does not
handle digits with separators, scales after digits ("1.2 million"), vague counts ("dozens") or
qualifiers, so those are rules here, each tested on phrases from the sample corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kzt_annotator.core.kinds import Qualifier

QUALIFIER_WORDS: tuple[tuple[str, Qualifier], ...] = (
    ("well over", Qualifier.MORE_THAN),
    ("more than", Qualifier.MORE_THAN),
    ("in excess of", Qualifier.MORE_THAN),
    ("upwards of", Qualifier.MORE_THAN),
    ("over", Qualifier.MORE_THAN),
    ("above", Qualifier.MORE_THAN),
    ("at least", Qualifier.AT_LEAST),
    ("no fewer than", Qualifier.AT_LEAST),
    ("no less than", Qualifier.AT_LEAST),
    ("a minimum of", Qualifier.AT_LEAST),
    ("up to", Qualifier.UP_TO),
    ("as many as", Qualifier.UP_TO),
    ("no more than", Qualifier.UP_TO),
    ("at most", Qualifier.UP_TO),
    ("a maximum of", Qualifier.UP_TO),
    ("less than", Qualifier.LESS_THAN),
    ("fewer than", Qualifier.LESS_THAN),
    ("under", Qualifier.LESS_THAN),
    ("below", Qualifier.LESS_THAN),
    ("approximately", Qualifier.APPROXIMATELY),
    ("an estimated", Qualifier.APPROXIMATELY),
    ("about", Qualifier.APPROXIMATELY),
    ("around", Qualifier.APPROXIMATELY),
    ("roughly", Qualifier.APPROXIMATELY),
    ("some", Qualifier.APPROXIMATELY),
    ("nearly", Qualifier.APPROXIMATELY),
    ("almost", Qualifier.APPROXIMATELY),
    ("close to", Qualifier.APPROXIMATELY),
    ("circa", Qualifier.APPROXIMATELY),
    ("estimated", Qualifier.APPROXIMATELY),
)
VAGUE_WORDS: dict[str, Qualifier] = {
    "dozens": Qualifier.DOZENS,
    "scores": Qualifier.SCORES,
    "hundreds": Qualifier.HUNDREDS,
    "thousands": Qualifier.THOUSANDS,
    "several": Qualifier.SEVERAL,
    "multiple": Qualifier.MULTIPLE,
    "many": Qualifier.SEVERAL,
    "numerous": Qualifier.MULTIPLE,
}
SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mln": 1e6,
    "bn": 1e9,
    "m": 1e6,
    "k": 1e3,
}
SPECIAL_WORDS: dict[str, tuple[float, str | None]] = {
    "half": (0.5, None),
    "doubled": (2.0, "times"),
    "double": (2.0, "times"),
    "doubling": (2.0, "times"),
    "tripled": (3.0, "times"),
    "triple": (3.0, "times"),
    "a dozen": (12.0, None),
    "dozen": (12.0, None),
}
NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
).split()
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "₸": "KZT", "₽": "RUB"}

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)|\d+(?:\.\d+)?"
_WORDNUM = r"(?:" + "|".join(NUMBER_WORDS) + r")(?:[- ](?:" + "|".join(NUMBER_WORDS[1:10]) + r"))?"
_SCALE = r"(?:hundred|thousand|million|billion|trillion|mln|bn)"
NUMBER_RX = re.compile(
    rf"(?P<cur>[$€£₸₽])?\s?(?P<num>{_DIGITS}|{_WORDNUM})(?:\s?(?P<scale>{_SCALE})\b)?"
    r"(?:\s?(?P<pct>%|percent\b|per cent\b))?",
    re.IGNORECASE,
)
RANGE_RX = re.compile(
    rf"(?:between\s+)?(?P<a>{_DIGITS}|{_WORDNUM})\s*(?:-|–|to|and)\s*(?P<b>{_DIGITS}|{_WORDNUM})"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?",
    re.IGNORECASE,
)
UNIT_STOP = {  # words that end a unit ("3,000 people were", "four cents after")
    "of",
    "the",
    "a",
    "an",
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "by",
    "with",
    "and",
    "or",
    "were",
    "was",
    "had",
    "have",
    "has",
    "are",
    "is",
    "be",
    "been",
    "who",
    "whom",
    "which",
    "that",
    "as",
    "per",
    "than",
    "more",
    "s",
    "reportedly",
    "without",
    "after",
    "before",
    "since",
    "during",
    "into",
    "over",
    "under",
    "about",
    "against",
    "across",
    "within",
    "amid",
    "among",
    "near",
}


@dataclass(frozen=True, slots=True)
class ParsedFigure:
    value: float | None
    qualifier: Qualifier
    unit: str | None = None
    value_low: float | None = None
    value_high: float | None = None


def number_value(text: str) -> float | None:
    """'15,000' -> 15000, '4 404' -> 4404, 'twenty-six' -> 26, 'nineteen' -> 19."""
    cleaned = re.sub(r"[,\u00a0\u202f ]", "", text)
    try:
        return float(cleaned)
    except ValueError:
        pass
    from number_parser import parse_number  # the library does number words well

    value = parse_number(text.lower().replace("-", " "))
    return None if value is None else float(value)


def _qualifier_prefix(text: str) -> tuple[Qualifier | None, str]:
    lowered = text.lower()
    for words, qualifier in QUALIFIER_WORDS:
        if lowered.startswith(words + " "):
            return qualifier, text[len(words) + 1 :].lstrip()
    return None, text


def _unit_after(rest: str) -> str | None:
    words = re.findall(r"[“\"‘']?([^\W\d_][\w’'-]*)[”\"’']?", rest)[:3]
    unit: list[str] = []
    for index, word in enumerate(words):
        lower = word.lower()
        if lower in UNIT_STOP or (index > 0 and lower.endswith("ed")):
            break
        unit.append(lower)
        if len(unit) == 2:
            break
    return " ".join(unit) or None


def parse_figure(text: str) -> ParsedFigure | None:
    """Parse a selected phrase; None when it holds no number or vague count."""
    phrase = " ".join(text.split())
    qualifier, rest = _qualifier_prefix(phrase)
    lowered = rest.lower()
    first = lowered.split(" ", 1)[0] if lowered else ""
    if first in VAGUE_WORDS:
        after = rest[len(first) :]
        after = re.sub(r"^\s*of\s+", " ", after)
        return ParsedFigure(None, VAGUE_WORDS[first], _unit_after(after))
    for words, (value, unit) in SPECIAL_WORDS.items():
        if lowered == words or lowered.startswith(words + " "):
            return ParsedFigure(value, qualifier or Qualifier.EXACT, unit or _unit_after(rest[len(words) :]))
    ranged = RANGE_RX.match(rest)
    if ranged and (phrase.lower().startswith("between") or re.search(r"\d\s*[-–]\s*\d", ranged.group(0))):
        low, high = number_value(ranged.group("a")), number_value(ranged.group("b"))
        scale = SCALES.get((ranged.group("scale") or "").lower(), 1.0)
        if low is not None and high is not None:
            return ParsedFigure(
                None, Qualifier.RANGE, _unit_after(rest[ranged.end() :]), low * scale, high * scale
            )
    if phrase.lower().startswith("between "):
        ranged = RANGE_RX.match(phrase[len("between ") :])
        if ranged:
            low, high = number_value(ranged.group("a")), number_value(ranged.group("b"))
            if low is not None and high is not None:
                return ParsedFigure(None, Qualifier.RANGE, _unit_after(phrase[8 + ranged.end() :]), low, high)
    match = NUMBER_RX.search(rest)
    if match is None or match.start() > 3:
        return None
    value = number_value(match.group("num"))
    if value is None:
        return None
    value *= SCALES.get((match.group("scale") or "").lower(), 1.0)
    if match.group("pct"):
        unit: str | None = "percent"
    elif match.group("cur"):
        unit = CURRENCIES[match.group("cur")]
    else:
        unit = _unit_after(rest[match.end() :])
    return ParsedFigure(value, qualifier or Qualifier.EXACT, unit)
