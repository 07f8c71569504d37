"""Inter-annotator agreement on spans, labels and attributes.

Units. Within one article, two annotators' spans are *the same unit* when they have the same
kind and (exact mode) identical offsets or (overlap mode) overlapping offsets; pairs are formed
one-to-one, largest overlap first. A span with no partner is *missed* by the other annotator.

Figures. Span F1 per pair of annotators = 2 * matched / (spans of A + spans of B), exact and
overlap. Cohen's kappa (two annotators) and Krippendorff's alpha (two or more, via the
krippendorff package) on the kind label of every unit (a missed span counts as the label "none").
Attribute agreement over matched spans: nominal alpha for keys and labels (quantity, qualifier,
claim_key, stance, speaker, quote_kind), interval alpha for figure values. "Span matched, value
differs" and "span missed" are counted separately.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from math import nan as NAN

from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation

NOMINAL_ATTRIBUTES = ("quantity", "qualifier", "claim_key", "stance", "speaker", "quote_kind")
NONE = "none"


def _overlap(a: Annotation, b: Annotation) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_pairs(
    left: list[Annotation], right: list[Annotation], mode: str
) -> list[tuple[Annotation, Annotation]]:
    """One-to-one pairs of same-kind spans of one article (exact: same offsets; overlap: largest first)."""
    candidates = []
    for a in left:
        for b in right:
            if a.kind is not b.kind:
                continue
            if mode == "exact":
                if (a.start, a.end) == (b.start, b.end):
                    candidates.append((a.end - a.start, a, b))
            elif _overlap(a, b) > 0:
                candidates.append((_overlap(a, b), a, b))
    candidates.sort(key=lambda c: -c[0])
    used_a: set[str] = set()
    used_b: set[str] = set()
    pairs = []
    for _size, a, b in candidates:
        if a.id not in used_a and b.id not in used_b:
            used_a.add(a.id)
            used_b.add(b.id)
            pairs.append((a, b))
    return pairs


@dataclass(slots=True)
class PairAgreement:
    first: str
    second: str
    f1_exact: float
    f1_overlap: float
    matched: int
    value_differs: int
    missed_by_first: int
    missed_by_second: int
    cohen_kappa: float | None


@dataclass(slots=True)
class AgreementReport:
    annotators: list[str]
    scope: str  # "overall", a kind, or an article id
    pairs: list[PairAgreement] = field(default_factory=list)
    alpha_kind: float | None = None
    alpha_attributes: dict[str, float | None] = field(default_factory=dict)
    alpha_value_interval: float | None = None
    units: int = 0


def cohen_kappa(labels_a: list[str], labels_b: list[str]) -> float | None:
    """(observed - expected) / (1 - expected) over paired labels; None when undefined."""
    n = len(labels_a)
    if n == 0:
        return None
    observed = sum(1 for a, b in zip(labels_a, labels_b, strict=True) if a == b) / n
    freq_a, freq_b = Counter(labels_a), Counter(labels_b)
    expected = sum(freq_a[c] * freq_b[c] for c in set(freq_a) | set(freq_b)) / (n * n)
    if expected == 1:
        return 1.0 if observed == 1 else None
    return (observed - expected) / (1 - expected)


def _alpha(matrix: list[list[float]], level: str) -> float | None:
    import krippendorff  # with numpy, imported on first use: not at application start
    import numpy as np

    data = np.array(matrix, dtype=float)
    if data.size == 0 or data.shape[1] == 0:
        return None
    values = data[~np.isnan(data)]
    if len(np.unique(values)) < 2:
        # One value everywhere: perfect agreement, which the formula cannot express (0/0).
        pairable = np.sum(np.sum(~np.isnan(data), axis=0) >= 2)
        return 1.0 if pairable else None
    try:
        return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    except (ValueError, ZeroDivisionError):
        return None


def _units(by_annotator: dict[str, list[Annotation]], names: list[str]) -> list[dict[str, Annotation]]:
    """Clusters of matched spans across all annotators (overlap mode), anchored on the first one's."""
    units: list[dict[str, Annotation]] = []
    placed: dict[str, set[str]] = {n: set() for n in names}
    for i, name in enumerate(names):
        for ann in by_annotator[name]:
            if ann.id in placed[name]:
                continue
            unit = {name: ann}
            placed[name].add(ann.id)
            for other in names[i + 1 :]:
                rest = [b for b in by_annotator[other] if b.id not in placed[other]]
                pair = match_pairs([ann], rest, "overlap")
                if pair:
                    unit[other] = pair[0][1]
                    placed[other].add(pair[0][1].id)
            units.append(unit)
    return units


def _attr_key(ann: Annotation) -> tuple:
    values = attributes_to_strings(ann.attributes)
    return tuple(sorted((k, v) for k, v in values.items() if v))


def agreement(
    annotations: list[Annotation], annotators: list[str] | None = None, scope: str = "overall"
) -> AgreementReport:
    names = sorted(annotators or {a.annotator for a in annotations})
    report = AgreementReport(names, scope)
    by_article: dict[int, dict[str, list[Annotation]]] = {}
    for ann in annotations:
        if ann.annotator in names:
            by_article.setdefault(ann.article_id, {n: [] for n in names})[ann.annotator].append(ann)
    for first, second in combinations(names, 2):
        totals = Counter()
        labels_a: list[str] = []
        labels_b: list[str] = []
        for groups in by_article.values():
            a_spans, b_spans = groups[first], groups[second]
            exact = match_pairs(a_spans, b_spans, "exact")
            overlap = match_pairs(a_spans, b_spans, "overlap")
            totals["a"] += len(a_spans)
            totals["b"] += len(b_spans)
            totals["exact"] += len(exact)
            totals["overlap"] += len(overlap)
            totals["differs"] += sum(1 for a, b in overlap if _attr_key(a) != _attr_key(b))
            # Kind labels per unit: a matched pair, or a span the other annotator missed ("none").
            matched_a = {a.id for a, _ in overlap}
            matched_b = {b.id for _, b in overlap}
            for a, b in overlap:
                labels_a.append(a.kind.value)
                labels_b.append(b.kind.value)
            labels_a += [a.kind.value for a in a_spans if a.id not in matched_a]
            labels_b += [NONE for a in a_spans if a.id not in matched_a]
            labels_a += [NONE for b in b_spans if b.id not in matched_b]
            labels_b += [b.kind.value for b in b_spans if b.id not in matched_b]
        denominator = totals["a"] + totals["b"]
        report.pairs.append(
            PairAgreement(
                first,
                second,
                f1_exact=(2 * totals["exact"] / denominator) if denominator else 1.0,
                f1_overlap=(2 * totals["overlap"] / denominator) if denominator else 1.0,
                matched=totals["overlap"],
                value_differs=totals["differs"],
                missed_by_first=totals["b"] - totals["overlap"],
                missed_by_second=totals["a"] - totals["overlap"],
                cohen_kappa=cohen_kappa(labels_a, labels_b),
            )
        )
    # Krippendorff's alpha over units shared by all annotators' clusters.
    kinds = [k.value for k in Kind] + [NONE]
    kind_rows: list[list[float]] = [[] for _ in names]
    attr_rows: dict[str, list[list[float]]] = {n: [[] for _ in names] for n in NOMINAL_ATTRIBUTES}
    value_rows: list[list[float]] = [[] for _ in names]
    codes: dict[str, dict[str, int]] = {n: {} for n in NOMINAL_ATTRIBUTES}
    for groups in by_article.values():
        for unit in _units(groups, names):
            report.units += 1
            for row, name in enumerate(names):
                ann = unit.get(name)
                kind_rows[row].append(kinds.index(ann.kind.value) if ann else kinds.index(NONE))
                values = attributes_to_strings(ann.attributes) if ann else {}
                for attr in NOMINAL_ATTRIBUTES:
                    v = values.get(attr, "")
                    attr_rows[attr][row].append(codes[attr].setdefault(v, len(codes[attr])) if v else NAN)
                number = getattr(ann.attributes, "value", None) if ann else None
                value_rows[row].append(float(number) if number is not None else NAN)
    if report.units:
        report.alpha_kind = _alpha(kind_rows, "nominal")
        report.alpha_attributes = {
            attr: _alpha(rows, "nominal") for attr, rows in attr_rows.items() if codes[attr]
        }
        report.alpha_value_interval = _alpha(value_rows, "interval")
    return report
