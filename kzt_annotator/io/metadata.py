"""Infer headline, author, outlet, language and boilerplate ranges from an article's text.

Scraped articles start with site chrome ("Skip to content", terms banners, mastheads) and end
with comment forms and newsletter sign-ups. Those lines are marked as boilerplate ranges, to be
shown dimmed; the text itself is never cut. Everything inferred here is editable later.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from kzt_annotator.core.model import TextRange
from kzt_annotator.io.meta_inference import (
    find_outlet_in_text,
    find_published,
    identify_language,
    masthead_line,
)


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str  # stripped


@dataclass(frozen=True, slots=True)
class InferredMeta:
    title: str | None
    author: str | None
    outlet: str | None
    language: str | None
    boilerplate: tuple[TextRange, ...]
    published: date | None = None
    inferred: tuple[str, ...] = ()  # the fields above that were found (all are inferences)


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "site banner",
        _rx(
            r"^skip to (main )?content$",
            r"terms of (use|service)",
            r"^updates to our\b",
            r"we use cookies",
            r"cookie (policy|settings|preferences)",
            r"accept (all )?cookies",
            r"^privacy policy$",
            r"\|\s*back issues$",
            r"^menu$",
            r"^search$",
        ),
    ),
    (
        "comment form",
        _rx(
            r"^leave a (reply|comment)",
            r"^fill in your details below",
            r"^you are commenting using",
            r"log out\s*/",
            r"^connecting to %s",
            r"^[\w.]+ logo$",
            r"^(facebook|twitter|google) photo$",
            r"^comments are closed",
            r"^\d+ comments?$",
            r"^post comment$",
        ),
    ),
    ("job advert", _rx(r"^top jobs of the day", r"^find the best jobs", r"^be notified by email")),
    ("author footer", _rx(r"^about (the )?author$")),
    (
        "newsletter / share",
        _rx(
            r"^follow @\w+",
            r"^subscribe to\b",
            r"^sign up for\b",
            r"^categories\s*/",
            r"^share (this|on)\b",
            r"^(read|see) more\b",
            r"^related( articles| stories)?:?$",
            r"^advertisement$",
            r"^loading\.\.\.$",
            r"^more:\s",
            r"^source site-\d+$",
            r"^\.$",
        ),
    ),
    ("caption", _rx(r"^\((photo|image|picture)s?:", r"^(photo|image|illustration) (by|credit)\b")),
)
# After these lines, the rest of the page is comments / footer.
_TAIL_STARTS = _rx(r"^leave a (reply|comment)$", r"^about (the )?author$", r"^comments are closed")

_BYLINE = re.compile(
    r"^(?:by|von|par|written by)\s*[:\-–]?\s*(?P<name>[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,3})"
    r"(?:\s*[,|].*)?$",
    re.IGNORECASE,
)
_REPORTER = re.compile(
    r"\b(?:reporter|correspondent|staff writer|contributor)\s+"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\s+(?:is|reported|contributed|writes)\b"
)
_REPORTER_WORDS = ("reporter", "correspondent", "staff writer", "contributor")
_DATE_LINE = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:\w+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+\.?\s+\d{4}|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
_TITLE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+[–—|-]\s+(?P<site>[A-Z][^–—|]{2,60})$")


def iter_lines(text: str) -> Iterator[Line]:
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield Line(pos + lead, pos + lead + len(stripped), stripped)
        pos += len(raw) + 1


def _is_masthead(text: str) -> str | None:
    """'Courthouse News Service Courthouse News Service' -> 'Courthouse News Service'."""
    first_and_rest = text.split(None, 1)
    if len(first_and_rest) < 2 or first_and_rest[0] not in first_and_rest[1]:
        return None  # the first word must come back: the cheap test that most lines fail
    words = text.split()
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return None


# One pass over each line with every rule; only a hit pays for finding which rule it was.
_ANY_RULE = re.compile("|".join(f"(?:{p.pattern})" for _, p in _RULES), re.IGNORECASE)
MAX_BOILERPLATE_LINE = 400  # banners, widgets and captions are short; body paragraphs are not


# Every rule contains one of these words: a cheap substring test spares most lines the regexes.
_KEYWORDS = (
    "skip",
    "terms of",
    "updates to",
    "cookie",
    "privacy",
    "back issues",
    "menu",
    "search",
    "leave a",
    "fill in",
    "commenting",
    "log out",
    "connecting to",
    "logo",
    "photo",
    "comment",
    "jobs",
    "notified",
    "author",
    "follow",
    "subscribe",
    "sign up",
    "categor",
    "share",
    "more",
    "related",
    "advertisement",
    "loading",
    "source site",
    "image",
    "picture",
    "illustration",
)


def keywords_in(text: str) -> tuple[str, ...]:
    """The rule keywords that occur anywhere in `text` (lower-cased); no line of the text can
    hold another one, so only these need testing line by line."""
    lower = text.lower()
    return tuple(k for k in _KEYWORDS if k in lower)


def boilerplate_reason(line: str, keywords: Sequence[str] = _KEYWORDS) -> str | None:
    """Why `line` (stripped) is boilerplate, or None. `keywords`: keywords_in(the whole text),
    when known (the same answer, faster)."""
    if len(line) > MAX_BOILERPLATE_LINE:
        return None
    lower = line.lower() if keywords else ""
    if (line == "." or any(k in lower for k in keywords)) and _ANY_RULE.search(line):
        for reason, pattern in _RULES:
            if pattern.search(line):
                return reason
    if _is_masthead(line):
        return "masthead"
    return None


def detect_boilerplate(lines: list[Line]) -> list[TextRange]:
    ranges: list[TextRange] = []
    tail_from: int | None = None
    # A tail trigger only counts in the last third: "About Author" mid-text is unusual.
    for index in range(len(lines) * 2 // 3, len(lines)):
        if _TAIL_STARTS.search(lines[index].text):
            tail_from = index
            break
    # Only lines short enough to be boilerplate are tested, so only their keywords count (body
    # paragraphs are most of the text: lower-casing and scanning them cost more than the rest).
    keywords = keywords_in("\n".join(line.text for line in lines if len(line.text) <= MAX_BOILERPLATE_LINE))
    for index, line in enumerate(lines):
        reason = boilerplate_reason(line.text, keywords)
        if tail_from is not None and index >= tail_from:
            reason = reason or "comments / footer"
        if reason:
            ranges.append(TextRange(line.start, line.end, reason))
    return _merge(ranges)


def _merge(ranges: list[TextRange]) -> list[TextRange]:
    """Join neighbouring ranges with the same reason (only whitespace between them)."""
    merged: list[TextRange] = []
    for r in ranges:
        if merged and merged[-1].reason == r.reason and r.start - merged[-1].end <= 2:
            merged[-1] = TextRange(merged[-1].start, r.end, r.reason)
        else:
            merged.append(r)
    return merged


def find_author(lines: list[Line]) -> str | None:
    for line in lines[:15]:
        m = _BYLINE.match(line.text)
        if m and len(line.text) <= 80:
            return m.group("name").strip()
    for line in lines[-12:]:
        # _REPORTER needs one of its words: a substring test spares most lines the regex
        m = _REPORTER.search(line.text) if any(w in line.text for w in _REPORTER_WORDS) else None
        if m:
            return m.group("name")
    return None


def _headline_candidate(line: Line, boiler: set[int]) -> bool:
    text = line.text
    words = text.split()
    return (
        line.start not in boiler
        and 3 <= len(words) <= 30
        and not _BYLINE.match(text)
        and not _DATE_LINE.match(text)
        and not text.endswith((".", ":", ";"))
        and len(text) <= 250
    )


def split_site_title(title: str) -> tuple[str, str] | None:
    """('Headline', 'Site') for a 'Headline – Site' (or '|', '—', '-') title, else None: the site
    is at most 7 words starting with a capital, the headline at least 2 words."""
    m = _TITLE_SUFFIX.match(title.strip())
    if m and len(m.group("site").split()) <= 7 and len(m.group("title").split()) >= 2:
        return m.group("title").strip(), m.group("site").strip()
    return None


def find_title(
    lines: list[Line], boilerplate: list[TextRange], skip: int | None = None
) -> tuple[str | None, str | None]:
    """(headline, outlet from a 'Headline – Site' suffix) - the first real headline line.

    `skip`: start of a masthead line (the outlet's name alone), never the headline."""
    boiler_starts = {line.start for line in lines for r in boilerplate if r.start <= line.start < r.end}
    if skip is not None:
        boiler_starts.add(skip)
    for line in lines[:25]:
        if _headline_candidate(line, boiler_starts):
            split = split_site_title(line.text)
            return split if split else (line.text, None)
    for line in lines:
        if line.start not in boiler_starts:
            return line.text[:200], None
    return None, None


def find_outlet(lines: list[Line]) -> str | None:
    for line in lines[:15]:
        name = _is_masthead(line.text)
        if name:
            return name
    return None


def infer_metadata(text: str) -> InferredMeta:
    """Everything inferred from the text; `inferred` names the fields found this way."""
    lines = list(iter_lines(text))
    boilerplate = detect_boilerplate(lines)
    language = identify_language(text, boilerplate)
    title, outlet_from_title = find_title(lines, boilerplate)
    outlet = find_outlet(lines) or outlet_from_title or find_outlet_in_text(lines, boilerplate, title)
    skip = masthead_line(lines, outlet)
    if skip is not None:
        title, _ = find_title(lines, boilerplate, skip)
    meta = InferredMeta(
        title=title,
        author=find_author(lines),
        outlet=outlet,
        language=language,
        boilerplate=tuple(boilerplate),
        published=find_published(lines, boilerplate, language),
    )
    found = tuple(
        name for name in ("title", "author", "outlet", "published", "language") if getattr(meta, name)
    )
    return InferredMeta(
        meta.title, meta.author, meta.outlet, meta.language, meta.boilerplate, meta.published, found
    )
