"""The corpus search dialog: an accent-folded result shows and selects the accented word."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kzt_annotator.core.model import NewArticle

TEXT = "Café owners said 40 people were hurt, Tokayev, the president, said."


def test_a_folded_match_is_shown_and_selected_where_it_is(qtbot, make_window, repo):
    repo.add_articles([NewArticle(text=TEXT, title="Cafés", source_file="c.txt")])
    window = make_window(repo)
    window.flush_refresh()
    dialog = window.open_search()
    qtbot.keyClicks(dialog.query, "cafe OR tokayev")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    shown = [dialog.model.index(r).data() for r in range(dialog.model.rowCount())]
    assert shown[0] == "Cafés\n    «Café» owners said 40 people were hurt, Tokaye…"
    assert "hurt, «Tokayev», the" in shown[1]
    window.jump_to(dialog.model.hits[0])
    start, end = window.reader.selection_span()
    assert window.reader.article.text[start:end] == "Café"
    dialog.close()
