"""Span helpers: snapping a selection to word boundaries, finding annotations at a position."""

from __future__ import annotations

from kzt_annotator.core.model import Annotation

_JOINERS = ",.'’-"  # inside a word or number: 15,000 / 1.2 / Kazakhstan’s / anti-government
_EDGE_TRIM = " \t\n,.;:!?)]}"


def _is_word(text: str, i: int) -> bool:
    if not 0 <= i < len(text):
        return False
    ch = text[i]
    if ch.isalnum() or ch in "$€£%":
        return True
    return ch in _JOINERS and _is_word_core(text, i - 1) and _is_word_core(text, i + 1)


def _is_word_core(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isalnum()


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a selection to whole words and trim surrounding spaces and trailing punctuation."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _EDGE_TRIM and not _is_word(text, end - 1):
        end -= 1
    if start == end:
        return start, end
    while start > 0 and _is_word(text, start - 1) and _is_word(text, start):
        start -= 1
    while end < len(text) and _is_word(text, end) and _is_word(text, end - 1):
        end += 1
    return start, end


def annotations_at(annotations: list[Annotation], position: int) -> list[Annotation]:
    """Annotations covering `position`, innermost (shortest) first."""
    hits = [a for a in annotations if a.start <= position < a.end]
    return sorted(hits, key=lambda a: a.end - a.start)
