"""The article list shows syndicated copies as a group: a Copies column that sorts them together."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kzt_annotator.core.model import ArticleLines
from kzt_annotator.services.importing import import_paths
from kzt_annotator.services.project import article_lines
from kzt_annotator.ui.article_list import ArticleListModel
from tests.conftest import CORPUS, FIXTURES


def test_syndicated_copies_show_as_one_group(qtbot, qtmodeltester, repo, make_window):
    import_paths(repo, [FIXTURES / "exports" / "syndication.txt", CORPUS])
    window = make_window(repo)
    model = window.article_model
    column = model.columns.index("Copies")
    copies = {
        model.data(model.index(r, 0), Qt.ItemDataRole.UserRole + 1): model.index(r, column).data()
        for r in range(model.rowCount())
    }
    assert copies[1] == copies[2] == copies[3] == "group 1 · 3"
    assert [v for k, v in copies.items() if k > 3] == [""] * 6
    model.sort(column, Qt.SortOrder.AscendingOrder)
    assert model.article_ids()[:3] == [1, 2, 3]
    tip = model.index(model.row_of(3), 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Syndicated: one of 3 copies of the same text (group 1)" in tip
    plain = ArticleListModel()
    plain.set_lines(ArticleLines(*article_lines(repo), {}))
    qtmodeltester.check(plain)
