"""The one number grammar: "up to 15,000 soldiers", "one hundred and twenty", "3.5m", "1,5 Millionen".

Every place that reads a number uses this module: figure suggestions (core/suggest.py), the
highlighter (core/lexer.py), typed attribute values (core/attributes.py) and the editor's
pre-fill (ui/completions.py). Number words go to the number-parser library ("one hundred and
twenty" -> 120); digits, separators, scales, ratios, vague counts and qualifiers are rules here.

Separators depend on the article's language (ISO 639-1 code, None when unknown): in English a
comma groups thousands when three digits follow it ("15,000") and is a decimal mark otherwise
("1,5"); in languages that write decimal commas (de, fr, es, ru, kk ...) a comma is always the
decimal mark and a dot followed by three digits groups thousands ("1.500" = 1500). Spaces of any
width (space, no-break, thin, narrow no-break, figure space) group thousands ("4 404").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kzt_annotator.core.figure_units import CURRENCIES, CURRENCY_WORDS, scale_factor, unit_after
from kzt_annotator.core.kinds import Qualifier
from kzt_annotator.core.rx_words import fold

QUALIFIER_WORDS: tuple[tuple[str, Qualifier], ...] = (
    ("well over", Qualifier.MORE_THAN),
    ("just over", Qualifier.MORE_THAN),
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
    ("as much as", Qualifier.UP_TO),
    ("no more than", Qualifier.UP_TO),
    ("at most", Qualifier.UP_TO),
    ("a maximum of", Qualifier.UP_TO),
    ("less than", Qualifier.LESS_THAN),
    ("fewer than", Qualifier.LESS_THAN),
    ("just under", Qualifier.LESS_THAN),
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
RATIO_WORDS: dict[str, float] = {
    "double": 2,
    "doubled": 2,
    "doubles": 2,
    "doubling": 2,
    "twice": 2,
    "triple": 3,
    "tripled": 3,
    "triples": 3,
    "tripling": 3,
    "trebled": 3,
    "quadrupled": 4,
    "half": 0.5,
    "halved": 0.5,
    "halving": 0.5,
}
NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
).split()
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_SCALE_WORDS = "hundred|thousand|million|billion|trillion"
COMMA_DECIMAL_LANGUAGES = frozenset(
    "de fr es it pt nl ru kk uk pl cs sk tr sv da no nb fi ro hu bg hr sr sl el lt lv et az uz ky id".split()
)
SPACE_CHARS = " \u00a0\u2009\u202f\u2007"

# --- the patterns (strings, so callers can embed them in larger expressions) ---
DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 15,000  1,234.5
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.\d])"  # 1.500.000  1.500,5 (continental); 1.800 by language
    rf"|\d{{1,3}}(?:[{SPACE_CHARS}]\d{{3}})+(?:[.,]\d+)?(?![\d])"  # 4 404 (any space width)
    r"|\d+(?:[.,]\d+)?"  # 3.5  1,5  2019
)
_SIMPLE_WORD = rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{'|'.join(NUMBER_WORDS)})"
WORD_NUMBER = (
    rf"(?:(?:a\s+)?{_SIMPLE_WORD}(?:\s+(?:{_SCALE_WORDS})(?:\s+(?:and\s+)?{_SIMPLE_WORD}"
    rf"(?:\s+(?:{_SCALE_WORDS}))?)*)?|a\s+(?:{_SCALE_WORDS}))"
)
SCALE_AFTER = (
    r"(?:\s?(?:hundred|thousand|million|billion|trillion|mln|mn|bn|Millionen|Million|Milliarden|Milliarde"
    r"|Mio\.|Mrd\.|millions|milliards?|миллион\w*|миллиард\w*|млн\.?|млрд\.?|тыс\.)(?![^\W\d_])"
    r"|(?:m|bn|k|mn)\b)"
)
PERCENT = r"(?:\s?(?:%|percent\b|per\s+cent\b|Prozent\b|pour\s+cent\b|por\s+ciento\b|процент\w*))"
CURRENCY_SIGN = r"(?:US\$|[$€£₸₽¥])"
CURRENCY_CODE = r"(?:USD|EUR|GBP|KZT|RUB|CNY|CHF|JPY)"
NUMBER = (
    rf"(?:(?P<cur>{CURRENCY_SIGN}|\b{CURRENCY_CODE}(?=\s?\d))\s?)?(?P<num>{DIGITS}|\b{WORD_NUMBER}\b)"
    rf"(?P<scale>{SCALE_AFTER})?(?P<pct>{PERCENT})?"
)
FOLD = rf"(?:\b(?:\d+|{_SIMPLE_WORD})-?fold\b)"
RATIO = rf"(?:\b(?:{'|'.join(RATIO_WORDS)})\b|{FOLD})"
VAGUE = rf"(?:\b(?:{'|'.join(w for w in VAGUE_WORDS if w not in ('many', 'numerous'))})\b)"
QUALIFIER = "|".join(re.escape(words) for words, _ in QUALIFIER_WORDS)

BARE_NUMBER = f"(?:{DIGITS}|{WORD_NUMBER})"
_BARE = BARE_NUMBER
RANGE = (
    rf"(?P<between>between\s+)?(?P<a>{_BARE})(?P<sa>{SCALE_AFTER})?"
    rf"\s*(?:-|–|to|and)\s*(?P<b>{_BARE})(?P<scale>{SCALE_AFTER})?"
)
_RATIO_TIMES = rf"{RATIO}|(?P<times>{_BARE})\s+times\b"
_FRACTION = (
    rf"(?P<a>{_BARE})\s+(?:in|out\s+of)\s+(?:every\s+)?(?P<b>{_BARE})\b(?![.,]?\d)"
    r"|(?P<n>a|an|one|two|three)\s+(?P<part>thirds?|quarters?|fifths?|tenths?)\b"
)

_RATIO_LEADS = tuple(RATIO_WORDS)
_CURRENCY_WORD = rf"\s*({'|'.join(CURRENCY_WORDS)})\b"
# small patterns of the parser, compiled once (a few microseconds each at import)
_SPACES = re.compile(f"[{SPACE_CHARS}]")
_OPENING_MARKS = re.compile(r"^[“\"‘'«(]+")
_WORD_END = re.compile(r"[\s,.;:!?”\"’']")
_OF_LEAD = re.compile(r"^\s*of\s+")
_DIGIT_DASH_DIGIT = re.compile(r"\d\s*[-–]\s*\d")
_HYPHEN_WORD = re.compile(r"^-(?=[^\W\d_])")
_RATIO_BASE = re.compile(r"\s+(?:of\s+)?(?P<base>(?:the\s+)?[^\W\d_][\w’'-]*(?:\s+[^\W\d_][\w’'-]*)?)")
# QUALIFIER_WORDS by first word, in their order: a phrase can only open with those of its first word
_QUALIFIER_LEADS: dict[str, list[tuple[str, Qualifier]]] = {}
for _words, _qualifier in QUALIFIER_WORDS:
    _QUALIFIER_LEADS.setdefault(_words.split()[0], []).append((_words + " ", _qualifier))


@cache
def pattern(source: str) -> re.Pattern[str]:
    """`source` compiled case-insensitively, once, on first use: compiling this module's patterns
    costs about a tenth of a second, which every program start (a CLI verb that reads no figure)
    would otherwise pay on import."""
    return re.compile(source, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParsedFigure:
    """A figure read from a phrase. Ratios have unit 'times' and, when written, their `base`
    ("doubling of LPG prices" -> 2 times, base "LPG prices")."""

    value: float | None
    qualifier: Qualifier
    unit: str | None = None
    value_low: float | None = None
    value_high: float | None = None
    base: str | None = None


def digits_value(raw: str, language: str | None = None) -> float | None:
    """'15,000' -> 15000, '4 404' -> 4404, '1,5' -> 1.5, '1.500' (de) -> 1500, '3.5' -> 3.5."""
    s = _SPACES.sub("", raw.strip())
    comma_decimal = (language or "").lower()[:2] in COMMA_DECIMAL_LANGUAGES
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        groups = s.split(",")
        if len(groups) == 2 and (comma_decimal or len(groups[1]) != 3):
            s = s.replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "." in s:
        groups = s.split(".")
        if len(groups) > 2 or (comma_decimal and len(groups[1]) == 3):
            s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


_WORD_VALUES = {word: index for index, word in enumerate(NUMBER_WORDS[:20])} | {
    tens: 20 + 10 * index for index, tens in enumerate(_TENS.split("|"))
}
_WORD_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def words_value(words: str) -> float | None:
    """'one hundred and twenty' -> 120, 'two thousand five hundred' -> 2500, 'a million' -> 1e6."""
    total = current = 0
    seen = False
    for word in words.lower().replace("-", " ").split():
        if word in ("and", "a"):
            current = current or (1 if word == "a" else 0)
            continue
        if word in _WORD_VALUES:
            current += _WORD_VALUES[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _WORD_SCALES:
            total += (current or 1) * _WORD_SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def number_value(text: str, language: str | None = None) -> float | None:
    """A number in digits or words: '15,000' -> 15000, 'one hundred and twenty' -> 120."""
    value = digits_value(text, language)
    if value is not None:
        return value
    value = words_value(text)
    if value is not None:
        return value
    return _library_words(" ".join(text.lower().replace("-", " ").split()))


@lru_cache(maxsize=256)
def _library_words(words: str) -> float | None:
    """Number words the rules above do not know, read by number-parser (slow: ~30 ms a call)."""
    from number_parser import parse_number

    parsed = parse_number(words)
    return None if parsed is None else float(parsed)


def scale_value(scale: str | None) -> float:
    """'million' -> 1e6, 'm' -> 1e6, 'Millionen' -> 1e6, None -> 1."""
    return scale_factor(scale) if scale else 1.0


def read_number(text: str, language: str | None = None) -> float | None:
    """A whole typed value: '15000', '15,000', '1.5m', '3,5 Millionen', 'one hundred and twenty'.

    None when `text` is not exactly one number (with an optional scale)."""
    stripped = text.strip().replace("_", "")
    match = re.fullmatch(
        rf"(?P<sign>[+-])?(?P<num>{DIGITS}|{WORD_NUMBER})(?P<scale>{SCALE_AFTER})?", stripped, re.I
    )
    if match is None:
        return None
    value = number_value(match.group("num"), language)
    if value is None:
        return None
    value *= scale_value(match.group("scale"))
    return -value if match.group("sign") == "-" else value


def _qualifier_prefix(text: str) -> tuple[Qualifier | None, str]:
    """The qualifier `text` opens with (words as in QUALIFIER_WORDS, then a space) and the rest."""
    lowered = text.lower()
    for lead, qualifier in _QUALIFIER_LEADS.get(lowered.split(" ", 1)[0], ()):
        if lowered.startswith(lead):
            return qualifier, text[len(lead) :].lstrip()
    return None, text


# Cheap tests that must hold for a pattern to match (the patterns are long case-insensitive
# alternations that take microseconds to fail); tests/core/test_number_prechecks.py checks them.
def _may_be_ratio(rest: str) -> bool:
    """Whether _RATIO_TIMES can match at the start of `rest`: it opens with a ratio word, or has
    "fold" or "times" (as re's case-insensitive matching sees letters: `fold`)."""
    folded = fold(rest)
    return folded.startswith(_RATIO_LEADS) or "fold" in folded or "times" in folded


def _may_be_fraction(rest: str) -> bool:
    """Whether _FRACTION can match `rest`, a phrase with single spaces: it has " in ", " out "
    or a part word ("third", "quarter" ...)."""
    folded = fold(rest)
    return " in " in folded or " out " in folded or any(part in folded for part in _PARTS)


def _may_be_range(target: str) -> bool:
    """Whether RANGE can match `target`: it has one of its separators (re matches the letters of
    "to" and "and" case-insensitively only to their own two cases)."""
    lowered = target.lower()
    return "-" in target or "–" in target or "to" in lowered or "and" in lowered


def _ratio(rest: str, qualifier: Qualifier | None, language: str | None) -> ParsedFigure | None:
    if not _may_be_ratio(rest):
        return None
    match = pattern(_RATIO_TIMES).match(rest)
    if match is None:
        return None
    word = match.group(0).lower()
    if match.group("times"):
        value = number_value(match.group("times"), language)
    elif word.endswith("fold"):
        value = number_value(word[:-4].rstrip("-"), language)
    else:
        value = RATIO_WORDS[word]
    if value is None:
        return None
    of = _RATIO_BASE.match(rest[match.end() :])
    base = None
    if of and rest[match.end() :].lstrip().lower().startswith("of "):
        base = of.group("base")
    return ParsedFigure(value, qualifier or Qualifier.EXACT, "times", base=base)


_PARTS = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}


def _fraction(rest: str, qualifier: Qualifier | None, language: str | None) -> ParsedFigure | None:
    """'two in five', 'one out of every ten', 'a third', 'three quarters' -> a fraction (0.4 ...).

    Only a small whole (at most 100, larger than the part): '19 out of 225' stays a count of 19.
    `rest` has single spaces (parse_figure joins its words so)."""
    if not _may_be_fraction(rest):
        return None
    match = pattern(_FRACTION).match(rest)
    if match is None:
        return None
    if match.group("part"):
        part = match.group("part").lower().rstrip("s")
        whole = float(_PARTS[part])
        n = match.group("n").lower()
        count = 1.0 if n in ("a", "an") else number_value(n, language)
    else:
        count = number_value(match.group("a"), language)
        whole = number_value(match.group("b"), language)  # type: ignore[assignment]
    if count is None or not whole or whole > 100 or count >= whole:
        return None
    return ParsedFigure(count / whole, qualifier or Qualifier.EXACT, "fraction")


def parse_figure(text: str, language: str | None = None) -> ParsedFigure | None:
    """Parse a selected phrase; None when it holds no number, ratio or vague count."""
    phrase = " ".join(text.split())
    phrase = _OPENING_MARKS.sub("", phrase)
    qualifier, rest = _qualifier_prefix(phrase)
    lowered = rest.lower()
    first = _WORD_END.split(lowered, maxsplit=1)[0] if lowered else ""
    if first in VAGUE_WORDS:
        after = _OF_LEAD.sub(" ", rest[len(first) :])
        return ParsedFigure(None, VAGUE_WORDS[first], unit_after(after))
    if lowered.startswith(("a dozen", "dozen")):
        after = rest[len("a dozen") if lowered.startswith("a ") else len("dozen") :]
        return ParsedFigure(12.0, qualifier or Qualifier.EXACT, unit_after(after))
    fraction = _fraction(rest, qualifier, language)
    if fraction is not None:
        return fraction
    ratio = _ratio(rest, qualifier, language)
    if ratio is not None:
        return ratio
    target = phrase if phrase.lower().startswith("between ") else rest
    ranged = pattern(RANGE).match(target) if _may_be_range(target) else None
    if ranged and (ranged.group("between") or _DIGIT_DASH_DIGIT.search(ranged.group(0))):
        low = number_value(ranged.group("a"), language)
        high = number_value(ranged.group("b"), language)
        if low is not None and high is not None:
            scale = scale_value(ranged.group("scale"))
            low *= scale_value(ranged.group("sa")) if ranged.group("sa") else scale
            high *= scale
            after = (phrase if ranged.group("between") else rest)[ranged.end() :]
            return ParsedFigure(None, Qualifier.RANGE, unit_after(after, language), low, high)
    match = pattern(NUMBER).search(rest)
    if match is None or match.start() > 3:
        return None
    value = number_value(match.group("num"), language)
    if value is None:
        return None
    value *= scale_value(match.group("scale"))
    after = _HYPHEN_WORD.sub(" ", rest[match.end() :])  # "200-metre"
    currency_word = pattern(_CURRENCY_WORD).match(after)
    if match.group("pct"):
        unit: str | None = "percent"
    elif match.group("cur"):
        sign = match.group("cur")
        unit = CURRENCIES.get(sign[-1]) or sign.upper()  # "$", "US$" -> USD; "EUR" as written
    elif currency_word:
        unit = CURRENCY_WORDS[currency_word.group(1).lower()]
    else:
        unit = unit_after(after, language)
    return ParsedFigure(value, qualifier or Qualifier.EXACT, unit)
