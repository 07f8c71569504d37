"""Units of agreement: which annotators' spans count as the same unit.

Within one article, two annotators' spans are *the same unit* when they have the same kind and
(exact mode) identical offsets or (overlap mode) overlapping offsets. Pairs are formed one-to-one,
largest overlap first; a span with no partner is *missed* by the other annotator. Agreement, the
curation view and automatic merging all use this one rule (INCEpTION's curation groups spans the
same way: same layer, same position).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from kzt_annotator.core.model import Annotation

Mode = Literal["exact", "overlap"]


def overlap(a: Annotation, b: Annotation) -> int:
    """Shared length of two spans in code points (0 when they do not overlap)."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_pairs(
    left: Sequence[Annotation], right: Sequence[Annotation], mode: Mode
) -> list[tuple[Annotation, Annotation]]:
    """One-to-one pairs of same-kind spans of one article (exact: same offsets; overlap: largest first).

    Ties in overlap size keep the input order, so the result is deterministic.
    """
    candidates = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            if a.kind != b.kind:
                continue
            if mode == "exact":
                if (a.start, a.end) == (b.start, b.end):
                    candidates.append((-(a.end - a.start), i, j, a, b))
            else:
                size = overlap(a, b)
                if size > 0:
                    candidates.append((-size, i, j, a, b))
    candidates.sort(key=lambda c: c[:3])
    used_a: set[str] = set()
    used_b: set[str] = set()
    pairs = []
    for _size, _i, _j, a, b in candidates:
        if a.id not in used_a and b.id not in used_b:
            used_a.add(a.id)
            used_b.add(b.id)
            pairs.append((a, b))
    return pairs


def build_units(
    by_annotator: dict[str, list[Annotation]], names: Sequence[str]
) -> list[dict[str, Annotation]]:
    """Clusters of matched spans of one article across annotators (overlap mode).

    Each unit maps annotator name -> that annotator's span; an annotator missing from a unit did not
    tag it. A unit is anchored on the first annotator (in `names` order) who has a span in it, and
    every later annotator contributes at most one span, matched to the anchor. Units come in reading
    order of their anchor spans.
    """
    units: list[dict[str, Annotation]] = []
    placed: dict[str, set[str]] = {n: set() for n in names}
    for i, name in enumerate(names):
        for ann in sorted(by_annotator.get(name, []), key=lambda a: (a.start, a.end)):
            if ann.id in placed[name]:
                continue
            unit = {name: ann}
            placed[name].add(ann.id)
            for other in names[i + 1 :]:
                rest = [b for b in by_annotator.get(other, []) if b.id not in placed[other]]
                pair = match_pairs([ann], rest, "overlap")
                if pair:
                    unit[other] = pair[0][1]
                    placed[other].add(pair[0][1].id)
            units.append(unit)
    units.sort(key=lambda u: min((a.start, a.end) for a in u.values()))
    return units
