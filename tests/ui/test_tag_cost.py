"""Tagging a span does a fixed amount of GUI work, however many annotations the article has."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kzt_annotator.core.attributes import ATTRS_CLASS
from kzt_annotator.core.kinds import Kind
from kzt_annotator.core.model import Annotation
from kzt_annotator.store.annotation_list import AnnotationList
from kzt_annotator.ui.annotation_table import ANNOTATION_ID_ROLE, AnnotationTableModel


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


class _CountingList(AnnotationList):
    """The real lazy list, counting the passes over every row that row_of must not make."""

    full_passes = 0

    def ids(self) -> list[str]:
        type(self).full_passes += 1
        return super().ids()

    def spans(self) -> list[tuple[int, int, Kind, str, str]]:
        type(self).full_passes += 1
        return super().spans()


def _new(ident: str, start: int, end: int) -> Annotation:
    return Annotation(ident, 1, Kind.FIGURE, start, end, "x", ATTRS_CLASS[Kind.FIGURE](), "ann")


def test_row_of_after_inserts_and_removals_needs_no_pass_over_every_row():
    spans = [_span(i, "figure") for i in range(2000)] + [("same1", 500, 505, "claim", "ann")]
    model = AnnotationTableModel()
    model.set_annotations(_CountingList(sorted(spans, key=lambda s: (s[1], s[2])), lambda ids: []))
    assert model.row_of("a50") == 50  # the index is built once, here
    _CountingList.full_passes = 0
    for i in range(100):  # tagging a hundred spans, some sharing a span with another row
        model.apply_changes(set(), [_new(f"n{i}", i * 10, i * 10 + 5)])
        assert model.row_of(f"n{i}") >= 0
    model.apply_changes({"a7"}, [])
    assert _CountingList.full_passes == 0
    assert model.index_builds == 1
    ids = [model.data(model.index(r, 0), ANNOTATION_ID_ROLE) for r in range(model.rowCount())]
    for ident in ("a0", "a50", "same1", "n0", "n99", "a1999"):
        assert model.row_of(ident) == ids.index(ident)  # rows sharing a span found by id
    assert model.row_of("a7") == -1 and "a7" not in ids
    assert model.row_of("nothing") == -1


def test_row_of_on_plain_rows_finds_rows_sharing_a_span():
    model = AnnotationTableModel()
    model.set_annotations([_new("b", 10, 20), _new("a", 10, 20), _new("c", 0, 5)])
    model.apply_changes(set(), [_new("d", 10, 20)])
    ids = [model.annotation_at(r).id for r in range(model.rowCount())]
    assert [model.row_of(i) for i in ids] == list(range(4))
    model.apply_changes({"a"}, [])
    assert model.row_of("a") == -1 and model.row_of("d") == 2
    assert model.index_builds == 1


def test_a_cell_computes_only_its_column_and_other_roles_are_empty():
    model = AnnotationTableModel()
    model.set_annotations([_new("a", 0, 5)])
    assert [model.data(model.index(0, c)) for c in range(5)] == ["figure", "x", "", "ann", "proposed"]
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole) is None
    assert model.data(model.index(0, 1), Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(0, 2), ANNOTATION_ID_ROLE) == "a"


def test_a_saved_tag_shows_its_description_not_a_second_saved_message(qtbot, make_window, corpus_repo):
    window = make_window(corpus_repo)
    window.open_article(1)
    text = window.reader.article.text
    start = text.index("2,500 troops")
    window.reader.select_span(start, start + 12)
    window.workspace.tag(Kind.FIGURE)
    window.editor.submit()
    bar = window.statusBar()
    assert window.save_state.text() == "All changes saved"  # the permanent label says it, once
    assert bar.currentMessage().startswith("figure by tester")
    window.workspace.delete_selected()
    assert corpus_repo.annotations() == []
    assert bar.currentMessage() == ""  # the deleted annotation's description is gone
    assert window.save_state.text() == "All changes saved"


def test_the_review_queue_finds_the_selected_row_by_bisection():
    from kzt_annotator.ui.review_panel import QueueModel

    model = QueueModel()
    rows = [_new(f"r{i}", i * 10, i * 10 + 5) for i in range(1000)] + [_new("twin", 50, 55)]
    model.set_rows(sorted(rows, key=lambda a: (a.article_id, a.start, a.end)), {})
    assert [model.rows[model.row_of(i)].id for i in ("r0", "r5", "twin", "r999")] == [
        "r0",
        "r5",
        "twin",
        "r999",
    ]
    model.update_rows({"r5"}, [])
    assert model.row_of("r5") == -1 and model.rows[model.row_of("twin")].id == "twin"


def test_a_tag_lays_out_neither_the_window_nor_a_dock_and_the_toolbar_keeps_its_labels(
    qtbot, make_window, corpus_repo
):
    """What changes after a tag (the undo text, the review queue's count) repaints only itself:
    a label or button whose size may change makes Qt lay out its dock and the whole window."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QDockWidget

    window = make_window(corpus_repo)
    window.resize(1280, 800)
    window.open_article(1)
    text = window.reader.article.text

    def tag(phrase: str) -> None:
        start = text.index(phrase)
        window.reader.select_span(start, start + len(phrase))
        window.workspace.tag(Kind.FIGURE)
        window.editor.submit()
        window.flush_refresh()
        qtbot.waitUntil(lambda: not window.reading() and not window.workspace.busy())
        qtbot.wait(20)

    class LayoutCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen: list[str] = []

        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.LayoutRequest:
                self.seen.append(watched.objectName() or type(watched).__name__)
            return False

    tag("2,500")  # the first tag may change the editor's hint text and enable Undo
    for panel in (
        window.discrepancy_panel,
        window.review_panel,
    ):  # each first load shown (it may lay out once)
        panel.refresh()
    window.flush_refresh()
    qtbot.wait(20)
    counter = LayoutCounter()
    watched = [window, *window.findChildren(QDockWidget)]
    for widget in watched:
        widget.installEventFilter(counter)
    toolbar = window.tag_toolbar
    sizes = [toolbar.sizeHint()]
    tag("troops")
    sizes.append(toolbar.sizeHint())
    for widget in watched:
        widget.removeEventFilter(counter)
    assert counter.seen == []
    assert sizes[0] == sizes[1]
    labels = {a.text(): toolbar.widgetForAction(a) for a in toolbar.actions()}
    assert "Undo" in labels and "Redo" in labels
    assert labels["Undo"].toolTip() == "Undo Tag figure “troops”"
    assert window.review_panel.count.text().endswith(" unreviewed")
