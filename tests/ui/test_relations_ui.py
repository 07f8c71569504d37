"""Relations in the GUI: made from the editor, shown, removed with an annotation, undone."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kzt_annotator.core.kinds import Kind
from kzt_annotator.services.annotating import annotate, new_annotation


def test_relate_from_the_editor_and_delete_with_undo(qtbot, make_window, corpus_repo):
    article = corpus_repo.article(2)
    claim = annotate(corpus_repo, new_annotation(article, Kind.CLAIM, 0, 10, "tester"))
    speaker = annotate(
        corpus_repo, new_annotation(article, Kind.ATTRIBUTION, 20, 30, "tester", linked_ids=(claim.id,))
    )
    figure = annotate(corpus_repo, new_annotation(article, Kind.FIGURE, 40, 50, "tester", {"value": "5"}))
    win = make_window(corpus_repo)
    win.open_article(2)
    ws = win.workspace
    ws.select_annotation(speaker.id)
    ws.edit_selected()
    relate = win.editor.relate_field()
    labels = [relate.itemText(i) for i in range(relate.count())]
    assert any(label.startswith("source_of → figure") for label in labels), labels
    assert not any(label.startswith("supports") for label in labels)  # it has its own field
    relate.setCurrentIndex(next(i for i, label in enumerate(labels) if label.startswith("source_of")))
    qtbot.keyClick(win.editor.field("speaker"), Qt.Key.Key_Return)
    types = sorted(r.type for r in corpus_repo.relations())
    assert types == ["source_of", "supports"]
    ws.undo_stack.undo()
    assert [r.type for r in corpus_repo.relations()] == ["supports"]
    ws.undo_stack.redo()

    # Deleting the claim takes its relation with it; undo restores both.
    ws.select_annotation(claim.id)
    assert ws.delete_selected()
    assert corpus_repo.annotations_by_ids([claim.id]) == []
    assert [r.type for r in corpus_repo.relations()] == ["source_of"]
    ws.undo_stack.undo()
    assert sorted(r.type for r in corpus_repo.relations()) == ["source_of", "supports"]
    assert corpus_repo.annotation(speaker.id).linked_ids == (claim.id,)
    assert figure.id in {r.target_id for r in corpus_repo.relations()}


def test_a_kind_added_elsewhere_appears_with_the_next_outside_change(make_window, corpus_repo):
    from kzt_annotator.services.schema_admin import add_kind
    from kzt_annotator.store.repository import open_repository

    win = make_window(corpus_repo)
    win.pick_up_outside_changes()  # the first look only remembers the state
    other = open_repository(corpus_repo.url, backup_keep=0)  # a script on the same project
    try:
        add_kind(other, "frame", ["frame_type:category=economic,security"])
    finally:
        other.close()
    assert "tag_frame" not in win.actions_by_name
    assert win.pick_up_outside_changes()
    assert "tag_frame" in win.actions_by_name and "Frame" in win.article_model.columns
