"""Table models: build, change, check what a view would see."""

from __future__ import annotations

from kzt_annotator.core.attributes import ClaimAttrs
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation
from kzt_annotator.ui.annotation_table import AnnotationTableModel


def ann(ident: str, start: int, end: int) -> Annotation:
    return Annotation(ident, 1, Kind.CLAIM, start, end, "x" * (end - start), ClaimAttrs(), "t")


def test_annotation_model_applies_changes_in_place(qtmodeltester):
    model = AnnotationTableModel()
    model.set_annotations([ann("c", 30, 35), ann("a", 0, 5), ann("b", 10, 15)])
    assert [a.id for a in model.annotations()] == ["a", "b", "c"]
    model.apply_changes({"b"}, [ann("d", 20, 25), ann("a", 40, 45)])
    assert [a.id for a in model.annotations()] == ["d", "c", "a"]
    assert model.row_of("a") == 2 and model.row_of("b") == -1
    qtmodeltester.check(model)
