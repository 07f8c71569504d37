"""Claim keys for a newly tagged claim, and every occurrence of a phrase.

`similar_claim_keys("Protests were hijacked by foreign terrorists", claims)` ranks the claim keys
already used by how close their claims' wording is: content words reduced to a crude stem (so
"terrorists" meets "terrorist", "hijacked" meets "hijacking"), scored by the best of a weighted
word overlap and rapidfuzz's token-set ratio. It proposes; the researcher chooses. Lexical, so
"the same proposition in other words" is found only when some words are shared.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

STOPWORDS = frozenset(
    "a an the of to in on at for from by with and or but is are was were be been being has have had do "
    "does did that this these those it its they their them he his she her we our you your i not no as "
    "than then so such into over about after before during while which who whom what when where why how "
    "all any some more most other also very can could would should will may might must there here said "
    "says say according".split()
)


@dataclass(frozen=True, slots=True)
class KeyProposal:
    """A claim key, how similar its closest claim is (0-100), and that claim's text."""

    claim_key: str
    score: float
    example: str


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ings", "ing", "edly", "ed", "ies", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> set[str]:
    """Lower-case stems of the words that carry meaning."""
    return {_stem(w) for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in STOPWORDS and len(w) > 2}


def similarity(a: str, b: str) -> float:
    """0-100: the larger of word-stem overlap (Dice) and rapidfuzz token_set_ratio on the stems."""
    from rapidfuzz import fuzz

    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    dice = 200.0 * len(wa & wb) / (len(wa) + len(wb))
    return max(dice, float(fuzz.token_set_ratio(" ".join(sorted(wa)), " ".join(sorted(wb)))) * 0.9)


def similar_claim_keys(
    text: str, claims: Iterable[tuple[str, str]], limit: int = 3, threshold: float = 40.0
) -> list[KeyProposal]:
    """The claim keys whose claims read most like `text`, best first; `claims` is (key, text)."""
    best: dict[str, tuple[float, str]] = defaultdict(lambda: (0.0, ""))
    for key, claim_text in claims:
        if not key:
            continue
        score = similarity(text, claim_text)
        if score > best[key][0]:
            best[key] = (score, claim_text)
    ranked = sorted(((s, k, t) for k, (s, t) in best.items() if s >= threshold), key=lambda x: (-x[0], x[1]))
    return [KeyProposal(k, round(s, 1), t) for s, k, t in ranked[:limit]]


def occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Every whole-word, case-insensitive occurrence of `phrase` in `text`, spaces matched loosely."""
    words = phrase.split()
    if not words:
        return []
    pattern = r"(?<![\w])" + r"\s+".join(re.escape(w) for w in words) + r"(?![\w])"
    return [m.span() for m in re.finditer(pattern, text, re.IGNORECASE)]
