"""Units and scales for the number grammar: currency signs and words, scale words, unit nouns.

`unit_after(" personnes ont été arrêtées")` -> "personnes": the unit is the noun after a
number, one or two words, stopping at function words and verbs in the languages the corpus uses.
"""

from __future__ import annotations

import re

CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP", "₸": "KZT", "₽": "RUB", "¥": "CNY"}
CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "tenge": "KZT",
    "roubles": "RUB",
    "rubles": "RUB",
    "yuan": "CNY",
}
_EXACT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "тыс": 1e3, "млн": 1e6, "млрд": 1e9}
# (prefix, factor), longest first where one prefix starts another ("milliard" before "million").
SCALES: tuple[tuple[str, float], ...] = (
    *_EXACT_SCALES.items(),
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("milliard", 1e9),
    ("million", 1e6),
    ("mio", 1e6),
    ("mrd", 1e9),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("миллиард", 1e9),
    ("миллион", 1e6),
)


def scale_factor(word: str) -> float:
    """'million' -> 1e6, 'm' -> 1e6, 'Millionen' -> 1e6, 'Mrd.' -> 1e9; unknown -> 1."""
    word = word.strip().lower().rstrip(".")
    if word in _EXACT_SCALES:
        return _EXACT_SCALES[word]
    for prefix, factor in SCALES[len(_EXACT_SCALES) :]:
        if word.startswith(prefix):
            return factor
    return 1.0


UNIT_STOP = frozenset(
    # English function words and auxiliaries
    "of the a an to in on at for from by with and or were was had have has are is be been who whom "
    "which that as per than more out s reportedly without after before since during into over under about "
    "against across within amid among near while when still remain remained could would will may might "
    # French, German, Spanish, Russian / Kazakh function words and auxiliaries
    "ont sont a été étaient était et de des du la le les en dans pour par sur avec qui "
    "wurden wurde sind ist haben hat und der die das den dem in im bei von mit auf seit "
    "fueron fue han son y los las el en con por para que murieron "
    "были был было и в на с по из что".split()
)


PLURALS = frozenset("people police staff men women children personnel persons personnes menschen".split())


def takes_second_word(first: str, second: str) -> bool:
    """'security officers', 'armed criminals', 'Swiss francs': yes; 'people live', 'residents remain': no."""
    first, second = first.lower(), second.lower()
    if first in PLURALS:
        return False
    return not first.endswith("s") or second.endswith("s")


_RELATIVE = re.compile(r"\s*of\s+(?:whom|them|which)\s+(?:were|was|are|is)\s+(?P<rest>.*)", re.I | re.S)
_WORD = re.compile(r"[“\"‘'«]?([^\W\d_][\w’'-]*)[”\"’'»]?")
_STARTS_WITH_WORD = re.compile(r"\s*[“\"‘'«]?[^\W\d_]")


def unit_after(rest: str, language: str | None = None) -> str | None:
    """The unit words right after a number (at most two), lower case; None when there are none."""
    relative = _RELATIVE.match(rest)
    if relative:
        rest = " " + relative.group("rest")
    words = _WORD.findall(rest[:80])[:3]
    if not _STARTS_WITH_WORD.match(rest):
        return None
    unit: list[str] = []
    for index, word in enumerate(words):
        lower = word.lower()
        if lower in UNIT_STOP or (index > 0 and lower.endswith("ed")):
            break
        unit.append(lower)
        if len(unit) == 2 or not takes_second_word(lower, words[index + 1] if index + 1 < len(words) else ""):
            break
    return " ".join(unit) or None
