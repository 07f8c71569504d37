"""Suggest figures and attributions in an article's text (pure; the service filters and stores).

Figures: number phrases read with the one number grammar (core/numbers.py), excluding dates,
years, clock times, ages, durations and ordinals; what is counted comes from the clause's subject
and verb (core/quantity.py), the source from the attribution the figure sits in.
Attributions: quotations and reported speech (core/attribution_finder.py) with speaker, role,
kind, cue span and relaying outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kzt_annotator.core.attributes import AttributionAttrs, FigureAttrs
from kzt_annotator.core.attribution_finder import Statement
from kzt_annotator.core.figure_scan import FIGURE_RX as FIGURE_RX
from kzt_annotator.core.figure_scan import figure_matches, figure_starts
from kzt_annotator.core.figure_units import UNIT_STOP, takes_second_word
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.numbers import QUALIFIER, parse_figure
from kzt_annotator.core.quantity import guess_quantity
from kzt_annotator.core.rx_words import by_first_letter
from kzt_annotator.core.sentences import Sentences
from kzt_annotator.core.speakers import ROLE_NOUNS
from kzt_annotator.core.statements import find_statements
from kzt_annotator.core.text_words import folded

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
TIME_UNITS = frozenset(
    "year years decade decades month months week weeks day days hour hours minute minutes century centuries "
    "second seconds night nights".split()
)
QUALIFIER_BEFORE = re.compile(rf"\b(?:{QUALIFIER})\s+$", re.IGNORECASE)
# QUALIFIER_BEFORE for the folded text (core/rx_words.py): the same matches, its words grouped by
# first letter, so re skips the ~30 that cannot start at an offset instead of trying each.
_QUALIFIER_BEFORE_FOLDED = re.compile(rf"\b(?:{by_first_letter(QUALIFIER.split('|'))})\s+$")
_starts = figure_starts  # where figures may begin (core/figure_scan.py), by its earlier name

# the patterns of _excluded and _unit_end, compiled once
_QUALIFIER_LEAD = re.compile(rf"^(?i:(?:{QUALIFIER})\s+)")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\.?\s*$")
_MONTH_AFTER = re.compile(rf"\s*(?:{MONTHS})\b")
_ORDINAL_AFTER = re.compile(r"\s*(?:st|nd|rd|th)\b")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_DURATION_ADJECTIVE = re.compile(r"-(?:year|month|week|day|hour|minute|second)")
_AGED = re.compile(r"\baged?\s*$")
_AGE_OR_CLOCK_AFTER = re.compile(r"\s*(?:years?\s+old|am|pm|a\.m\.|p\.m\.|gmt|utc)\b")
_TIME_AFTER = re.compile(r"[:.]\d")
_TIME_BEFORE = re.compile(r"[:+]\s?$")
_COMMA_YEAR = re.compile(r",\s+\d{4}\b")
_MONTH_DAY = re.compile(rf"\b(?:{MONTHS})\.?\s+\d+$")
_OF = re.compile(r"\s+of\b")
_DETERMINER_BEFORE = re.compile(r"\b(?:no|any|every|the|this|that)\s*$")
_HALF_OF = re.compile(r"\b(?:the|a|first|second|other|better)\s+(?:\w+ern\s+)?$")
_UNIT_WORD = re.compile(r"\s*(?P<of>of\s+)?(?P<open>[“\"])?(?P<word>[^\W\d_][\w’'-]*)(?P<close>[”\"])?")
_OF_WHOM = re.compile(r"\s*of\s+(?:whom|them)\s+(?:were|was)\s+[\w\s]{1,30}?(?=[,.;]|$)")
_TWICE_OK = re.compile(r"\s+(?:as|the|that|its|their)\b", re.I)
_DOUBLE_NOUN = re.compile(
    r"(?:\s+(?!the\b|its\b|their\b|in\b|to\b|of\b|from\b|by\b|since\b|over\b|within\b|last\b|again\b)[a-z]|-)"
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    kind: Kind
    start: int
    end: int
    text: str
    attributes: FigureAttrs | AttributionAttrs
    cue: tuple[int, int] | None = None  # the reporting verb or phrase of an attribution
    via: str | None = None  # the outlet that relayed the words ("told Reuters")

    @property
    def key(self) -> str:
        return f"s:{self.kind.value}:{self.start}:{self.end}"


def _excluded(text: str, start: int, end: int, phrase: str) -> bool:
    before = text[max(0, start - 12) : start].lower()
    after = text[end : end + 16].lower()
    core = _QUALIFIER_LEAD.sub("", phrase).strip()
    lowered = core.lower()
    if _YEAR.fullmatch(core):  # a year
        return True
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after):
        return True  # a date: "January 2", "2 January", "Jan. 5"
    if _ORDINAL_AFTER.match(after) or _ORDINAL.match(text[end : end + 2]):
        return True  # ordinal
    if _DURATION_ADJECTIVE.match(text[end : end + 8]):
        return True  # "81-year-old", "10-minute"
    if _AGED.search(before) or _AGE_OR_CLOCK_AFTER.match(after):
        return True
    if _TIME_AFTER.match(text[end : end + 2]) or _TIME_BEFORE.search(text[max(0, start - 2) : start]):
        return True  # a time, a dotted date, a phone number
    if _COMMA_YEAR.match(text[end : end + 7]) and _MONTH_DAY.search(text[max(0, start - 12) : end].lower()):
        return True
    if lowered == "one" and (_OF.match(after) or _DETERMINER_BEFORE.search(before)):
        return True
    if lowered == "half" and _HALF_OF.search(before):
        return True  # "the western half of the territory"
    if lowered == "twice" and not _TWICE_OK.match(after):
        return True
    if lowered in {"double", "triple"} and _DOUBLE_NOUN.match(text[end : end + 3]):
        return True  # "double standards", "double-digit"
    return False


def _unit_end(text: str, pos: int) -> int:
    """End of the unit words after a number ("soldiers", "security officers", "“armed criminals”")."""
    words = 0
    cursor = pos
    previous = ""
    quoted = False  # a closing quote belongs to the unit only when the unit opened it
    for match in _UNIT_WORD.finditer(text[pos : pos + 60]):
        if match.start() != cursor - pos:
            break
        word = match.group("word").lower()
        if word in {"whom", "them"} and match.group("of") and not words:
            rel = _OF_WHOM.match(text[pos : pos + 60])
            return pos + rel.end() if rel else cursor
        if word in UNIT_STOP or (words and word.endswith("ed")):
            break
        if match.group("of") and words:
            break
        if words and not takes_second_word(previous, word):
            break
        previous = word
        quoted = quoted or bool(match.group("open"))
        cursor = pos + (match.end() if quoted or not match.group("close") else match.end("word"))
        words += 1
        if match.group("close") and not quoted:
            break  # "… that “up to 2,000 people” were": the quote closes what began before the figure
        if words == 2:
            break
    return cursor


@lru_cache(maxsize=4)
def _analysis(text: str) -> tuple[Sentences, tuple[Statement, ...]]:
    """Sentences and attributions of a text, shared by both suggestion kinds (cached per text)."""
    sentences = Sentences(text)
    return sentences, tuple(find_statements(text, sentences))


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    a = text.rfind("\n\n", 0, pos)
    b = text.find("\n\n", pos)
    return max(0, a - 600), (len(text) if b < 0 else b)


def _source(
    statements: tuple[Statement, ...], starts: list[int], start: int, sentence: tuple[int, int]
) -> str | None:
    from bisect import bisect_right

    i = bisect_right(starts, start) - 1
    for j in (i, i + 1, i - 1):
        if 0 <= j < len(statements):
            s = statements[j]
            inside = s.start <= start < s.end
            same = (
                s.cue is not None
                and sentence[0] <= s.cue[0] < sentence[1]
                and sentence[0] <= s.start < sentence[1]
            )
            if (inside or same) and s.speaker is not None and s.speaker.name:
                return s.speaker.name
    return None


def figure_source_at(text: str, start: int) -> str | None:
    """Who a figure starting at `start` is attributed to in its own sentence, found as the
    attribution suggestions find speakers ("Three people died, according to the regional
    police" -> "regional police"; "At least 300 homes were flooded, the mayor said" -> "mayor"),
    or None. The analysis of `text` is cached (shared with the suggestions)."""
    sentences, statements = _analysis(text)
    return _source(statements, [s.start for s in statements], start, sentences.at(start))


def suggest_figures(text: str, language: str | None = None) -> list[Suggestion]:
    """Figures in `text`; `language` (ISO 639-1) decides decimal commas ("1,5" in German)."""
    sentences, statements = _analysis(text)
    starts = [s.start for s in statements]
    low = folded(text)
    out: list[Suggestion] = []
    last_end = -1
    for match in figure_matches(text):
        start, number_end = match.start(), match.end()
        if start < last_end or (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/.,")):
            continue
        qualifier = _QUALIFIER_BEFORE_FOLDED.search(low, max(0, start - 16), start)  # QUALIFIER_BEFORE
        if qualifier is not None:
            start = qualifier.start()
        phrase = text[start:number_end]
        if _excluded(text, start, number_end, phrase):
            continue
        end = _unit_end(text, number_end)
        parsed = parse_figure(text[start:end], language)
        if parsed is None:
            continue
        if parsed.unit and parsed.unit.split()[0] in TIME_UNITS:
            continue  # "30 years ago", "three decades"
        sentence = sentences.at(start)
        attrs = FigureAttrs(
            quantity=guess_quantity(text, sentence, start, end, parsed.unit, _paragraph(text, start)),
            value=parsed.value,
            value_low=parsed.value_low,
            value_high=parsed.value_high,
            qualifier=parsed.qualifier,
            unit=parsed.unit,
            figure_source=_source(statements, starts, start, sentence),
        )
        out.append(Suggestion(Kind.FIGURE, start, end, text[start:end], attrs))
        last_end = end
    return out


def suggest_attributions(text: str) -> list[Suggestion]:
    """Quotations and reported statements, with speaker, role, quote kind, cue and `via`."""
    _sentences, statements = _analysis(text)
    out: list[Suggestion] = []
    for s in statements:
        speaker = s.speaker
        attrs = AttributionAttrs(
            speaker=speaker.name if speaker else None,
            speaker_role=speaker.role if speaker else None,
            quote_kind=s.quote_kind,
            via=s.via,
        )
        out.append(Suggestion(Kind.ATTRIBUTION, s.start, s.end, text[s.start : s.end], attrs, s.cue, s.via))
    return out


def prepare() -> None:
    """Load and compile now what a first search would load or compile on first use (about 60 ms
    in all): pysbd's abbreviation lists (an abbreviation before a capital), the number grammar's
    long patterns (a range, a fraction, a ratio, a currency word) and the pattern of each role
    noun of speaker resolution ("the president said"). The suggestion worker process calls it
    before its first article; tests/core/test_finder_compiles_nothing.py checks that a search
    after it imports nothing and compiles nothing."""
    roles = " ".join(f"“We are safe,” the {noun} said." for noun in ROLE_NOUNS)
    text = (
        "Dr. Asanova said between 5 and 10 people, two in five residents, twice as many, "
        f"5 dollars and 3,000 troops died. {roles}"
    )
    suggest_figures(text)
    suggest_attributions(text)
