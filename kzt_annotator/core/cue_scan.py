"""Where reporting cues are in a text: `CUE_RX.finditer`, tried only where a cue can begin.

Trying CUE_RX (core/cues.py: "said", "told", "according to", "has made it clear that" and some
ninety verbs) at each of an article's 300,000 characters took about 110 million instructions, a
seventh of the whole suggestion search. Every match of CUE_RX is a whole word (or phrase) of the
text: a cue verb V with no word character or "-" before it and no word character after it (\\b),
so the run of word characters there *is* V, in the text and in its folded copy alike (V is lower
case ASCII; folding keeps offsets and word characters). So `cue_matches` first takes the words
the text has (core/text_words.py `word_runs`), searches the text with `str.find` only for the cue
verbs among them, and tries CUE_RX at those offsets alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kzt_annotator.core.cues import CUE_RX, VERBS
from kzt_annotator.core.text_words import folded, matches_at, occurrences, word_runs


def _literal_words(alternatives: str) -> frozenset[str]:
    """The words a "|"-separated list of lower-case words matches, with "[sz]"-style classes
    spelled out ("emphasi[sz]ed" -> "emphasised", "emphasized").

    Raises ValueError for any other regex syntax (the scan below would then miss matches)."""
    out: set[str] = set()
    for alternative in alternatives.split("|"):
        forms = [""]
        for piece in re.split(r"(\[[a-z]+\])", alternative):
            letters = piece[1:-1] if piece.startswith("[") else None
            if letters is None and not re.fullmatch(r"[a-z]*", piece):
                raise ValueError(f"not a plain cue word: {alternative!r}")
            forms = [f + c for f in forms for c in (letters or [piece])]
        out.update(forms)
    return frozenset(out)


CUE_VERBS = _literal_words(VERBS)


def cue_starts(text: str) -> list[int]:
    """Offsets where CUE_RX may match, sorted: a superset of where it does.

    - a cue verb V (the "verb" group): where V occurs in `text` (exactly, case and all), for each
      V that is a word of the text (`word_runs`; see the module docstring);
    - "[Aa]ccording\\s+to": where "according" occurs in the folded copy, when it is a word;
    - "(?:has|have|had)\\s+made\\s+it\\s+clear\\s+that": where "has", "have" or "had" occurs,
      when "made" and "clear" are both words of the text (their runs are words then too)."""
    words = word_runs(text)
    starts: set[int] = set()
    for verb in CUE_VERBS & words:
        starts.update(occurrences(text, verb))
    if "according" in words:
        starts.update(occurrences(folded(text), "according"))
    if "made" in words and "clear" in words:
        for auxiliary in ("has", "have", "had"):
            starts.update(occurrences(text, auxiliary))
    return sorted(starts)


def cue_matches(text: str) -> Iterator[re.Match[str]]:
    """The same matches as `CUE_RX.finditer(text)`, trying CUE_RX only where it may begin.

    finditer tries each offset from the end of the previous match on and yields the first match;
    no offset left out by `cue_starts` can match, so trying only those gives the same sequence
    (CUE_RX's lookbehind sees the text before the offset it is tried at)."""
    return matches_at(CUE_RX, text, cue_starts(text))
