"""Inter-annotator agreement on spans, labels, attributes, figure intervals and relations.

Units are formed by `core.units` (same kind, overlapping or identical offsets, one-to-one).

Measures, per annotator pair and over all annotators:
- span F1 = 2 * matched / (spans of A + spans of B), exact and overlap;
- Cohen's kappa (per pair) on the kind label of every unit, a missed span counting as "none";
- Krippendorff's alpha (all annotators, the krippendorff package) on the kind of each unit
  (nominal), on each attribute over matched spans (nominal), and on figure values (interval);
- for figure pairs matched in overlap mode, the share whose intervals are equal, compatible or
  conflicting (`core.intervals`, the same rule as the discrepancy panel);
- agreement on relations: F1 over (type, source unit, target unit) triples.

Every measure is a `Measure`: a value, or None with the reason it is undefined (no spans, one
label only, 0/0). Nothing here returns NaN. The curated layer is never an annotator here: the
caller passes annotators' annotations only (see services.review).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from kzt_annotator.core.attributes import attributes_to_strings
from kzt_annotator.core.discrepancy import Relation
from kzt_annotator.core.intervals import Interval, Rule, interval_for
from kzt_annotator.core.model import Annotation
from kzt_annotator.core.units import build_units, match_pairs

NONE = "none"
# Figure fields judged together as an interval, not one by one as labels.
INTERVAL_FIELDS = frozenset({"value", "value_low", "value_high"})


@dataclass(frozen=True, slots=True)
class Measure:
    """A figure of agreement, or None with why it is undefined."""

    value: float | None
    reason: str | None = None

    @staticmethod
    def undefined(reason: str) -> Measure:
        return Measure(None, reason)


@dataclass(frozen=True, slots=True)
class RelationLink:
    """A relation between two annotations, for agreement on relations."""

    type: str
    source_id: str
    target_id: str
    annotator: str


@dataclass(slots=True)
class PairAgreement:
    first: str
    second: str
    f1_exact: Measure
    f1_overlap: Measure
    matched: int
    value_differs: int
    missed_by_first: int
    missed_by_second: int
    cohen_kappa: Measure
    relations_f1: Measure = field(default_factory=lambda: Measure.undefined("no relations"))


@dataclass(slots=True)
class AgreementReport:
    """Agreement for one scope: everything, one kind, one article, or one kind in one article."""

    annotators: list[str]
    kind: str | None = None
    article_id: int | None = None
    pairs: list[PairAgreement] = field(default_factory=list)
    alpha_kind: Measure = field(default_factory=lambda: Measure.undefined("no units"))
    alpha_attributes: dict[str, Measure] = field(default_factory=dict)
    alpha_value_interval: Measure = field(default_factory=lambda: Measure.undefined("no figure values"))
    interval_relations: dict[str, int] = field(default_factory=dict)  # equal/compatible/conflicting
    units: int = 0

    @property
    def scope(self) -> str:
        """'overall', 'figure', 'article 3' or 'article 3 / figure'."""
        parts = [f"article {self.article_id}"] if self.article_id is not None else []
        if self.kind:
            parts.append(self.kind)
        return " / ".join(parts) or "overall"

    @property
    def interval_shares(self) -> dict[str, Measure]:
        total = sum(self.interval_relations.values())
        if not total:
            return {r.label: Measure.undefined("no figure pairs with comparable values") for r in Relation}
        return {r.label: Measure(self.interval_relations.get(r.label, 0) / total) for r in Relation}


def cohen_kappa(labels_a: Sequence[str], labels_b: Sequence[str]) -> Measure:
    """(observed - expected) / (1 - expected) over paired labels (Cohen 1960)."""
    n = len(labels_a)
    if n == 0:
        return Measure.undefined("no units")
    observed = sum(1 for a, b in zip(labels_a, labels_b, strict=True) if a == b) / n
    freq_a, freq_b = Counter(labels_a), Counter(labels_b)
    expected = sum(freq_a[c] * freq_b[c] for c in set(freq_a) | set(freq_b)) / (n * n)
    if math.isclose(expected, 1.0):
        return Measure.undefined("one label only: chance agreement is 1, so kappa is 0/0")
    return Measure((observed - expected) / (1 - expected))


def krippendorff_alpha(matrix: list[list[float]], level: str) -> Measure:
    """Alpha over an annotators x units matrix (NaN = no value) with the krippendorff package."""
    import krippendorff  # with numpy, imported on first use: not at application start
    import numpy as np

    data = np.array(matrix, dtype=float)
    if data.size == 0 or data.shape[1] == 0:
        return Measure.undefined("no units")
    pairable = np.sum(~np.isnan(data), axis=0) >= 2
    if not pairable.any():
        return Measure.undefined("no unit has values from two annotators")
    values = data[:, pairable]
    values = values[~np.isnan(values)]
    if len(np.unique(values)) < 2:
        return Measure.undefined("one value only in the paired units: expected disagreement is 0 (0/0)")
    with np.errstate(all="ignore"):
        try:
            result = float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
        except (ValueError, ZeroDivisionError) as exc:
            return Measure.undefined(f"not computable: {exc}")
    if math.isnan(result):
        return Measure.undefined("expected disagreement is 0 (0/0)")
    return Measure(result)


def _f1(matched: int, denominator: int) -> Measure:
    if denominator == 0:
        return Measure.undefined("no spans from either annotator")
    return Measure(2 * matched / denominator)


def _strings(ann: Annotation) -> dict[str, str]:
    return {k: v for k, v in attributes_to_strings(ann.attributes).items() if v}


def _attr_key(ann: Annotation) -> tuple:
    return tuple(sorted(_strings(ann).items()))


def _interval(ann: Annotation, rules: dict | None) -> Interval | None:
    attrs = ann.attributes
    value = getattr(attrs, "value", None)
    low, high = getattr(attrs, "value_low", None), getattr(attrs, "value_high", None)
    if value is None and (low is None or high is None):
        return None
    return interval_for(value, getattr(attrs, "qualifier", None), low, high, rules)


def _interval_relation(a: Interval, b: Interval) -> Relation:
    if a == b:
        return Relation.EQUAL
    return Relation.COMPATIBLE if a.overlaps(b) else Relation.CONFLICTING


def agreement(
    annotations: Iterable[Annotation],
    annotators: Sequence[str] | None = None,
    *,
    kind: str | None = None,
    article_id: int | None = None,
    relations: Iterable[RelationLink] = (),
    rules: dict[object, Rule] | None = None,
) -> AgreementReport:
    """Agreement among `annotators` (default: everyone with an annotation) over `annotations`.

    `kind`/`article_id` only label the report; the caller filters. Orphaned annotations (their
    quote is gone from the text) never count.
    """
    annotations = [a for a in annotations if not a.orphaned]
    names = sorted(annotators or {a.annotator for a in annotations})
    report = AgreementReport(names, kind, article_id)
    by_article: dict[int, dict[str, list[Annotation]]] = {}
    for ann in annotations:
        if ann.annotator in names:
            by_article.setdefault(ann.article_id, {n: [] for n in names})[ann.annotator].append(ann)
    links = list(relations)
    for first, second in combinations(names, 2):
        report.pairs.append(_pair(first, second, by_article, links, report, rules))
    _alphas(report, names, by_article)
    return report


def _pair(first, second, by_article, links, report, rules) -> PairAgreement:
    totals: Counter[str] = Counter()
    labels_a: list[str] = []
    labels_b: list[str] = []
    unit_of: dict[str, str] = {}  # annotation id -> unit id shared by the pair
    for groups in by_article.values():
        a_spans, b_spans = groups[first], groups[second]
        exact = match_pairs(a_spans, b_spans, "exact")
        overlap = match_pairs(a_spans, b_spans, "overlap")
        totals["a"] += len(a_spans)
        totals["b"] += len(b_spans)
        totals["exact"] += len(exact)
        totals["overlap"] += len(overlap)
        totals["differs"] += sum(1 for a, b in overlap if _attr_key(a) != _attr_key(b))
        matched_a = {a.id for a, _ in overlap}
        matched_b = {b.id for _, b in overlap}
        for a, b in overlap:
            labels_a.append(str(a.kind))
            labels_b.append(str(b.kind))
            unit_of[a.id] = unit_of[b.id] = a.id
            ia, ib = _interval(a, rules), _interval(b, rules)
            if ia is not None and ib is not None:
                label = _interval_relation(ia, ib).label
                report.interval_relations[label] = report.interval_relations.get(label, 0) + 1
        labels_a += [str(a.kind) for a in a_spans if a.id not in matched_a]
        labels_b += [NONE for a in a_spans if a.id not in matched_a]
        labels_a += [NONE for b in b_spans if b.id not in matched_b]
        labels_b += [str(b.kind) for b in b_spans if b.id not in matched_b]
    return PairAgreement(
        first,
        second,
        f1_exact=_f1(totals["exact"], totals["a"] + totals["b"]),
        f1_overlap=_f1(totals["overlap"], totals["a"] + totals["b"]),
        matched=totals["overlap"],
        value_differs=totals["differs"],
        missed_by_first=totals["b"] - totals["overlap"],
        missed_by_second=totals["a"] - totals["overlap"],
        cohen_kappa=cohen_kappa(labels_a, labels_b),
        relations_f1=_relations_f1(first, second, links, unit_of),
    )


def _relations_f1(first: str, second: str, links: list[RelationLink], unit_of: dict[str, str]) -> Measure:
    """F1 over relation triples, with endpoints mapped to the units the pair shares."""

    def triples(name: str) -> Counter[tuple[str, str, str]]:
        return Counter(
            (r.type, unit_of.get(r.source_id, r.source_id), unit_of.get(r.target_id, r.target_id))
            for r in links
            if r.annotator == name
        )

    a, b = triples(first), triples(second)
    total = sum(a.values()) + sum(b.values())
    if total == 0:
        return Measure.undefined("no relations from either annotator")
    return Measure(2 * sum((a & b).values()) / total)


def _alphas(report: AgreementReport, names: list[str], by_article) -> None:
    kind_codes: dict[str, int] = {NONE: 0}
    kind_rows: list[list[float]] = [[] for _ in names]
    attr_rows: dict[str, list[list[float]]] = {}
    attr_codes: dict[str, dict[str, int]] = {}
    value_rows: list[list[float]] = [[] for _ in names]
    units_seen = 0
    for groups in by_article.values():
        for unit in build_units(groups, names):
            column = units_seen
            units_seen += 1
            for row, name in enumerate(names):
                ann = unit.get(name)
                label = str(ann.kind) if ann else NONE
                kind_rows[row].append(kind_codes.setdefault(label, len(kind_codes)))
                number = getattr(ann.attributes, "value", None) if ann else None
                value_rows[row].append(float(number) if number is not None else math.nan)
                for attr, text in (_strings(ann) if ann else {}).items():
                    if attr in INTERVAL_FIELDS:
                        continue
                    rows = attr_rows.setdefault(attr, [[math.nan] * column for _ in names])
                    codes = attr_codes.setdefault(attr, {})
                    rows[row].append(codes.setdefault(text, len(codes)))
            for rows in attr_rows.values():
                for row in rows:
                    if len(row) <= column:
                        row.append(math.nan)
    report.units = units_seen
    if units_seen:
        report.alpha_kind = krippendorff_alpha(kind_rows, "nominal")
        report.alpha_value_interval = krippendorff_alpha(value_rows, "interval")
    report.alpha_attributes = {
        attr: krippendorff_alpha(rows, "nominal") for attr, rows in sorted(attr_rows.items())
    }
