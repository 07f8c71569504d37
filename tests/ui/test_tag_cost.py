"""Tagging a span does a fixed amount of GUI work, however many annotations the article has."""

from __future__ import annotations

from kzt_annotator.core.attributes import ATTRS_CLASS
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation
from kzt_annotator.store.annotation_list import AnnotationList
from kzt_annotator.ui.annotation_table import AnnotationTableModel


def _span(i: int, kind: str) -> tuple[str, int, int, str, str]:
    return (f"a{i}", i * 10, i * 10 + 5, kind, "ann")


def test_rows_before_walks_back_from_the_position_without_fetching_rows():
    fetched: list[list[str]] = []
    spans = [_span(i, "figure" if i % 3 == 0 else "claim") for i in range(1000)]
    rows = AnnotationList(spans, lambda ids: fetched.append(ids) or [])
    model = AnnotationTableModel()
    model.set_annotations(rows)
    found = model.rows_before(5000, Kind.FIGURE, 5)
    assert found == [498, 495, 492, 489, 486]  # nearest first
    assert fetched == []


def test_rows_before_counts_a_row_starting_at_the_position_and_works_on_plain_lists():
    kinds = [Kind.FIGURE if i % 2 else Kind.CLAIM for i in range(20)]
    rows = [
        Annotation(f"a{i}", 1, kind, i * 10, i * 10 + 5, "x", ATTRS_CLASS[kind](), "ann")
        for i, kind in enumerate(kinds)
    ]
    model = AnnotationTableModel()
    model.set_annotations(rows)
    assert model.rows_before(50, Kind.FIGURE, 2) == [5, 3]
    assert model.rows_before(0, Kind.FIGURE, 2) == []


def test_the_editor_form_is_built_once_per_kind_and_refilled(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    window.open_article(1)
    text = window.reader.article.text
    workspace, editor = window.workspace, window.editor
    start = text.index("2,500 troops")
    window.reader.select_span(start, start + 12)
    workspace.tag(Kind.FIGURE)
    quantity = editor.field("quantity")
    quantity.setText("troops")
    editor.field("value").setText("999")
    editor.submit()
    assert editor.kind is None
    window.reader.select_span(start, start + 5)  # "2,500"
    workspace.tag(Kind.FIGURE)
    assert editor.field("quantity") is quantity  # the same widget, not a new form
    assert editor.field("value").text() == "2500"  # refilled from the new selection
    assert editor.field("quantity").text() == ""
    assert editor.note_field().text() == ""
    editor.cancel()
    workspace.tag(Kind.CLAIM)
    assert "quantity" not in editor.values()
    assert editor.relation_choice() is None
