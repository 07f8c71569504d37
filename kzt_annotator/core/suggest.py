"""Suggest figures and attributions in an article's text (pure; the service filters and stores).

Figures: number phrases that count something, with their qualifier and unit, excluding dates,
years, ages, durations and ordinals; a quantity key is guessed from words in the same sentence.
Attributions: quotations and "X said" / "according to X" clauses, with the speaker when named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kzt_annotator.core.attributes import AttributionAttrs, FigureAttrs
from kzt_annotator.core.kinds import Kind, QuoteKind
from kzt_annotator.core.numbers import NUMBER_WORDS, QUALIFIER_WORDS, UNIT_STOP, parse_figure

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
TIME_UNITS = {
    "year",
    "years",
    "decade",
    "decades",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "century",
    "centuries",
}
QUANTITY_CUES: tuple[tuple[str, str], ...] = (
    (r"\b(?:troops|soldiers|paratroopers|peacekeepers|servicemen|forces)\b", "troops"),
    (r"\b(?:detained|arrested|detentions|arrests|held in custody)\b", "detained"),
    (r"\b(?:injured|wounded|hurt|hospitali[sz]ed)\b", "injured"),
    (r"\b(?:killed|dead|died|deaths|death toll|liquidated|lost their lives)\b", "deaths"),
    (r"\b(?:price|prices|cost|costs|tariff)\b", "price"),
)
CLAUSE_START = re.compile(r"[,;:]\s|\s(?:and|but|while|whereas)\s")
CLAUSE_END = re.compile(r"[,;:]\s")
_QUAL = "|".join(re.escape(words) for words, _ in QUALIFIER_WORDS)
_WORDS = "|".join(NUMBER_WORDS[1:])
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0]\d{3})+(?![\d,.]\d)|\d+(?:\.\d+)?"
FIGURE_RX = re.compile(
    rf"(?i:(?:\b(?:{_QUAL})\s+)?)"
    rf"(?:(?i:between)\s+(?:{_DIGITS})\s+and\s+(?:{_DIGITS})"
    rf"|(?:{_DIGITS})\s?[-–]\s?(?:{_DIGITS})(?![\w-])"
    rf"|[$€£₸₽]?(?:{_DIGITS})(?:\s?(?i:hundred|thousand|million|billion|trillion|mln|bn)\b)?"
    r"(?:\s?(?i:%|percent\b|per cent\b))?"
    rf"|\b(?i:{_WORDS})(?:-(?i:{_WORDS}))?\b"
    r"|\b(?i:dozens|scores|hundreds|thousands|several|doubling|doubled|tripled|half)\b)"
)
QUOTE_RX = re.compile(r"“[^“”]{3,1500}”|\"[^\"\n]{3,1500}\"")
_NAME = r"(?:(?:the\s+)?(?:[A-Z][\w’'.-]+)(?:\s+(?:[A-Z][\w’'.-]+|of|for|de)){0,5})"
_VERBS = r"(?:said|says|told|added|wrote|claimed|stated|announced|declared|warned|explained|argued)"
SPEAKER_AFTER = re.compile(
    rf"^\s*,?\s*(?:{_VERBS}\s+(?P<a>{_NAME})|(?P<b>{_NAME}|he|she|they|it)\s+{_VERBS})"
)
SPEAKER_BEFORE = re.compile(rf"(?P<name>{_NAME})\s+{_VERBS}\s*[:,]?\s*$")
CLAUSE_RX = re.compile(rf"(?P<name>{_NAME})\s+(?:{_VERBS}|reportedly\s+{_VERBS})\b")
ACCORDING_RX = re.compile(rf"(?i:according\s+to)\s+(?P<name>{_NAME}|the\s+[a-z]+(?:\s+[A-Za-z]+){{0,3}})")
PRONOUNS = {"he", "she", "they", "it"}
_SKIP_NAMES = {"The", "This", "That", "It", "He", "She", "They", "But", "And", "In", "On", "If", "As"}


@dataclass(frozen=True, slots=True)
class Suggestion:
    kind: Kind
    start: int
    end: int
    text: str
    attributes: FigureAttrs | AttributionAttrs

    @property
    def key(self) -> str:
        return f"s:{self.kind.value}:{self.start}:{self.end}"


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return left + 1, (min(right_candidates) if right_candidates else len(text))


def _excluded(text: str, start: int, end: int, phrase: str) -> bool:
    before = text[max(0, start - 12) : start].lower()
    after = text[end : end + 16].lower()
    core = re.sub(r"^(?i:(?:" + _QUAL + r")\s+)", "", phrase).strip()
    if re.fullmatch(r"(?:1[89]|20)\d\d", core):  # a year
        return True
    if re.search(rf"\b(?:{MONTHS})\.?\s*$", before) or re.match(rf"\s*(?:{MONTHS})\b", after):
        return True  # a date: "January 2", "2 January", "Jan. 5"
    if re.match(r"\s*(?:st|nd|rd|th)\b", after) or re.match(r"(?:st|nd|rd|th)\b", text[end : end + 2]):
        return True  # ordinal
    if re.match(r"-(?:year|month|week|day|hour|minute)", text[end : end + 8]):
        return True  # "81-year-old", "10-minute"
    if re.search(r"\baged?\s*$", before) or re.match(r"\s*(?:years?\s+old|am|pm|a\.m\.|p\.m\.)\b", after):
        return True
    if re.match(r"[:.]\d", text[end : end + 2]):
        return True  # a time or a dotted number continues
    if core.lower() == "one" and (
        re.match(r"\s+of\b", after) or re.search(r"\b(?:no|any|every|the)\s*$", before)
    ):
        return True
    return False


def _unit_end(text: str, pos: int) -> int:
    """End of the unit words after a number ("soldiers", "security officers", "“armed criminals”")."""
    words = 0
    cursor = pos
    for match in re.finditer(r"\s*(?P<of>of\s+)?[“\"]?([^\W\d_][\w’'-]*)[”\"]?", text[pos : pos + 60]):
        if match.start() != cursor - pos:
            break
        word = match.group(2).lower()
        if word in UNIT_STOP or (words and word.endswith("ed")):
            break
        if match.group("of") and words:
            break
        cursor = pos + match.end()
        words += 1
        if words == 2:
            break
    return cursor


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    s0, s1 = _sentence(text, start, end)
    cuts = [m.end() for m in CLAUSE_START.finditer(text, s0, start)]
    left = cuts[-1] if cuts else s0
    after = CLAUSE_END.search(text, end, s1)
    return left, after.start() if after else s1


def _quantity_key(text: str, start: int, end: int) -> str | None:
    """The cue word nearest the figure, in its clause first, then in its sentence."""
    return _nearest_cue(text, start, end, *_clause(text, start, end)) or _nearest_cue(
        text, start, end, *_sentence(text, start, end)
    )


def _nearest_cue(text: str, start: int, end: int, s0: int, s1: int) -> str | None:
    sentence = text[s0:s1]
    best: tuple[int, str] | None = None
    for pattern, key in QUANTITY_CUES:
        for match in re.finditer(pattern, sentence, re.IGNORECASE):
            position = s0 + match.start()
            distance = 0 if start <= position < end else min(abs(position - start), abs(position - end))
            if best is None or distance < best[0]:
                best = (distance, key)
    return best[1] if best else None


def _speaker_in_sentence(text: str, start: int, end: int) -> str | None:
    s0, s1 = _sentence(text, start, end)
    sentence = text[s0:s1]
    for rx in (ACCORDING_RX, CLAUSE_RX):
        match = rx.search(sentence)
        if match and match.group("name").split()[0] not in _SKIP_NAMES - {"The"}:
            return _clean_name(match.group("name"))
    return None


def _clean_name(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).strip(" ,.")


def suggest_figures(text: str) -> list[Suggestion]:
    out: list[Suggestion] = []
    for match in FIGURE_RX.finditer(text):
        start, number_end = match.start(), match.end()
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/"):
            continue
        phrase = match.group(0)
        if _excluded(text, start, number_end, phrase):
            continue
        end = _unit_end(text, number_end)
        parsed = parse_figure(text[start:end])
        if parsed is None:
            continue
        if parsed.unit and parsed.unit.split()[0] in TIME_UNITS:
            continue  # "30 years ago", "three decades"
        attrs = FigureAttrs(
            quantity=_quantity_key(text, start, end),
            value=parsed.value,
            value_low=parsed.value_low,
            value_high=parsed.value_high,
            qualifier=parsed.qualifier,
            unit=parsed.unit,
            figure_source=_speaker_in_sentence(text, start, end),
        )
        out.append(Suggestion(Kind.FIGURE, start, end, text[start:end], attrs))
    return out


def suggest_attributions(text: str) -> list[Suggestion]:
    out: list[Suggestion] = []
    taken: list[tuple[int, int]] = []
    for match in QUOTE_RX.finditer(text):
        start, end = match.span()
        speaker = None
        after = SPEAKER_AFTER.match(text[end : end + 80])
        if after:
            speaker = after.group("a") or after.group("b")
        else:
            before = SPEAKER_BEFORE.search(text[max(0, start - 80) : start])
            speaker = before.group("name") if before else None
        if speaker and (speaker.split()[0] in _SKIP_NAMES or speaker.lower() in PRONOUNS):
            speaker = None  # a pronoun names nobody; the researcher fills it in
        if speaker is None and len(match.group(0)) < 25:
            continue  # scare quotes ("liquidated"), not a quotation
        attrs = AttributionAttrs(
            speaker=_clean_name(speaker) if speaker else None, quote_kind=QuoteKind.DIRECT
        )
        out.append(Suggestion(Kind.ATTRIBUTION, start, end, match.group(0), attrs))
        taken.append((start, end))
    for rx in (ACCORDING_RX, CLAUSE_RX):
        for match in rx.finditer(text):
            start, end = match.span()
            name = match.group("name")
            if name.split()[0] in _SKIP_NAMES - {"The"} or any(
                a <= start < b or a < end <= b for a, b in taken
            ):
                continue
            attrs = AttributionAttrs(speaker=_clean_name(name), quote_kind=QuoteKind.INDIRECT)
            out.append(Suggestion(Kind.ATTRIBUTION, start, end, text[start:end], attrs))
            taken.append((start, end))
    return sorted(out, key=lambda s: s.start)
