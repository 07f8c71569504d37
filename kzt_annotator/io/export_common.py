"""What the news-database export readers share: lines with offsets, dates, languages, lengths.

Every reader keeps an article's text exactly as the export holds it; header, footer and copyright
lines are returned as boilerplate ranges (code-point offsets into that text), never cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from kzt_annotator.core.model import TextRange

EXPORT_HEADER = "export header"
EXPORT_FOOTER = "export footer"
COPYRIGHT = "copyright"

_WEEKDAYS = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b,?", re.IGNORECASE)
_DATE_FORMATS = ("%B %d, %Y", "%d %B %Y", "%B %d %Y", "%b %d, %Y", "%d %b %Y", "%Y-%m-%d")
_LENGTH = re.compile(r"^(?:length:\s*)?([\d,]+)\s+words?\b", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(copyright\b|\(c\)|©|all rights reserved\.?$)", re.IGNORECASE)
LANGUAGES = {
    "english": "en",
    "russian": "ru",
    "kazakh": "kk",
    "german": "de",
    "french": "fr",
    "spanish": "es",
    "italian": "it",
    "chinese": "zh",
    "arabic": "ar",
    "turkish": "tr",
    "ukrainian": "uk",
    "uzbek": "uz",
    "kyrgyz": "ky",
}


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a text: [start, end) without the newline, and its stripped content."""

    start: int
    end: int
    text: str


def lines_of(text: str, offset: int = 0) -> Iterator[Line]:
    """Every line of `text`, blank ones included; offsets are shifted by `offset`."""
    position = 0
    for raw in text.split("\n"):
        yield Line(offset + position, offset + position + len(raw), raw.strip())
        position += len(raw) + 1


def content_range(line: Line, text: str, reason: str, base: int = 0) -> TextRange:
    """The range of the line's visible characters (leading/trailing spaces left out)."""
    raw = text[line.start - base : line.end - base]
    lead = len(raw) - len(raw.lstrip())
    return TextRange(line.start - base + lead, line.start - base + lead + len(raw.strip()), reason)


def parse_date(value: str) -> date | None:
    """'January 7, 2022 Friday', '7 January 2022', 'Jan 7, 2022' -> date; None if not a date."""
    cleaned = " ".join(_WEEKDAYS.sub(" ", value).replace(",", ", ").split()).replace(" ,", ",")
    cleaned = cleaned.rstrip(",").strip()
    for candidate in (cleaned, re.sub(r"\s+\d{1,2}:\d{2}.*$", "", cleaned)):
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None


def parse_length(value: str) -> int | None:
    """'LENGTH: 523 words' or '1,204 words' -> the number of words."""
    found = _LENGTH.match(value.strip())
    return int(found.group(1).replace(",", "")) if found else None


def is_copyright(value: str) -> bool:
    return bool(_COPYRIGHT.match(value.strip()))


def language_code(value: str) -> str | None:
    """'ENGLISH' / 'English' -> 'en'; None for names not known here."""
    return LANGUAGES.get(value.strip().lower())


def merge_ranges(ranges: list[TextRange]) -> tuple[TextRange, ...]:
    """Sorted, with touching or overlapping ranges of the same reason joined."""
    out: list[TextRange] = []
    for r in sorted(ranges, key=lambda r: (r.start, r.end)):
        if out and out[-1].reason == r.reason and r.start <= out[-1].end:
            out[-1] = TextRange(out[-1].start, max(out[-1].end, r.end), r.reason)
        else:
            out.append(r)
    return tuple(out)
