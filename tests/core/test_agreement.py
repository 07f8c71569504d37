"""Agreement figures checked against values computed by hand for a small case."""

from __future__ import annotations

import math

import pytest

from kzt_annotator.core.agreement import agreement, cohen_kappa
from kzt_annotator.core.attributes import ClaimAttrs, FigureAttrs
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation

TEXT = "x" * 100


def ann(who, kind, start, end, n, **attrs):
    cls = {Kind.FIGURE: FigureAttrs, Kind.CLAIM: ClaimAttrs}.get(kind)
    from kzt_annotator.core.attributes import AttributionAttrs

    cls = cls or AttributionAttrs
    return Annotation(f"{who}{n}", 1, kind, start, end, TEXT[start:end], cls(**attrs), who)


A = [
    ann("A", Kind.CLAIM, 0, 5, 1, claim_key="k"),
    ann("A", Kind.FIGURE, 10, 15, 2, value=10.0),
    ann("A", Kind.ATTRIBUTION, 20, 25, 3),
]
B = [
    ann("B", Kind.CLAIM, 0, 5, 1, claim_key="k"),
    ann("B", Kind.FIGURE, 11, 15, 2, value=12.0),
    ann("B", Kind.CLAIM, 30, 35, 3),
]


def test_two_annotators_by_hand():
    report = agreement(A + B)
    [pair] = report.pairs
    assert pair.f1_exact.value == pytest.approx(2 * 1 / 6)  # one identical span of three each
    assert pair.f1_overlap.value == pytest.approx(2 * 2 / 6)  # claim and figure overlap
    # labels A: claim figure attribution none / B: claim figure none claim
    # observed 2/4; expected (1*2 + 1*1 + 1*0 + 1*1)/16 = 0.25; kappa = 0.25 / 0.75
    assert pair.cohen_kappa.value == pytest.approx(1 / 3)
    assert (pair.matched, pair.value_differs, pair.missed_by_first, pair.missed_by_second) == (2, 1, 1, 1)
    # Krippendorff nominal: Do = 4/8, De = (64 - (9+1+4+4)) / 56, alpha = 1 - Do/De
    assert report.units == 4
    assert report.alpha_kind.value == pytest.approx(1 - 0.5 / (46 / 56))


def test_three_annotators_one_copying_another():
    C = [
        ann("C", a.kind, a.start, a.end, i, **{k: v for k, v in vars_of(a).items() if v is not None})
        for i, a in enumerate(A)
    ]
    report = agreement(A + B + C)
    pairs = {(p.first, p.second): p for p in report.pairs}
    assert set(pairs) == {("A", "B"), ("A", "C"), ("B", "C")}
    assert pairs[("A", "C")].f1_exact.value == 1.0 and pairs[("A", "C")].cohen_kappa.value == 1.0
    assert pairs[("A", "B")].cohen_kappa.value == pytest.approx(1 / 3)
    # units: claim c/c/c, figure f/f/f, attribution a/none/a, none/claim/none (12 values:
    # claim 4, figure 3, attribution 2, none 3); Do = (2 + 2) / 12, De = (144 - 38) / 132
    assert report.alpha_kind.value == pytest.approx(1 - (4 / 12) / (106 / 132))


def vars_of(annotation):
    from dataclasses import asdict

    return asdict(annotation.attributes)


def test_interval_alpha_on_figure_values():
    X = [ann("X", Kind.FIGURE, 0, 5, 1, value=100.0), ann("X", Kind.FIGURE, 10, 15, 2, value=200.0)]
    Y = [ann("Y", Kind.FIGURE, 0, 5, 1, value=100.0), ann("Y", Kind.FIGURE, 10, 15, 2, value=200.0)]
    assert agreement(X + Y).alpha_value_interval.value == pytest.approx(1.0)


def test_cohen_kappa_edge_cases():
    assert cohen_kappa([], []).value is None and cohen_kappa([], []).reason == "no units"
    # One label throughout: chance agreement is 1 and kappa is 0/0, not a perfect 1.0.
    same = cohen_kappa(["a", "a"], ["a", "a"])
    assert same.value is None and "0/0" in same.reason
    assert math.isclose(cohen_kappa(["a", "b"], ["b", "a"]).value, -1.0)


def test_undefined_interval_alpha_is_null_with_a_reason_and_strict_json():
    """Issue case: both tag 120 at one span, only one also tags 30: interval alpha is 0/0."""
    import json
    import warnings

    from kzt_annotator.core.agreement_table import report_json

    X = [ann("X", Kind.FIGURE, 0, 5, 1, value=120.0), ann("X", Kind.FIGURE, 10, 15, 2, value=30.0)]
    Y = [ann("Y", Kind.FIGURE, 0, 5, 1, value=120.0)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning from numpy on stderr
        report = agreement(X + Y)
    assert report.alpha_value_interval.value is None
    assert "0/0" in report.alpha_value_interval.reason
    data = report_json(report)
    text = json.dumps(data, allow_nan=False)
    parsed = json.loads(text, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert parsed["alpha_value_interval"] is None
    assert "0/0" in parsed["reasons"]["alpha_value_interval"]


def test_a_kind_nobody_annotated_has_no_f1():
    report = agreement([], ["X", "Y"], kind="claim")
    [pair] = report.pairs
    assert pair.f1_exact.value is None and pair.f1_overlap.value is None
    assert pair.f1_exact.reason == "no spans from either annotator"
    assert report.scope == "claim"


def test_scope_names_article_and_kind():
    assert agreement([], ["X", "Y"], kind="figure", article_id=3).scope == "article 3 / figure"
    assert agreement([], ["X", "Y"], article_id=3).scope == "article 3"
    assert agreement([], ["X", "Y"]).scope == "overall"


def test_alpha_per_attribute_and_interval_relations():
    X = [
        ann("X", Kind.FIGURE, 0, 5, 1, value=100.0, quantity="deaths"),
        ann("X", Kind.FIGURE, 10, 15, 2, value=200.0, quantity="detained"),
        ann("X", Kind.CLAIM, 20, 25, 3, claim_key="k1"),
    ]
    Y = [
        ann("Y", Kind.FIGURE, 0, 5, 1, value=100.0, quantity="deaths"),
        ann("Y", Kind.FIGURE, 10, 15, 2, value=250.0, quantity="detained"),
        ann("Y", Kind.CLAIM, 20, 25, 3, claim_key="k2"),
    ]
    report = agreement(X + Y)
    assert report.alpha_attributes["quantity"].value == pytest.approx(1.0)
    # claim_key: one pairable unit, two different values: Do = De = 1, alpha 0
    assert report.alpha_attributes["claim_key"].value == pytest.approx(0.0)
    assert report.interval_relations == {"equal": 1, "conflicting": 1}
    shares = report.interval_shares
    assert shares["equal"].value == pytest.approx(0.5) and shares["compatible"].value == 0.0


def test_relations_agreement_maps_endpoints_to_shared_units():
    from kzt_annotator.core.agreement import RelationLink

    X = [ann("X", Kind.ATTRIBUTION, 0, 5, 1), ann("X", Kind.CLAIM, 10, 20, 2)]
    Y = [
        ann("Y", Kind.ATTRIBUTION, 0, 6, 1),
        ann("Y", Kind.CLAIM, 11, 20, 2),
        ann("Y", Kind.CLAIM, 30, 40, 3),
    ]
    links = [
        RelationLink("supports", "X1", "X2", "X"),
        RelationLink("supports", "Y1", "Y2", "Y"),  # the same relation between the same units
        RelationLink("supports", "Y1", "Y3", "Y"),  # one X lacks
    ]
    [pair] = agreement(X + Y, relations=links).pairs
    assert pair.relations_f1.value == pytest.approx(2 * 1 / 3)


def test_orphaned_annotations_never_count():
    from dataclasses import replace

    X = [ann("X", Kind.CLAIM, 0, 5, 1), replace(ann("X", Kind.CLAIM, 10, 15, 2), orphaned=True)]
    Y = [ann("Y", Kind.CLAIM, 0, 5, 1)]
    [pair] = agreement(X + Y).pairs
    assert pair.f1_exact.value == 1.0 and pair.missed_by_second == 0


def test_kappa_and_alpha_match_an_independent_implementation():
    """nltk's AnnotationTask (Artstein & Poesio's formulas) as the oracle, on random label data."""
    import random

    from nltk.metrics.agreement import AnnotationTask

    from kzt_annotator.core.agreement import krippendorff_alpha

    rng = random.Random(7)
    for _trial in range(20):
        n = rng.randint(5, 40)
        labels = ["claim", "figure", "attribution", "none"]
        a = [rng.choice(labels) for _ in range(n)]
        b = [x if rng.random() < 0.6 else rng.choice(labels) for x in a]
        if len(set(a) | set(b)) < 2:
            continue
        task = AnnotationTask(
            data=[("A", i, x) for i, x in enumerate(a)] + [("B", i, x) for i, x in enumerate(b)]
        )
        assert cohen_kappa(a, b).value == pytest.approx(task.kappa(), abs=1e-6)
        codes = {label: i for i, label in enumerate(labels)}
        ours = krippendorff_alpha([[codes[x] for x in a], [codes[x] for x in b]], "nominal")
        assert ours.value == pytest.approx(task.alpha(), abs=1e-6)
