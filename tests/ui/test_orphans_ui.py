"""The orphans list: what a revision left without its passage is shown, placed again on the
selected text (undoably) or deleted."""

from __future__ import annotations

from kzt_annotator.core.kinds import Kind
from kzt_annotator.services import annotating
from kzt_annotator.services.importing import import_paths
from kzt_annotator.services.revision import replace_text


def _orphaned(repo, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(
        "Protests spread.\n\nOfficials said 40 people were hurt.\n\nA curfew holds.", encoding="utf-8"
    )
    (article,) = import_paths(repo, [source]).imported
    at = article.text.index("40 people")
    made = annotating.annotate(repo, annotating.new_annotation(article, Kind.FIGURE, at, at + 9, "tester"))
    revised = tmp_path / "b.txt"
    revised.write_text(
        "Protests spread.\n\nDoctors counted forty injured.\n\nA curfew holds.", encoding="utf-8"
    )
    assert len(replace_text(repo, str(article.id), revised).orphaned) == 1
    return article, made


def test_orphans_are_listed_and_placed_on_the_selection(qtbot, make_window, repo, tmp_path):
    article, made = _orphaned(repo, tmp_path)
    window = make_window(repo)
    dialog = window.show_orphans()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "40 people"
    dialog.grab().save(str(tmp_path / "orphans.png"))
    dialog.open_button.click()
    assert window.workspace.article.id == article.id
    text = repo.article(article.id).text
    start = text.index("forty injured")
    window.workspace.reader.select_span(start, start + len("forty injured"))
    dialog.place_button.click()
    placed = repo.annotation(made.id)
    assert not placed.orphaned and placed.text == "forty injured"
    assert dialog.table.rowCount() == 0
    window.workspace.undo_stack.undo()
    assert repo.annotation(made.id).orphaned


def test_an_orphan_can_be_deleted(qtbot, make_window, repo, tmp_path):
    _article, made = _orphaned(repo, tmp_path)
    window = make_window(repo)
    dialog = window.show_orphans()
    dialog.delete_button.click()
    assert repo.annotations_by_ids([made.id]) == [] and dialog.table.rowCount() == 0
