"""Find where a quoted span lies in a (possibly revised) text: W3C TextQuoteSelector semantics.

Exact search for the quote first, choosing among occurrences by how well the prefix and suffix
context match and how near the old position is (as Hypothesis does: quote 50, prefix 20,
suffix 20, position 2). When the quote itself changed, a fuzzy search (diff-match-patch's
match_main, bounded) looks for it near the expected place. Nothing found means an orphan.

A placement must be supported: by its context (at least half of the prefix and suffix
characters match) or by its position (the exact old place). The same words elsewhere in a
sentence whose context does not fit are not the annotated passage: that annotation is orphaned.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTEXT = 32
# The share of the context characters (prefix and suffix) that must match where the quote is
# found for the placement to count as supported; below it, only the exact old position is.
SUPPORT = 0.5


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    exact: bool  # the quote was found unchanged


def context_of(text: str, start: int, end: int, width: int = CONTEXT) -> tuple[str, str]:
    return text[max(0, start - width) : start], text[end : end + width]


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def anchor(
    text: str, quote: str, prefix: str = "", suffix: str = "", hint: int | None = None
) -> Anchor | None:
    """Where `quote` (with its context) lies in `text`, or None."""
    if not quote:
        return None
    if hint is not None and not 0 <= hint <= len(text):
        hint = None  # a negative index would count from the end of the text
    if hint is not None and text[hint : hint + len(quote)] == quote:
        before, after = context_of(text, hint, hint + len(quote), max(len(prefix), len(suffix), 1))
        if _common_suffix(before, prefix) == len(prefix) and _common_prefix(after, suffix) == len(suffix):
            return Anchor(hint, hint + len(quote), True)
    best: tuple[float, float, int] | None = None  # (score, context share, position)
    one_side = False  # the best place keeps one side of its context whole
    at = text.find(quote)
    while at >= 0:
        before, after = context_of(text, at, at + len(quote), max(len(prefix), len(suffix), 1))
        left = _common_suffix(before, prefix) / len(prefix) if prefix else 1.0
        right = _common_prefix(after, suffix) / len(suffix) if suffix else 1.0
        context = 20.0 * left + 20.0 * right
        score = 50.0 + context
        if hint is not None:
            score += 2.0 * (1.0 - min(abs(at - hint), len(text)) / max(len(text), 1))
        if best is None or score > best[0]:
            best = (score, context / 40.0, at)
            one_side = max(left, right) == 1.0 and len(quote) >= 20
        at = text.find(quote, at + 1)
    if best is not None:
        supported = best[1] >= SUPPORT or not (prefix or suffix) or best[2] == hint or one_side
        if not supported:
            # The same words elsewhere, in a context that does not fit, and not where the
            # passage was: the annotated passage itself is gone or was rewritten. Placing the
            # annotation on those words would misplace it; an edited quote may still be found.
            return _fuzzy(text, quote, prefix, suffix, hint)
        # The same words elsewhere, in another context, may mean the annotated passage was
        # edited; but a long quote whose context is whole on one side (text was inserted right
        # after a sentence-final span, say) is still where it was.
        if best[1] < 0.75 and (prefix or suffix) and not one_side:
            edited = _fuzzy(text, quote, prefix, suffix, hint)
            if edited is not None and not (edited.start < best[2] + len(quote) and best[2] < edited.end):
                return edited  # (a fuzzy match around the exact words is text added beside them)
        return Anchor(best[2], best[2] + len(quote), True)
    return _fuzzy(text, quote, prefix, suffix, hint)


def _fuzzy(text: str, quote: str, prefix: str, suffix: str, hint: int | None) -> Anchor | None:
    """The quote was edited: pin it between its unchanged context, else search near the hint."""
    from diff_match_patch import diff_match_patch

    dmp = diff_match_patch()
    expected = hint if hint is not None else 0
    window = max(2000, len(quote) * 2)

    def close_enough(start: int, end: int, pinned: bool = False) -> bool:
        if end <= start:
            return False
        distance = dmp.diff_levenshtein(dmp.diff_main(quote, text[start:end], False))
        # Short quotes may only have had a typo fixed; longer ones may have been edited more.
        # Between both unchanged contexts, the words there are the edited quote unless most differ.
        if pinned:
            return distance <= max(12, len(quote) * 0.5)
        return distance <= (1 if len(quote) < 20 else len(quote) * 0.25)

    candidates: list[tuple[int, int]] = []
    if len(prefix) >= 8:
        p = _nearest(text, prefix, expected - len(prefix), window)
        if p >= 0:
            start = p + len(prefix)
            limit = start + int(len(quote) * 1.5) + 20 + len(suffix)  # the suffix starts within it
            q = text.find(suffix, start, limit) if len(suffix) >= 8 else -1
            if q >= 0 and close_enough(start, q, pinned=True):
                return Anchor(start, q, False)
            candidates.append((start, q if q >= 0 else start + len(quote)))
    if len(suffix) >= 8:
        q = _nearest(text, suffix, expected + len(quote), window)
        if q >= 0:
            candidates.append((max(0, q - len(quote)), q))
    for start, end in candidates:
        if close_enough(start, min(end, len(text))):
            return Anchor(start, min(end, len(text)), False)
    if len(quote) < 20:
        return None  # without its context, a short edited quote cannot be told from other text
    dmp.Match_Threshold = 0.3
    dmp.Match_Distance = window
    pattern = quote[: dmp.Match_MaxBits]
    start = dmp.match_main(text, pattern, max(0, min(expected, len(text))))
    if start < 0:
        return None
    end = min(len(text), start + len(quote))
    return Anchor(start, end, False) if close_enough(start, end) else None


def _nearest(text: str, needle: str, around: int, window: int) -> int:
    """The occurrence of `needle` closest to `around` within `window`, or -1."""
    lo = max(0, around - window)
    best, at = -1, text.find(needle, lo, around + window + len(needle))
    while at >= 0:
        if best < 0 or abs(at - around) < abs(best - around):
            best = at
        at = text.find(needle, at + 1, around + window + len(needle))
    return best
