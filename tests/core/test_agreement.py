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
    assert pair.f1_exact == pytest.approx(2 * 1 / 6)  # one identical span of three each
    assert pair.f1_overlap == pytest.approx(2 * 2 / 6)  # claim and figure overlap
    # labels A: claim figure attribution none / B: claim figure none claim
    # observed 2/4; expected (1*2 + 1*1 + 1*0 + 1*1)/16 = 0.25; kappa = 0.25 / 0.75
    assert pair.cohen_kappa == pytest.approx(1 / 3)
    assert (pair.matched, pair.value_differs, pair.missed_by_first, pair.missed_by_second) == (2, 1, 1, 1)
    # Krippendorff nominal: Do = 4/8, De = (64 - (9+1+4+4)) / 56, alpha = 1 - Do/De
    assert report.units == 4
    assert report.alpha_kind == pytest.approx(1 - 0.5 / (46 / 56))


def test_three_annotators_one_copying_another():
    C = [
        ann("C", a.kind, a.start, a.end, i, **{k: v for k, v in vars_of(a).items() if v is not None})
        for i, a in enumerate(A)
    ]
    report = agreement(A + B + C)
    pairs = {(p.first, p.second): p for p in report.pairs}
    assert set(pairs) == {("A", "B"), ("A", "C"), ("B", "C")}
    assert pairs[("A", "C")].f1_exact == 1.0 and pairs[("A", "C")].cohen_kappa == 1.0
    assert pairs[("A", "B")].cohen_kappa == pytest.approx(1 / 3)
    assert report.alpha_kind is not None and -1 <= report.alpha_kind <= 1


def vars_of(annotation):
    from dataclasses import asdict

    return asdict(annotation.attributes)


def test_interval_alpha_on_figure_values():
    X = [ann("X", Kind.FIGURE, 0, 5, 1, value=100.0), ann("X", Kind.FIGURE, 10, 15, 2, value=200.0)]
    Y = [ann("Y", Kind.FIGURE, 0, 5, 1, value=100.0), ann("Y", Kind.FIGURE, 10, 15, 2, value=200.0)]
    assert agreement(X + Y).alpha_value_interval == pytest.approx(1.0)


def test_cohen_kappa_edge_cases():
    assert cohen_kappa([], []) is None
    assert cohen_kappa(["a", "a"], ["a", "a"]) == 1.0
    assert math.isclose(cohen_kappa(["a", "b"], ["b", "a"]), -1.0)
