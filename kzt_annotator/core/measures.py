"""Units made comparable: what a figure's unit measures and the factor to that measure's base.

Discrepancy groups compare numbers only within one measure, after scaling them to its base:

    counts     no unit, or a noun ("people", "security officers"), with any scale word:
               "thousand people" -> x1,000; "million" -> x1,000,000
    percent    "%", "percent", "per cent" -> x1; a fraction ("fraction", "share", "proportion")
               and a ratio of a base ("times": "half", "double", "two in five") -> x100,
               so "40 %", 0.4 of a base and "two in five" are all 40 percent, "half" is 50
    currency   by its ISO code: "$", "US$", "USD", "dollars" are USD, with scale words:
               "$2.5bn" (stored 2.5e9 USD), "2.5 billion dollars" and "USD 2,500 million"
               (typed: value 2500, unit "USD million") are all 2.5e9 USD; USD and EUR are
               different measures and never compared
    measures   a unit of measurement ("km", "tonnes", "hectares", "barrels", "years" ...) is its
               own measure, compared only with the same word (singular and plural alike)

Factors are positive, so scaling keeps the order of values and the open or closed ends of an
interval ("more than 3,000" stays open at 3,000).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kzt_annotator.core.figure_units import CURRENCIES, CURRENCY_WORDS, SCALES
from kzt_annotator.core.intervals import Interval

COUNT = ""  # the measure of plain counts
PERCENT = "percent"

CURRENCY_CODES = frozenset(
    {*CURRENCIES.values(), "CHF", "JPY", "INR", "UAH", "KGS", "UZS", "TRY", "CAD", "AUD"}
)
_SIGNS = {**CURRENCIES, "us$": "USD", "a$": "AUD", "c$": "CAD", "₴": "UAH", "₹": "INR"}
_CURRENCY_WORDS = {**CURRENCY_WORDS, "sterling": "GBP", "francs": "CHF", "franc": "CHF", "yen": "JPY"}
_PERCENT_WORDS = frozenset({"%", "percent", "pct", "prozent", "percentage"})
_PERCENT_PAIRS = frozenset({("per", "cent"), ("pour", "cent"), ("por", "ciento")})
_FRACTION_WORDS = frozenset({"fraction", "share", "proportion", "times"})
_SCALE_WORDS = frozenset(
    {"k", "m", "mn", "mln", "bn", "b", "tn", "thousand", "thousands", "hundred", "hundreds"}
)
MEASUREMENT_WORDS = frozenset(
    "km kilometre kilometer mile metre meter m2 km2 hectare acre tonne ton kg kilogram gram litre liter "
    "barrel gallon degree year month week day hour minute second kwh mw gw watt".split()
)


@dataclass(frozen=True, slots=True)
class Measure:
    """What a unit measures (COUNT, PERCENT, a currency code or a measurement word) and the factor
    that takes a value in that unit to the measure's base (positive)."""

    name: str = COUNT
    factor: float = 1.0

    @property
    def label(self) -> str:
        """How views name the measure: '' for counts, '%' for percent, else the name."""
        return "%" if self.name == PERCENT else self.name

    def scale(self, value: float | None) -> float | None:
        """`value` in the base, to 12 significant digits (0.4 x 100 is 40, not 40.000000000000007)."""
        if value is None or self.factor == 1.0:
            return value
        return float(f"{value * self.factor:.12g}")

    def scale_interval(self, interval: Interval) -> Interval:
        """The interval in the measure's base; open ends stay open."""
        if self.factor == 1.0:
            return interval
        low, high = self.scale(interval.low), self.scale(interval.high)
        return Interval(low, high, interval.low_open, interval.high_open)  # type: ignore[arg-type]


def _scale_of(word: str) -> float | None:
    """The factor of a scale word ('bn' -> 1e9, 'Millionen' -> 1e6), None for other words."""
    word = word.rstrip(".")
    if word in {"b", "tn"}:
        return 1e9 if word == "b" else 1e12
    for prefix, factor in SCALES:
        if (word == prefix) if len(prefix) <= 4 else word.startswith(prefix):
            return factor
    return 1e3 if word == "thousands" else (1e2 if word == "hundreds" else None)


_TOKEN = re.compile(r"us\$|[a-z]\$|[$€£₸₽¥₴₹%]|[^\W\d_][\w.]*", re.IGNORECASE)


@lru_cache(maxsize=1024)
def measure_of(unit: str | None) -> Measure:
    """The measure of a stored unit: None, '', 'people' -> counts; '%' -> percent; 'USD million'
    -> USD x1e6; 'fraction' -> percent x100; 'km' -> 'km'. Never raises."""
    if not unit or not unit.strip():
        return Measure()
    tokens = [t.lower() for t in _TOKEN.findall(unit)]
    factor = 1.0
    name: str | None = None
    measurement: str | None = None
    previous = ""
    for token in tokens:
        scale = _scale_of(token)
        if token in _SIGNS:
            name = _SIGNS[token]
        elif token.upper() in CURRENCY_CODES and len(token) == 3:
            name = token.upper()
        elif token in _CURRENCY_WORDS:
            name = _CURRENCY_WORDS[token]
        elif token in _PERCENT_WORDS or (previous, token) in _PERCENT_PAIRS:
            name = PERCENT
        elif token in _FRACTION_WORDS:
            name, factor = PERCENT, factor * 100
        elif scale is not None and (token in _SCALE_WORDS or len(token) > 2 or token in {"mn", "bn"}):
            factor *= scale
        elif measurement is None and _singular(token) in MEASUREMENT_WORDS:
            measurement = _singular(token)
        previous = token
    if name is None and measurement is not None:
        name = measurement
    return Measure(name or COUNT, factor)


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
