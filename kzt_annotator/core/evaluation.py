"""Score suggestions against hand annotations (gold): recall, precision, attribute accuracy.

Gold items and suggestions are matched per article and kind by span overlap (an attribution
suggestion may also overlap the gold cue), largest overlap first, each used at most once.
Shapes: a gold figure is a dict with start, end, value, value_low, value_high, qualifier; a gold
attribution a dict with start, end, speaker and cue ({start, end} or None). Suggestions are
`core.suggest.Suggestion`. Pure: no files, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from kzt_annotator.core.attributes import AttributionAttrs, FigureAttrs
from kzt_annotator.core.suggest import Suggestion


@dataclass(slots=True)
class Score:
    """Counts for one kind over some articles; the ratios are None when undefined."""

    gold: int = 0
    proposed: int = 0
    matched: int = 0
    attribute_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[tuple[dict[str, Any], Suggestion]] = field(default_factory=list)
    spurious: list[Suggestion] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.matched / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.matched / self.proposed if self.proposed else None

    @property
    def accuracy(self) -> float | None:
        return self.attribute_right / self.matched if self.matched else None

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.proposed += other.proposed
        self.matched += other.matched
        self.attribute_right += other.attribute_right
        self.misses += other.misses
        self.wrong += other.wrong
        self.spurious += other.spurious


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _gold_overlap(item: dict[str, Any], s: Suggestion) -> int:
    best = _overlap(item["start"], item["end"], s.start, s.end)
    cue = item.get("cue")
    if cue:
        best = max(best, _overlap(cue["start"], cue["end"], s.start, s.end))
        cue_s = getattr(s, "cue", None)
        if cue_s is not None:
            best = max(best, _overlap(cue["start"], cue["end"], cue_s[0], cue_s[1]))
    return best


def match(gold: Sequence[dict[str, Any]], found: Sequence[Suggestion]) -> list[tuple[int, int]]:
    """Pairs (gold index, suggestion index), one-to-one, largest overlap first."""
    pairs = sorted(
        (
            (-_gold_overlap(g, s), gi, si)
            for gi, g in enumerate(gold)
            for si, s in enumerate(found)
            if _gold_overlap(g, s) > 0
        ),
    )
    used_g: set[int] = set()
    used_s: set[int] = set()
    out: list[tuple[int, int]] = []
    for _neg, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gi, si))
    return out


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def figure_right(item: dict[str, Any], attrs: FigureAttrs) -> bool:
    """Value (or range bounds) and qualifier equal."""
    qualifier = attrs.qualifier.value if attrs.qualifier else None
    return (
        qualifier == item["qualifier"]
        and _same(attrs.value, item.get("value"))
        and _same(attrs.value_low, item.get("value_low"))
        and _same(attrs.value_high, item.get("value_high"))
    )


def _name_words(name: str | None) -> list[str]:
    words = re.findall(r"[^\W_]+", (name or "").lower())
    return words[1:] if words[:1] == ["the"] else words


def _contains(long: list[str], short: list[str]) -> bool:
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def same_speaker(gold: str | None, found: str | None) -> bool:
    """Equal ignoring case, a leading 'the' and punctuation, or one's words inside the other's."""
    a, b = _name_words(gold), _name_words(found)
    if not a or not b:
        return not a and not b
    return _contains(a, b) or _contains(b, a)


def attribution_right(item: dict[str, Any], attrs: AttributionAttrs) -> bool:
    return same_speaker(item.get("speaker"), attrs.speaker)


def score(gold: Sequence[dict[str, Any]], found: Sequence[Suggestion], kind: str) -> Score:
    """Score one article's suggestions of `kind` ('figure' or 'attribution')."""
    result = Score(gold=len(gold), proposed=len(found))
    pairs = match(gold, found)
    matched_s = {si for _gi, si in pairs}
    matched_g = {gi for gi, _si in pairs}
    for gi, si in pairs:
        item, s = gold[gi], found[si]
        ok = (
            figure_right(item, s.attributes)  # type: ignore[arg-type]
            if kind == "figure"
            else attribution_right(item, s.attributes)  # type: ignore[arg-type]
        )
        result.matched += 1
        if ok:
            result.attribute_right += 1
        else:
            result.wrong.append((item, s))
    result.misses = [g for i, g in enumerate(gold) if i not in matched_g]
    result.spurious = [s for i, s in enumerate(found) if i not in matched_s]
    return result


def total(scores: Iterable[Score]) -> Score:
    out = Score()
    for s in scores:
        out.add(s)
    return out
