"""File → Export and Import annotations from the window, on the worker thread."""

from __future__ import annotations

import pandas as pd

from kzt_annotator.services.exporting import ExportFilter
from kzt_annotator.store.repository import open_repository
from kzt_annotator.ui import exchange_actions
from kzt_annotator.ui.export_dialog import ExportDialog, ExportOptions
from tests.figures_fixture import tag_corpus_figures
from tests.ui.test_workspace import import_corpus


def wait(qtbot, job):
    with qtbot.waitSignal(job.finished, timeout=30_000):
        pass


def test_export_csv_then_import_into_another_project(qtbot, make_window, corpus_repo, dialogs, tmp_path):
    tag_corpus_figures(corpus_repo)
    window = make_window(corpus_repo)
    dialogs.save_path = tmp_path / "out.csv"
    dialogs.export_options = ExportOptions(ExportFilter(kind="figure"), bom=True)
    wait(qtbot, exchange_actions.export(window, "csv"))
    assert len(pd.read_csv(dialogs.save_path, encoding="utf-8-sig")) == 19

    other = open_repository(tmp_path / "other.sqlite")
    second = make_window(other)
    import_corpus(qtbot, second)
    dialogs.annotation_file = dialogs.save_path
    wait(qtbot, exchange_actions.import_file(second))
    second.flush_refresh()
    assert len(other.annotations()) == 19
    # 9 groups: "price" is two, a ratio (doubling: percent of a base) and a count (four cents)
    assert second.discrepancy_panel.groups.rowCount() == 9
    other.close()


def test_html_report_of_the_open_article(qtbot, make_window, corpus_repo, dialogs, tmp_path):
    window = make_window(corpus_repo)
    window.open_article(3)
    dialogs.save_path = tmp_path / "r.html"
    wait(qtbot, exchange_actions.export(window, "html"))
    assert "Courthouse News Service" in dialogs.save_path.read_text()


def test_export_dialog_builds_a_filter(qtbot):
    dialog = ExportDialog("CSV", ["alice", "bob"], (3, "An article"))
    qtbot.addWidget(dialog)
    dialog.only_article.setChecked(True)
    dialog.annotator.setCurrentText("bob")
    dialog.raw.setChecked(True)
    options = dialog.options()
    assert options.filter == ExportFilter(article_id=3, annotator="bob") and options.raw and not options.bom


def test_a_long_article_title_is_cut_after_a_word_with_an_ellipsis(qtbot):
    title = "Kazakhstan: President Tokayev orders troops to shoot to kill without warning"
    dialog = ExportDialog("CSV", [], (3, title))
    qtbot.addWidget(dialog)
    assert dialog.only_article.text() == "Only “Kazakhstan: President Tokayev orders troops to…”"
    assert dialog.only_article.toolTip() == title
    assert ExportDialog("CSV", [], (3, "Short title")).only_article.text() == "Only “Short title”"
