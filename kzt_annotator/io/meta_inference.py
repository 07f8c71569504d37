"""Publication date, outlet and language read from an article's own text.

Date: a date line near the top ("Friday 6 March 2026", "Hamburg, 22.01.2026", "Last updated:
March 11, 2026, 4:52 p.m. ET") or a dateline ("BISHKEK, April 14, 2026 (Reuters) -"), parsed by
dateparser in the article's language. Never a banner line (boilerplate: "Wednesday, April 24,
2024 | Back issues"), a photo caption, or a date inside a sentence of the body.
Outlet: a wire credit in the dateline ("(Reuters)", "/PRNewswire/"), an "Illustration by X"
credit naming an organisation, a one-line masthead above the headline ("The Northern Courier"),
or a URL near the top. Language: py3langid on the body text (97 languages, Kazakh included).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from itertools import islice
from typing import Any, Protocol

from kzt_annotator.core.model import TextRange

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|[^\W\d_]{3,12})"
)
_DAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
DATE = (
    rf"{_DAY}(?:{_MONTHS}\.?\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\.?\s+{_MONTHS}\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}/\d{1,2}/\d{4})"
)
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|last\s+updated|posted|date|veröffentlicht|publié)\s*(?:on\s*)?:?\s*)?"
    rf"(?:[^\W\d_][\w .'-]{{0,30}},\s*)?(?P<date>{DATE})(?:,?\s+(?:at\s+)?\d{{1,2}}[:.]\d{{2}}.*)?\s*$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    rf"^(?P<place>[A-ZÀ-ÞА-Я][A-ZÀ-ÞА-Я .'-]{{2,40}})(?:,\s*[A-Z][\w .'-]{{2,30}})?,\s*(?P<date>{DATE})"
    r"\s*(?P<credit>\((?P<paren>[^)]{2,40})\)|/(?P<slash>[^/]{2,40})/)?\s*[-–—]",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"^\(?(?:photo|image|picture|file photo)\b|\bvia\s+[^)]*\)\s*$|^\(.*\)$", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(?:illustration|graphic|artwork)s?\s+(?:by|:)\s*(?P<name>[^\W\d_][\w&.' -]{1,60})$", re.I
)
_ORG_WORDS = re.compile(
    r"\b(?:management|news|times|magazine|post|daily|press|media|journal|review|service|network|agency|"
    r"herald|tribune|courier|gazette|observer|today|weekly|monthly|wire|radio|tv|report|world|peace)\b",
    re.IGNORECASE,
)
_STOCK = re.compile(r"\b(?:getty|shutterstock|istock|alamy|ap|reuters|afp|epa|imago)\b", re.IGNORECASE)
_URL = re.compile(r"https?://(?:www\.)?(?P<host>[\w-]+(?:\.[\w-]+)+)")
_NOT_MASTHEAD = re.compile(
    r"^(?:for immediate release|breaking|live|exclusive|opinion|analysis|news)\b", re.I
)


def _dateline(text: str) -> re.Match[str] | None:
    """_DATELINE.match(text). Its place name (at most 41 characters) is followed by a comma,
    so a line without one in its first 42 characters is refused without the regex."""
    return _DATELINE.match(text) if "," in text[:42] else None


class _Line(Protocol):
    start: int
    end: int
    text: str


def _in_ranges(line: _Line, ranges: Sequence[TextRange]) -> bool:
    return any(r.start <= line.start < r.end for r in ranges)


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    import dateparser  # slow to import; only when a candidate date line is found

    return dateparser


def parse_date(raw: str, language: str | None) -> date | None:
    """'22.01.2026' -> 2026-01-22 (day first), 'April 14, 2026' -> 2026-04-14; None if not a date."""
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    if re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{4}", raw.strip()) and language != "en":
        settings["DATE_ORDER"] = "DMY"
    elif re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", raw.strip()):
        settings["DATE_ORDER"] = "DMY"
    languages = [language] if language and language != "en" else None
    try:
        found = _dateparser().parse(raw, languages=[*(languages or []), "en"], settings=settings)
    except Exception:  # dateparser raises several types on odd input
        return None
    return found.date() if found else None


def find_published(
    lines: Sequence[_Line], boilerplate: Sequence[TextRange], language: str | None
) -> date | None:
    """The article's own date from a date line or dateline in its first lines, or None."""
    for line in lines[:15]:
        if len(line.text) > 400 or _in_ranges(line, boilerplate):
            continue
        m = _dateline(line.text) or (_DATE_LINE.match(line.text) if len(line.text) <= 100 else None)
        # a caption is never the date line (tested only for a match: searching every line is slow)
        if m and not _CAPTION.search(line.text):
            found = parse_date(m.group("date"), language)
            if found:
                return found
    return None


def find_outlet_in_text(
    lines: Sequence[_Line], boilerplate: Sequence[TextRange], title: str | None
) -> str | None:
    """An outlet the text names for itself (wire credit, illustration credit, masthead, URL)."""
    for line in lines[:15]:
        m = _dateline(line.text)
        if m and (m.group("paren") or m.group("slash")):
            return (m.group("paren") or m.group("slash")).strip()
    for line in lines[:15]:
        m = _CREDIT.match(line.text)
        if m and _ORG_WORDS.search(m.group("name")) and not _STOCK.search(m.group("name")):
            return m.group("name").strip()
    content = [line for line in lines[:6] if not _in_ranges(line, boilerplate)]
    if len(content) >= 2:
        first, second = content[0].text, content[1].text
        words = first.split()
        if (
            1 <= len(words) <= 5
            and not first.endswith((".", ":", "?", "!"))
            and not _NOT_MASTHEAD.match(first)
            and (first.isupper() or first.startswith("The "))
            and len(second.split()) > len(words)
            and not re.search(r"\d", first)
        ):
            return first.title() if first.isupper() else first
    for line in lines[:15]:
        m = _URL.search(line.text) if "http" in line.text else None  # the cheap test first
        if m:
            return m.group("host")
    return None


def masthead_line(lines: Sequence[_Line], outlet: str | None) -> int | None:
    """Start offset of the line that is only the outlet's name (so it is not taken for the title)."""
    if not outlet:
        return None
    for line in lines[:6]:
        if line.text.lower() == outlet.lower():
            return line.start
    return None


# py3langid's time grows with the sample (measured on a busy 2-core machine: 13 ms for 6,000
# characters, 3.4 ms for 1,000, same answers on the sample corpus); langid.py was built for texts
# of tweet length, so 1,000 characters of body decide the language as well, at a quarter the cost.
LANGUAGE_SAMPLE_CHARS = 1000


_LETTER = re.compile(r"[^\W\d_]")
MIN_LETTERS = 40  # fewer letters than this in the sample: no language is guessed


@lru_cache(maxsize=1)
def language_classifier() -> Callable[[str], str]:
    """py3langid's classifier, its model loaded now (about 1 s; once per process, and once per
    import through the fork server in services/import_preload.py). py3langid is used as shipped:
    a faster copy of its scoring was tried and left out, because language identification is not
    what this project exists for and the library's own code is the one that stays right."""
    import py3langid  # a trained model shipped with the package; nothing is downloaded

    py3langid.classify("warm up")  # loads the model
    return lambda sample: str(py3langid.classify(sample)[0])


def identify_language(text: str, boilerplate: Sequence[TextRange] = ()) -> str | None:
    """ISO 639-1 code of the body text (py3langid on its first LANGUAGE_SAMPLE_CHARS code
    points, boilerplate left out), None when there is too little text."""
    body = text
    for r in sorted(boilerplate, key=lambda r: r.start, reverse=True):
        body = body[: r.start] + " " + body[r.end :]
    sample = body[:LANGUAGE_SAMPLE_CHARS]
    if next(islice(_LETTER.finditer(sample), MIN_LETTERS - 1, None), None) is None:
        return None
    return str(language_classifier()(sample))
